/**
 * A preload that makes a run of dist/index.js trust the emulator's key attestation test root (`node --import`,
 * given through NODE_OPTIONS by the test harness). dist/index.js trusts only the pinned Marvell roots and reads
 * no variable that adds an anchor: this code, running inside the process before the bundle, puts the root's PEM
 * where src/attestation/roots.ts looks for a test anchor (a symbol on globalThis, which only code already in
 * the process can set). ATTESTATION_TEST_ROOT_FILE names the PEM file; the preload, not the bundle, reads it.
 * Written to a temporary folder at run time (no JS file in the repository).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The key src/attestation/roots.ts reads (TEST_ANCHORS there). */
export const TEST_ANCHORS_KEY = 'managed-hsm-skr.attestation.test-anchors'

const PRELOAD = `
import { readFileSync } from 'node:fs';
const file = process.env.ATTESTATION_TEST_ROOT_FILE;
if (file) globalThis[Symbol.for(${JSON.stringify(TEST_ANCHORS_KEY)})] = [readFileSync(file, 'utf8')];
`

let dir: string | undefined

/** `--import <file URL>` of the preload (written on first use), for NODE_OPTIONS. */
export function attestationPreloadOptions(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'attestation-preload-'))
  const file = join(dir, 'preload.mjs')
  writeFileSync(file, PRELOAD)
  return `--import ${pathToFileURL(file).href}`
}

export function removeAttestationPreload(): void {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
}
