/**
 * End to end through dist/index.js: creating an HSM says what it costs (issue 23 §5). The plan, the log and
 * the job summary say that billing starts at creation, with the price list's link and no unsourced figure;
 * the expires-at it set and that only a clean-up job acts on it; and, with purge protection, that a later
 * teardown keeps the name and may keep billing for retention-days. A rerun that creates nothing says none of it.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { useScenario } from './harness.js'

// No escrow stores: the file's runs only provision.
const s = useScenario({ emulator: { provisioningSeconds: 1 }, stores: 'none' })

const PRICING = 'https://azure.microsoft.com/pricing/details/key-vault/'
const provision = (name: string, extra: Record<string, string> = {}) =>
  s.run(s.inputsFor(name, { steps: 'provision', ...extra }))

describe('the cost of a new HSM', () => {
  it('plan says billing would start, with the price list, before anything is created', async () => {
    const run = await provision('cost-plan', { mode: 'plan', 'expires-after': '2d' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(
      `billing starts when it is created and runs for every hour it exists, until it is deleted and purged (rates by region: ${PRICING})`
    )
    expect(run.summary).toContain('billing starts when it is created')
    expect(run.stdout).toMatch(/expires-at tag \d{4}-\d\d-\d\dT[\d:.]+Z \(expires-after\): information only/)
  })

  it('apply logs and summarises that billing has started, the expires-at it set and that a clean-up job must exist', async () => {
    const run = await provision('cost-ephemeral', { 'expires-after': '2d' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      new RegExp(
        `::notice::provision: Managed HSM 'cost-ephemeral' exists: billing for it has started and runs until it is deleted and purged \\(rates: ${PRICING.replace(/[.?/]/g, '\\$&')}\\)`
      )
    )
    const tag = JSON.parse(await azureClient(s.info, 'hsm-show', s.info.resourceGroup, 'cost-ephemeral'))
      .tags['expires-at'] as string
    // The expires-at said is the one set.
    expect(run.summary).toContain(`expires-at tag ${tag} (expires-after): information only`)
    expect(run.summary).toMatch(
      /a scheduled clean-up job \(mode: teardown with only-if-expired\) runs: make sure one exists/
    )
    // Escaped as every value is (no autolink), the same address reads in the rendered summary.
    expect(run.summary).toContain('https&#58;//azure.microsoft.com/pricing/details/key-vault/')
    // No amount without its region and date: none at all.
    expect(run.summary).not.toMatch(/[$€£]\s?\d|\d+(\.\d+)?\s?(USD|EUR)\b/)
    expect(run.summary).not.toMatch(/purge protection on: a later teardown/)
  })

  it('with purge protection, says a later teardown keeps the name and may keep billing for retention-days', async () => {
    const run = await provision('cost-protected', {
      'purge-protection': 'true',
      'confirm-purge-protection': 'cost-protected',
      'retention-days': '30'
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.summary).toContain(
      'purge protection on: a later teardown deletes it but cannot purge it; the name stays taken and it may keep billing for retention-days (30 days) after the delete'
    )
    expect(run.summary).toContain('no expires-after: it lives (and bills) until someone runs mode: teardown')
  })

  it('a rerun that creates nothing says nothing about billing', async () => {
    const run = await provision('cost-ephemeral', { 'expires-after': '2d' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).not.toMatch(/billing/)
    expect(run.summary).not.toMatch(/billing/)
  })
})
