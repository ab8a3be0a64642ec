/**
 * Every input is read and validated here, into one typed Config, before anything talks to Azure.
 * Each problem names the input and the rule; all problems are reported together.
 * Defaults live in INPUT_DEFAULTS and a test keeps action.yml in step with them, so the action behaves the
 * same whether the runner filled a default in or a local run left the input empty.
 */
import { CLOUD_NAMES } from '../auth/clouds.js'
import { ConfigurationErrors } from '../shared/errors.js'
import { parseActivation } from './activation.js'
import { parseDesConfig } from './des.js'
import { parseNetworkConfig } from './network.js'
import { parseKeyConfig } from './key.js'
import { ALL_STEPS, MODE_TABLE, MODES, STEP_NAMES, type StepName } from './modes.js'
import { parseBackupConfig } from './backup.js'
import { parseAuditLogConfig } from './audit-log.js'
import {
  GUID,
  hsmNameProblem,
  inputReader,
  parseDuration,
  resourceGroupProblem,
  splitList,
  workspacePath,
  type InputReader
} from './reader.js'
import { checkKeyFiles, parseRecovery } from './recovery.js'
import { isOldUndelete, refuseRenamed } from './renamed.js'
import { parseReplica } from './replica.js'
import { unappliedInputs as unappliedInputsOf } from './provision-only.js'
import { parseTeardownRule } from './teardown.js'
import { misspeltInputs } from './unknown-inputs.js'
import {
  builtInRoleName,
  builtInRoleOf,
  closestRoleName,
  RELEASING_BUILT_IN_ROLES
} from '../azure/rbac-roles.js'
import {
  ARM_KEY_MANAGEMENT,
  ON_SOFT_DELETED,
  SELF,
  SKUS,
  type Config,
  type RoleAssignmentInput
} from './types.js'

/**
 * Reads and validates every input. Throws ConfigurationErrors listing all problems found. `given`: the names
 * of the inputs the runner set (from INPUT_* in the environment), to catch a misspelt one.
 */
export function parseInputs(read: InputReader, given: readonly string[] = []): Config {
  const r = inputReader(read)
  const { get, required, guid, oneOf, bool, int, fail, problems } = r
  refuseRenamed(read, r)
  for (const u of misspeltInputs(given))
    fail(
      u.name,
      `unknown input; did you mean '${u.closest}'? (an unknown input is not read: the run would go on with ` +
        `${u.closest}'s default)`
    )

  const tenantId = guid('tenant-id')
  const clientId = guid('client-id')
  const subscriptionId = guid('subscription-id')
  const audience = get('audience')
  const audienceProblem = audienceRule(audience)
  if (audienceProblem) fail('audience', audienceProblem)
  const cloud = oneOf('cloud', CLOUD_NAMES)
  const mode = oneOf('mode', MODES)
  const steps = parseSteps(get('steps'), fail)
  // What the steps need is required only in the modes that run them (not in teardown, say).
  const runsSteps = MODE_TABLE[mode].runsSteps
  const runs = (step: StepName): boolean => runsSteps && steps.includes(step)

  const resourceGroup = required('resource-group')
  const rgProblem = resourceGroup && resourceGroupProblem(resourceGroup)
  if (rgProblem) fail('resource-group', rgProblem)

  const hsmName = required('hsm-name')
  // teardown alone takes a pattern (`*` or `PREFIX*`): the scheduled clean-up of expired ephemeral HSMs.
  const teardownPrefix = hsmName.endsWith('*') ? hsmName.slice(0, -1) : undefined
  const nameProblem =
    teardownPrefix === undefined
      ? hsmName && hsmNameProblem(hsmName)
      : sweepPatternProblem(teardownPrefix, mode)
  if (nameProblem) fail('hsm-name', `'${hsmName}' ${nameProblem}`)

  const location = get('location').toLowerCase().replace(/\s+/g, '')
  if ((runs('provision') || mode === 'recover') && location === '')
    fail('location', 'is required to create the Managed HSM')
  else if (location && !/^[a-z0-9]+$/.test(location))
    fail('location', `must be an Azure region name such as westeurope (got '${location}')`)

  const sku = oneOf('sku', SKUS)

  const administrators = splitList(get('administrators')).map(a => (a.toLowerCase() === SELF ? SELF : a))
  if (administrators.length === 0) fail('administrators', `needs at least one object id, or '${SELF}'`)
  for (const a of administrators) {
    if (a !== SELF && !GUID.test(a))
      fail('administrators', `'${a}' is not an object id (a GUID) or '${SELF}'`)
  }

  const retentionDays = int('retention-days', 7, 90)
  const purgeProtection = bool('purge-protection')
  const confirm = get('confirm-purge-protection')
  if (purgeProtection && confirm !== hsmName) {
    fail(
      'confirm-purge-protection',
      `must be set to the HSM name ('${hsmName}') to turn purge protection on: it can never be turned off, ` +
        `and a deleted HSM then keeps its name and keeps billing until retention-days have passed`
    )
  }
  const replica = parseReplica(r, location)
  const publicNetworkAccess = oneOf('public-network-access', ['Enabled', 'Disabled'] as const)
  const tags = parseTags(get('tags'), fail)
  // on-soft-deleted: recover is refused by refuseRenamed, with its own message.
  const onSoftDeleted = isOldUndelete(get('on-soft-deleted'))
    ? ON_SOFT_DELETED[0]
    : oneOf('on-soft-deleted', ON_SOFT_DELETED)
  const timeoutMinutes = int('operation-timeout-minutes', 1, 360)
  const summary = bool('summary')
  const failOnDrift = bool('fail-on-drift')
  const wrappingPrivateKeys = splitList(get('wrapping-private-key-files')).map(workspacePath)
  const securityDomainFile = get('security-domain-file')
    ? workspacePath(get('security-domain-file'))
    : undefined
  const expiresText = get('expires-after')
  const expiresAfterMs = parseDuration(expiresText)
  if (expiresText && !expiresAfterMs)
    fail('expires-after', `must be a duration such as 12h, 7d or 2w (got '${expiresText}')`)
  const confirmTeardown = get('confirm-teardown')
  const onlyIfExpired = bool('only-if-expired')
  if (mode === 'teardown' && confirmTeardown !== hsmName)
    fail(
      'confirm-teardown',
      teardownPrefix === undefined
        ? `must be set to the HSM name ('${hsmName}') to tear it down: its keys and security domain go with it`
        : `must be set to the pattern ('${hsmName}') to tear down the expired HSMs it matches: their keys and security domains go with them`
    )
  if (mode === 'teardown' && teardownPrefix !== undefined) {
    if (!onlyIfExpired)
      fail(
        'only-if-expired',
        `must be 'true' when hsm-name is a pattern ('${hsmName}'): a pattern only ever tears down expired HSMs`
      )
    if (get('disk-encryption-set'))
      fail(
        'disk-encryption-set',
        `must be empty when hsm-name is a pattern ('${hsmName}'): tear an HSM with a disk encryption set down by its name`
      )
  }
  const teardownRule = mode === 'teardown' ? parseTeardownRule(r, onlyIfExpired, clientId) : undefined
  const deleteDiskEncryptionSets = bool('delete-disk-encryption-sets')
  if (deleteDiskEncryptionSets && mode !== 'teardown')
    fail(
      'delete-disk-encryption-sets',
      "is only read in mode: teardown (it lets teardown delete the disk encryption sets that use the HSM's keys)"
    )
  checkKeyFiles(r, mode, wrappingPrivateKeys, securityDomainFile)
  const activation = parseActivation(r, cloud, runs('activate'))
  const { keyBackup, rehearsalHsmName } = parseRecovery(
    r,
    cloud,
    mode,
    hsmName,
    activation,
    wrappingPrivateKeys.length > 0,
    !!securityDomainFile
  )
  const roleAssignments = parseRoleAssignments(get('role-assignments'), fail)
  const allowBroadRelease = bool('allow-broad-release')
  if (!allowBroadRelease)
    for (const line of roleAssignments.filter(broadBuiltInRelease))
      fail('role-assignments', broadReleaseRule(line, builtInRoleOf(line.role) ?? line.role))
  const knownPrincipals = parseKnownPrincipals(get('known-principals'), fail)
  const selfObjectId = get('self-object-id').toLowerCase() || undefined
  if (selfObjectId && !GUID.test(selfObjectId))
    fail('self-object-id', `'${selfObjectId}' is not an object id (a GUID)`)
  // apply grants and writes as the signed-in identity: only a run that reads may stand in for another.
  else if (selfObjectId && mode !== 'verify')
    fail(
      'self-object-id',
      "is for mode verify only (a read-only nightly identity judging the apply identity's HSM); apply and plan act as the signed-in identity"
    )
  const pruneRoleAssignments = bool('prune-role-assignments')
  if (pruneRoleAssignments && !runs('rbac'))
    fail(
      'prune-role-assignments',
      'needs the rbac step (steps: all, or a list with rbac) in mode apply, plan or verify'
    )
  const auditLog = parseAuditLogConfig(r, runs('provision'))
  const unappliedInputs = unappliedInputsOf(get, mode, runs('provision'))
  const armKeys = oneOf('allow-key-management-through-arm', ARM_KEY_MANAGEMENT)
  const allowKeyManagementThroughArm = armKeys === 'report' ? undefined : armKeys === 'true'
  const key = parseKeyConfig(r, cloud, runs('key'))
  const desListed = splitList(get('steps')).some(s => s.toLowerCase() === 'des')
  const des = parseDesConfig(r, {
    resourceGroup,
    key,
    listed: runsSteps && desListed,
    keyStepRuns: runs('key')
  })
  // 'all' includes the des step only when a Disk Encryption Set is named.
  if (!des && steps.includes('des')) steps.splice(steps.indexOf('des'), 1)
  const network = parseNetworkConfig(r, { given, des: !!des, publicNetworkAccess })
  const exportVariables = bool('export-variables')
  const backup = parseBackupConfig(
    r,
    runs('backup')
      ? 'step'
      : ((mode === 'recover' || mode === 'plan') && rehearsalHsmName) || mode === 'teardown'
        ? 'optional'
        : 'none'
  )

  if (problems.length > 0) throw new ConfigurationErrors(problems)
  return {
    tenantId,
    clientId,
    subscriptionId,
    audience,
    cloud,
    mode,
    steps,
    resourceGroup,
    location,
    hsmName,
    sku,
    administrators: [...new Set(administrators.map(a => a.toLowerCase()))],
    retentionDays,
    purgeProtection,
    publicNetworkAccess:
      network.posture === 'private'
        ? 'Disabled'
        : network.posture === 'keep'
          ? publicNetworkAccess
          : 'Enabled',
    network,
    ...replica,
    tags,
    onSoftDeleted,
    timeoutMinutes,
    summary,
    failOnDrift,
    wrappingPrivateKeys,
    securityDomainFile,
    expiresAfterMs,
    confirmTeardown,
    onlyIfExpired,
    deleteDiskEncryptionSets,
    teardownPrefix,
    teardownRule,
    keyBackup,
    backup,
    rehearsalHsmName,
    activation,
    roleAssignments,
    allowBroadRelease,
    knownPrincipals,
    selfObjectId,
    pruneRoleAssignments,
    allowKeyManagementThroughArm,
    auditLog,
    unappliedInputs,
    key,
    des,
    exportVariables
  }
}

/** A teardown pattern is `*` or an HSM name's beginning followed by `*`; no other mode takes one. */
function sweepPatternProblem(prefix: string, mode: string): string | undefined {
  if (mode !== 'teardown')
    return "is a pattern: only mode: teardown (with only-if-expired: 'true') accepts one; name one HSM here"
  if (prefix === '') return undefined
  if (prefix.length > 23) return 'is too long: a pattern is at most 23 characters and then *'
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(prefix))
    return 'must be * alone, or the beginning of an HSM name (a letter, then letters, digits and hyphens) followed by *'
  if (prefix.includes('--')) return 'must not contain two hyphens in a row'
  return undefined
}

/**
 * The OIDC audience goes into the GitHub token request and must match the federated credential exactly:
 * printable ASCII without spaces. The value itself is not echoed (it may hold control characters).
 */
function audienceRule(audience: string): string | undefined {
  if (audience.length > 256) return `must be at most 256 characters (got ${audience.length})`
  const bad = /[^\x21-\x7e]/.exec(audience)
  if (bad)
    return `must be printable ASCII without spaces or control characters, such as api://AzureADTokenExchange (character ${bad.index + 1} is not)`
  return undefined
}

/**
 * One assignment per line: `ROLE | PRINCIPAL | SCOPE`. The scope is required: it once defaulted to `/`, the
 * whole HSM (role management included), which a line that forgot it granted silently.
 */
function parseRoleAssignments(
  value: string,
  fail: (input: string, rule: string) => void
): RoleAssignmentInput[] {
  const out: RoleAssignmentInput[] = []
  for (const line of value
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))) {
    const [roleText = '', principalText = '', scopeText, ...extra] = line.split('|').map(p => p.trim())
    if (extra.length > 0 || !roleText || !principalText) {
      fail(
        'role-assignments',
        `'${line}' must be 'ROLE | PRINCIPAL | SCOPE', e.g. 'Managed HSM Crypto User | self | /keys'`
      )
      continue
    }
    if (!scopeText) {
      fail(
        'role-assignments',
        `'${line}' names no scope, and a scope is required (it no longer defaults to '/', the whole HSM): ` +
          `write '${roleText} | ${principalText} | /keys/KEY-NAME' for one key, '… | /keys' for every key, ` +
          `or '${roleText} | ${principalText} | /' for the whole HSM as before`
      )
      continue
    }
    let role = roleText
    if (!GUID.test(roleText)) {
      const name = builtInRoleName(roleText)
      if (!name) {
        fail(
          'role-assignments',
          `'${roleText}' is not a Managed HSM built-in role (did you mean '${closestRoleName(roleText)}'?); give a custom role by its GUID`
        )
        continue
      }
      role = name
    } else role = roleText.toLowerCase()
    const principal = principalText.toLowerCase() === SELF ? SELF : principalText.toLowerCase()
    if (principal !== SELF && !GUID.test(principal)) {
      fail('role-assignments', `principal '${principalText}' is not an object id (a GUID) or '${SELF}'`)
      continue
    }
    const scope = scopeText.replace(/\/+$/, '') || '/'
    if (!/^\/(keys(\/[0-9a-zA-Z-]{1,127})?)?$/.test(scope)) {
      fail('role-assignments', `scope '${scopeText}' must be '/', '/keys' or '/keys/KEY-NAME'`)
      continue
    }
    if (out.some(o => o.role === role && o.principal === principal && o.scope === scope)) continue
    out.push({ role, principal, scope })
  }
  return out
}

/** A line granting a built-in role that can release keys at / or /keys to someone other than the action. */
function broadBuiltInRelease(a: RoleAssignmentInput): boolean {
  const role = builtInRoleOf(a.role)
  return a.principal !== SELF && isBroadScope(a.scope) && !!role && RELEASING_BUILT_IN_ROLES.has(role)
}

/** `/` or `/keys`: every key of the HSM, present and future. */
export function isBroadScope(scope: string): boolean {
  return scope === '/' || scope === '/keys'
}

/** The refusal of a broad release grant, naming the line to write instead and the opt-in. */
export function broadReleaseRule(a: RoleAssignmentInput, roleName: string): string {
  return (
    `'${roleName} | ${a.principal} | ${a.scope}' lets ${a.principal} release every key of the HSM (scope ${a.scope}), ` +
    `not only the one it needs: grant it on one key ('${roleName} | ${a.principal} | /keys/KEY-NAME'), ` +
    `or set allow-broad-release: true if release of every key is intended`
  )
}

/**
 * One object id per line (or comma-separated), optionally followed by `# what it is`: principals that hold
 * roles on the HSM legitimately without the action managing them (a break-glass group, a backup job).
 */
function parseKnownPrincipals(value: string, fail: (input: string, rule: string) => void): string[] {
  const ids: string[] = []
  for (const line of value.split('\n')) {
    for (const entry of splitList(line.replace(/#.*$/, ''))) {
      if (!GUID.test(entry)) fail('known-principals', `'${entry}' is not an object id (a GUID)`)
      else if (!ids.includes(entry.toLowerCase())) ids.push(entry.toLowerCase())
    }
  }
  return ids
}

function parseSteps(value: string, fail: (i: string, r: string) => void): StepName[] {
  const names = splitList(value).map(s => s.toLowerCase())
  if (names.length === 1 && names[0] === 'all') return [...ALL_STEPS]
  const steps: StepName[] = []
  for (const n of names) {
    const step = STEP_NAMES.find(s => s === n)
    if (n === 'all') steps.push(...ALL_STEPS.filter(s => !steps.includes(s)))
    else if (!step) fail('steps', `'${n}' is not a step; use 'all' or any of ${STEP_NAMES.join(', ')}`)
    else if (!steps.includes(step)) steps.push(step)
  }
  if (names.length === 0) fail('steps', `needs at least one step, or 'all'`)
  // Steps always run in their natural order, whatever order the input lists them in.
  return STEP_NAMES.filter(s => steps.includes(s))
}

/** `key=value` per line (or comma-separated); the rules are Azure's tag limits. */
function parseTags(value: string, fail: (i: string, r: string) => void): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const entry of splitList(value)) {
    const eq = entry.indexOf('=')
    if (eq <= 0) {
      fail('tags', `'${entry}' is not key=value`)
      continue
    }
    const key = entry.slice(0, eq).trim()
    const val = entry.slice(eq + 1).trim()
    if (key.length > 512 || /[<>%&\\?/]/.test(key))
      fail('tags', `key '${key}' must be at most 512 characters without < > % & \\ ? /`)
    else if (val.length > 256) fail('tags', `value of '${key}' must be at most 256 characters`)
    else tags[key] = val
  }
  if (Object.keys(tags).length > 50) fail('tags', 'Azure allows at most 50 tags on a resource')
  return tags
}
