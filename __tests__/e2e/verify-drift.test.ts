/**
 * End to end: nightly verification on a converged environment, then each kind of drift made outside the
 * action (the way a person with the Azure SDKs would), detected and named by verify, which never writes.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { peek, useScenario } from './harness.js'

const hsm = 'drift-e2e'
const VM = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'
const AUDITOR = '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3'
const hsmUri = () => `https://${hsm}.managedhsm.azure.net/`

/** Runs verify; asserts it wrote nothing; returns the report and the run. */
async function verify() {
  const since = (await s.emu.requests()).length
  const run = await s.run({ ...s.inputs(), mode: 'verify' })
  expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  return { run, report: JSON.parse(run.outputs.drift) as DriftReport }
}

/** What verify fails on or reports as drift: the posture's warnings and information are posture-settings' to test. */
const drifted = (r: DriftReport) =>
  r.checks.filter(c => c.status !== 'ok' && c.severity !== 'warning' && c.severity !== 'info')

const s = useScenario({
  hsm,
  stores: 'both',
  inputs: () => ({
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM} | /keys/KeyEncryptionKey`,
    'release-policy-preset': 'sev-snp-cvm'
  })
})
beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
}, 120_000)

describe('verify', () => {
  it('reports no drift on the converged environment, with a summary table and no secret', async () => {
    const { run, report } = await verify()
    expect(errorsOf(run)).toEqual([])
    expect(report.status).toBe('converged')
    expect(report.checks.map(c => c.id)).toEqual(
      expect.arrayContaining([
        'provision',
        'activate.wrappingKey.1',
        'activate.escrow.recoverable',
        'rbac',
        'key'
      ])
    )
    expect(run.summary).toMatch(/\| Step \| Result \| Details \| Duration \|/)
    expect(run.summary).toMatch(/\| key \| ✅ in sync/)
    const sd = await peek(s.info, 'blob-get', s.urls().sdBlob())
    const secretParts = sd.match(/[A-Za-z0-9_-]{40,}/g) ?? []
    expect(secretParts.length).toBeGreaterThan(5)
    expect(secretParts.filter(p => run.everything.includes(p.slice(0, 30)))).toEqual([])
  })

  it('names a missing role assignment, and apply puts it back', async () => {
    const list = JSON.parse(await azureClient(s.info, 'role-list', hsmUri(), VM)) as {
      value: Array<{ name: string; properties: { scope: string } }>
    }
    const assignment = list.value.find(a => a.properties.scope === '/keys/KeyEncryptionKey')
    expect(assignment).toBeDefined()
    await azureClient(s.info, 'role-delete', hsmUri(), '/keys/KeyEncryptionKey', assignment!.name)
    const { run, report } = await verify()
    expect(run.code).toBe(1)
    expect(drifted(report).map(c => c.id)).toEqual([`rbac.assignment.${assignment!.name}`])
    // People read it in words: what is missing, for whom, where; and what to do.
    expect(errorsOf(run).join('\n')).toMatch(
      new RegExp(
        `- role assignment missing: 'Managed HSM Crypto Service Release User' for ${VM} at /keys/KeyEncryptionKey; assignment name ${assignment!.name}\n` +
          'What to do: run mode: apply to repair, or change the inputs if the change was intended'
      )
    )
    expect(errorsOf(run).join('\n')).not.toContain('rbac.assignment')
    expect((await s.run(s.inputs())).code).toBe(0)
    expect((await verify()).report.status).toBe('converged')
  })

  it('lists an extra role assignment of a managed principal as drift', async () => {
    const name = '0b7e5c1a-2f3d-4e6b-8a9c-1d2e3f4a5b6c'
    await azureClient(s.info, 'role-put', hsmUri(), '/', name, AUDITOR, VM)
    try {
      const { report } = await verify()
      const extra = drifted(report)
      expect(extra).toHaveLength(1)
      // Read-only, but the inputs manage this principal: a difference from them, not a mere warning.
      expect(extra[0]).toMatchObject({ step: 'posture', status: 'drift', severity: 'drift' })
      expect(extra[0].finding).toMatch(
        /'Managed HSM Crypto Auditor' for 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b at \/ is not intended: it can read keys and roles/
      )
    } finally {
      await azureClient(s.info, 'role-delete', hsmUri(), '/', name)
    }
  })

  it('names a disabled key, and apply enables it again', async () => {
    await azureClient(s.info, 'key-disable', hsmUri(), 'KeyEncryptionKey')
    const { report } = await verify()
    expect(drifted(report).map(c => c.id)).toEqual(['key.properties'])
    expect(JSON.stringify(drifted(report)[0].actual)).toMatch(/enabled: false -> true/)
    expect((await s.run(s.inputs())).code).toBe(0)
    expect(JSON.parse(await azureClient(s.info, 'key-show', hsmUri(), 'KeyEncryptionKey')).enabled).toBe(true)
  })

  it('names a missing escrow copy, and apply restores it from the other store', async () => {
    const sd = await peek(s.info, 'blob-get', s.urls().sdBlob())
    await azureClient(s.info, 'blob-delete', s.urls().sdBlob())
    const { report } = await verify()
    expect(drifted(report).map(c => c.id)).toEqual(['activate.escrow.present'])
    expect((await s.run(s.inputs())).code).toBe(0)
    expect(await peek(s.info, 'blob-get', s.urls().sdBlob())).toBe(sd)
  })

  it('names a tampered escrow', async () => {
    const sd = await peek(s.info, 'blob-get', s.urls().sdBlob())
    await azureClient(s.info, 'blob-delete', s.urls().sdBlob())
    await azureClient(s.info, 'blob-put', s.urls().sdBlob(), sd.replace('"required":2', '"required":3'))
    const { run, report } = await verify()
    expect(run.code).toBe(1)
    expect(drifted(report).map(c => c.id)).toEqual(['activate.escrow.integrity'])
    expect(String(drifted(report)[0].actual)).toMatch(/cannot be trusted/)
    // Which store holds the altered copy, in words.
    expect(drifted(report)[0].finding).toMatch(
      new RegExp(
        `^escrowed security domain altered: .*cannot be trusted:; ${s.urls().sdBlob().replace(/[.]/g, '\\.')}: `
      )
    )
  })
})
