/**
 * The rescue location: where the security domain is kept when no store takes it after the download.
 *
 * Why a module of its own: the download activates the HSM once and for all, so a security domain that
 * can then be written nowhere is a lost HSM. The location is therefore proved before the download, and
 * nothing in a shared temporary directory may catch or redirect the file:
 * - a private directory made by mkdtemp (mode 0700, a name nobody can predict), under RUNNER_TEMP, else
 *   the OS temporary directory; proved by exclusively creating, writing, syncing and removing a file;
 * - the file itself created exclusively, without following a link (O_CREAT|O_EXCL|O_NOFOLLOW), mode 0600,
 *   under a random name, written in full and synced to disk; nothing here ever deletes it.
 */
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdtempSync,
  openSync,
  rmdirSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConflictError, errorMessage } from '../shared/errors.js'

/** Where the post phase finds a rescued security domain (saved state "<sha256> <path>"), to repeat it. */
export const RESCUE_STATE = 'rescued-security-domain'

/** A place the rescue directory may be made in, and how a person knows it. */
export interface RescueBase {
  name: string
  path: string | undefined
}

/** RUNNER_TEMP first (the runner's own, per job), then the OS temporary directory (TMPDIR, else /tmp). */
export function rescueBases(env: NodeJS.ProcessEnv = process.env, osTemp = tmpdir()): RescueBase[] {
  return [
    { name: 'RUNNER_TEMP', path: env.RUNNER_TEMP || undefined },
    { name: 'the OS temporary directory (TMPDIR)', path: osTemp || undefined }
  ]
}

/** Enough for the largest security domain (10 wrapping keys of 4096 bits make about 30 KB). */
export const PROBE_BYTES = 64 * 1024

const CREATE_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW

/** A random file name: nobody can plant a link or a file at it in advance. */
export function unpredictableName(prefix: string): string {
  return `${prefix}-${randomBytes(16).toString('hex')}.json`
}

export class RescueLocation {
  /** The rescue file, once written. */
  file?: string

  constructor(
    /** The private directory (0700). */
    readonly dir: string,
    /** Which base it is in (RUNNER_TEMP, or the OS temporary directory). */
    readonly base: RescueBase,
    /** Why the bases before it could not be used. */
    readonly skipped: string[]
  ) {}

  /**
   * Writes the security domain to a new file in the private directory and returns its path. `name` is
   * for tests; the default is unpredictable.
   */
  write(content: string | Buffer, name = unpredictableName('security-domain')): string {
    const path = join(this.dir, name)
    writeNewFile(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
    this.file = path
    return path
  }

  /** Removes the private directory if nothing was rescued into it; rmdir cannot remove a non-empty one. */
  discardIfEmpty(): void {
    if (!this.file) removeQuietly(() => rmdirSync(this.dir))
  }
}

/**
 * Makes and proves the private rescue directory in the first usable base. Throws a ConflictError naming
 * every base tried and why it failed, so the caller downloads nothing.
 */
export function prepareRescueLocation(
  bases: RescueBase[] = rescueBases(),
  probeBytes = PROBE_BYTES
): RescueLocation {
  const skipped: string[] = []
  for (const base of bases) {
    if (!base.path) {
      skipped.push(`${base.name}: not set`)
      continue
    }
    let dir: string | undefined
    let probe: string | undefined
    try {
      dir = privateDirectory(base.path)
      probe = join(dir, unpredictableName('write-probe'))
      writeNewFile(probe, Buffer.alloc(probeBytes))
      unlinkSync(probe)
      return new RescueLocation(dir, base, skipped)
    } catch (e) {
      // Only what this attempt made: a probe created exclusively, then the directory if it is empty.
      if (probe) removeQuietly(() => unlinkSync(probe as string))
      if (dir) removeQuietly(() => rmdirSync(dir as string))
      skipped.push(`${base.name} (${base.path}): ${fsErrorMessage(e)}`)
    }
  }
  throw new ConflictError(
    'no rescue location for the security domain is writable, so it was not downloaded and the HSM is not activated ' +
      '(if every security-domain-store refused it after the download, a file there would be its only copy). Tried:\n' +
      skipped.map(s => `- ${s}`).join('\n'),
    'make RUNNER_TEMP a writable directory with free space (on a self-hosted runner: check its disk and the ' +
      "runner's _work/_temp directory; without RUNNER_TEMP, TMPDIR or /tmp is used), then rerun"
  )
}

/** mkdtemp makes the directory 0700 under a random name; checked, since a base may hold anything. */
function privateDirectory(base: string): string {
  const dir = mkdtempSync(join(base, 'managed-hsm-sd-'))
  chmodSync(dir, 0o700)
  const st = lstatSync(dir)
  const uid = process.getuid?.()
  if (!st.isDirectory() || (st.mode & 0o777) !== 0o700 || (uid !== undefined && st.uid !== uid))
    throw new Error(`${dir} is not a private directory of this user (mode 0700)`)
  return dir
}

/** A file-system error as Node words it ("ENOTDIR: not a directory, mkdtemp '…'"), from any realm. */
export function fsErrorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | undefined)?.message
  return typeof message === 'string' && message ? message : errorMessage(e)
}

function removeQuietly(remove: () => void): void {
  try {
    remove()
  } catch {
    // Not there, or not empty: leave it.
  }
}

/** Creates `path` (never an existing file, never through a link), writes all of `content`, syncs it. */
function writeNewFile(path: string, content: Buffer): void {
  const fd = openSync(path, CREATE_FLAGS, 0o600)
  try {
    for (let written = 0; written < content.length;)
      written += writeSync(fd, content, written, content.length - written)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * What to do with a rescued security domain: the path and SHA-256, keep it before the job ends, put it
 * in a store with its SHA-256 and rerun; verify-security-domain and recover read the file as it is.
 */
export function rescueHint(path: string, sha256: string, store: string | undefined): string {
  return (
    `the security domain (SHA-256 ${sha256}) is saved ONLY in ${path} (mode 0600, a regular file in a private 0700 directory; ` +
    'encrypted to the wrapping keys). The runner empties its temporary directories when the job ends: copy it somewhere safe now ' +
    '(a later step with if: failure()), then put it in ' +
    (store ? `${store}` : 'a security-domain-store') +
    ` with the metadata (tag) sha256=${sha256} and rerun: the rerun finds the HSM active, checks that escrow and copies it to the other stores. ` +
    `mode: verify-security-domain and mode: recover also take it as security-domain-file: ${path} (with the wrapping private keys)`
  )
}

/**
 * From the download request until the escrow settles, the security domain exists only in Azure's answer
 * and in this process. If the job is cancelled then (the runner sends SIGINT, later SIGTERM, and kills
 * seconds after), the signal is held off: the download completes, the security domain is written to the
 * rescue location as soon as it is `hold`-ed, `announce` says where, and the escrow goes on; `release`
 * returns the signal so the caller can say where the security domain is and end the run as asked.
 */
export function guardSecurityDomain(
  location: RescueLocation,
  announce: (path: string | undefined, error?: unknown) => void
): { hold(content: string): void; release(): NodeJS.Signals | undefined } {
  let received: NodeJS.Signals | undefined
  let content: string | undefined
  let saved = false
  const save = (): void => {
    if (saved || !received || content === undefined) return
    saved = true
    try {
      announce(location.file ?? location.write(content))
    } catch (e) {
      announce(undefined, e)
    }
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    received ??= signal
    save()
  }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
  for (const s of signals) process.on(s, onSignal)
  return {
    hold(text) {
      content = text
      save()
    },
    release() {
      for (const s of signals) process.off(s, onSignal)
      return received
    }
  }
}
