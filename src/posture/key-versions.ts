/**
 * Every enabled version of the key, its rotation policy (key-rotation.ts), and the HSM's other exportable keys. A VM pinned to an older version gets
 * the key under that version's release policy, whatever the latest says: an older version whose policy is
 * weaker than the inputs' (the rules refuse it, or it releases to a VM the inputs' policy refuses) is
 * critical, one that only differs is a warning. The judgement is run/key-versions.ts's, the one the key
 * step's apply acts on. Exportable keys the action does not manage are read where /keys is readable: one
 * whose policy the rules refuse is a warning (they serve other purposes, so they are not held to the inputs).
 */
import { statusOf } from '../azure/call.js'
import { keyNameOf, listKeyItems, ManagedHsmKeys, type KeyItem, type KeyVaultKey } from '../azure/keys.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { attestationDomain } from '../auth/clouds.js'
import { lintPolicy } from '../policy/index.js'
import { dataPlane, keysClient, keysOf, planeOf, type RunContext } from '../run/context.js'
import { desiredPolicy } from '../run/key-policy.js'
import {
  judgeKeyVersion,
  prefetchKeyVersions,
  readKeyVersions,
  versionOf,
  versionPolicy,
  type VersionJudgement
} from '../run/key-versions.js'
import { errorMessage } from '../shared/errors.js'
import { hsmActive, type Assessor, type Posture, type PostureItem } from './types.js'
import { prefetchRotationPolicy, rotationPolicyItem } from './key-rotation.js'

const DISABLE = 'disable-older-key-versions'
/** What a read of the key's versions needs. */
const NEEDS_VERSIONS = (name: string) =>
  `not checked (needs keys/read on /keys/${name}: Managed HSM Crypto User or Crypto Auditor)`
const NEEDS_KEYS =
  'not checked (needs keys/read on /keys: Managed HSM Crypto User or Crypto Auditor at /keys)'

export const keyVersions: Assessor = {
  name: 'key versions',

  applies: (ctx, hsm) => hsmActive(hsm) && ctx.config.steps.includes('key') && !!ctx.config.key.policy,

  prefetch(ctx: RunContext, hsm: ManagedHsm): void {
    const keys = keysOf(ctx, hsm)
    if (!keys) return
    prefetchKeyVersions(ctx, keys)
    prefetchRotationPolicy(ctx, keys)
    const plane = planeOf(ctx, hsm)
    if (!plane) return
    void ctx.reads
      .prefetch('keyItems', () => listKeyItems(plane))
      .then(items => {
        for (const name of unmanagedExportable(ctx, items ?? []))
          void ctx.reads.prefetch(`keyLatest:${name}`, () => keys.read(name))
      })
  },

  async assess(ctx: RunContext): Promise<Posture> {
    const keys = await keysClient(ctx)
    const [versions, rotation, others] = await Promise.all([
      versionItems(ctx, keys),
      rotationPolicyItem(ctx, keys),
      unmanagedItems(ctx, keys)
    ])
    return { items: [...versions, ...(rotation ? [rotation] : []), ...others] }
  }
}

async function versionItems(ctx: RunContext, keys: ManagedHsmKeys): Promise<PostureItem[]> {
  const k = ctx.config.key
  let read
  try {
    read = await readKeyVersions(ctx, keys)
  } catch (e) {
    if (statusOf(e) !== 403) throw e
    return [
      {
        id: 'keyVersions',
        setting: `versions of key '${k.name}'`,
        state: NEEDS_VERSIONS(k.name),
        severity: 'warning'
      }
    ]
  }
  // No key yet: the key step creates it (plan) or says why it could not.
  if (!read.current) return []
  const { policy } = await desiredPolicy(ctx)
  const judge = (v: KeyVaultKey) => judgeKeyVersion(v, policy, k, ctx.config.cloud)
  const items = read.others.map(v => versionItem(ctx, v, judge(v), false))
  // The version in effect is the key step's to compare; a weaker one is critical here as well.
  const inEffect = judge(read.current)
  items.unshift(
    inEffect.verdict === 'weaker'
      ? versionItem(ctx, read.current, inEffect, true)
      : {
          id: `keyVersion.${versionOf(read.current)}`,
          setting: `key '${k.name}' version ${versionOf(read.current)}`,
          state: 'in effect (KEK_KID); compared with the inputs by the key step',
          severity: 'ok'
        }
  )
  return items
}

function versionItem(ctx: RunContext, v: KeyVaultKey, j: VersionJudgement, inEffect: boolean): PostureItem {
  const name = ctx.config.key.name
  const id = versionOf(v)
  const setting = `key '${name}' version ${id}`
  const which = inEffect ? 'in effect' : 'an older version, enabled'
  if (j.verdict === 'same')
    return { id: `keyVersion.${id}`, setting, state: `${which}; as the inputs ask`, severity: 'ok' }
  const weaker = j.verdict === 'weaker'
  const policyFixable = j.policyDiffers && !j.immutable
  const disable = inEffect
    ? "create a new version with the inputs' policy (a rerun of apply with a new key-name, or az keyvault key rotate) and move workloads to it"
    : `disable the version once no VM is pinned to it (${DISABLE}: true does, except where a Disk Encryption Set points at it)`
  const todo = policyFixable
    ? `run mode: apply: it brings the version's release policy to the inputs'; or ${disable}`
    : j.immutable && j.policyDiffers
      ? `its release policy is immutable (AKV.SKR.1020): ${disable}`
      : disable
  return {
    id: `keyVersion.${id}`,
    setting,
    state: `${which}; ${weaker ? "release policy weaker than the inputs'" : 'differs from the inputs'}${j.immutable ? ' (immutable policy)' : ''}`,
    severity: weaker ? 'critical' : 'warning',
    finding: weaker
      ? `key '${name}' version ${id} (${which}) has a release policy weaker than the inputs': a VM the inputs' policy refuses can get the key through it`
      : `key '${name}' version ${id} (${which}) differs from the inputs`,
    details: j.reasons,
    todo
  }
}

/** Exportable keys other than the managed one (the latest version as /keys lists it; disabled ones skipped). */
function unmanagedExportable(ctx: RunContext, items: KeyItem[]): string[] {
  const own = ctx.config.key.name.toLowerCase()
  return items
    .filter(i => i.attributes?.enabled !== false && i.attributes?.exportable !== false)
    .map(i => keyNameOf(i.kid))
    .filter(n => n && n.toLowerCase() !== own)
}

async function unmanagedItems(ctx: RunContext, keys: ManagedHsmKeys): Promise<PostureItem[]> {
  const setting = 'exportable keys this action does not manage'
  let items: KeyItem[]
  try {
    const plane = await dataPlane(ctx)
    items = await ctx.reads.once('keyItems', () => listKeyItems(plane))
  } catch (e) {
    if (statusOf(e) !== 403) throw e
    return [{ id: 'unmanagedKeys', setting, state: NEEDS_KEYS, severity: 'warning' }]
  }
  const names = unmanagedExportable(ctx, items)
  const read = await Promise.all(
    names.map(name =>
      ctx.reads
        .once(`keyLatest:${name}`, () => keys.read(name))
        .then(
          key => ({ name, key }),
          (e: unknown) => {
            if (statusOf(e) !== 403) throw e
            return { name, key: undefined, denied: true }
          }
        )
    )
  )
  const out: PostureItem[] = []
  const attestation = attestationDomain(ctx.config.cloud)
  let exportable = 0
  for (const r of read) {
    if ('denied' in r) {
      out.push({
        id: `unmanagedKey.${r.name}`,
        setting: `key '${r.name}' (not managed by this action)`,
        state: `not checked (needs keys/read on /keys/${r.name})`,
        severity: 'warning'
      })
      continue
    }
    if (!r.key || r.key.properties.exportable !== true || r.key.properties.enabled === false) continue
    exportable++
    const problems = policyProblems(r.key, attestation)
    if (problems.length === 0) continue
    out.push({
      id: `unmanagedKey.${r.name}`,
      setting: `key '${r.name}' (exportable, not managed by this action)`,
      state: 'release policy the release-policy rules refuse',
      severity: 'warning',
      finding: `exportable key '${r.name}', which this action does not manage, has a release policy the release-policy rules refuse: it could be released to the wrong VM`,
      details: problems,
      todo: 'tighten its release policy (or disable the key if nothing needs it); this action leaves it alone'
    })
  }
  if (out.length === 0)
    out.push({
      id: 'unmanagedKeys',
      setting,
      state: exportable ? `${exportable} checked, none with a policy the rules refuse` : 'none',
      severity: 'ok'
    })
  return out
}

function policyProblems(key: KeyVaultKey, attestation: ReturnType<typeof attestationDomain>): string[] {
  let policy: unknown
  try {
    policy = versionPolicy(key)
  } catch (e) {
    return [`its release policy cannot be read (${errorMessage(e).split('\n')[0]})`]
  }
  if (policy === undefined) return []
  const lint = lintPolicy(policy, { attestation })
  return [
    ...lint.errors.map(f => `the release-policy rules refuse it ([${f.rule}] at ${f.path})`),
    ...lint.permissive.map(f => `it could release the key to the wrong VM ([${f.rule}] at ${f.path})`)
  ]
}
