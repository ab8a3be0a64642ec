/**
 * End to end through dist/index.js: verify judges every role assignment that reaches the key, not only those
 * of the principals the inputs name. A stranger who can release or change the key, grant roles or take the
 * security domain is critical (verify fails whatever fail-on-drift says; apply fails after its writes; plan
 * lists it and exits 0); a stranger who can only read is a warning; a custom role is judged by its
 * permissions, never by its name; known-principals declares holders; prune-role-assignments removes the
 * strangers, listed first in the plan.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { peek, useScenario } from './harness.js'

const hsm = 'access-e2e'
const hsmUri = `https://${hsm}.managedhsm.azure.net/`
const KEY = 'KeyEncryptionKey'
const VM = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'
const STRANGER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'
const ROLE = {
  releaseUser: '21dbd100-6940-42c2-9190-5d6cb909625c',
  cryptoUser: '21dbd100-6940-42c2-9190-5d6cb909625b',
  administrator: 'a290e904-7015-4bba-90c8-60543313cdb4',
  auditor: '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3'
}
const ASSIGNMENT = '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f'

/** verify, with no write; its report and run. */
async function verify(extra: Record<string, string> = {}) {
  const since = (await s.emu.requests()).length
  const run = await s.run({ ...s.inputs(extra), mode: 'verify' })
  expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  return { run, report: JSON.parse(run.outputs.drift) as DriftReport }
}

const grant = (scope: string, role: string, principal = STRANGER, name = ASSIGNMENT) =>
  azureClient(s.info, 'role-put', hsmUri, scope, name, role, principal)
/**
 * This file's posture area, who holds rights on the key. The other areas (the escrow pin, the HSM's
 * exposure, its settings) have their own files and report the emulator's plain HSM here too.
 */
const posture = (r: DriftReport) =>
  r.checks.filter(c => c.step === 'posture' && c.id.startsWith('posture.access.') && c.status !== 'ok')

const s = useScenario({
  hsm,
  inputs: () => ({
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM} | /keys/${KEY}`,
    'release-policy-preset': 'sev-snp-cvm'
  })
})
beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
}, 120_000)

/** Each test leaves the HSM as the inputs want it: the stranger's assignment gone wherever it was made. */
let madeAt: string | undefined
afterEach(async () => {
  if (madeAt) await azureClient(s.info, 'role-delete', hsmUri, madeAt, ASSIGNMENT).catch(() => undefined)
  madeAt = undefined
})

describe('who can take the key', () => {
  it('a converged HSM: every holder intended, listed in the summary, in sync', async () => {
    const { run, report } = await verify()
    expect(errorsOf(run)).toEqual([])
    expect(report.status).toBe('converged')
    expect(report.counts).toMatchObject({ critical: 0, drift: 0 })
    expect(run.summary).toMatch(/### Who can take the key/)
    expect(run.summary).toMatch(
      new RegExp(
        `\\| <code>${VM}</code> \\| Managed HSM Crypto Service Release User \\| <code>/keys/${KEY}</code> \\| release the key \\| ✅ role-assignments \\|`
      )
    )
    expect(run.summary).toMatch(
      /\| Managed HSM Administrator \| <code>\/<\/code> \| .*grant any role.* \| ✅ the action's identity \|/
    )
    expect(run.summary).not.toMatch(/not intended/)
  })

  for (const [what, scope, role, allows] of [
    ['Crypto Service Release User at /', '/', ROLE.releaseUser, /can release the key/],
    [
      'Crypto User on the key',
      `/keys/${KEY}`,
      ROLE.cryptoUser,
      /can release the key, change or delete the key/
    ],
    ['Administrator at /', '/', ROLE.administrator, /grant any role \(itself included\)/]
  ] as const) {
    it(`a stranger with ${what} is critical: verify fails whatever fail-on-drift says`, async () => {
      madeAt = scope
      await grant(scope, role)
      const { run, report } = await verify({ 'fail-on-drift': 'false' })
      expect(run.code).toBe(1)
      expect(report.status).toBe('drift')
      expect(report.counts.critical).toBe(1)
      const [finding] = posture(report)
      expect(finding).toMatchObject({
        id: `posture.access.${ASSIGNMENT}`,
        status: 'drift',
        severity: 'critical'
      })
      expect(finding.finding).toContain(`for ${STRANGER} at ${scope} is not intended: it can`)
      expect(finding.finding).toMatch(allows)
      expect(finding.finding).toContain(`assignment name ${ASSIGNMENT}`)
      expect(finding.hint).toContain(
        `az keyvault role assignment delete --hsm-name ${hsm} --scope ${scope} --name ${ASSIGNMENT}`
      )
      expect(errorsOf(run).join('\n')).toMatch(
        /verify: 1 critical finding\(s\).*\n- critical: .*not intended/
      )
      expect(run.summary).toMatch(/❌ Critical: 1 finding\(s\)/)
      expect(run.summary).toMatch(
        new RegExp(`\\| <code>${STRANGER}</code> \\| .* \\| ❌ not intended \\(critical\\) \\|`)
      )
    })
  }

  it('apply fails after its writes while a stranger can release the key; plan lists it and exits 0', async () => {
    madeAt = '/'
    await grant('/', ROLE.releaseUser)
    const plan = await s.run({ ...s.inputs(), mode: 'plan' })
    expect(plan.code).toBe(0)
    const planned = JSON.parse(plan.outputs.drift) as DriftReport
    expect(posture(planned).map(c => c.severity)).toEqual(['critical'])
    const apply = await s.run(s.inputs())
    expect(apply.code).toBe(1)
    expect(errorsOf(apply).join('\n')).toMatch(
      new RegExp(
        `apply made its changes, but 1 critical finding\\(s\\) remain[^]*${STRANGER} at / is not intended`
      )
    )
    // Not silent: the failure names it, and the outputs still say what exists.
    expect(apply.outputs.KEK_KID).toMatch(new RegExp(`^${hsmUri}keys/${KEY}/`))
  })

  it('a stranger who can only read is a warning: verify passes and says so', async () => {
    madeAt = '/'
    await grant('/', ROLE.auditor)
    const { run, report } = await verify()
    expect(run.code).toBe(0)
    expect(report.status).toBe('converged')
    expect(posture(report)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        finding: expect.stringMatching(/can read keys and roles/)
      })
    ])
    expect(run.stdout).toMatch(/posture \(warning\): 'Managed HSM Crypto Auditor' for 9d8c7b6a/)
  })

  it('a custom role named like a read-only built-in one is judged by its permissions', async () => {
    const custom = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
    await azureClient(
      s.info,
      'roledef-put',
      hsmUri,
      custom,
      'Managed HSM Crypto Auditor',
      JSON.stringify([
        { dataActions: ['Microsoft.KeyVault/managedHsm/keys/release/action'], notDataActions: [] }
      ])
    )
    madeAt = `/keys/${KEY}`
    await grant(`/keys/${KEY}`, custom)
    const { run, report } = await verify()
    expect(run.code).toBe(1)
    expect(posture(report)[0]).toMatchObject({ severity: 'critical' })
    expect(posture(report)[0].finding).toMatch(
      /'Managed HSM Crypto Auditor' \(custom role\) .*can release the key/
    )
  })

  it('a wildcard in a custom role counts as everything it could match', async () => {
    const custom = '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a'
    await azureClient(
      s.info,
      'roledef-put',
      hsmUri,
      custom,
      'keys reader',
      JSON.stringify([{ dataActions: ['Microsoft.KeyVault/managedHsm/keys/read/*'], notDataActions: [] }])
    )
    madeAt = '/keys'
    await grant('/keys', custom)
    const { report } = await verify()
    expect(posture(report)[0]).toMatchObject({ severity: 'critical' })
  })

  it('known-principals declares a holder the action does not manage', async () => {
    madeAt = '/'
    await grant('/', ROLE.administrator)
    const { run, report } = await verify({ 'known-principals': `${STRANGER} # break-glass group` })
    expect(run.code).toBe(0)
    expect(posture(report)).toEqual([])
    expect(run.summary).toMatch(
      new RegExp(
        `\\| <code>${STRANGER}</code> \\| Managed HSM Administrator \\| .* \\| ✅ known-principals \\|`
      )
    )
  })

  it('prune-role-assignments: plan lists the removal first, apply removes it, verify is in sync', async () => {
    await grant('/keys', ROLE.cryptoUser)
    madeAt = '/keys'
    const plan = await s.run({ ...s.inputs({ 'prune-role-assignments': 'true' }), mode: 'plan' })
    expect(plan.code).toBe(0)
    expect(plan.stdout).toMatch(
      new RegExp(
        `rbac: would remove 'Managed HSM Crypto User' of ${STRANGER} at scope /keys \\(not intended\\)`
      )
    )
    const apply = await s.run(s.inputs({ 'prune-role-assignments': 'true' }))
    expect(errorsOf(apply)).toEqual([])
    expect(apply.stdout).toMatch(/removed role assignment 3f2e1d0c/)
    const { run, report } = await verify()
    expect(run.code).toBe(0)
    expect(posture(report)).toEqual([])
    // The intended holders are all still there.
    const vm = JSON.parse(await azureClient(s.info, 'role-list', hsmUri, VM)) as { value: unknown[] }
    expect(vm.value).toHaveLength(1)
    expect(run.summary).toMatch(/✅ the action's identity/)
  })
})

describe('role-assignments that grant release of every key (issue 23 §4)', () => {
  const OPT_IN = /set allow-broad-release: true if release of every key is intended/

  it('a built-in role that can release, at /keys for someone else, is refused before any request', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ 'role-assignments': `Managed HSM Crypto User | ${STRANGER} | /keys` }))
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(
      new RegExp(
        `Input 'role-assignments': 'Managed HSM Crypto User \\| ${STRANGER} \\| /keys' lets .* release every key`
      )
    )
    expect(errors).toMatch(new RegExp(`'Managed HSM Crypto User \\| ${STRANGER} \\| /keys/KEY-NAME'`))
    expect(errors).toMatch(OPT_IN)
    expect(await s.emu.requests(since)).toEqual([])
  })

  it('a custom role with keys/release at / is refused by its permissions before any write', async () => {
    const custom = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b'
    await azureClient(
      s.info,
      'roledef-put',
      hsmUri,
      custom,
      'key readers',
      JSON.stringify([
        { dataActions: ['Microsoft.KeyVault/managedHsm/keys/release/action'], notDataActions: [] }
      ])
    )
    const before = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm)) as {
      tags: Record<string, string>
    }
    const since = (await s.emu.requests()).length
    // The same run would also tag the HSM (provision, an ARM write) and create a key before rbac's turn.
    const run = await s.run(
      s.inputs({
        'role-assignments': `${custom} | ${STRANGER} | /`,
        tags: 'cost-centre=4711',
        'key-name': 'SecondKek'
      })
    )
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      new RegExp(`'key readers \\| ${STRANGER} \\| /' lets ${STRANGER} release every key`)
    )
    expect(errorsOf(run).join('\n')).toMatch(OPT_IN)
    expect(run.stdout).not.toMatch(/provision: |key: create/)
    expect(run.summary).toMatch(/\*\*❌ Refused before any step ran: nothing was changed in Azure\.\*\*/)
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
    // Azure as it was: the tags unchanged, no second key.
    const after = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm)) as {
      tags: Record<string, string>
    }
    expect(after.tags).toEqual(before.tags)
    expect(after.tags['cost-centre']).toBeUndefined()
    const plane = await s.emu.control<{ keys: Array<{ name: string }> }>(`/hsms/${hsm}/data-plane`)
    expect(plane.keys.map(k => k.name)).toEqual([KEY])

    // With the opt-in the same inputs go through: the refusal was the rule, not the reads.
    const allowed = await s.run(
      s.inputs({
        'role-assignments': `${custom} | ${STRANGER} | /`,
        'allow-broad-release': 'true',
        mode: 'plan',
        tags: 'cost-centre=4711',
        'key-name': 'SecondKek'
      })
    )
    expect(errorsOf(allowed)).toEqual([])
    expect(allowed.stdout).toMatch(new RegExp(`assign 'key readers' to ${STRANGER} at scope /`))
  })

  it('allow-broad-release: true lets plan propose it', async () => {
    const run = await s.run({
      ...s.inputs({
        'role-assignments': `Managed HSM Crypto Service Release User | ${STRANGER} | /keys`,
        'allow-broad-release': 'true'
      }),
      mode: 'plan'
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      new RegExp(`assign 'Managed HSM Crypto Service Release User' to ${STRANGER} at scope /keys`)
    )
  })
})
