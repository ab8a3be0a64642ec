/**
 * The key-versions posture: every enabled version of the managed key against the inputs, and the HSM's other
 * exportable keys against the release-policy rules. The reads are already started, as the engine's prefetch
 * starts them; the clients behind them are never called.
 */
import { describe, expect, it } from '@jest/globals'
import type { KeyItem, KeyVaultKey } from '../../src/azure/keys.js'
import type { ManagedHsm } from '../../src/azure/managed-hsm-arm.js'
import type { KeyConfig } from '../../src/config/index.js'
import { presetPolicy, toServiceJson } from '../../src/policy/index.js'
import { keyVersions } from '../../src/posture/key-versions.js'
import type { PostureItem } from '../../src/posture/types.js'
import { AzureOperationError } from '../../src/shared/errors.js'
import { fakeContext } from './fake-context.js'

const AUTH = 'https://sharedweu.weu.attest.azure.net'
const HSM = 'https://contoso.managedhsm.azure.net'
const NAME = 'KeyEncryptionKey'
const CUR = 'c'.repeat(32)
const OLD = 'b'.repeat(32)
const desired = presetPolicy('sev-snp-cvm', AUTH)
const loose = {
  version: '1.0.0',
  anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-attestation-type', equals: 'azurevm' }] }]
}
const config: KeyConfig = {
  name: NAME,
  type: 'RSA-HSM',
  size: 3072,
  operations: ['wrapKey', 'unwrapKey'],
  immutable: false,
  policy: { kind: 'preset', preset: 'sev-snp-cvm', authority: AUTH },
  policyWarnings: [],
  permissiveAccepted: [],
  policyTests: [],
  disableOlderVersions: false,
  skipAttestation: false
}
const refused = () =>
  new AzureOperationError({ service: 'Managed HSM', operation: 'read', status: 403 }, 'Forbidden')

function key(
  name: string,
  v: string,
  policy: unknown,
  o: { immutable?: boolean; exportable?: boolean; enabled?: boolean; bits?: number; raw?: string } = {}
): KeyVaultKey {
  const encoded = o.raw ?? (policy === undefined ? undefined : toServiceJson(policy))
  return {
    id: `${HSM}/keys/${name}/${v}`,
    name,
    keyType: 'RSA-HSM' as never,
    key: { n: new Uint8Array((o.bits ?? 3072) / 8) },
    properties: {
      name,
      vaultUrl: HSM,
      version: v,
      enabled: o.enabled ?? true,
      exportable: o.exportable ?? true,
      releasePolicy:
        encoded === undefined
          ? undefined
          : { encodedPolicy: new Uint8Array(Buffer.from(encoded, 'utf8')), immutable: o.immutable ?? false }
    }
  } as KeyVaultKey
}

const item = (name: string, attributes: KeyItem['attributes'] = {}): KeyItem =>
  ({ kid: `${HSM}/keys/${name}`, attributes }) as KeyItem

interface Setup {
  current?: KeyVaultKey
  others?: KeyVaultKey[]
  versions?: () => Promise<unknown>
  items?: KeyItem[] | (() => Promise<unknown>)
  latest?: Record<string, KeyVaultKey | (() => Promise<unknown>)>
}

async function assess(s: Setup): Promise<Record<string, PostureItem>> {
  const others = s.others ?? []
  const reads: Record<string, () => Promise<unknown>> = {
    [`key:${NAME}`]: async () => ({ key: s.current, superseded: [] }),
    [`keyVersions:${NAME}`]:
      s.versions ??
      (async () => [s.current, ...others].filter(k => k).map(k => (k as KeyVaultKey).properties)),
    keyItems: typeof s.items === 'function' ? s.items : async () => s.items ?? [],
    // The key's rotation policy (posture/key-rotation.ts, judged in its own test): none here.
    [`rotationPolicy:${NAME}`]: async () => undefined
  }
  for (const o of others) reads[`keyVersion:${NAME}/${o.properties.version}`] = async () => o
  for (const [n, k] of Object.entries(s.latest ?? {}))
    reads[`keyLatest:${n}`] = typeof k === 'function' ? k : async () => k
  const ctx = fakeContext(undefined, { key: config, cloud: 'AzureCloud', steps: ['key'] }, reads, {
    hsmUri: HSM,
    hsmResourceId: '/hsm',
    dataPlane: {},
    keys: {}
  })
  const { items } = await keyVersions.assess(ctx, 'verify')
  return Object.fromEntries(items.map(i => [i.id, i]))
}

describe('keyVersions posture', () => {
  it("says the version in effect is the key step's to compare, and an older one as the inputs ask is ok", async () => {
    const i = await assess({ current: key(NAME, CUR, desired), others: [key(NAME, OLD, desired)] })
    expect(i[`keyVersion.${CUR}`]).toMatchObject({
      state: 'in effect (KEK_KID); compared with the inputs by the key step',
      severity: 'ok'
    })
    expect(i[`keyVersion.${OLD}`]).toMatchObject({
      state: 'an older version, enabled; as the inputs ask',
      severity: 'ok'
    })
    expect(i.unmanagedKeys).toMatchObject({ state: 'none', severity: 'ok' })
  })

  it('says nothing of versions when the key does not exist yet', async () => {
    const i = await assess({})
    expect(Object.keys(i)).toEqual(['unmanagedKeys'])
  })

  it('warns that the versions were not checked, naming the role, when reading them is refused', async () => {
    const i = await assess({ current: key(NAME, CUR, desired), versions: () => Promise.reject(refused()) })
    expect(i.keyVersions).toEqual({
      id: 'keyVersions',
      setting: `versions of key '${NAME}'`,
      state: `not checked (needs keys/read on /keys/${NAME}: Managed HSM Crypto User or Crypto Auditor)`,
      severity: 'warning'
    })
  })

  it('lets a failure other than a refusal through', async () => {
    const outage = new AzureOperationError({ service: 'Managed HSM', operation: 'read', status: 500 }, 'boom')
    await expect(
      assess({ current: key(NAME, CUR, desired), versions: () => Promise.reject(outage) })
    ).rejects.toBe(outage)
  })

  it('is critical about a weaker version in effect, advising a new version', async () => {
    const i = await assess({ current: key(NAME, CUR, loose) })
    const v = i[`keyVersion.${CUR}`]
    expect(v).toMatchObject({
      severity: 'critical',
      state: "in effect; release policy weaker than the inputs'"
    })
    expect(v.finding).toMatch(/a VM the inputs' policy refuses can get the key through it/)
    expect(v.todo).toMatch(
      /^run mode: apply: it brings the version's release policy to the inputs'; or create a new version/
    )
  })

  it('says an older version with an immutable weaker policy can only be disabled', async () => {
    const i = await assess({
      current: key(NAME, CUR, desired),
      others: [key(NAME, OLD, loose, { immutable: true })]
    })
    const v = i[`keyVersion.${OLD}`]
    expect(v).toMatchObject({
      severity: 'critical',
      state: "an older version, enabled; release policy weaker than the inputs' (immutable policy)"
    })
    expect(v.todo).toMatch(
      /^its release policy is immutable \(AKV\.SKR\.1020\): disable the version once no VM is pinned/
    )
  })

  it('warns about an older version that only differs (its size), advising to disable it', async () => {
    const i = await assess({
      current: key(NAME, CUR, desired),
      others: [key(NAME, OLD, desired, { bits: 4096 })]
    })
    const v = i[`keyVersion.${OLD}`]
    expect(v).toMatchObject({
      severity: 'warning',
      state: 'an older version, enabled; differs from the inputs'
    })
    expect(v.finding).toBe(`key '${NAME}' version ${OLD} (an older version, enabled) differs from the inputs`)
    expect(v.todo).toMatch(/^disable the version once no VM is pinned to it/)
  })

  it('warns that the other keys were not checked when listing /keys is refused', async () => {
    const i = await assess({ items: () => Promise.reject(refused()) })
    expect(i.unmanagedKeys).toMatchObject({
      state: 'not checked (needs keys/read on /keys: Managed HSM Crypto User or Crypto Auditor at /keys)',
      severity: 'warning'
    })
  })

  it('warns about another exportable key whose policy the rules refuse, and one it may not read', async () => {
    const i = await assess({
      items: [item('loose'), item('secret'), item(NAME.toLowerCase()), item('off', { enabled: false })],
      latest: { loose: key('loose', 'v1', loose), secret: () => Promise.reject(refused()) }
    })
    expect(i['unmanagedKey.loose']).toMatchObject({
      severity: 'warning',
      state: 'release policy the release-policy rules refuse'
    })
    expect(i['unmanagedKey.loose'].details?.join('\n')).toMatch(/\[no-tee\]/)
    expect(i['unmanagedKey.secret']).toEqual({
      id: 'unmanagedKey.secret',
      setting: "key 'secret' (not managed by this action)",
      state: 'not checked (needs keys/read on /keys/secret)',
      severity: 'warning'
    })
    expect(i.unmanagedKeys).toBeUndefined()
  })

  it('counts the other exportable keys it checked, skipping non-exportable, disabled and policy-less ones', async () => {
    const i = await assess({
      items: [item('good'), item('bare'), item('kept'), item('disabled'), item('gone')],
      latest: {
        good: key('good', 'v1', desired),
        bare: key('bare', 'v1', undefined),
        kept: key('kept', 'v1', loose, { exportable: false }),
        disabled: key('disabled', 'v1', loose, { enabled: false }),
        gone: async () => undefined
      }
    })
    expect(i.unmanagedKeys).toMatchObject({
      state: '2 checked, none with a policy the rules refuse',
      severity: 'ok'
    })
  })

  it('says when the release policy of another key cannot be read', async () => {
    const i = await assess({
      items: [item('odd')],
      latest: { odd: key('odd', 'v1', undefined, { raw: '{broken' }) }
    })
    expect(i['unmanagedKey.odd'].details).toEqual([
      expect.stringMatching(/^its release policy cannot be read \(/)
    ])
  })

  it('lets a failure other than a refusal of another key through', async () => {
    const outage = new AzureOperationError({ service: 'Managed HSM', operation: 'read', status: 500 }, 'boom')
    await expect(assess({ items: [item('x')], latest: { x: () => Promise.reject(outage) } })).rejects.toBe(
      outage
    )
  })

  it('applies to an active HSM when the run manages a key with a release policy', () => {
    const active = {
      properties: { provisioningState: 'Succeeded', securityDomainProperties: { activationStatus: 'Active' } }
    } as ManagedHsm
    const ctx = (c: Record<string, unknown>) => fakeContext(undefined, { key: config, steps: ['key'], ...c })
    expect(keyVersions.applies(ctx({}), active)).toBe(true)
    expect(keyVersions.applies(ctx({ steps: ['provision'] }), active)).toBe(false)
    expect(keyVersions.applies(ctx({ key: { ...config, policy: undefined } }), active)).toBe(false)
    expect(
      keyVersions.applies(ctx({}), { properties: { provisioningState: 'Succeeded' } } as ManagedHsm)
    ).toBe(false)
  })

  it('starts no read, and makes no client, for an HSM ARM gives no data-plane address', async () => {
    const ctx = fakeContext(undefined, { key: config, steps: ['key'] })
    keyVersions.prefetch?.(ctx, { properties: {} } as ManagedHsm)
    expect(ctx.facts.keys).toBeUndefined()
    expect(ctx.facts.dataPlane).toBeUndefined()
    // Nothing is held for the key: a later read is the caller's own.
    expect(await ctx.reads.once(`key:${NAME}`, async () => 'own read')).toBe('own read')
  })

  it("reads ahead the older enabled versions and the latest of each other exportable key, on the run's clients", async () => {
    const asked: string[] = []
    const keys = {
      read: async (name: string, version?: string) => {
        asked.push(version ? `${name}/${version}` : name)
        return undefined
      }
    }
    const current = key(NAME, CUR, desired)
    const ctx = fakeContext(
      undefined,
      { key: config, steps: ['key'] },
      {
        [`key:${NAME}`]: async () => ({ key: current, superseded: [] }),
        [`keyVersions:${NAME}`]: async () => [
          current.properties,
          { version: OLD, enabled: true },
          { version: 'd'.repeat(32), enabled: false }
        ],
        keyItems: async () => [
          item('other'),
          item(NAME),
          item('off', { enabled: false }),
          item('kept', { exportable: false })
        ]
      },
      { keys, dataPlane: {} }
    )
    keyVersions.prefetch?.(ctx, { properties: { hsmUri: HSM } } as ManagedHsm)
    await new Promise(r => setImmediate(r))
    expect(ctx.facts.keys).toBe(keys)
    expect(asked.sort()).toEqual([`${NAME}/${OLD}`, 'other'])
  })
})
