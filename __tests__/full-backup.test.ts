/**
 * Full HSM backups (issue 25), in process: the backup inputs and steps, a job status body read defensively,
 * a manifest read back as untrusted, freshness judged from manifests, and the drill's key comparison.
 */
import { describe, expect, it } from '@jest/globals'
import { ALL_STEPS } from '../src/config/index.js'
import { readJob } from '../src/azure/full-backup.js'
import {
  BackupManifests,
  MANIFEST_SCHEMA,
  parseManifest,
  type BackupManifest
} from '../src/azure/backup-manifests.js'
import { freshnessCheck } from '../src/steps/backup/freshness.js'
import { compareAssignments, compareKeyStates } from '../src/modes/restore-drill.js'
import { inputParser } from './support/parse-inputs.js'

const GOOD: Record<string, string> = {
  'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'client-id': '11111111-2222-3333-4444-555555555555',
  'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  'resource-group': 'rg-skr',
  location: 'westeurope',
  'hsm-name': 'contoso-skr-01'
}
const URL_ = 'https://acct01.blob.core.windows.net/hsm-backups'
const ID =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-skr/providers/Microsoft.ManagedIdentity/userAssignedIdentities/hsm-backup'

const { parse, problems } = inputParser(GOOD)

describe('inputs', () => {
  it("keeps backup out of 'all', and runs it when named, alone or beside others", () => {
    expect(ALL_STEPS).toEqual(['provision', 'activate', 'rbac', 'key', 'des'])
    const c = parse({ steps: 'backup', 'backup-container-url': `${URL_}/`, 'backup-identity': ID })
    expect(c.steps).toEqual(['backup'])
    expect(c.backup).toEqual({
      containerUrl: URL_,
      accountUrl: 'https://acct01.blob.core.windows.net',
      container: 'hsm-backups',
      identity: ID,
      maxAgeMs: 26 * 3_600_000,
      maxAge: '26h'
    })
    const both = parse({ steps: 'backup, provision', 'backup-container-url': URL_, 'backup-identity': ID })
    expect(both.steps).toEqual(['provision', 'backup'])
    // 'all' beside backup: every step of 'all' runs too (activate then wants its stores).
    expect(
      problems({ steps: 'all, backup', 'backup-container-url': URL_, 'backup-identity': ID }).join('\n')
    ).toMatch(/security-domain-store': is required to activate/)
  })

  it('requires the container and the identity for the backup step, naming each', () => {
    const msgs = problems({ steps: 'backup' })
    expect(msgs).toEqual([
      expect.stringMatching(/^Input 'backup-container-url': is required by the backup step/),
      expect.stringMatching(/^Input 'backup-identity': is required by the backup step/)
    ])
  })

  it('refuses a URL that is not a container, an id that is not an identity, and a bad age', () => {
    const msgs = problems({
      steps: 'backup',
      'backup-container-url': 'https://acct01.blob.core.windows.net/',
      'backup-identity': '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a',
      'backup-max-age': '26 hours'
    })
    expect(msgs.join('\n')).toMatch(/backup-max-age.*not a duration/)
    expect(msgs.join('\n')).toMatch(/backup-container-url.*is not a Blob container URL/)
    expect(msgs.join('\n')).toMatch(/backup-identity.*is not a user-assigned identity resource id/)
  })

  it('refuses the backup inputs where nothing reads them, and takes them for a recover rehearsal', () => {
    expect(problems({ steps: 'provision', 'backup-container-url': URL_ })).toEqual([
      expect.stringMatching(/^Input 'backup-container-url': is only read by the backup step/)
    ])
    const recover = {
      mode: 'recover',
      'rehearsal-hsm-name': 'contoso-drill',
      'security-domain-store': 'https://contosoescrow.blob.core.windows.net/escrow/sd.json',
      'wrapping-key-store': 'https://kvescrow.vault.azure.net/secrets/wrap'
    }
    const drill = parse({ ...recover, 'backup-container-url': URL_, 'backup-identity': ID })
    expect(drill.backup?.container).toBe('hsm-backups')
    expect(parse(recover).backup).toBeUndefined()
    expect(problems({ ...recover, 'backup-container-url': URL_ })).toEqual([
      expect.stringMatching(/^Input 'backup-identity': is required by the backup step and the restore drill/)
    ])
  })

  it("takes rehearsal-hsm-name and the drill's backup inputs in plan (to say what it would do), nowhere else", () => {
    const planned = parse({
      mode: 'plan',
      steps: 'provision',
      'rehearsal-hsm-name': 'contoso-drill',
      'backup-container-url': URL_,
      'backup-identity': ID
    })
    expect(planned.rehearsalHsmName).toBe('contoso-drill')
    expect(planned.backup?.identity).toBe(ID)
    expect(planned.steps).not.toContain('backup')
    expect(problems({ mode: 'verify', steps: 'provision', 'rehearsal-hsm-name': 'contoso-drill' })).toEqual([
      expect.stringMatching(/^Input 'rehearsal-hsm-name': is only read in mode: recover .* and mode: plan/)
    ])
    expect(
      problems({ mode: 'plan', steps: 'provision', 'backup-container-url': URL_, 'backup-identity': ID })
    ).toHaveLength(2)
  })
})

describe('job status', () => {
  it('reads the recorded InProgress body with its nulls, and a Failed one in words', () => {
    expect(
      readJob({
        status: 'InProgress',
        statusDetails: null,
        error: null,
        startTime: 1668018684,
        endTime: null,
        jobId: '883343f7ac314a6d9be6859f2e83141a',
        azureStorageBlobContainerUri: null
      })
    ).toEqual({ status: 'InProgress', jobId: '883343f7ac314a6d9be6859f2e83141a', startTime: 1668018684 })
    expect(
      readJob({
        status: 'Failed',
        statusDetails: 'denied',
        error: { code: 'Forbidden', message: 'denied' },
        jobId: 'a'
      })
    ).toMatchObject({ status: 'Failed', failure: 'denied: Forbidden' })
    expect(readJob('not json').status).toBe('Unknown')
  })
})

const manifest = (over: Partial<BackupManifest> = {}): BackupManifest => ({
  schema: MANIFEST_SCHEMA,
  version: 1,
  hsmName: 'contoso-skr-01',
  hsmResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/contoso-skr-01',
  jobId: '0123456789abcdef0123456789abcdef',
  folderUrl: `${URL_}/mhsm-contoso-skr-01-2026120700000000`,
  startTime: '2026-12-07T00:00:00.000Z',
  endTime: '2026-12-07T00:10:00.000Z',
  ...over
})

describe('manifests', () => {
  it('parses its own manifests and refuses anything else', () => {
    expect(parseManifest(JSON.stringify(manifest()))).toEqual(manifest())
    expect(parseManifest('{')).toBeUndefined()
    expect(parseManifest(JSON.stringify({ ...manifest(), schema: 'x' }))).toBeUndefined()
    expect(parseManifest(JSON.stringify({ ...manifest(), endTime: 'yesterday' }))).toBeUndefined()
  })

  const cfg = {
    containerUrl: URL_,
    accountUrl: '',
    container: 'hsm-backups',
    identity: ID,
    maxAgeMs: 26 * 3_600_000,
    maxAge: '26h'
  }
  const listing = (ms: BackupManifest[]) =>
    ({ list: async () => ({ manifests: ms, listed: ms.length }) }) as unknown as BackupManifests
  const now = Date.parse('2026-12-07T12:00:00Z')

  it('judges the newest usable backup against backup-max-age', async () => {
    expect((await freshnessCheck(listing([manifest()]), cfg, 'contoso-skr-01', now)).status).toBe('ok')
    const stale = await freshnessCheck(listing([manifest()]), cfg, 'contoso-skr-01', now + 2 * 86_400_000)
    expect(stale).toMatchObject({
      status: 'drift',
      hint: expect.stringMatching(/^run the backup step on a schedule/)
    })
    expect(String(stale.actual)).toContain('older than 26h')
  })

  it('counts no manifest of another HSM, another container or the future', async () => {
    const check = await freshnessCheck(
      listing([
        manifest({ hsmName: 'other' }),
        manifest({ folderUrl: 'https://evil01.blob.core.windows.net/x/mhsm-1' }),
        manifest({ endTime: '2027-01-01T00:00:00.000Z' })
      ]),
      cfg,
      'contoso-skr-01',
      now
    )
    expect(check.status).toBe('drift')
    expect(String(check.actual)).toMatch(/none of the 3 backup manifests/)
  })

  it('calls no backup at all drift, with what to do', async () => {
    const none = await freshnessCheck(listing([]), cfg, 'contoso-skr-01', now)
    expect(none).toMatchObject({ status: 'drift', hint: expect.stringMatching(/^run the backup step/) })
    expect(String(none.actual)).toBe(
      `no full backup of 'contoso-skr-01' recorded in ${URL_} (no manifest under backup-manifests/contoso-skr-01/)`
    )
  })
})

describe('the drill compares the key', () => {
  const v = {
    version: 'v1',
    n: 'AQAB-n',
    e: 'AQAB',
    exportable: true,
    policy: { version: '1.0.0', anyOf: [] }
  }
  it('finds nothing when all is the same', () => {
    expect(compareKeyStates('k', [v], [{ ...v }])).toEqual([])
  })
  it('names another n, another policy, another exportable flag and missing versions', () => {
    expect(compareKeyStates('k', [v], [{ ...v, n: 'other' }])).toEqual([
      "key 'k' version v1: the restored public key (n, e) differs from production's"
    ])
    expect(
      compareKeyStates('k', [v], [{ ...v, policy: { version: '1.0.0', anyOf: [{ authority: 'x' }] } }])
    ).toEqual(["key 'k' version v1: the restored release policy differs from production's"])
    expect(compareKeyStates('k', [v], [{ ...v, exportable: false }])[0]).toMatch(
      /exportable is false restored/
    )
    expect(compareKeyStates('k', [v, { ...v, version: 'v2' }], [v])).toEqual([
      "key 'k': version(s) v2 did not come back from the backup"
    ])
  })
})

describe('the drill compares the role assignments that reach the key', () => {
  const a = { principalId: 'p1', role: 'Managed HSM Crypto User', scope: '/keys' }
  const b = { principalId: 'p2', role: 'Managed HSM Crypto User', scope: '/keys/k' }
  it('finds nothing when the drill HSM holds the same ones, whatever the case', () => {
    expect(compareAssignments([a, b], [b, { ...a, principalId: 'P1', scope: '/KEYS' }])).toEqual({
      missing: [],
      extra: []
    })
  })
  it("names production's the backup lacks and the backup's production dropped, apart", () => {
    expect(compareAssignments([a], [b])).toEqual({ missing: [a], extra: [b] })
    // The same principal and scope with another role is another assignment.
    expect(compareAssignments([a], [{ ...a, role: 'Managed HSM Administrator' }]).missing).toEqual([a])
  })
})
