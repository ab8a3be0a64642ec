/**
 * The client pool (scripts/client-pool.ts, clients/serve.mjs): a file's commands share a server process one at a
 * time, commands at once get servers of their own, and a result is the document the one-shot form prints.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { callClient } from '../../scripts/client-pool.js'

const ECHO = join(process.cwd(), '__tests__', 'emulator', 'clients', 'echo-client.mjs')
const env = { PATH: process.env.PATH ?? '', HTTPS_PROXY: 'http://127.0.0.1:9' }

describe('client pool', () => {
  it('answers as the one-shot form does', async () => {
    const args = { n: 1, s: 'é ✓' }
    const served = await callClient<{ args: unknown; proxy: string }>(ECHO, env, 'echo', args)
    const once = JSON.parse(
      execFileSync(process.execPath, [ECHO, 'echo', JSON.stringify(args)], { env, encoding: 'utf8' })
    )
    expect(served.args).toEqual(args)
    expect({ ...served, pid: 0 }).toEqual({ ...once, pid: 0 })
    expect(served.proxy).toBe('http://127.0.0.1:9')
  })

  it('reuses one server for commands in turn, and skips what a command writes besides its answer', async () => {
    const a = await callClient<{ pid: number }>(ECHO, env, 'echo', {})
    const b = await callClient<{ pid: number }>(ECHO, env, 'chatty', {})
    const c = await callClient<{ pid: number }>(ECHO, env, 'echo', { again: true })
    expect(b.pid).toBe(a.pid)
    expect(c.pid).toBe(a.pid)
  })

  it('gives commands at once servers of their own, and another environment its own server', async () => {
    const [a, b] = await Promise.all([
      callClient<{ pid: number }>(ECHO, env, 'slow', { ms: 300 }),
      callClient<{ pid: number }>(ECHO, env, 'slow', { ms: 300 })
    ])
    expect(a.pid).not.toBe(b.pid)
    const other = await callClient<{ pid: number; proxy: string }>(
      ECHO,
      { ...env, HTTPS_PROXY: 'http://127.0.0.1:10' },
      'echo',
      {}
    )
    expect([a.pid, b.pid]).not.toContain(other.pid)
    expect(other.proxy).toBe('http://127.0.0.1:10')
  })

  it('returns a failing command as the error document, and the server goes on', async () => {
    const failed = await callClient<{ error: { message: string; code: string } }>(ECHO, env, 'fail', {})
    expect(failed).toEqual({ error: { message: 'refused', code: 'Nope' } })
    expect(await callClient(ECHO, env, 'nonsense', {})).toEqual({
      error: { message: 'unknown command nonsense' }
    })
    expect(await callClient<{ args: unknown }>(ECHO, env, 'echo', { ok: 1 })).toMatchObject({
      args: { ok: 1 }
    })
  })

  it('lets a script that awaits an answer end once it has it: the idle server does not hold it', () => {
    const script = `import { callClient } from './scripts/client-pool.ts'
const r = await callClient(${JSON.stringify(ECHO)}, ${JSON.stringify(env)}, 'slow', { ms: 300 })
console.log(JSON.stringify(r))`
    const started = Date.now()
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' }
    })
    expect(JSON.parse(out.trim())).toMatchObject({ pid: expect.any(Number) })
    // Well before the idle server's own exit (15 s): the script did not wait for it.
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('fails a command that does not answer in time, naming it', async () => {
    await expect(callClient(ECHO, env, 'slow', { ms: 5000 }, 200)).rejects.toThrow(
      /client slow did not answer within 200 ms/
    )
  })
})
