/**
 * A preload that makes a run of dist/index.js trust the emulator's key attestation test root (`node --import`,
 * given through NODE_OPTIONS by the test harness). dist/index.js trusts only the pinned Marvell roots and reads
 * no variable that adds an anchor: this code, running inside the process before the bundle, puts the root's PEM
 * where src/attestation/roots.ts looks for a test anchor (a symbol on globalThis, which only code already in
 * the process can set). ATTESTATION_TEST_ROOT_FILE names the PEM file; the preload, not the bundle, reads it.
 * Written to a temporary folder at run time (no JS file in the repository).
 */
import { preloadFile } from './preload-file.js'

/** The key src/attestation/roots.ts reads (TEST_ANCHORS there). */
export const TEST_ANCHORS_KEY = 'managed-hsm-skr.attestation.test-anchors'

const PRELOAD = `
import { readFileSync } from 'node:fs';
const file = process.env.ATTESTATION_TEST_ROOT_FILE;
if (file) globalThis[Symbol.for(${JSON.stringify(TEST_ANCHORS_KEY)})] = [readFileSync(file, 'utf8')];
`

const file = preloadFile('attestation-preload-', PRELOAD)

/** `--import <file URL>` of the preload (written on first use), for NODE_OPTIONS. */
export const attestationPreloadOptions = (): string => file.options()

export const removeAttestationPreload = (): void => file.remove()
