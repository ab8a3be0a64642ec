/**
 * key: the exportable key-encryption key bound to its release policy. Absent: created exportable with
 * the policy. Present: type, size and exportability are compared (they cannot change: a new key name is
 * the way out), the policy is compared by meaning (the service rewrites its text) and updated when it is
 * mutable, and an immutable policy that differs is explained (AKV.SKR.1020). The key's other enabled
 * versions are planned in key-versions.ts. Calls that need a role just granted are retried on 403 with
 * backoff to a bound, never after a fixed sleep.
 */
import * as log from '../../shared/log.js'
import { keysClient, knownHsm, type RunContext } from '../../run/context.js'
import { SUPERSEDED_BY_TAG, type KeyVaultKey, type ManagedHsmKeys } from '../../azure/keys.js'
import { ConfigurationError, ConflictError, DriftError } from '../../shared/errors.js'
import { attestationDomain } from '../../auth/clouds.js'
import {
  authorityKind,
  describePolicyDifference,
  lintPolicy,
  policiesEqual,
  runPolicyTests,
  toPolicyValue,
  type ReleasePolicy
} from '../../policy/index.js'
import { desiredPolicy, prefetchDefaultAuthority, releasePolicyOf } from '../../run/key-policy.js'
import { fixedDifferences, prefetchCurrentKey, readCurrentKey } from '../../run/key-versions.js'
import { planOlderVersions } from './versions.js'
import {
  implicitForKeyStep,
  planAssignments,
  prefetchAssignments,
  prefetchRoleDefinitions
} from '../../run/role-assignments.js'
import { planKeyBackup } from './escrow.js'
import { untilAuthorized, type Authorized } from '../../run/authorized.js'
import { settleCreatedKey } from './settle.js'
import {
  ATTESTATION_FAILED_HINT,
  attestKey,
  attestationCheck,
  attestationLines,
  prefetchAttestation,
  prefetchLatestAttestation
} from '../../run/key-attestation.js'
import {
  describeSet,
  OTHER_SUBSCRIPTIONS,
  purgeProtected,
  setsBackedByKey,
  setsBrokenBy,
  unprotectedSetWarning
} from '../des/backing.js'
import { CVM_ENCRYPTION_TYPE, MODE_TABLE } from '../../config/index.js'
import type { Change, Check, Plan, Step } from '../../run/step.js'

export const key: Step = {
  name: 'key',

  // The region's default attestation provider at once; once the HSM answers, the key and the grant plan checks.
  prefetch(ctx) {
    prefetchDefaultAuthority(ctx)
    return hsm => {
      const plane = hsm.plane()
      const current = prefetchCurrentKey(ctx, hsm.keys())
      // apply and verify attest the version in use (plan does not): its fetch starts with the key's read.
      const traits = MODE_TABLE[ctx.config.mode]
      if (traits.writes || traits.proves) {
        prefetchLatestAttestation(ctx, plane)
        void current.then(c => c?.key && prefetchAttestation(ctx, plane, c.key))
      }
      if (ctx.config.steps.includes('rbac')) return
      prefetchRoleDefinitions(ctx, plane)
      prefetchAssignments(
        ctx,
        plane,
        implicitForKeyStep().map(w => w.principal)
      )
    }
  },

  async plan(ctx: RunContext): Promise<Plan> {
    const k = ctx.config.key
    const { policy, defaultAuthority } = await desiredPolicy(ctx)
    if (defaultAuthority)
      log.info(`key: attestation authority ${defaultAuthority} (the region's default provider)`)
    checkPolicyTests(ctx, policy)
    for (const w of k.policyWarnings) log.warning(`release-policy: ${w}`)
    // Accepted with allow-permissive-release-policy: said in the log and named in the summary, never silent.
    const warnings = k.permissiveAccepted.map(
      f => `release policy is permissive (accepted by allow-permissive-release-policy): ${f}`
    )
    for (const w of warnings) log.warning(`key: ${w}`)
    for (const line of authorityLines(ctx, policy)) log.info(`key: ${line}`)

    // The identity that creates keys needs Crypto User; the rbac step grants it when it runs. Without it
    // the key cannot even be read, so the key's own plan is made once the grant is in place.
    if (!ctx.config.steps.includes('rbac')) {
      const grants = (await planAssignments(ctx, implicitForKeyStep())).changes
      if (grants.length > 0) return { changes: [...grants, afterGrant(ctx)], notes: [], warnings }
    }
    const changes: Change[] = []

    const keys = await keysClient(ctx)
    const { key: current, superseded } = await untilAuthorized(ctx, 'read the key', () => readKey(ctx, keys))
    // A version disabled by a run that lost a concurrent first creation is a settled leftover, not drift.
    for (const s of superseded)
      log.info(
        `key: version ${s.properties.version} of '${k.name}' is disabled, superseded by ${s.properties.tags?.[SUPERSEDED_BY_TAG]} (two runs created the key at once); using that one`
      )
    ctx.facts.keySnapshot = current
    const authorized: Authorized = (what, fn) => untilAuthorized(ctx, what, fn)
    if (!current) {
      ctx.facts.keyPlanned = plannedKey(ctx, undefined, policy)
      changes.push(createChange(ctx, keys, policy))
      changes.push(...(await planKeyBackup(ctx, keys, undefined, true, authorized)))
      return { changes, notes: [], warnings }
    }
    const plan = compare(ctx, keys, current, policy)
    const planned = plannedKey(ctx, current, policy)
    if (plan.changes.length > 0) ctx.facts.keyPlanned = planned
    // The Disk Encryption Sets the key backs, whether or not des is among the steps: said, and a change they
    // cannot use refused before the key is written.
    const { hsmUri } = await knownHsm(ctx)
    const sets = await checkBackedSets(ctx, hsmUri, plan.changes.length > 0 ? planned : undefined)
    warnings.push(...sets.warnings)
    // Every other enabled version: a VM pinned to one gets its policy, not the latest's. verify leaves them to
    // the key-versions posture, which tells weaker (critical) from merely different (a warning).
    const older = MODE_TABLE[ctx.config.mode].proves
      ? { changes: [], notes: [] }
      : await planOlderVersions(ctx, keys, current, policy, authorized)
    // key-backup-store: escrowed after the key's own changes, so it holds the key as the step leaves it.
    const backup = await planKeyBackup(ctx, keys, current, plan.changes.length > 0, authorized)
    return {
      changes: [...changes, ...plan.changes, ...older.changes, ...backup],
      notes: [...plan.notes, ...older.notes],
      warnings,
      info: sets.info
    }
  },

  /** The summary says when the read-back of a new version waited for a lagging region (settle.ts). */
  report: ctx => (ctx.facts.keyReadBackWait ? [ctx.facts.keyReadBackWait] : []),

  async finish(ctx: RunContext, changed: boolean): Promise<void> {
    const keys = await keysClient(ctx)
    const k =
      ctx.facts.keySettled ||
      (!changed && ctx.facts.keySnapshot) ||
      (await untilAuthorized(ctx, 'read the key', () => keys.get(ctx.config.key.name)))
    if (!k?.id) throw new ConflictError(`key '${ctx.config.key.name}' is not readable after the key step`)
    const { hsmResourceId } = await knownHsm(ctx)
    ctx.facts.keyName = ctx.config.key.name
    ctx.facts.kek = k
    ctx.facts.kekKid = k.id
    ctx.facts.kekResource = `${hsmResourceId}/keys/${ctx.config.key.name}`
    // apply: the attestation of the version in use, fetched and verified in every run, converged or not: no
    // earlier run's record of it is trusted (docs/security.md, "Key attestation"). verify has its own check.
    const created = changed && ctx.facts.keySettled === k
    if (MODE_TABLE[ctx.config.mode].writes && ctx.facts.attestation?.version !== k.properties.version)
      await attestInUse(ctx, k, created)
  },

  /** The attestation of the version in use: generated inside the HSM, to a pinned Marvell root. */
  async verify(ctx: RunContext): Promise<Check[]> {
    const current = ctx.facts.keySnapshot
    if (!current?.properties.version) return []
    const record = await attestKey(ctx, current)
    const check = attestationCheck(record)
    if (check.status === 'ok') log.lines(attestationLines(record).map(l => `key: ${l}`))
    return [check]
  }
}

/**
 * Logs the attestation of the key version apply leaves in use; one that fails a check stops the run (the key is
 * there, unproven), whether this run created it or found it.
 */
async function attestInUse(ctx: RunContext, k: KeyVaultKey, created: boolean): Promise<void> {
  const record = await attestKey(ctx, k)
  const lines = attestationLines(record).map(l => `key: ${l}`)
  if (record.result.status === 'verified') log.lines(lines)
  else if (record.result.status !== 'failed') for (const l of lines) log.warning(l)
  else
    throw new ConflictError(
      created
        ? `key '${ctx.config.key.name}' was created, but ${record.result.reason}`
        : `key '${ctx.config.key.name}' (version ${record.version}, in use): ${record.result.reason}`,
      ATTESTATION_FAILED_HINT
    )
}

/** The key as the step leaves it: the one in Azure (or a new one) with the inputs' policy and operations. */
function plannedKey(ctx: RunContext, current: KeyVaultKey | undefined, policy: ReleasePolicy): KeyVaultKey {
  const k = ctx.config.key
  const releasePolicy = releasePolicyOf(
    policy,
    k.immutable || current?.properties.releasePolicy?.immutable === true
  )
  return {
    ...(current ?? { name: k.name, keyType: k.type }),
    keyOperations: k.operations as never,
    properties: {
      ...(current?.properties ?? { name: k.name, vaultUrl: '' }),
      exportable: true,
      enabled: true,
      releasePolicy
    }
  } as KeyVaultKey
}

/**
 * The sets of the subscription that use this key: named in the step's row, warned about when the HSM can be
 * purged, and a planned change of the key that one of them could not use is refused (DriftError: verify and
 * plan report it with its advice, apply stops before the key is written).
 */
async function checkBackedSets(
  ctx: RunContext,
  hsmUri: string,
  planned: KeyVaultKey | undefined
): Promise<{ info: string[]; warnings: string[] }> {
  const name = ctx.config.key.name
  const found = await setsBackedByKey(ctx, hsmUri)
  if (found.unchecked) {
    const w = `the subscription's Disk Encryption Sets could not be listed (${found.unchecked}): whether a set uses key '${name}' was not checked; the identity needs Microsoft.Compute/diskEncryptionSets/read on the subscription (docs/setup.md)`
    log.warning(`key: ${w}`)
    return { info: [], warnings: [w] }
  }
  if (found.sets.length === 0) return { info: [], warnings: [] }
  const backs = `key '${name}' backs disk encryption set(s) ${found.sets.map(describeSet).join(', ')}; ${OTHER_SUBSCRIPTIONS}`
  log.info(`key: ${backs}`)
  const broken = planned ? setsBrokenBy(planned, found.sets) : []
  if (broken.length > 0)
    throw new DriftError(
      'key.des',
      `the inputs would change key '${name}' so that a disk encryption set using it stops working (refused; nothing is changed):\n${broken.map(b => `- ${log.oneLine(b)}`).join('\n')}`,
      `keep the key as the set needs it: for a ${CVM_ENCRYPTION_TYPE} set use release-policy-preset: cvm-platform (or a release-policy that releases to the CVM platform token), and keep wrapKey and unwrapKey in key-operations; to move the set to another key, use a new key-name with disk-encryption-set`
    )
  const warnings = (await purgeProtected(ctx))
    ? []
    : // The des step warns about its own set.
      found.sets
        .filter(s => !(ctx.config.steps.includes('des') && s.name === ctx.config.des?.name))
        .map(s => unprotectedSetWarning(ctx, [s]))
  for (const w of warnings) log.warning(`key: ${w}`)
  return { info: [backs], warnings }
}

/** Plans and applies the key once a role granted in this run applies (the plan retries on 403 meanwhile). */
function afterGrant(ctx: RunContext): Change {
  return {
    kind: 'update',
    id: 'key.access',
    summary: `then check key '${ctx.config.key.name}' and create or update it`,
    details: ['the signed-in identity could not read keys before the grant above'],
    async apply() {
      const plan = await key.plan(ctx)
      for (const note of plan.notes) log.warning(`key: ${note}`)
      for (const change of plan.changes) {
        log.info(`key: ${change.summary}`)
        for (const d of change.details) log.info(`  - ${d}`)
        await change.apply()
      }
    }
  }
}

/** One line per custom (not the region's shared) attestation provider the policy trusts. */
function authorityLines(ctx: RunContext, policy: ReleasePolicy): string[] {
  const domain = attestationDomain(ctx.config.cloud)
  const hosts = policy.anyOf.map(b => authorityKind(b.authority, domain)).filter(a => a.kind === 'custom')
  return [...new Set(hosts.map(h => h.host))].map(h => `attestation authority: custom provider ${h}`)
}

/**
 * What the release-policy rules say about the policy the key carries in Azure, for the drift details: the
 * authority rule and the permissive findings, by rule and JSONPath (never values from the policy).
 */
function azurePolicyProblems(ctx: RunContext, value: unknown): string[] {
  const lint = lintPolicy(value, { attestation: attestationDomain(ctx.config.cloud) })
  const authority = lint.errors.filter(f => f.rule.startsWith('authority'))
  return [
    ...authority.map(
      f => `in Azure, trusts an authority that breaks the authority rule ([${f.rule}] at ${f.path})`
    ),
    ...lint.permissive.map(f => `in Azure, could release the key to the wrong VM ([${f.rule}] at ${f.path})`)
  ]
}

/** The key as it is in effect (shared with the step's early read, prefetchCurrentKey). */
export function readKey(ctx: RunContext, keys: ManagedHsmKeys): ReturnType<ManagedHsmKeys['current']> {
  return readCurrentKey(ctx, keys)
}

/** "Will my VM get the key?": the release-policy-test cases, evaluated offline before any write. */
function checkPolicyTests(ctx: RunContext, policy: ReleasePolicy): void {
  const tests = ctx.config.key.policyTests
  if (tests.length === 0) return
  const report = runPolicyTests(policy, tests)
  for (const line of report.lines) log.info(`key: release-policy-test ${line}`)
  if (!report.passed)
    throw new ConfigurationError(
      'release-policy-test',
      `${report.failed} of ${report.total} expectations do not hold for the release policy:\n${report.lines.filter(l => l.startsWith('FAIL')).join('\n')}`
    )
}

function createChange(ctx: RunContext, keys: ManagedHsmKeys, policy: ReleasePolicy): Change {
  const k = ctx.config.key
  return {
    kind: 'create',
    id: 'key.exists',
    summary: `create exportable ${k.type} key '${k.name}' (${k.size ? `${k.size} bits` : k.curve}) bound to its release policy`,
    details: [
      `operations: ${k.operations.join(', ')}`,
      `release policy: ${policy.anyOf.map(b => b.authority).join(', ')}${k.immutable ? ' (immutable)' : ''}`,
      ...authorityLines(ctx, policy)
    ],
    async apply() {
      const created = await untilAuthorized(ctx, 'create the key', () =>
        keys.call(`create key '${k.name}'`, c =>
          c.createKey(k.name, k.type, {
            keySize: k.size && k.type !== 'EC-HSM' ? k.size : undefined,
            curve: k.curve,
            keyOps: k.operations as never,
            exportable: true,
            releasePolicy: releasePolicyOf(policy, k.immutable),
            tags: { 'managed-by': 'managed-hsm-skr-action' }
          })
        )
      )
      // Another run may have found the key absent too and created its own version meanwhile.
      ctx.facts.keySettled = await settleCreatedKey(ctx, keys, created, (what, fn) =>
        untilAuthorized(ctx, what, fn)
      )
    }
  }
}

function compare(ctx: RunContext, keys: ManagedHsmKeys, current: KeyVaultKey, policy: ReleasePolicy): Plan {
  const k = ctx.config.key
  const p = current.properties
  const fixed = fixedDifferences(current, k)
  if (fixed.length > 0)
    throw new DriftError(
      'key.fixedProperties',
      `key '${k.name}' exists but ${fixed.join('; ')}`,
      'these cannot change on an existing key: choose a new key-name (and move workloads to it), or align the inputs with the key'
    )

  const notes: string[] = []
  const details: string[] = []
  const update: { releasePolicy?: ReturnType<typeof releasePolicyOf>; keyOps?: never; enabled?: boolean } = {}
  const currentPolicy = p.releasePolicy?.encodedPolicy
    ? toPolicyValue(Buffer.from(p.releasePolicy.encodedPolicy).toString('utf8'))
    : undefined
  const currentImmutable = p.releasePolicy?.immutable === true
  const samePolicy = currentPolicy !== undefined && policiesEqual(currentPolicy, policy)
  if (!samePolicy) {
    const diff = currentPolicy ? describePolicyDifference(currentPolicy, policy) : ['no release policy set']
    // A permissive policy in Azure is always a difference here (the desired one passed the same rules), so
    // verify reports it as drift; this says why it matters.
    if (currentPolicy) diff.push(...azurePolicyProblems(ctx, currentPolicy))
    if (currentImmutable)
      throw new DriftError(
        'key.releasePolicy',
        `key '${k.name}' has an immutable release policy that differs from the desired one:\n${diff.map(d => `- ${log.oneLine(d)}`).join('\n')}\n` +
          'Azure refuses any change to it (AKV.SKR.1020: Immutable Key Release Policy cannot be modified).',
        'create the key under a new key-name with the desired policy and move workloads to it; the old key keeps its policy for good'
      )
    update.releasePolicy = releasePolicyOf(policy, k.immutable)
    details.push(...diff.map(d => `release policy: ${d}`))
  } else if (k.immutable && !currentImmutable) {
    update.releasePolicy = releasePolicyOf(policy, true)
    details.push('release policy: mutable -> immutable (permanent)')
  } else if (!k.immutable && currentImmutable) {
    notes.push(
      `key '${k.name}' has an immutable release policy; immutable-release-policy: false cannot undo that`
    )
  }
  const ops = [...(current.keyOperations ?? [])].map(String).sort()
  if (ops.join() !== [...k.operations].sort().join()) {
    update.keyOps = k.operations as never
    details.push(`operations: ${ops.join(', ') || '(none)'} -> ${k.operations.join(', ')}`)
  }
  if (p.enabled === false) {
    update.enabled = true
    details.push('enabled: false -> true')
  }
  if (p.expiresOn && p.expiresOn.getTime() < Date.now())
    notes.push(`key '${k.name}' expired on ${p.expiresOn.toISOString()}: VMs cannot use it; rotate it`)
  if (details.length === 0) return { changes: [], notes }
  return {
    changes: [
      {
        kind: 'update',
        id: 'key.properties',
        summary: `update key '${k.name}'`,
        details,
        async apply() {
          await untilAuthorized(ctx, 'update the key', () =>
            keys.call(`update key '${k.name}'`, c => c.updateKeyProperties(k.name, update))
          )
        }
      }
    ],
    notes
  }
}
