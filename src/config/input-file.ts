/**
 * The one way the action reads a file an input names. An input is hostile until proven otherwise: its path
 * may name a device that never ends (/dev/zero), a named pipe that blocks the open forever, a directory, or
 * a file far larger than any certificate, key or policy. So: regular files only, a size cap per input, and
 * never more than cap + 1 bytes read even if the file grows meanwhile. Errors name the input, the path and
 * the rule, never the content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { ConfigurationError } from '../shared/errors.js'
import { POLICY_JSON_MAX_BYTES } from '../policy/index.js'

const KIB = 1024

/**
 * Size caps per kind of file. A PEM certificate or private key is a few KB; a release policy or its test
 * cases fit easily in a megabyte. The largest security domain (10 wrapping keys of 4096 bits) is about
 * 29 KB by estimateSecurityDomainBytes; the cap leaves room for eight times that.
 */
export const FILE_CAPS = {
  certificate: 64 * KIB,
  privateKey: 64 * KIB,
  policy: POLICY_JSON_MAX_BYTES,
  securityDomain: 256 * KIB
} as const

/** What a path turned out to be, in words, for the error message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isFIFO()) return 'a named pipe'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}

function sizeText(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`
  return bytes >= KIB * KIB ? `${bytes / (KIB * KIB)} MiB` : `${bytes / KIB} KiB`
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/**
 * Reads at most maxBytes of a regular file. `input` names the action input for the error; `shown` is how
 * the path is shown (the user's spelling, by default the path itself).
 */
export function readInputFile(input: string, path: string, maxBytes: number, shown = path): Buffer {
  const refuse = (rule: string): never => {
    throw new ConfigurationError(input, `'${shown}' ${rule}`)
  }
  const tooLarge = (): never => refuse(`is larger than ${sizeText(maxBytes)}, the most this input reads`)
  const regularWithinCap = (st: Stats): void => {
    if (!st.isFile()) refuse(`is ${kindOf(st)}; give the path of a regular file`)
    if (st.size > maxBytes) tooLarge()
  }
  let fd: number
  try {
    // stat before open, so a device is never even opened; fstat after, for a path swapped in between.
    regularWithinCap(statSync(path))
    // O_NONBLOCK: opening a named pipe with no writer returns at once instead of waiting forever.
    fd = openSync(path, OPEN_FLAGS)
  } catch (e) {
    if (e instanceof ConfigurationError) throw e
    return refuse(`cannot be read (${errnoText(e)})`)
  }
  try {
    regularWithinCap(fstatSync(fd))
    const buf = Buffer.alloc(maxBytes + 1)
    let n = 0
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null)
      if (got === 0) break
      n += got
    }
    // The file grew after fstat, or reports no size (as /proc files do): what was read decides.
    if (n > maxBytes) tooLarge()
    return buf.subarray(0, n)
  } catch (e) {
    if (e instanceof ConfigurationError) throw e
    return refuse(`cannot be read (${errnoText(e)})`)
  } finally {
    closeSync(fd)
  }
}

/** The same checks without keeping the content: for files read later in the run, checked before any request. */
export function checkInputFile(input: string, path: string, maxBytes: number, shown = path): void {
  readInputFile(input, path, maxBytes, shown).fill(0)
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links'
  }
  return code ? `${words[code] ?? 'error'}: ${code}` : 'unreadable'
}
