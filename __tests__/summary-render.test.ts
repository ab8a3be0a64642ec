/**
 * Every job summary rendered as GitHub renders it (Markdown with GFM, to HTML) and checked for structure:
 * line breaks kept (each detail line and every "What to do" on a line of its own), no markup from a value
 * from outside (only the summary's own tags, emphasis and links), and every step of the run listed, run or
 * not. The summaries come from a representative set of runs made here (hostile values fed in), each with
 * what it must show; the same structure checks run on every summary the whole suite produced, in Jest's
 * global teardown (support/summary-corpus-teardown.ts), so a run of `npm test` renders them all.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  azureClient,
  errorsOf,
  SUMMARY_CORPUS_ENV,
  type ActionRun,
  type CollectedSummary
} from '../scripts/local-runner.js'
import type { DriftReport } from '../src/report/drift.js'
import { useScenario } from './e2e/harness.js'
import {
  CMARK_INSTALL,
  lineBreakProblems,
  markupProblems,
  render,
  renderCmark,
  stepProblems,
  stepRows,
  summaryProblems
} from './support/summary-structure.js'

const hsm = 'render-e2e'
const VM = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'
/** What a value from outside may hold; none of it may become markup or a link (GitHub finds addresses too). */
const HOSTILE =
  '<img src=x onerror=alert(1)> | **b** `c` [l](https://evil.example) _e_ mailto:ops@evil.example xmpp:bot@evil.example root@evil.example'

// Own runs collect through the same path as the suite's (runAction), into a directory of this file's own
// unless the suite names one.
const external = process.env[SUMMARY_CORPUS_ENV]
const corpusDir = external ?? mkdtempSync(join(tmpdir(), 'summary-corpus-'))
process.env[SUMMARY_CORPUS_ENV] = corpusDir
afterAll(() => {
  if (!external) {
    delete process.env[SUMMARY_CORPUS_ENV]
    rmSync(corpusDir, { recursive: true, force: true })
  }
})

const s = useScenario({
  hsm,
  stores: 'both',
  inputs: () => ({
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM} | /keys/KeyEncryptionKey`,
    'release-policy-preset': 'sev-snp-cvm',
    tags: 'env=test'
  })
})

const runs: Record<string, ActionRun> = {}
beforeAll(async () => {
  // In the order a newcomer meets them; each later run builds on the Azure state the earlier ones left.
  runs.inputFailure = await s.run({
    ...s.inputs(),
    'hsm-name': `bad${HOSTILE}`,
    'retention-days': '3'
  })
  runs.signIn = await s.run(s.inputs(), {
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }
  })
  runs.plan = await s.run({ ...s.inputs(), mode: 'plan' })
  runs.firstApply = await s.run(s.inputs())
  runs.convergedApply = await s.run(s.inputs())
  runs.inSync = await s.run({ ...s.inputs(), mode: 'verify' })
  // The runner reaches the HSM through its private endpoint (an address of the virtual network): its data plane
  // still answers it once public access is off (the emulator enforces the network rules, emulator/README.md).
  await s.emu.setSettings({ callerAddresses: { '*': '10.0.0.9' } })
  await s.emu.control(`/hsms/${hsm}/private-endpoint-connections/pe-runner`, {
    method: 'PUT',
    body: JSON.stringify({ status: 'Approved' })
  })
  // Drift made outside the action, with a hostile tag value that spans two lines.
  await azureClient(
    s.info,
    'hsm-update',
    s.info.resourceGroup,
    hsm,
    JSON.stringify({
      tags: { env: `${HOSTILE}\nsecond line` },
      properties: { publicNetworkAccess: 'Disabled' }
    })
  )
  runs.drift = await s.run({ ...s.inputs(), mode: 'verify' })
  runs.moved = await s.run({ ...s.inputs(), location: 'northeurope' })
  runs.verifySd = await s.run({ ...s.inputs(), mode: 'verify-security-domain' })
  const teardown = { ...s.inputs(), mode: 'teardown', 'confirm-teardown': hsm }
  runs.leftAlone = await s.run({
    ...teardown,
    'only-if-expired': 'true',
    'teardown-lifetime': '7d'
  })
  runs.teardown = await s.run(teardown)
}, 600_000)

function corpus(): Array<CollectedSummary & { file: string }> {
  return readdirSync(corpusDir)
    .filter(f => f.endsWith('.json'))
    .map(f => ({ file: f, ...(JSON.parse(readFileSync(join(corpusDir, f), 'utf8')) as CollectedSummary) }))
}

describe('every job summary, rendered', () => {
  it('collects one summary per run', () => {
    expect(corpus().length).toBeGreaterThanOrEqual(Object.keys(runs).length)
  })

  it('keeps line breaks, holds no markup from a value, and lists every step', () => {
    const problems = corpus().flatMap(c => summaryProblems(c, c.file))
    expect(problems).toEqual([])
  })

  it('the structure checks can fail', () => {
    const md = `**${HOSTILE}**\n\n<img src=x>\n\nerror: x **What to do:** y\n\n### Steps\n\n| Step | Result |\n| --- | --- |\n| provision | done |\n`
    for (const bad of [render(md), renderCmark(md)]) {
      expect(markupProblems(bad)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/foreign tag <img/),
          expect.stringMatching(/foreign emphasis/)
        ])
      )
      expect(lineBreakProblems(bad)).toEqual([expect.stringMatching(/"What to do" inside a line/)])
      expect(stepProblems(bad.html, { steps: 'provision,key' })).toEqual([
        'step key not listed',
        "step provision: result 'done'"
      ])
    }
    // Only GitHub's renderer finds these addresses behind the backslash escapes marked honours.
    const escaped = 'mailto:ops\\@evil.example xmpp:bot\\@evil.example root\\@evil.example'
    expect(markupProblems(render(escaped))).toEqual([])
    expect(markupProblems(renderCmark(escaped))).toEqual([
      expect.stringMatching(/^a mailto: link/),
      expect.stringMatching(/^a xmpp: link/),
      expect.stringMatching(/^a mailto: link/)
    ])
  })

  it('without cmark-gfm the checks fail, naming the install command (never skipped)', () => {
    expect(() => renderCmark('x', 'cmark-gfm-not-installed')).toThrow(CMARK_INSTALL)
  })
})

describe('what each run shows', () => {
  /** The lines a reader sees, the same from GitHub's renderer (cmark-gfm) and from marked. */
  const text = (name: string) => {
    const lines = renderCmark(runs[name].summary).lines
    expect(render(runs[name].summary).lines).toEqual(lines)
    return lines
  }

  it('a refused input: says so, names the input, lists every step as not run, and shows the name as text', () => {
    expect(runs.inputFailure.code).toBe(1)
    const lines = text('inputFailure')
    expect(lines).toContain('❌ Input validation failed: nothing was read or changed in Azure.')
    expect(lines.join('\n')).toMatch(/Input 'retention-days'/)
    expect(lines.join('\n')).toContain(`bad${HOSTILE}`)
    expect(stepRows(render(runs.inputFailure.summary).html)).toEqual(
      ['provision', 'activate', 'rbac', 'key'].map(s => [s, '⏹️ not run'])
    )
  })

  it('a failed sign-in: says so, not that a step failed, and what to do on a line of its own', () => {
    expect(runs.signIn.code).toBe(1)
    const lines = text('signIn')
    expect(lines[1]).toBe('❌ Sign-in to Azure failed: nothing was read or changed in Azure.')
    expect(lines.join('\n')).not.toMatch(/provision failed/)
    expect(lines.some(l => /^What to do: .*id-token: write/.test(l))).toBe(true)
    expect(stepRows(render(runs.signIn.summary).html)).toEqual([
      ['provision', '⏹️ not run (sign-in failed)'],
      ['activate', '⏹️ not run'],
      ['rbac', '⏹️ not run'],
      ['key', '⏹️ not run']
    ])
  })

  it('plan from nothing: would create', () => {
    expect(errorsOf(runs.plan)).toEqual([])
    expect(stepRows(render(runs.plan.summary).html)[0]).toEqual(['provision', '🆕 would create'])
    expect(text('plan')[1]).toMatch(/^📝 Plan: .* nothing was changed/)
  })

  it('first apply: the escrow locations with SHA-256, the quorum, and the warnings', () => {
    expect(errorsOf(runs.firstApply)).toEqual([])
    const lines = text('firstApply')
    expect(lines).toContain(
      'Quorum: 2 of 3 wrapping keys recover the security domain (all 3 quorum subsets proven offline in this run).'
    )
    const escrow = lines.filter(l => /^(security domain|wrapping key \d) ¦ /.test(l))
    expect(escrow.map(l => l.split(' ¦ ')[0])).toEqual([
      'security domain',
      'security domain',
      'wrapping key 1',
      'wrapping key 2',
      'wrapping key 3'
    ])
    for (const l of escrow) expect(l).toMatch(/ ¦ https:\/\/\S+ ¦ [0-9a-f]{64}$/)
    expect(escrow[0]).toContain(s.urls().sdBlob())
    const warnings = lines.filter(l => l.startsWith('⚠️ '))
    expect(warnings).toEqual([
      expect.stringMatching(/generated in this run/),
      expect.stringMatching(/^⚠️ Purge protection is off/),
      expect.stringMatching(/^⚠️ No key backup/)
    ])
  })

  it('converged apply: nothing changed, and no first-run warnings again', () => {
    expect(errorsOf(runs.convergedApply)).toEqual([])
    const lines = text('convergedApply')
    expect(lines[1]).toBe('✅ Already in step with the inputs: nothing changed.')
    expect(lines.join('\n')).not.toMatch(/Warnings|Escrow/)
  })

  it('verify in sync: says so, and lists the escrow proofs that passed', () => {
    expect(errorsOf(runs.inSync)).toEqual([])
    const lines = text('inSync')
    expect(lines[1]).toBe('✅ In sync with the inputs.')
    expect(lines).toEqual(
      expect.arrayContaining([
        `escrowed wrapping key 1: escrowed in ${s.keysVault}/secrets/${hsm}-wrap-1, SHA-256 as recorded`,
        'escrow recovers the security domain: 3 of 3 2-key subsets recover it'
      ])
    )
    expect(runs.inSync.stdout).toMatch(/verify: in sync with the inputs/)
  })

  it('verify with drift: Azure and the inputs named, in words, then what to do', () => {
    const run = runs.drift
    expect(run.code).toBe(1)
    const lines = text('drift')
    expect(lines).toEqual(
      expect.arrayContaining([
        "Managed HSM settings differ: the inputs ask to update Managed HSM 'render-e2e'",
        'public network access: Azure Disabled, inputs Enabled',
        // The tag value's own line break is kept, and its markup is text.
        `tag env: Azure '${HOSTILE}`,
        "second line', inputs 'test'",
        'What to do: run mode: apply to repair, or change the inputs if the change was intended'
      ])
    )
    // Said once: the findings are the failure, and the summary has no second copy of them.
    expect(lines.filter(l => l.startsWith('What to do:'))).toHaveLength(1)
    // The log says the same in words, and never the check id; the JSON keeps the id for machines.
    const log = errorsOf(run).join('\n')
    expect(log).toMatch(/public network access: Azure Disabled, inputs Enabled/)
    expect(log).toMatch(/\nWhat to do: run mode: apply to repair/)
    expect(log).not.toMatch(/provision\.hsm\.properties/)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.checks.find(c => c.status === 'drift')).toMatchObject({
      id: 'provision.hsm.properties',
      finding: expect.stringMatching(/public network access: Azure Disabled, inputs Enabled/)
    })
    expect(report.whatToDo).toMatch(/^run mode: apply to repair/)
  })

  it('a failed step: the error and its "What to do" on lines of their own, later steps not run', () => {
    expect(runs.moved.code).toBe(1)
    const lines = text('moved')
    expect(lines[1]).toBe('❌ provision failed.')
    expect(lines.some(l => /^What to do: set location: /.test(l))).toBe(true)
    expect(
      stepRows(render(runs.moved.summary).html)
        .slice(1)
        .map(r => r[1])
    ).toEqual(['⏹️ not run', '⏹️ not run', '⏹️ not run'])
  })

  it('verify-security-domain: which key subsets recover', () => {
    expect(errorsOf(runs.verifySd)).toEqual([])
    expect(stepRows(render(runs.verifySd.summary).html)).toEqual([
      ['verify-security-domain', '✅ 3 of 3 key subsets recover']
    ])
    const subsets = text('verifySd').filter(l => / \+ .* ¦ /.test(l))
    expect(subsets).toHaveLength(3)
    for (const s of subsets) expect(s).toMatch(/-wrap-\d \+ \S+-wrap-\d ¦ ✅ yes$/)
  })

  it('teardown: left alone (younger than teardown-lifetime), then deleted', () => {
    expect(errorsOf(runs.leftAlone)).toEqual([])
    expect(stepRows(render(runs.leftAlone.summary).html)).toEqual([['teardown', '⏸️ left alone']])
    expect(text('leftAlone').join('\n')).toMatch(/left alone \(not expired until .*teardown-lifetime 7d\)/)
    expect(errorsOf(runs.teardown)).toEqual([])
    expect(stepRows(render(runs.teardown.summary).html)).toEqual([['teardown', '🗑️ deleted and purged']])
    expect(text('teardown')[1]).toBe('✅ Teardown: deleted and purged.')
  })
})
