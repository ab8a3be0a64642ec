/**
 * The key step's older versions: every enabled version other than the one in effect keeps its own release
 * policy, and a VM (or a Disk Encryption Set) pinned to it gets the key under that policy. apply brings each
 * mutable one to the inputs' policy; an immutable one cannot change (AKV.SKR.1020) and stays a note here and a
 * finding of the key-versions posture. With disable-older-key-versions apply disables them instead, except the
 * latest and any version a Disk Encryption Set of the subscription points at; a VM outside the action may be
 * pinned to one too, hence the explicit opt-in. The judgement is run/key-versions.ts's, the posture's too.
 */
import type { KeyVaultKey, ManagedHsmKeys } from '../../azure/keys.js'
import type { DiskEncryptionSet } from '../../azure/disk-encryption-sets.js'
import type { ReleasePolicy } from '../../policy/index.js'
import type { Authorized } from '../../run/authorized.js'
import type { RunContext } from '../../run/context.js'
import { releasePolicyOf } from '../../run/key-policy.js'
import { judgeKeyVersion, readKeyVersions, versionOf, type VersionJudgement } from '../../run/key-versions.js'
import type { Change, Plan } from '../../run/step.js'
import { errorMessage } from '../../shared/errors.js'
import { readAllDes } from '../../run/disk-encryption-sets.js'

export const DISABLE_INPUT = 'disable-older-key-versions'

export async function planOlderVersions(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  current: KeyVaultKey,
  policy: ReleasePolicy,
  authorized: Authorized
): Promise<Plan> {
  const k = ctx.config.key
  const { others, latest } = await authorized('read the key versions', () => readKeyVersions(ctx, keys))
  if (others.length === 0) return { changes: [], notes: [] }
  const notes: string[] = []
  const keep = new Set([versionOf(current), ...latest])
  let pinned: Map<string, string[]> | undefined
  if (k.disableOlderVersions) {
    try {
      pinned = pinnedVersions(ctx, await readAllDes(ctx), current)
    } catch (e) {
      notes.push(
        `${DISABLE_INPUT}: no older version of key '${k.name}' was disabled: which Disk Encryption Sets point at them could not be read (${errorMessage(e).split('\n')[0]})`
      )
    }
  }
  const changes: Change[] = []
  for (const v of others) {
    const id = versionOf(v)
    const j = judgeKeyVersion(v, policy, k, ctx.config.cloud)
    const sets = pinned?.get(id)
    if (pinned && !keep.has(id) && !sets) {
      changes.push(disableChange(ctx, keys, id, j, authorized))
      continue
    }
    if (!j.policyDiffers) continue
    const kept = sets ? `; kept enabled: disk encryption set ${sets.join(', ')} points at it` : ''
    if (j.immutable) {
      notes.push(
        `key '${k.name}' version ${id} (an older enabled version) has an immutable release policy ${j.verdict === 'weaker' ? 'weaker than' : 'different from'} the inputs': Azure refuses any change to it (AKV.SKR.1020)${kept}. ` +
          `${j.reasons.join('; ')}. Disable it once no VM is pinned to it (${DISABLE_INPUT}: true does, unless a Disk Encryption Set points at it)`
      )
      continue
    }
    changes.push(policyChange(ctx, keys, id, j, policy, authorized, kept))
  }
  return { changes, notes }
}

function verdictLines(j: VersionJudgement): string[] {
  const head = j.verdict === 'weaker' ? "weaker than the inputs' release policy:" : 'differs from the inputs:'
  return [head, ...j.reasons.map(r => `  ${r}`)]
}

function policyChange(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  version: string,
  j: VersionJudgement,
  policy: ReleasePolicy,
  authorized: Authorized,
  kept: string
): Change {
  const k = ctx.config.key
  return {
    kind: 'update',
    id: `key.version.${version}`,
    summary: `update the release policy of key '${k.name}' version ${version} (an older enabled version) to the inputs' policy${kept}`,
    details: verdictLines(j),
    async apply() {
      await authorized('update the key version', () =>
        keys.call(`update the release policy of key '${k.name}' version ${version}`, c =>
          c.updateKeyProperties(k.name, version, { releasePolicy: releasePolicyOf(policy, k.immutable) })
        )
      )
    }
  }
}

function disableChange(
  ctx: RunContext,
  keys: ManagedHsmKeys,
  version: string,
  j: VersionJudgement,
  authorized: Authorized
): Change {
  const name = ctx.config.key.name
  return {
    kind: 'update',
    id: `key.version.${version}`,
    summary: `disable key '${name}' version ${version} (an older enabled version; ${DISABLE_INPUT})`,
    details: j.verdict === 'same' ? ['same as the inputs, but not the latest'] : verdictLines(j),
    async apply() {
      await authorized('disable the key version', () =>
        keys.call(`disable key '${name}' version ${version}`, c =>
          c.updateKeyProperties(name, version, { enabled: false })
        )
      )
    }
  }
}

/**
 * The versions of this key the sets point at (their active key, and previous keys while a rotation runs),
 * each with the sets' names. A key URL without a version follows the latest, which is kept anyway.
 */
export function pinnedVersions(
  ctx: RunContext,
  sets: DiskEncryptionSet[],
  current: KeyVaultKey
): Map<string, string[]> {
  const host = current.id ? new URL(current.id).host.toLowerCase() : ''
  const name = ctx.config.key.name.toLowerCase()
  const out = new Map<string, string[]>()
  for (const s of sets) {
    const urls = [s.properties?.activeKey?.keyUrl, ...(s.properties?.previousKeys ?? []).map(p => p.keyUrl)]
    for (const url of urls) {
      const version = versionIn(url, host, name)
      if (!version) continue
      const label = `'${s.name ?? s.id ?? '?'}'`
      out.set(version, [...new Set([...(out.get(version) ?? []), label])])
    }
  }
  return out
}

function versionIn(url: string | undefined, host: string, name: string): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    const [, keys, key, version] = u.pathname.replace(/\/+$/, '').split('/')
    if (u.host.toLowerCase() !== host || keys?.toLowerCase() !== 'keys' || key?.toLowerCase() !== name)
      return undefined
    return version?.toLowerCase() || undefined
  } catch {
    return undefined
  }
}
