/**
 * The one way the test and bench preloads reach a run of dist/index.js: their code is written to a temporary
 * folder at run time (no JS file in the repository) and named by `--import <file URL>` in NODE_OPTIONS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface PreloadFile {
  /** `--import <file URL>` of the preload (written on first use, rewritten on each call), for NODE_OPTIONS. */
  options(): string
  /** Removes the folder (the next options() makes a new one). */
  remove(): void
}

export function preloadFile(prefix: string, code: string): PreloadFile {
  let dir: string | undefined
  return {
    options() {
      dir ??= mkdtempSync(join(tmpdir(), prefix))
      const file = join(dir, 'preload.mjs')
      writeFileSync(file, code)
      return `--import ${pathToFileURL(file).href}`
    },
    remove() {
      if (dir) rmSync(dir, { recursive: true, force: true })
      dir = undefined
    }
  }
}

/** Adds a preload's `--import` (an `options()` answer) to whatever NODE_OPTIONS `env` already holds. */
export function addPreload(env: Record<string, string | undefined>, options: string): void {
  env.NODE_OPTIONS = [env.NODE_OPTIONS, options].filter(Boolean).join(' ')
}
