/**
 * The bounded file reader: regular files only, a cap per input, never more than cap + 1 bytes read, and
 * errors that name the input, the path and the rule but never the content.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../src/shared/errors.js'
import { checkInputFile, FILE_CAPS, readInputFile } from '../src/config/input-file.js'
import { estimateSecurityDomainBytes } from '../src/security-domain/size.js'

const dir = mkdtempSync(join(tmpdir(), 'input-file-'))
const servers: Server[] = []
afterAll(() => {
  for (const s of servers) s.close()
  rmSync(dir, { recursive: true, force: true })
})

function refusal(fn: () => unknown): ConfigurationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ConfigurationError) return e
    throw e
  }
  throw new Error('expected a ConfigurationError')
}

describe('readInputFile', () => {
  it('reads a regular file, also through a symbolic link, up to exactly the cap', () => {
    const path = join(dir, 'ok.pem')
    writeFileSync(path, 'x'.repeat(100))
    expect(readInputFile('release-policy', path, 100).toString()).toBe('x'.repeat(100))
    symlinkSync(path, join(dir, 'link.pem'))
    expect(readInputFile('release-policy', join(dir, 'link.pem'), 100)).toHaveLength(100)
    expect(() => checkInputFile('release-policy', path, 100)).not.toThrow()
  })

  it('refuses a file over the cap, naming the input, the path and the cap, not the content', () => {
    const path = join(dir, 'big.json')
    writeFileSync(path, 'SECRET'.repeat(20))
    const e = refusal(() => readInputFile('release-policy-test', path, 64))
    expect(e.message).toBe(
      `Input 'release-policy-test': '${path}' is larger than 64 bytes, the most this input reads`
    )
  })

  it('reads at most cap + 1 bytes of a file that reports a smaller size than it holds', () => {
    // /proc files report size 0 and hold more: the bytes read decide, as for a file that grows meanwhile.
    const e = refusal(() => readInputFile('wrapping-certificates', '/proc/self/status', 16))
    expect(e.rule).toMatch(/is larger than/)
  })

  const fifo = join(dir, 'pipe')
  execFileSync('mkfifo', [fifo])
  const socketPath = join(dir, 'sock')
  mkdirSync(join(dir, 'a-directory'))
  symlinkSync('/dev/zero', join(dir, 'zero-link'))

  const REFUSED: Array<[string, () => string, RegExp]> = [
    ['/dev/zero', () => '/dev/zero', /is a character device; give the path of a regular file/],
    ['/dev/null', () => '/dev/null', /is a character device/],
    ['a symbolic link to /dev/zero', () => join(dir, 'zero-link'), /is a character device/],
    ['a named pipe with no writer', () => fifo, /is a named pipe/],
    ['a directory', () => join(dir, 'a-directory'), /is a directory/],
    [
      'a socket',
      () => {
        const s = createServer()
        s.listen(socketPath)
        servers.push(s)
        return socketPath
      },
      /is a socket/
    ],
    ['a missing file', () => join(dir, 'missing.pem'), /cannot be read \(no such file: ENOENT\)/],
    ['a path through a file', () => join(dir, 'ok.pem', 'x'), /cannot be read \(.*ENOTDIR\)/]
  ]

  it.each(REFUSED)('refuses %s at once, naming the input and the path', async (_label, pathOf, rule) => {
    const path = pathOf()
    await new Promise(r => setTimeout(r, 20))
    const started = Date.now()
    const e = refusal(() => readInputFile('security-domain-file', path, FILE_CAPS.securityDomain))
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(e.input).toBe('security-domain-file')
    expect(e.rule).toContain(`'${path}'`)
    expect(e.rule).toMatch(rule)
  })

  it('shows the path as the user spelled it', () => {
    const e = refusal(() => readInputFile('release-policy', '/dev/zero', 10, 'policy.json'))
    expect(e.message).toBe(
      "Input 'release-policy': 'policy.json' is a character device; give the path of a regular file"
    )
  })
})

describe('FILE_CAPS', () => {
  it('leave room for the largest security domain, and keep certificates, keys and policies small', () => {
    const largest = estimateSecurityDomainBytes(Array.from({ length: 10 }, () => 4096))
    expect(largest).toBeGreaterThan(25_000)
    expect(FILE_CAPS.securityDomain).toBeGreaterThanOrEqual(8 * largest)
    expect(FILE_CAPS.securityDomain).toBeLessThanOrEqual(1024 * 1024)
    expect(FILE_CAPS.certificate).toBe(64 * 1024)
    expect(FILE_CAPS.privateKey).toBe(64 * 1024)
    expect(FILE_CAPS.policy).toBe(1024 * 1024)
  })
})
