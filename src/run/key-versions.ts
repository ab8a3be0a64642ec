/**
 * Every enabled version of the key, and one judgement of each against the inputs, shared by the key step
 * (apply repairs the release policy of older versions, or disables them on request) and the key-versions
 * posture (verify reports them): a VM pinned to an older version gets that version's policy, not the latest's.
 *
 * Reads: the version in effect (`key:NAME`, as the key step reads it), the list of versions and, for each
 * other enabled version, the version itself (the list carries neither the release policy nor the key type
 * and size). Started as soon as ARM names the HSM (prefetchKeyVersions), so they cost one round trip after
 * the key's own read.
 */
import { absentOn404 } from '../azure/call.js'
import type { KeyProperties, KeyVaultKey, ManagedHsmKeys } from '../azure/keys.js'
import { attestationDomain, type CloudName } from '../auth/clouds.js'
import type { KeyConfig } from '../config/index.js'
import {
  describePolicyDifference,
  policiesEqual,
  policyWeakness,
  toPolicyValue,
  type ReleasePolicy
} from '../policy/index.js'
import { errorMessage } from '../shared/errors.js'
import type { RunContext } from './context.js'

/** The key's version in effect (see ManagedHsmKeys.current), one read per run. */
export function readCurrentKey(ctx: RunContext, keys: ManagedHsmKeys): ReturnType<ManagedHsmKeys['current']> {
  const name = ctx.config.key.name
  return ctx.reads.once(`key:${name}`, () => keys.current(name))
}

/** Starts the read readCurrentKey joins (the key step's early read, and the versions' below). */
export function prefetchCurrentKey(
  ctx: RunContext,
  keys: ManagedHsmKeys
): Promise<Awaited<ReturnType<ManagedHsmKeys['current']>> | undefined> {
  const name = ctx.config.key.name
  return ctx.reads.prefetch(`key:${name}`, () => keys.current(name))
}

async function listVersions(keys: ManagedHsmKeys, name: string): Promise<KeyProperties[]> {
  return (await absentOn404(() => keys.versions(name))) ?? []
}

/** Enabled versions other than the one in effect. */
function otherEnabled(list: KeyProperties[], current: KeyVaultKey | undefined): string[] {
  const inEffect = current?.properties.version?.toLowerCase()
  return list
    .filter(v => v.enabled !== false && v.version && v.version.toLowerCase() !== inEffect)
    .map(v => v.version as string)
}

/** The newest versions by created time (Azure's latest is one of them; a tie keeps them all). */
function newest(list: KeyProperties[]): string[] {
  const t = (v: KeyProperties) => v.createdOn?.getTime() ?? 0
  const max = Math.max(...list.map(t))
  return list.filter(v => v.version && t(v) === max).map(v => (v.version as string).toLowerCase())
}

export interface KeyVersions {
  /** The version in effect (what KEK_KID names); undefined when the key does not exist. */
  current?: KeyVaultKey
  /** The newest version ids (lower case): Azure's latest. */
  latest: string[]
  /** Every other enabled version, read in full. */
  others: KeyVaultKey[]
}

/** The key's enabled versions (the reads prefetchKeyVersions started are joined). */
export async function readKeyVersions(ctx: RunContext, keys: ManagedHsmKeys): Promise<KeyVersions> {
  const name = ctx.config.key.name
  const [{ key: current }, list] = await Promise.all([
    readCurrentKey(ctx, keys),
    ctx.reads.once(`keyVersions:${name}`, () => listVersions(keys, name))
  ])
  const read = await Promise.all(
    otherEnabled(list, current).map(v =>
      ctx.reads.once(`keyVersion:${name}/${v.toLowerCase()}`, () => keys.read(name, v))
    )
  )
  const others = read.filter((k): k is KeyVaultKey => !!k && k.properties.enabled !== false)
  return { current, latest: newest(list), others }
}

/** Starts the reads of readKeyVersions; never throws (the reader reports what failed). */
export function prefetchKeyVersions(ctx: RunContext, keys: ManagedHsmKeys): void {
  const name = ctx.config.key.name
  const current = prefetchCurrentKey(ctx, keys)
  const list = ctx.reads.prefetch(`keyVersions:${name}`, () => listVersions(keys, name))
  void Promise.all([current, list]).then(([c, l]) => {
    if (!c || !l) return
    for (const v of otherEnabled(l, c.key))
      void ctx.reads.prefetch(`keyVersion:${name}/${v.toLowerCase()}`, () => keys.read(name, v))
  })
}

/**
 * What cannot change on an existing key version and differs from the inputs: exportability, type, size or
 * curve. Empty when they match.
 */
export function fixedDifferences(key: KeyVaultKey, k: KeyConfig): string[] {
  const out: string[] = []
  if (key.properties.exportable !== true)
    out.push('it is not exportable, and exportability cannot change after creation')
  const kty = String(key.keyType ?? '')
  if (kty.replace(/-HSM$/, '') !== k.type.replace(/-HSM$/, '')) out.push(`its type is ${kty}, not ${k.type}`)
  const bits = key.key?.n ? key.key.n.length * 8 : undefined
  if (k.type === 'RSA-HSM' && bits && k.size && bits !== k.size)
    out.push(`its size is ${bits} bits, not ${k.size}`)
  if (k.type === 'EC-HSM' && key.key?.crv && key.key.crv !== k.curve)
    out.push(`its curve is ${key.key.crv}, not ${k.curve}`)
  return out
}

/** The release policy a version carries, in 1.0.0 form; undefined when it has none. Throws when unreadable. */
export function versionPolicy(key: KeyVaultKey): unknown {
  const encoded = key.properties.releasePolicy?.encodedPolicy
  return encoded ? toPolicyValue(Buffer.from(encoded).toString('utf8')) : undefined
}

/**
 * `weaker`: its release policy releases the key to a VM the inputs' policy does not, or breaks the
 * release-policy rules (critical: someone else can take the key). `different`: it differs otherwise
 * (a warning). `same`: as the inputs ask.
 */
export type VersionVerdict = 'same' | 'different' | 'weaker'

export interface VersionJudgement {
  verdict: VersionVerdict
  /** Its release policy differs from the inputs' (in meaning, or mutable where the inputs ask immutable). */
  policyDiffers: boolean
  /** Its release policy is immutable: nothing can change it (AKV.SKR.1020). */
  immutable: boolean
  /** Why it is weaker, or how it differs, one line each (rules and paths; claim values from Azure). */
  reasons: string[]
  /** What no update can change (exportability, type, size, curve, a missing policy): among the reasons. */
  fixed: string[]
}

/** One version of the key against the inputs: exportability, type, size, and the release policy. */
export function judgeKeyVersion(
  key: KeyVaultKey,
  desired: ReleasePolicy,
  k: KeyConfig,
  cloud: CloudName
): VersionJudgement {
  const immutable = key.properties.releasePolicy?.immutable === true
  const fixed = fixedDifferences(key, k)
  const reasons = [...fixed]
  let policy: unknown
  try {
    policy = versionPolicy(key)
  } catch (e) {
    // Whatever the service holds but cannot be read could release to anyone: never taken as harmless.
    return {
      verdict: 'weaker',
      policyDiffers: true,
      immutable,
      reasons: [...reasons, `its release policy cannot be read (${errorMessage(e).split('\n')[0]})`],
      fixed
    }
  }
  if (policy === undefined) {
    if (key.properties.exportable === true) {
      fixed.push('it has no release policy, so it cannot be released')
      reasons.push(fixed[fixed.length - 1])
    }
    return { verdict: reasons.length ? 'different' : 'same', policyDiffers: false, immutable, reasons, fixed }
  }
  if (policiesEqual(policy, desired)) {
    const mutableOnly = k.immutable && !immutable
    if (mutableOnly) reasons.push('its release policy is mutable; the inputs ask for an immutable one')
    return {
      verdict: reasons.length ? 'different' : 'same',
      policyDiffers: mutableOnly,
      immutable,
      reasons,
      fixed
    }
  }
  const weakness = policyWeakness(policy, desired, {
    attestation: attestationDomain(cloud),
    acceptPermissive: k.permissiveAccepted.length > 0
  })
  if (weakness.length > 0)
    return { verdict: 'weaker', policyDiffers: true, immutable, reasons: [...weakness, ...reasons], fixed }
  return {
    verdict: 'different',
    policyDiffers: true,
    immutable,
    reasons: [...describePolicyDifference(policy, desired).map(d => `release policy: ${d}`), ...reasons],
    fixed
  }
}

/** The version id of a key bundle, lower case. */
export function versionOf(key: KeyVaultKey): string {
  return (key.properties.version ?? key.id?.split('/').pop() ?? '').toLowerCase()
}
