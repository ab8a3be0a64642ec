/**
 * End to end: docs/setup.md's setup script runs as written against the emulator, and its "Permissions by
 * mode" table holds with the emulator enforcing Azure RBAC: with only the script's role assignments every
 * mode succeeds (escrow read back with read-only data roles where the table says "r"), and without the
 * subscription-scope row a mode fails with ARM's AuthorizationFailed naming the action.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requiredPermission, type RequiredPermission } from '../../emulator/services/arm/authorization.js'
import { errorsOf, runAction, type ActionRun } from '../../scripts/local-runner.js'
import { AzSetup, bashBlock, commands, type SetupRun } from '../support/az-setup.js'
import type { DriftReport } from '../../src/report/drift.js'
import { useScenario } from './harness.js'

let dir: string
let setup: SetupRun
let az: AzSetup

const s = useScenario({})

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'setup-e2e-'))
  await s.emu.setSettings({ enforceRbac: true })
  az = new AzSetup(s.info, dir)
  setup = await az.run(bashBlock('docs/setup.md', '## Setup script'), {
    SUBSCRIPTION_ID: s.info.subscriptionId
  })
}, 60000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const v = (name: string): string => setup.vars[name]

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  const blob = `https://${v('ESCROW_ACCOUNT')}.blob.core.windows.net/${v('ESCROW_CONTAINER')}/${v('HSM_NAME')}`
  return {
    'tenant-id': s.info.tenantId,
    'client-id': v('APP_ID'),
    'subscription-id': s.info.subscriptionId,
    'resource-group': v('RESOURCE_GROUP'),
    location: v('LOCATION'),
    'hsm-name': v('HSM_NAME'),
    'retention-days': '7',
    'wrapping-certificates': [1, 2, 3].map(i => join(dir, `custodian-${i}.cer`)).join('\n'),
    'security-domain-store': [
      `https://${v('ESCROW_VAULT')}.vault.azure.net/secrets/${v('HSM_NAME')}-security-domain`,
      `${blob}/security-domain.json`
    ].join('\n'),
    'key-backup-store': `${blob}/kek-backup.bin`,
    'release-policy-preset': 'sev-snp-cvm',
    ...extra
  }
}

const custodianKeys = (): string => [1, 3].map(i => join(dir, `custodian-${i}.key`)).join('\n')
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
/** The posture checks verify could not make for lack of a read permission. */
const notChecked = (run: ActionRun): string[] =>
  (JSON.parse(run.outputs.drift) as DriftReport).checks
    .filter(c => c.step === 'posture' && /not checked \(needs/.test(String(c.finding ?? '')))
    .map(c => c.id)

/** The role assignments of the workflow's identity, as ARM lists them (through the administrator). */
async function assignmentsOfApp(): Promise<
  { id: string; properties: { roleDefinitionId: string; scope: string } }[]
> {
  const body = (await az.armGet(
    `/subscriptions/${s.info.subscriptionId}/providers/Microsoft.Authorization/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${v('PRINCIPAL_ID')}'`)}&api-version=2022-04-01`
  )) as { value: { id: string; properties: { roleDefinitionId: string; scope: string } }[] }
  return body.value
}

/** The ARM actions each mode's run needed, with their scopes, from the emulator's request log. */
const needed: Record<string, RequiredPermission[]> = {}
/** How each mode's run used the escrow stores: 'write', 'read' or '' (not at all). */
const escrowUse: Record<string, { vault: string; container: string }> = {}

async function runMode(mode: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  const since = (await s.emu.requests()).length
  const run = await s.run(inputs({ mode, ...extra }))
  const log = (await s.emu.requests(since)).filter(r => r.callerOid === v('PRINCIPAL_ID'))
  const use = (host: string): string => {
    const seen = log.filter(r => r.host === host)
    return seen.some(r => r.write) ? 'write' : seen.length ? 'read' : ''
  }
  escrowUse[mode] = {
    vault: use(`${v('ESCROW_VAULT')}.vault.azure.net`),
    container: use(`${v('ESCROW_ACCOUNT')}.blob.core.windows.net`)
  }
  const arm = log.filter(r => r.host === 'management.azure.com')
  needed[mode] = arm.flatMap(r => {
    const segs = r.path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent)
    const p = requiredPermission(r.method, segs)
    return p ? [p] : []
  })
  return run
}

/** The modes a row of the "Permissions by mode" table marks (✓ or r). */
function tableRow(match: RegExp): Record<string, string> {
  const text = readFileSync('docs/setup.md', 'utf8')
  const table = text
    .slice(text.indexOf('## Permissions by mode'))
    .split('\n')
    .filter(l => l.startsWith('|'))
  const header = table[0].split('|').map(c => c.trim())
  const row = table.find(l => match.test(l))
  if (!row) throw new Error(`no table row matches ${match}`)
  const cells = row.split('|').map(c => c.trim())
  return Object.fromEntries(header.map((h, i) => [h, cells[i]]).filter(([h]) => h && h !== 'role (where)'))
}

function expectSuccess(run: ActionRun): void {
  expect(errorsOf(run)).toEqual([])
  expect(run.code).toBe(0)
}

describe('docs/setup.md', () => {
  it('runs as written: every az command the script uses reaches the emulated Azure', () => {
    expect(setup.ran).toEqual([
      'az account set',
      'az group create',
      'az keyvault create',
      'az storage account create',
      'az storage container-rm create',
      'az keyvault show',
      'az storage account show',
      'az ad app create',
      'az ad sp create',
      'az ad app federated-credential create',
      'az role assignment create',
      'az role definition create',
      'az role assignment create',
      'az role assignment create',
      'az role assignment create',
      'az role assignment create'
    ])
    expect(v('APP_ID')).toMatch(/^[0-9a-f-]{36}$/)
    expect(v('PRINCIPAL_ID')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('without the subscription-scope row, plan fails with AuthorizationFailed naming the action and scope', async () => {
    const all = await assignmentsOfApp()
    const subRow = all.find(a => a.properties.scope === `/subscriptions/${s.info.subscriptionId}`)
    expect(subRow).toBeDefined()
    await az.arm('DELETE', `${subRow!.id}?api-version=2022-04-01`)
    try {
      const run = await runMode('plan')
      expect(run.code).toBe(1)
      const errors = errorsOf(run).join('\n')
      expect(errors).toMatch(/AuthorizationFailed/)
      expect(errors).toMatch(/Microsoft\.KeyVault\/deletedManagedHsms\/read/i)
      expect(errors).toContain(
        `over scope '/subscriptions/${s.info.subscriptionId}/providers/Microsoft.KeyVault'`
      )
      // What to do names the refused action and the custom role of docs/setup.md (issue 23 §6).
      expect(errors).not.toMatch(/grant the role named in the message/)
      expect(run.summary).toMatch(
        /\*\*What to do:\*\* the workflow's identity may not perform Microsoft\.KeyVault\/deletedManagedHsms\/read at subscription scope: create and assign the custom role "Managed HSM SKR subscription operator" of docs\/setup\.md/
      )
    } finally {
      await az.arm('PUT', `${subRow!.id.replace(/[^/]+$/, randomUUID())}?api-version=2022-04-01`, {
        properties: {
          roleDefinitionId: subRow!.properties.roleDefinitionId,
          principalId: v('PRINCIPAL_ID'),
          principalType: 'ServicePrincipal'
        }
      })
    }
  }, 60000)

  it('with the table’s roles, plan and apply succeed', async () => {
    expectSuccess(await runMode('plan'))
    const apply = await runMode('apply')
    expectSuccess(apply)
    expect(apply.outputs.HSM_URI).toBe(`https://${v('HSM_NAME')}.managedhsm.azure.net/`)
  }, 120000)

  it('a read-only nightly identity: both blocks run as written, and verify passes with reads only', async () => {
    // The nightly job's own app registration, trusted for the same GitHub subject.
    const nightlyApp = randomUUID()
    const { principalId: nightly } = await s.emu.control<{ principalId: string }>(`/apps/${nightlyApp}`, {
      method: 'PUT',
      body: JSON.stringify({
        federatedCredentials: [
          { issuer: 'https://token.actions.githubusercontent.com', subject: s.info.oidcSubject }
        ]
      })
    })
    const section = '## A read-only identity for the nightly verify'
    const armBlock = bashBlock('docs/setup.md', `${section}\n`)
    const arm = await az.run(armBlock, {
      SUBSCRIPTION_ID: s.info.subscriptionId,
      RESOURCE_GROUP: v('RESOURCE_GROUP'),
      ESCROW_VAULT: v('ESCROW_VAULT'),
      ESCROW_ACCOUNT: v('ESCROW_ACCOUNT'),
      ESCROW_CONTAINER: v('ESCROW_CONTAINER'),
      NIGHTLY_PRINCIPAL_ID: nightly
    })
    expect(arm.ran).toEqual([
      'az keyvault show',
      'az storage account show',
      'az role assignment create',
      'az role definition create',
      'az role assignment create',
      'az role assignment create',
      'az role assignment create'
    ])

    // As an HSM administrator: the workflow's identity created the HSM.
    const hsmBlock = bashBlock('docs/setup.md', '### Inside the HSM')
    const asAdmin = new AzSetup(s.info, dir, v('APP_ID'))
    const run = await asAdmin.run(hsmBlock, { HSM_NAME: v('HSM_NAME'), NIGHTLY_PRINCIPAL_ID: nightly })
    expect(run.ran).toEqual(['az keyvault role definition create', 'az keyvault role assignment create'])
    const plane = (await s.emu.control(`/hsms/${v('HSM_NAME')}/data-plane`)) as {
      customRoles: { name: string; roleName: string; permissions: { dataActions: string[] }[] }[]
      roleAssignments: { principalId: string; scope: string; roleDefinitionId: string }[]
    }
    const role = plane.customRoles.find(r => r.roleName === 'Managed HSM SKR verify reader')
    expect(role?.permissions.flatMap(p => p.dataActions).sort()).toEqual(
      [
        'Microsoft.KeyVault/managedHsm/keys/read/action',
        'Microsoft.KeyVault/managedHsm/roleAssignments/read/action',
        'Microsoft.KeyVault/managedHsm/roleDefinitions/read/action',
        'Microsoft.KeyVault/managedHsm/settings/read/action'
      ].sort()
    )
    const assigned = plane.roleAssignments.filter(a => a.principalId === nightly)
    expect(assigned.map(a => [a.scope, a.roleDefinitionId.split('/').pop()])).toEqual([['/', role?.name]])
    expect(commands(hsmBlock).length).toBe(4)

    const asNightly = { ...s.info, clientId: nightlyApp }
    const nightlyVerify = async (extra: Record<string, string>): Promise<ActionRun> => {
      const since = (await s.emu.requests()).length
      const r = await runAction(asNightly, inputs({ mode: 'verify', 'client-id': nightlyApp, ...extra }))
      const sent = (await s.emu.requests(since)).filter(q => q.callerOid === nightly)
      expect(sent.length).toBeGreaterThan(0)
      expect(sent.filter(q => q.write).map(q => `${q.method} ${q.host}${q.path}`)).toEqual([])
      return r
    }
    // With the apply job's inputs as they are, `self` is the nightly identity: the apply identity, which holds
    // Administrator and the key's Crypto User, is a stranger who can take the key.
    const asApplied = await nightlyVerify({})
    expect(asApplied.code).toBe(1)
    const critical = (JSON.parse(asApplied.outputs.drift) as DriftReport).checks.filter(
      c => c.severity === 'critical'
    )
    expect(critical.length).toBeGreaterThan(0)
    expect(critical.map(c => String(c.finding)).join('\n')).toContain(v('PRINCIPAL_ID'))
    // With the apply identity as self-object-id, as the docs say: in sync, nothing left unchecked for lack
    // of a read, and the nightly identity's own read-only role is not a finding.
    const named = await nightlyVerify({ 'self-object-id': v('PRINCIPAL_ID') })
    expectSuccess(named)
    expect((JSON.parse(named.outputs.drift) as DriftReport).status).toBe('converged')
    expect(notChecked(named)).toEqual([])
    expect(named.stdout).not.toMatch(new RegExp(`::warning::.*${nightly}`))
  }, 120000)

  it('verify, verify-security-domain, teardown and recover succeed with read-only escrow roles', async () => {
    // Swap the escrow rows' write roles for the read roles the table marks "r".
    for (const a of await assignmentsOfApp()) {
      if (/vaults|containers/i.test(a.properties.scope))
        await az.arm('DELETE', `${a.id}?api-version=2022-04-01`)
    }
    await az.runCommand(
      `az role assignment create --assignee-object-id ${v('PRINCIPAL_ID')} --assignee-principal-type ServicePrincipal --role "Key Vault Secrets User" --scope ${v('VAULT_ID')}`
    )
    await az.runCommand(
      `az role assignment create --assignee-object-id ${v('PRINCIPAL_ID')} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope ${v('CONTAINER_SCOPE')}`
    )

    // Without the Reader row verify still succeeds, and says what it could not check.
    const reader = (await assignmentsOfApp()).find(
      a => a.properties.scope === v('GROUP_SCOPE') && a.properties.roleDefinitionId.endsWith(READER)
    )
    expect(reader).toBeDefined()
    await az.arm('DELETE', `${reader!.id}?api-version=2022-04-01`)
    const without = await s.run(inputs({ mode: 'verify' }))
    expectSuccess(without)
    expect(notChecked(without).sort()).toEqual(
      [
        'posture.audit.diagnosticSettings',
        `posture.store.account.${v('ESCROW_ACCOUNT')}`,
        `posture.store.vault.${v('ESCROW_VAULT')}`
      ].sort()
    )
    expect(without.summary).toMatch(
      /not checked \(needs Reader on the vault: Microsoft\.KeyVault\/vaults\/read/
    )
    await az.runCommand(
      `az role assignment create --assignee-object-id ${v('PRINCIPAL_ID')} --assignee-principal-type ServicePrincipal --role "Reader" --scope ${v('GROUP_SCOPE')}`
    )
    const verify = await runMode('verify')
    expectSuccess(verify)
    expect(notChecked(verify)).toEqual([])
    expectSuccess(await runMode('verify-security-domain', { 'wrapping-private-key-files': custodianKeys() }))
    expectSuccess(await runMode('teardown', { 'confirm-teardown': v('HSM_NAME') }))
    const recover = await runMode('recover', { 'wrapping-private-key-files': custodianKeys() })
    expectSuccess(recover)
    expect(recover.stdout).toMatch(/uploaded the escrowed security domain/)
  }, 180000)

  it('the table marks each row for exactly the modes whose requests needed it', () => {
    const row = tableRow(/subscription operator/)
    const contributor = tableRow(/Managed HSM contributor/)
    const reader = tableRow(/\*\*Reader\*\* on the HSM's resource group/)
    const modes = ['apply', 'plan', 'verify', 'verify-security-domain', 'recover', 'teardown']
    const marked = (r: Record<string, string>): Record<string, boolean> =>
      Object.fromEntries(modes.map(m => [m, r[m] === '✓']))
    const used = (inGroup: boolean): Record<string, boolean> =>
      Object.fromEntries(
        modes.map(m => [m, needed[m].some(p => /\/resourceGroups\//i.test(p.scope) === inGroup)])
      )
    expect(modes.filter(m => needed[m] === undefined)).toEqual([])
    expect(marked(row)).toEqual(used(false))
    expect(marked(contributor)).toEqual(used(true))
    // o: the posture reads of other resources in the group (the stores, the HSM's diagnostic settings).
    const isHsm = (p: RequiredPermission): boolean => /^Microsoft\.KeyVault\/managedHSMs\//i.test(p.action)
    expect(Object.fromEntries(modes.map(m => [m, reader[m] === 'o']))).toEqual(
      Object.fromEntries(
        modes.map(m => [m, needed[m].some(p => /\/resourceGroups\//i.test(p.scope) && !isHsm(p))])
      )
    )
    // The escrow rows: ✓ where the mode writes, r where it only reads, blank where it does not touch them.
    const cell = { write: '✓', read: 'r', '': '' } as Record<string, string>
    const secretsRow = tableRow(/Key Vault Secrets Officer/)
    const blobRow = tableRow(/Storage Blob Data Contributor/)
    expect(Object.fromEntries(modes.map(m => [m, [secretsRow[m], blobRow[m]]]))).toEqual(
      Object.fromEntries(modes.map(m => [m, [cell[escrowUse[m].vault], cell[escrowUse[m].container]]]))
    )
    // Everything in the group is the HSM itself (what Managed HSM contributor grants) or a read (what Reader
    // grants); at the subscription, only what the custom role of the script lists.
    const script = bashBlock('docs/setup.md', '## Setup script')
    for (const p of modes.flatMap(m => needed[m])) {
      if (/\/resourceGroups\//i.test(p.scope))
        expect(p.action).toMatch(/^Microsoft\.KeyVault\/managedHSMs\/|\/read$/i)
      else expect(script.toLowerCase()).toContain(`"${p.action.toLowerCase()}"`)
    }
  })
})
