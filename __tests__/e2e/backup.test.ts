/**
 * End to end: full HSM backups (issue 25) through dist/index.js. One apply for the file; then a container the
 * HSM's identity may not write is refused before the long wait, a full backup is written with its manifest and
 * outputs, verify finds it fresh, verify fails on a container whose only backup is stale (and warns of its
 * immutability policy), and the restore drill
 * (a recover rehearsal with the backup inputs) passes, names role assignments that differ from production's,
 * detects a tampered key and a changed release policy, and leaves no HSM;
 * teardown keeps the backups and says where.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { presetPolicy } from '../../src/policy/index.js'
import { peek, useScenario } from './harness.js'

const hsm = 'backup-e2e'
const CONTAINER = 'hsm-backups'
const STALE = 'stale-backups'
const uai = (sub: string, rg: string): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/hsm-backup`

const drillHsm = 'backup-drill'
const s = useScenario({ hsm, inputs: { 'release-policy-preset': 'sev-snp-cvm' } })
let identityPrincipal = ''
const account = () => s.info.storageAccountUrl.split('//')[1].split('.')[0]
const containerUrl = (c = CONTAINER) => `${s.info.storageAccountUrl}/${c}`
const backupInputs = (extra: Record<string, string> = {}) =>
  s.inputs({
    steps: 'backup',
    'backup-container-url': containerUrl(),
    'backup-identity': uai(s.info.subscriptionId, s.info.resourceGroup),
    ...extra
  })

async function setWriters(withIdentity: boolean): Promise<void> {
  await s.emu.control(`/storage/accounts/${account()}`, {
    method: 'PUT',
    body: JSON.stringify({ writers: [s.info.principalId, ...(withIdentity ? [identityPrincipal] : [])] })
  })
}

beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
  // What docs/backup.md's setup does once: attach the identity to the HSM, make the container.
  await azureClient(
    s.info,
    'hsm-update',
    s.info.resourceGroup,
    hsm,
    JSON.stringify({
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [uai(s.info.subscriptionId, s.info.resourceGroup)]: {} }
      }
    })
  )
  const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm)) as {
    identity: { userAssignedIdentities: Record<string, { principalId: string }> }
  }
  identityPrincipal = Object.values(shown.identity.userAssignedIdentities)[0].principalId
  for (const c of [CONTAINER, STALE])
    await s.emu.control(`/storage/containers/${account()}/${c}`, { method: 'PUT' })
}, 120_000)

describe('backup step', () => {
  it('refuses a container the identity cannot write, before any backup starts', async () => {
    await setWriters(false)
    const since = (await s.emu.requests()).length
    const run = await s.run(backupInputs())
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toContain('pre-check of a full backup')
    expect(errors).toContain('Storage Blob Data Contributor')
    expect(errors).toContain(identityPrincipal)
    const paths = (await s.emu.requests(since)).map(r => `${r.method} ${r.path.split('?')[0]}`)
    expect(paths).toContain('POST /prebackup')
    expect(paths).not.toContain('POST /backup')
  })

  it('refuses an HSM that does not carry the backup identity, naming it', async () => {
    const other = uai(s.info.subscriptionId, s.info.resourceGroup).replace(/hsm-backup$/, 'someone-else')
    const run = await s.run(backupInputs({ 'backup-identity': other }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toContain(`does not carry the backup identity '${other}'`)
  })

  it('plan says what the backup would do, and starts nothing', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...backupInputs(), mode: 'plan' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(
      `backup: would take a full backup of Managed HSM '${hsm}' into ${containerUrl()}`
    )
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })

  it('writes a full backup and its manifest, says where and how long, and verify finds it', async () => {
    await setWriters(true)
    const run = await s.run(backupInputs())
    expect(errorsOf(run)).toEqual([])
    const folder = run.outputs.BACKUP_FOLDER_URL
    expect(folder).toMatch(new RegExp(`^${containerUrl()}/mhsm-${hsm}-\\d+$`))
    expect(Date.parse(run.outputs.BACKUP_FINISHED_AT)).toBeGreaterThan(Date.now() - 120_000)
    // The summary holds it as text (no autolink): the scheme's colon is an entity there.
    expect(run.summary).toContain(folder.split('://')[1])
    expect(run.summary).toMatch(/full backup finished .* after \d+s/)
    // The folder is really there (written by the HSM's identity), and the manifest beside it.
    await expect(peek(s.info, 'blob-get', `${folder}/backup.blob`)).resolves.toBeTruthy()
    const sinceVerify = (await s.emu.requests()).length
    const verify = await s.run({ ...backupInputs(), mode: 'verify' })
    expect(errorsOf(verify)).toEqual([])
    // Verify runs no backup (nor its pre-check), and writes no manifest.
    const verifyWrites = (await s.emu.requests(sinceVerify)).filter(r => r.write).map(r => r.path)
    expect(verifyWrites.filter(p => /^\/(pre)?backup\b|backup-manifests/.test(p))).toEqual([])
    expect((await s.emu.requests(sinceVerify)).filter(r => /^\/(pre)?backup\b/.test(r.path)).length).toBe(0)
    const report = JSON.parse(verify.outputs.drift) as DriftReport
    const fresh = report.checks.find(c => c.id === 'backup.freshness')
    expect(fresh?.status).toBe('ok')
    expect(String(fresh?.actual)).toContain(folder)
  })

  it("runs as a scheduled job's identity that holds Managed HSM Backup User, not Administrator", async () => {
    const clientId = 'c0000000-0000-4000-8000-0000000000b1'
    const principal = 'e0000000-0000-4000-8000-0000000000b1'
    await s.emu.control(`/apps/${clientId}`, {
      method: 'PUT',
      body: JSON.stringify({
        principalId: principal,
        federatedCredentials: [
          { issuer: 'https://token.actions.githubusercontent.com', subject: s.info.oidcSubject }
        ]
      })
    })
    const uri = `https://${hsm}.managedhsm.azure.net/`
    const BACKUP_USER = '7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8'
    await azureClient(
      s.info,
      'role-put',
      uri,
      '/',
      'b0000000-0000-4000-8000-0000000000b1',
      BACKUP_USER,
      principal
    )
    // Its Blob role on the container, for the manifest (the HSM's identity writes the backup itself).
    await s.emu.control(`/storage/accounts/${account()}`, {
      method: 'PUT',
      body: JSON.stringify({ writers: [s.info.principalId, identityPrincipal, principal] })
    })
    try {
      const since = (await s.emu.requests()).length
      const run = await s.run(backupInputs({ 'client-id': clientId }))
      expect(errorsOf(run)).toEqual([])
      expect(run.outputs.BACKUP_FOLDER_URL).toMatch(new RegExp(`^${containerUrl()}/mhsm-${hsm}-\\d+$`))
      const mine = (await s.emu.requests(since)).filter(r => r.callerOid === principal)
      expect(mine.some(r => r.method === 'POST' && r.path.split('?')[0] === '/backup')).toBe(true)
      expect(mine.filter(r => r.status === 403)).toEqual([])
    } finally {
      await azureClient(s.info, 'role-delete', uri, '/', 'b0000000-0000-4000-8000-0000000000b1')
      await setWriters(true)
    }
  })

  it('fails verify when the newest backup is older than backup-max-age, saying what to do', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString()
    const manifest = {
      schema: 'managed-hsm-skr/backup-manifest',
      version: 1,
      hsmName: hsm,
      hsmResourceId: `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${hsm}`,
      jobId: '0123456789abcdef0123456789abcdef',
      folderUrl: `${containerUrl(STALE)}/mhsm-${hsm}-2026120100000000`,
      startTime: old,
      endTime: old
    }
    await azureClient(
      s.info,
      'blob-put',
      `${containerUrl(STALE)}/backup-manifests/${hsm}/old-${manifest.jobId}.json`,
      JSON.stringify(manifest)
    )
    // The stale container also has an immutability policy: backups into it would fail (a warning).
    await azureClient(
      s.info,
      'arm',
      'PUT',
      `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account()}/blobServices/default/containers/${STALE}/immutabilityPolicies/default?api-version=2023-05-01`,
      JSON.stringify({ properties: { immutabilityPeriodSinceCreationInDays: 1 } })
    )
    const run = await s.run({
      ...backupInputs({ 'backup-container-url': containerUrl(STALE) }),
      mode: 'verify'
    })
    expect(run.code).toBe(1)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.checks.find(c => c.id === 'backup.immutability')).toMatchObject({ severity: 'warning' })
    const stale = report.checks.find(c => c.id === 'backup.freshness')
    expect(stale?.status).toBe('drift')
    expect(String(stale?.actual)).toContain('older than 26h')
    expect(errorsOf(run).join('\n')).toMatch(/What to do: run the backup step on a schedule/)
  })
})

describe('a backup that outlives its first token', () => {
  it('renews the tokens it needs while it waits, and writes its manifest with a fresh one', async () => {
    // Access tokens and GitHub ID tokens live 3 s, and the services allow no clock skew past a token's exp
    // (Azure's allow about 5 minutes), so a token is refused 3 s after its issue. The pre-check and the
    // backup job run 6 s each.
    const LIFETIME_S = 3
    await s.emu.setSettings({
      accessTokenLifetimeSeconds: LIFETIME_S,
      accessTokenSkewSeconds: 0,
      oidcTokenLifetimeSeconds: LIFETIME_S,
      backupSeconds: 6
    })
    try {
      const since = (await s.emu.requests()).length
      // Its polls must really span the tokens' lifetime: real pauses.
      const run = await s.run(backupInputs(), { realWaits: true })
      expect(errorsOf(run)).toEqual([])
      expect(run.outputs.BACKUP_FOLDER_URL).toMatch(new RegExp(`^${containerUrl()}/mhsm-${hsm}-\\d+$`))
      const log = await s.emu.requests(since)
      const at = (e: { time: string }) => Date.parse(e.time)
      const start = log.find(e => e.method === 'POST' && e.path.split('?')[0] === '/backup')
      if (!start) throw new Error('no backup start in the request log')
      const done = log.find(
        e => e.index > start.index && /^\/backup\/[0-9a-f]+\/pending/.test(e.path) && e.status === 200
      )
      if (!done) throw new Error('no status read of the backup in the request log')
      expect(start.status).toBe(202)
      const tokens = log.filter(e => /\/oauth2\/v2\.0\/token$/.test(e.path.split('?')[0]))
      const lastBefore = tokens.filter(e => e.index < start.index).pop()
      if (!lastBefore) throw new Error('no token request before the backup started')
      // Every token the run held when it started the backup was refused by then when it read the job's end ...
      expect(at(done)).toBeGreaterThan(at(lastBefore) + LIFETIME_S * 1000)
      // ... so it signed in again meanwhile, and no service had to refuse an expired token (a token kept past
      // its 3 s would have been answered 401 here).
      expect(tokens.some(e => e.index > start.index && e.index < done.index)).toBe(true)
      expect(log.filter(e => e.status === 401)).toEqual([])
      // The manifest went to Blob storage after the wait, with a token younger than the wait.
      const manifest = log.find(e => e.method === 'PUT' && e.path.includes('/backup-manifests/'))
      expect(manifest?.status).toBe(201)
      expect(manifest && manifest.index > done.index).toBe(true)
    } finally {
      await s.emu.setSettings({
        accessTokenLifetimeSeconds: 3599,
        accessTokenSkewSeconds: 300,
        oidcTokenLifetimeSeconds: 300,
        backupSeconds: 0
      })
    }
  })
})

describe('restore drill', () => {
  const drillInputs = () => ({
    ...backupInputs(),
    steps: 'all',
    mode: 'recover',
    'rehearsal-hsm-name': drillHsm
  })
  const productionRegions = (list: string[]) =>
    azureClient(
      s.info,
      'hsm-update',
      s.info.resourceGroup,
      hsm,
      JSON.stringify({ properties: { regions: list.map(name => ({ name })) } })
    )
  async function noDrillHsmLeft(): Promise<void> {
    await expect(peek(s.info, 'hsm-show', s.info.resourceGroup, drillHsm)).rejects.toThrow()
    const state = (await s.emu.control('/state')) as { deletedHsms?: Array<{ hsm: { name: string } }> }
    expect((state.deletedHsms ?? []).map(d => d.hsm.name)).not.toContain(drillHsm)
  }

  it('plan with the same inputs says what the drill would do, and creates nothing', async () => {
    // Production extended to a second region (out of band, instant here): the drill HSM would have one.
    await productionRegions(['northeurope'])
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...drillInputs(), mode: 'plan' })
    const planWrites = (await s.emu.requests(since)).filter(r => r.write)
    await productionRegions([])
    expect(errorsOf(run)).toEqual([])
    const out = run.stdout
    expect(out).toContain(
      `would leave '${drillHsm}' with one region: production's extended region northeurope is not rehearsed`
    )
    expect(out).toContain('restore drill: mode: recover with these inputs would:')
    expect(out).toContain(`would create the throw-away Managed HSM '${drillHsm}' in ${s.info.location}`)
    expect(out).toMatch(
      new RegExp(
        `would restore the newest full backup of '${hsm}' into '${drillHsm}': ${containerUrl()}/mhsm-${hsm}-\\d+ \\(finished `
      )
    )
    expect(out).toMatch(
      /would compare key 'KeyEncryptionKey' with production's: its 1 version\(s\) .* and the [1-9]\d* role assignment\(s\) that reach it/
    )
    expect(out).toContain(`would delete and purge '${drillHsm}' afterwards`)
    expect(run.summary).toMatch(
      /\*\*📝 Plan: 1 would create, \d+ unchanged \(of \d+ step\(s\) and the restore drill\)/
    )
    expect(planWrites).toEqual([])
    await noDrillHsmLeft()
  })

  it('plan says the drill would fail when the container holds no backup of the HSM', async () => {
    await s.emu.control(`/storage/containers/${account()}/empty-backups`, { method: 'PUT' })
    const run = await s.run({
      ...drillInputs(),
      mode: 'plan',
      'backup-container-url': containerUrl('empty-backups')
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(
      `no full backup of '${hsm}' is recorded in ${containerUrl('empty-backups')}: the drill would fail (run the backup step first`
    )
    expect(run.stdout).not.toContain('would restore the newest full backup')
  })

  it('restores the newest backup into a throw-away HSM, finds the key the same, and leaves no HSM', async () => {
    // Production is extended to a second region (out of band; instant here): the drill HSM is not, and says so.
    await productionRegions(['northeurope'])
    const run = await s.run(drillInputs()).finally(() => productionRegions([]))
    expect(errorsOf(run)).toEqual([])
    expect(run.summary).toContain(
      `the temporary HSM '${drillHsm}' had one region, as a recovered HSM would (the region list is not in the security domain); ` +
        'production is extended to northeurope: after a real recovery, add it again: set replica-region: northeurope'
    )
    expect(run.summary).toMatch(/restore drill passed in \d+s \(restore \d+s\): the key came back the same/)
    expect(run.summary).toContain(`restore drill: key 'KeyEncryptionKey' came back from`)
    expect(run.summary).toMatch(/role assignment\(s\) reaching it/)
    expect(run.summary).toMatch(
      /\*\*✅ Rehearsal passed: the escrow and the newest full backup restored into a temporary HSM \(restore drill passed\), which was then removed\.\*\*/
    )
    await noDrillHsmLeft()
  })

  it("names production's role assignments the backup lacks, and the backup's that production dropped", async () => {
    const uri = `https://${hsm}.managedhsm.azure.net/`
    const CRYPTO_USER = '21dbd100-6940-42c2-9190-5d6cb909625b'
    const dropped = {
      name: 'b0000000-0000-4000-8000-00000000000d',
      principal: 'd0000000-0000-4000-8000-0000000000aa'
    }
    const added = {
      name: 'b0000000-0000-4000-8000-00000000000a',
      principal: 'a0000000-0000-4000-8000-0000000000bb'
    }
    const scope = '/keys/KeyEncryptionKey'
    // In the backup, then removed from production; and one production gains after the backup.
    await azureClient(s.info, 'role-put', uri, scope, dropped.name, CRYPTO_USER, dropped.principal)
    expect(errorsOf(await s.run(backupInputs()))).toEqual([])
    await azureClient(s.info, 'role-delete', uri, scope, dropped.name)
    await azureClient(s.info, 'role-put', uri, scope, added.name, CRYPTO_USER, added.principal)
    try {
      const run = await s.run(drillInputs())
      expect(run.code).toBe(1)
      const errors = errorsOf(run).join('\n')
      expect(errors).toMatch(
        new RegExp(
          `restore drill failed: role assignment\\(s\\) of production that reach key 'KeyEncryptionKey' did not come back from the backup: 'Managed HSM Crypto User' for ${added.principal} at ${scope}`
        )
      )
      expect(errors).not.toContain(dropped.principal)
      expect(run.stdout).toContain(
        `the backup restores role assignment(s) that reach key 'KeyEncryptionKey' and production no longer has: 'Managed HSM Crypto User' for ${dropped.principal} at ${scope}`
      )
      await noDrillHsmLeft()
    } finally {
      await azureClient(s.info, 'role-delete', uri, scope, added.name)
    }
  })

  it("fails on a key whose public key is not the backup's (tampered), naming the check", async () => {
    await s.emu.control(`/hsms/${hsm}/keys/KeyEncryptionKey/tamper`, { method: 'POST' })
    const run = await s.run(drillInputs())
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /restore drill failed: key 'KeyEncryptionKey' version [0-9a-f]{32}: the restored public key \(n, e\) differs from production's/
    )
    expect(run.summary).toContain('restore drill failed')
    // Not read as a failed escrow: it restored, the drill's check failed.
    expect(run.summary).toMatch(
      /\*\*❌ Rehearsal failed: the escrow restored into the temporary HSM, but the restore drill failed \(its check is named above\); the temporary HSM was removed\.\*\*/
    )
    await noDrillHsmLeft()
  })

  it('fails when the release policy changed since the backup, naming it, and still leaves no HSM', async () => {
    const tdx = presetPolicy('tdx-cvm', 'https://sharedweu.weu.attest.azure.net')
    await azureClient(
      s.info,
      'key-policy',
      `https://${hsm}.managedhsm.azure.net/`,
      'KeyEncryptionKey',
      JSON.stringify(tdx)
    )
    const run = await s.run(drillInputs())
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /restore drill failed: .*version [0-9a-f]{32}: the restored release policy differs/
    )
    await noDrillHsmLeft()
  })

  it('refuses clearly to restore a backup of an HSM with another security domain', async () => {
    // Another HSM (activated by the emulator's hook: its own security domain) backs up into the same container,
    // and a manifest for hsm-name is made to name its folder.
    const other = 'backup-other'
    const rgPath = `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${other}?api-version=2024-11-01`
    await azureClient(
      s.info,
      'arm',
      'PUT',
      rgPath,
      JSON.stringify({
        location: s.info.location,
        sku: { family: 'B', name: 'Standard_B1' },
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: { [uai(s.info.subscriptionId, s.info.resourceGroup)]: {} }
        },
        properties: {
          tenantId: s.info.tenantId,
          initialAdminObjectIds: [s.info.principalId],
          softDeleteRetentionInDays: 7
        }
      })
    )
    await s.emu.control(`/hsms/${other}/activation`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'Active' })
    })
    const backup = await s.run({ ...backupInputs(), 'hsm-name': other })
    expect(errorsOf(backup)).toEqual([])
    const manifest = {
      schema: 'managed-hsm-skr/backup-manifest',
      version: 1,
      hsmName: hsm,
      hsmResourceId: `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${hsm}`,
      jobId: 'ffffffffffffffffffffffffffffffff',
      folderUrl: backup.outputs.BACKUP_FOLDER_URL,
      startTime: new Date().toISOString(),
      endTime: new Date(Date.now() + 60_000).toISOString()
    }
    await azureClient(
      s.info,
      'blob-put',
      `${containerUrl()}/backup-manifests/${hsm}/zz-${manifest.jobId}.json`,
      JSON.stringify(manifest)
    )
    const run = await s.run(drillInputs())
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(
      /restore drill failed: restoring \S+ into 'backup-drill' ended Failed: .*same security domain/
    )
    expect(errors).toMatch(
      /What to do: a full backup restores only into an HSM holding the same security domain/
    )
    await noDrillHsmLeft()
  })

  it('plan of a rehearsal without the backup inputs, whose name another HSM holds, says it would refuse', async () => {
    const run = await s.run({
      ...drillInputs(),
      mode: 'plan',
      'rehearsal-hsm-name': 'backup-other',
      'backup-container-url': '',
      'backup-identity': ''
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain('recover (rehearsal): mode: recover with these inputs would:')
    expect(run.stdout).toContain(
      "Managed HSM 'backup-other' exists and is not a rehearsal HSM of 'backup-e2e': the rehearsal would refuse to start"
    )
    // No drill without the backup inputs: nothing about a backup to restore or compare.
    expect(run.stdout).not.toMatch(/would restore the newest full backup|would compare key/)
    expect(run.summary).toMatch(/\(of \d+ step\(s\) and the rehearsal\)/)
  })

  it('a drill cancelled half-way leaves no HSM once the post phase ran', async () => {
    const killed = await s.run(drillInputs(), { killOn: /restore drill: the newest backup of/ })
    expect(killed.signal).toBe('SIGKILL')
    expect(killed.state['rehearsal-hsm']).toBe(drillHsm)
    await expect(peek(s.info, 'hsm-show', s.info.resourceGroup, drillHsm)).resolves.toContain(drillHsm)
    const post = await s.run(drillInputs(), { phase: 'post', state: killed.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`deleting and purging the rehearsal HSM '${drillHsm}'`)
    await noDrillHsmLeft()
  })
})

describe('teardown', () => {
  it('keeps the full backups, and says where they are', async () => {
    const before = await s.run({ ...backupInputs(), mode: 'verify' })
    const folder = String(
      (JSON.parse(before.outputs.drift) as DriftReport).checks.find(c => c.id === 'backup.freshness')?.actual
    ).split(': ')[1]
    const run = await s.run({
      ...backupInputs(),
      steps: 'all',
      mode: 'teardown',
      'confirm-teardown': hsm
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toContain(`full backups of '${hsm}' are kept in ${containerUrl()}`)
    expect(run.summary).toContain('teardown never deletes them')
    await expect(peek(s.info, 'blob-get', `${folder}/backup.blob`)).resolves.toBeTruthy()
  })
})
