/**
 * `npm start` (scripts/demo.ts) as a newcomer runs it: it exits 0, shows the grouped job log once and the
 * evidence for auditors (the key's attestation, the audit setting), plays the drift scene (verify fails after
 * an out-of-band change, the audit log's among them; apply repairs, verify passes) and writes the
 * rendered job summaries, one section per run, to the HTML file it names. Wording of the action's own
 * report is other tests' business: only exit codes, the drift output's presence and the file are checked.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { promisify } from 'node:util'

const TITLES = [
  'First run (creates what is missing)',
  'Second run (converged: nothing to change)',
  'Nightly drift check after an out-of-band change (mode: verify)',
  'Repair (mode: apply)',
  'Nightly drift check after the repair (mode: verify)'
]

describe('npm start', () => {
  it('shows the job log once, plays the drift scene and writes every run summary to an HTML file', async () => {
    const env = { ...process.env }
    delete env.NODE_OPTIONS
    const { stdout } = await promisify(execFile)(resolve('node_modules/.bin/tsx'), ['scripts/demo.ts'], {
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 280_000
    })
    // execFile rejects on a non-zero exit: reaching here means the demo exited 0.
    const runs = [...stdout.matchAll(/^== (.+): exit (\d+|null) in /gm)].map(m => [m[1], m[2]])
    expect(runs).toEqual([
      [TITLES[0], '0'],
      [TITLES[1], '0'],
      [TITLES[2], '1'],
      [TITLES[3], '0'],
      [TITLES[4], '0']
    ])
    // The grouped job log, once: every step's group heading appears a single time.
    for (const step of ['provision', 'activate', 'rbac', 'key', 'des'])
      expect(stdout.match(new RegExp(`^▼ ${step}$`, 'gm'))).toHaveLength(1)
    expect(stdout).not.toMatch(/^::/m)
    // The demo's Disk Encryption Set is built only on an HSM with purge protection (the action's rule).
    expect(stdout).toMatch(/^ +- purge protection: on \(permanent\)$/m)
    // The evidence an auditor asks for, after the first run: the key's attestation as verified (to the
    // emulator's test root, said so) with its evidence file, and the audit setting as Azure holds it.
    const first = stdout.slice(stdout.indexOf('Evidence for auditors:'), stdout.indexOf(`== ${TITLES[1]}`))
    expect(first).toMatch(/^ {2}Key attestation: verified \(MRVL-1\) to test root .*\(not Marvell\)/m)
    expect(first).toMatch(/^ {4}evidence file \S+\.json, SHA-256 [0-9a-f]{64}$/m)
    expect(first).toMatch(
      /^ {2}Audit log: diagnostic setting 'managed-hsm-skr-audit' sends AuditEvent to Log Analytics workspace 'contoso-skr-demo-audit' \(read back from Azure\)$/m
    )
    // The failing verify shows its drift output (the audit log switched off among the findings), and the
    // repair writes while the converged rerun does not.
    const failing = stdout.slice(stdout.indexOf(`== ${TITLES[2]}`), stdout.indexOf(`== ${TITLES[3]}`))
    expect(failing).toMatch(/drift output: /)
    expect(failing).toMatch(
      /audit log diagnostic setting differs: .*AuditEvent log: Azure not sent, inputs sent/
    )
    expect(stdout).toMatch(new RegExp(`== ${escape(TITLES[1])}: .*, 0 writes`))
    expect(stdout).toMatch(new RegExp(`== ${escape(TITLES[3])}: .*, [1-9]\\d* writes`))

    const path = /rendered as GitHub shows them: (\S+\.html)$/m.exec(stdout)?.[1]
    expect(path).toBeDefined()
    try {
      expect(existsSync(path as string)).toBe(true)
      const html = readFileSync(path as string, 'utf8')
      const sections = html.split('<section').slice(1)
      expect(sections).toHaveLength(TITLES.length)
      sections.forEach((section, i) => {
        expect(section).toContain(`<h2>${i + 1}. ${TITLES[i]} (exit ${i === 2 ? 1 : 0})</h2>`)
        // The summary itself, rendered: its table of steps, not Markdown source.
        expect(section).toContain('<table>')
        expect(section).not.toMatch(/^\| /m)
      })
    } finally {
      if (path) rmSync(dirname(path), { recursive: true, force: true })
    }
  }, 300_000)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
