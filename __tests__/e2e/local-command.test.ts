/**
 * `npm run local` (scripts/local.ts), as a user evaluating the action runs it (issue 23 §7): their own inputs
 * from a YAML file and the command line, against the emulator the command starts itself, dist/index.js run
 * as the runner would; the job log printed, the job summary written to the files it names, the action's exit
 * code passed on; --state keeps the emulator's Azure for a later run.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'local-command-'))

function local(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/local.ts', ...args],
      { timeout: 240_000, maxBuffer: 32 * 1024 * 1024 },
      (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr })
    )
  })
}

describe('npm run local', () => {
  it('runs your inputs (a YAML file, then --input), prints the log and writes the summary it names', async () => {
    const file = join(dir, 'inputs.yml')
    writeFileSync(file, 'hsm-name: local-e2e\nsteps: provision\nretention-days: 9\n')
    const out = join(dir, 'first')
    const run = await local([
      '--inputs',
      file,
      '--input',
      'tags=env=try\\nowner=me',
      '--state',
      join(dir, 'state'),
      '--out',
      out
    ])
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)])
    expect(run.stdout).toMatch(/Filled in for the emulator:\n {2}tenant-id: /)
    expect(run.stdout).not.toMatch(/ {2}retention-days: 7/) // given in the file, not filled in
    expect(run.stdout).toMatch(/▼ provision\n[^▼]*provision: create Managed HSM 'local-e2e'/)
    expect(run.stdout).toMatch(/- retention: 9 days/)
    expect(run.stdout).toContain(`Job summary: ${join(out, 'summary.md')}`)
    expect(run.stdout).toMatch(/The action exited with 0\./)
    const summary = readFileSync(join(out, 'summary.md'), 'utf8')
    expect(summary).toMatch(/^## Managed HSM for Secure Key Release: <code>local-e2e<\/code> \(apply\)/)
    expect(summary).toMatch(/\| provision \| 🆕 created \|/)
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toMatch(
      /<h2>1\. local-e2e \(apply\) \(exit 0\)<\/h2>/
    )

    // The same state: verify finds the HSM the first run made, with the tags given as two lines.
    const verify = await local([
      '--inputs',
      file,
      '--input',
      'tags=env=try\\nowner=me',
      '--input',
      'mode=verify',
      '--state',
      join(dir, 'state'),
      '--out',
      join(dir, 'second')
    ])
    expect(verify.code).toBe(0)
    expect(verify.stdout).toMatch(/ {2}drift: status converged/)
    expect(existsSync(join(dir, 'second', 'drift.json'))).toBe(true)
    expect(readFileSync(join(dir, 'second', 'summary.md'), 'utf8')).toMatch(/In sync with the inputs/)
  }, 300_000)

  it("passes the action's failure on: a misspelt input, refused, with its summary written", async () => {
    const out = join(dir, 'typo')
    const run = await local([
      '--input',
      'hsm-name=local-typo',
      '--input',
      'purge_protection=true',
      '--out',
      out
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /Error: [^]*Input 'purge_protection': unknown input; did you mean 'purge-protection'\?/
    )
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/Input validation failed/)
  }, 300_000)

  it('an argument it does not know: the usage, exit 2, nothing run', async () => {
    const run = await local(['--inptu', 'hsm-name=x'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/unknown argument '--inptu'\nusage: npm run local -- /)
    expect(run.stdout).toBe('')
  })
})
