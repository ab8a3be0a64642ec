/**
 * Every input is read and validated here, into one typed Config, before anything talks to Azure.
 * Each problem names the input and the rule; all problems are reported together.
 * Defaults live in INPUT_DEFAULTS and a test keeps action.yml in step with them, so the action behaves the
 * same whether the runner filled a default in or a local run left the input empty.
 */
import { isAbsolute, resolve } from 'node:path'
import { CLOUD_NAMES, attestationDomain, cloudEndpoints, type CloudName } from '../auth/clouds.js'
import { ConfigurationError, ConfigurationErrors } from '../shared/errors.js'
import { checkInputFile, FILE_CAPS, readInputFile } from './input-file.js'
import { validateWrappingCertificates } from '../security-domain/certificates.js'
import { estimateSecurityDomainBytes } from '../security-domain/size.js'
import { SECRET_MAX_BYTES } from '../escrow/stores/store.js'
import { keyTargets, objectKey, parseStoreTarget, showUrl, type StoreTarget } from '../escrow/stores/targets.js'
import {
  ESCROW_SAME_STORE,
  sameObject,
  sharedStores,
  storeWord,
  type EscrowSameStore,
  type SharedStore
} from './custody.js'
import { builtInRoleName, closestRoleName } from '../azure/rbac-roles.js'
import { parseDesConfig, type DesConfig } from './des.js'
import {
  attestationAuthorityProblem,
  formatFinding,
  isPresetName,
  parsePolicy,
  parsePolicyTestCases,
  PolicyParseError,
  PRESET_NAMES,
  type PolicyTestCase,
  type PresetName,
  type ReleasePolicy
} from '../policy/index.js'

export const STEP_NAMES = ['provision', 'activate', 'rbac', 'key', 'des'] as const
export type StepName = (typeof STEP_NAMES)[number]

export const MODES = ['apply', 'plan', 'verify', 'verify-security-domain', 'teardown', 'recover'] as const
export type Mode = (typeof MODES)[number]

export const SKUS = ['Standard_B1', 'Custom_B32', 'Custom_B6', 'Custom_C42', 'Custom_C10'] as const
export type SkuName = (typeof SKUS)[number]

export const ON_SOFT_DELETED = ['fail', 'recover', 'purge'] as const
export type OnSoftDeleted = (typeof ON_SOFT_DELETED)[number]

/** The keyword that stands for the identity the action signs in as. */
export const SELF = 'self'

export interface Config {
  tenantId: string
  clientId: string
  subscriptionId: string
  audience: string
  cloud: CloudName
  mode: Mode
  steps: StepName[]
  resourceGroup: string
  location: string
  hsmName: string
  sku: SkuName
  /** Object ids; SELF is resolved after sign-in. */
  administrators: string[]
  retentionDays: number
  purgeProtection: boolean
  publicNetworkAccess: 'Enabled' | 'Disabled'
  tags: Record<string, string>
  onSoftDeleted: OnSoftDeleted
  timeoutMinutes: number
  summary: boolean
  failOnDrift: boolean
  activation: ActivationConfig
  /** verify-security-domain and recover: custodians' key files, and optionally a local security-domain file. */
  wrappingPrivateKeys: string[]
  securityDomainFile?: string
  /** key: where the key's backup blob is escrowed (one object per key state); recover restores from there. */
  keyBackup?: StoreTarget
  /** recover: recover into this fresh, temporary HSM instead of hsm-name, then tear it down. */
  rehearsalHsmName?: string
  /** provision: how long an ephemeral HSM should live (sets the expires-at tag at creation). */
  expiresAfterMs?: number
  confirmTeardown: string
  onlyIfExpired: boolean
  roleAssignments: RoleAssignmentInput[]
  key: KeyConfig
  /** des: the Disk Encryption Set bound to the key; undefined when disk-encryption-set is empty. */
  des?: DesConfig
  exportVariables: boolean
}

export const KEY_TYPES = ['RSA-HSM', 'EC-HSM', 'oct-HSM'] as const
export const KEY_OPERATIONS = [
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'wrapKey',
  'unwrapKey',
  'import',
  'export'
] as const
export const CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'] as const

export interface KeyConfig {
  name: string
  type: (typeof KEY_TYPES)[number]
  /** RSA modulus or AES key bits; undefined for EC. */
  size?: number
  curve?: (typeof CURVES)[number]
  operations: string[]
  immutable: boolean
  /** A complete policy, or a preset whose authority may still need the region's default provider. */
  policy?:
    { kind: 'inline'; policy: ReleasePolicy } | { kind: 'preset'; preset: PresetName; authority?: string }
  policyWarnings: string[]
  /**
   * Release-policy rule findings (no-tee, debuggable, always-true) the user accepted with
   * allow-permissive-release-policy; the plan and the summary name them. Empty without the opt-in (they are errors).
   */
  permissiveAccepted: string[]
  policyTests: PolicyTestCase[]
}

export type { DesConfig }

export interface RoleAssignmentInput {
  /** A built-in role name as the service spells it, or a role definition GUID. */
  role: string
  /** An object id, or SELF. */
  principal: string
  /** '/', '/keys' or '/keys/{name}'. */
  scope: string
}

export interface ActivationConfig {
  /** PEM certificates supplied by key custodians; empty when the action generates the key pairs. */
  certificates: string[]
  keyCount: number
  keySize: 2048 | 3072 | 4096
  quorum: number
  securityDomainStores: StoreTarget[]
  /** One target (names suffixed per key) or exactly one per key (split custody). */
  wrappingKeyStores: StoreTarget[]
  /** refuse (default): wrapping keys never share a Key Vault or storage account with the security domain. */
  escrowSameStore: EscrowSameStore
  /** With escrow-same-store: accept, the stores that hold both (reported as single store custody). */
  sharedStores: SharedStore[]
}

export const INPUT_DEFAULTS: Record<string, string> = {
  audience: 'api://AzureADTokenExchange',
  cloud: 'AzureCloud',
  mode: 'apply',
  steps: 'all',
  sku: 'Standard_B1',
  administrators: SELF,
  'retention-days': '90',
  'purge-protection': 'false',
  'confirm-purge-protection': '',
  'public-network-access': 'Enabled',
  tags: '',
  'on-soft-deleted': 'fail',
  'timeout-minutes': '60',
  summary: 'true',
  'wrapping-certificates': '',
  'wrapping-key-count': '3',
  'wrapping-key-size': '3072',
  quorum: '2',
  'security-domain-store': '',
  'wrapping-key-store': '',
  'escrow-same-store': 'refuse',
  'role-assignments': '',
  'release-policy': '',
  'release-policy-preset': '',
  'attestation-authority': '',
  'release-policy-test': '',
  'key-name': 'KeyEncryptionKey',
  'key-type': 'RSA-HSM',
  'key-size': '',
  'key-curve': 'P-384',
  'key-operations': '',
  'immutable-release-policy': 'false',
  'allow-permissive-release-policy': 'false',
  'export-variables': 'false',
  'fail-on-drift': 'true',
  'wrapping-private-keys': '',
  'security-domain-file': '',
  'expires-after': '',
  'confirm-teardown': '',
  'only-if-expired': 'false',
  'backup-key': '',
  'rehearsal-hsm-name': '',
  'disk-encryption-set': '',
  'disk-encryption-set-resource-group': '',
  'des-encryption-type': 'ConfidentialVmEncryptedWithCustomerKey',
  'des-key-version': 'pinned',
  'cvm-orchestrator-object-id': ''
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Managed HSM names are global DNS labels: 3-24 of a-z A-Z 0-9 -, a letter first, no "--", no "-" last. */
export function hsmNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 24) return `must be 3 to 24 characters long (got ${name.length})`
  if (!/^[a-zA-Z0-9-]+$/.test(name)) return 'may contain only letters, digits and hyphens'
  if (!/^[a-zA-Z]/.test(name)) return 'must start with a letter'
  if (!/[a-zA-Z0-9]$/.test(name)) return 'must end with a letter or a digit'
  if (name.includes('--')) return 'must not contain two hyphens in a row'
  return undefined
}

/** Resource group names: 1-90 of letters, digits, _ - . ( ), not ending in a period. */
export function resourceGroupProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 90) return 'must be 1 to 90 characters long'
  if (!/^[-\w.()\p{L}\p{N}]+$/u.test(name)) return 'may contain letters, digits, _ - . ( ) only'
  if (name.endsWith('.')) return 'must not end with a period'
  return undefined
}

export type InputReader = (name: string) => string

/** Reads and validates every input. Throws ConfigurationErrors listing all problems found. */
export function parseInputs(read: InputReader): Config {
  const problems: ConfigurationError[] = []
  const fail = (input: string, rule: string): void => {
    problems.push(new ConfigurationError(input, rule))
  }
  const get = (name: string): string => {
    const raw = read(name).trim()
    return raw === '' ? (INPUT_DEFAULTS[name] ?? '') : raw
  }
  const required = (name: string): string => {
    const v = get(name)
    if (v === '') fail(name, 'is required')
    return v
  }
  const guid = (name: string): string => {
    const v = required(name)
    if (v !== '' && !GUID.test(v))
      fail(name, `must be a GUID such as 00000000-0000-0000-0000-000000000000 (got '${v}')`)
    return v.toLowerCase()
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const v = get(name)
    const match = allowed.find(a => a.toLowerCase() === v.toLowerCase())
    if (!match) fail(name, `must be one of ${allowed.join(', ')} (got '${v}')`)
    return match ?? allowed[0]
  }
  const bool = (name: string): boolean => {
    const v = get(name)
    if (['true', 'True', 'TRUE'].includes(v)) return true
    if (['false', 'False', 'FALSE'].includes(v)) return false
    fail(name, `must be true or false (got '${v}')`)
    return false
  }
  const int = (name: string, min: number, max: number): number => {
    const v = get(name)
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      fail(name, `must be a whole number from ${min} to ${max} (got '${v}')`)
      return min
    }
    return Number(v)
  }

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
  const runsSteps = mode === 'apply' || mode === 'plan' || mode === 'verify'
  const runs = (step: StepName): boolean => runsSteps && steps.includes(step)

  const resourceGroup = required('resource-group')
  const rgProblem = resourceGroup && resourceGroupProblem(resourceGroup)
  if (rgProblem) fail('resource-group', rgProblem)

  const hsmName = required('hsm-name')
  const nameProblem = hsmName && hsmNameProblem(hsmName)
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
  const publicNetworkAccess = oneOf('public-network-access', ['Enabled', 'Disabled'] as const)
  const tags = parseTags(get('tags'), fail)
  const onSoftDeleted = oneOf('on-soft-deleted', ON_SOFT_DELETED)
  const timeoutMinutes = int('timeout-minutes', 1, 360)
  const summary = bool('summary')
  const failOnDrift = bool('fail-on-drift')
  const localFile = (p: string): string =>
    isAbsolute(p) ? p : resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), p)
  const wrappingPrivateKeys = splitList(get('wrapping-private-keys')).map(localFile)
  const securityDomainFile = get('security-domain-file') ? localFile(get('security-domain-file')) : undefined
  const expiresText = get('expires-after')
  const expiresMatch = /^(\d+)\s*([hdw])$/.exec(expiresText)
  const expiresAfterMs = expiresMatch
    ? Number(expiresMatch[1]) *
      { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[expiresMatch[2] as 'h' | 'd' | 'w']
    : undefined
  if (expiresText && (!expiresMatch || !expiresAfterMs))
    fail('expires-after', `must be a duration such as 12h, 7d or 2w (got '${expiresText}')`)
  const confirmTeardown = get('confirm-teardown')
  const onlyIfExpired = bool('only-if-expired')
  if (mode === 'teardown' && confirmTeardown !== hsmName)
    fail(
      'confirm-teardown',
      `must be set to the HSM name ('${hsmName}') to tear it down: its keys and security domain go with it`
    )
  if (
    mode !== 'verify-security-domain' &&
    mode !== 'recover' &&
    (wrappingPrivateKeys.length > 0 || securityDomainFile)
  )
    fail(
      wrappingPrivateKeys.length > 0 ? 'wrapping-private-keys' : 'security-domain-file',
      "is only read in mode: verify-security-domain or recover (private keys do not belong in the other modes' inputs)"
    )
  else {
    // Read later in the run (after sign-in), so proven readable and bounded now, before any request.
    const check = (input: string, path: string, cap: number): void => {
      try {
        checkInputFile(input, path, cap)
      } catch (e) {
        if (!(e instanceof ConfigurationError)) throw e
        problems.push(e)
      }
    }
    for (const path of wrappingPrivateKeys) check('wrapping-private-keys', path, FILE_CAPS.privateKey)
    if (securityDomainFile) check('security-domain-file', securityDomainFile, FILE_CAPS.securityDomain)
  }
  const activation = parseActivation(get, int, oneOf, fail, cloud, runs('activate'))
  const { keyBackup, rehearsalHsmName } = parseRecovery(
    get,
    fail,
    cloud,
    mode,
    hsmName,
    activation,
    wrappingPrivateKeys.length > 0,
    !!securityDomainFile
  )
  const roleAssignments = parseRoleAssignments(get('role-assignments'), fail)
  const key = parseKeyConfig(get, oneOf, bool, fail, cloud, runs('key'))
  const desListed = splitList(get('steps')).some(s => s.toLowerCase() === 'des')
  const des = parseDesConfig(get, oneOf, fail, {
    resourceGroup,
    key,
    listed: runsSteps && desListed,
    keyStepRuns: runs('key')
  })
  // 'all' includes the des step only when a Disk Encryption Set is named.
  if (!des && steps.includes('des')) steps.splice(steps.indexOf('des'), 1)
  const exportVariables = bool('export-variables')

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
    publicNetworkAccess,
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
    keyBackup,
    rehearsalHsmName,
    activation,
    roleAssignments,
    key,
    des,
    exportVariables
  }
}

function parseKeyConfig(
  get: (name: string) => string,
  oneOf: <T extends string>(name: string, allowed: readonly T[]) => T,
  bool: (name: string) => boolean,
  fail: (input: string, rule: string) => void,
  cloud: CloudName,
  creatingKey: boolean
): KeyConfig {
  const name = get('key-name')
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name))
    fail('key-name', `'${name}' must be 1-127 letters, digits and hyphens`)
  const type = oneOf('key-type', KEY_TYPES)
  const sizeText = get('key-size')
  let size: number | undefined
  let curve: KeyConfig['curve']
  if (type === 'EC-HSM') {
    curve = oneOf('key-curve', CURVES)
    if (sizeText) fail('key-size', 'does not apply to EC-HSM keys; set key-curve')
  } else {
    const allowed = type === 'RSA-HSM' ? [2048, 3072, 4096] : [128, 192, 256]
    size = sizeText ? Number(sizeText) : type === 'RSA-HSM' ? 3072 : 256
    if (!allowed.includes(size))
      fail('key-size', `must be ${allowed.join(', ')} for ${type} (got '${sizeText}')`)
  }
  const defaultOps = type === 'EC-HSM' ? ['sign', 'verify'] : ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt']
  const opsText = splitList(get('key-operations'))
  const operations = opsText.length ? opsText : defaultOps
  for (const op of operations)
    if (!(KEY_OPERATIONS as readonly string[]).includes(op))
      fail('key-operations', `'${op}' is not a key operation (${KEY_OPERATIONS.join(', ')})`)
  const immutable = bool('immutable-release-policy')

  const allowPermissive = bool('allow-permissive-release-policy')
  const domain = attestationDomain(cloud)

  const policyText = readTextInput(get('release-policy'), 'release-policy', fail)
  const presetText = get('release-policy-preset')
  const authority = get('attestation-authority')
  const policyWarnings: string[] = []
  const permissiveAccepted: string[] = []
  let policy: KeyConfig['policy']
  if (policyText && presetText)
    fail('release-policy-preset', 'conflicts with release-policy: give one of them')
  else if (policyText) {
    if (authority)
      fail(
        'attestation-authority',
        'applies to release-policy-preset only; the release-policy names its own authorities'
      )
    try {
      const parsed = parsePolicy(policyText, { allowLegacy: true, lint: { attestation: domain } })
      policyWarnings.push(...parsed.warnings.map(formatFinding))
      // The release-policy rules (src/policy/permissive.ts): refused unless the user opts in, and never for an
      // immutable policy, which could not be tightened afterwards.
      for (const finding of parsed.permissive.map(formatFinding)) {
        if (immutable)
          fail(
            'release-policy',
            `${finding}; refused: with immutable-release-policy: true the policy could never be tightened, ` +
              'so allow-permissive-release-policy does not apply'
          )
        else if (!allowPermissive)
          fail(
            'release-policy',
            `${finding}; refused: it could release the key to the wrong VM (allow-permissive-release-policy: true ` +
              'accepts it, with weaker security)'
          )
        else permissiveAccepted.push(finding)
      }
      policy = { kind: 'inline', policy: parsed.policy }
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e
      for (const f of e.findings) fail('release-policy', formatFinding(f))
    }
  } else if (presetText) {
    if (!isPresetName(presetText))
      fail('release-policy-preset', `must be one of ${PRESET_NAMES.join(', ')} (got '${presetText}')`)
    else policy = { kind: 'preset', preset: presetText, authority: authority || undefined }
    const problem = authority ? attestationAuthorityProblem(authority, domain) : undefined
    if (problem) fail('attestation-authority', problem.message)
  } else if (creatingKey) {
    fail(
      'release-policy',
      `or release-policy-preset (${PRESET_NAMES.join(', ')}) is required: an exportable key must say which attested VMs may receive it`
    )
  }

  let policyTests: PolicyTestCase[] = []
  const testText = readTextInput(get('release-policy-test'), 'release-policy-test', fail)
  if (testText) {
    try {
      policyTests = parsePolicyTestCases(testText)
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e
      for (const f of e.findings) fail('release-policy-test', formatFinding(f))
    }
  }
  return {
    name,
    type,
    size,
    curve,
    operations,
    immutable,
    policy,
    policyWarnings,
    permissiveAccepted,
    policyTests
  }
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
 * Inline JSON (starts with { or [) or the path of a file holding it; size and depth are checked by the parser.
 * A value that cannot be a path (several lines, control characters) is not echoed: it may be a secret.
 */
function readTextInput(value: string, input: string, fail: (input: string, rule: string) => void): string {
  if (value === '' || /^[[{]/.test(value)) return value
  const control = [...value].some(ch => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  if (control || value.length > 4096) {
    fail(input, 'is neither inline JSON (starting with { or [) nor a file path')
    return ''
  }
  const full = isAbsolute(value) ? value : resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), value)
  try {
    return readInputFile(input, full, FILE_CAPS.policy, value).toString('utf8')
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e
    fail(input, `is neither inline JSON (starting with { or [) nor a readable file: ${e.rule}`)
    return ''
  }
}

/** One assignment per line: `ROLE | PRINCIPAL | SCOPE` (scope defaults to '/'). */
function parseRoleAssignments(
  value: string,
  fail: (input: string, rule: string) => void
): RoleAssignmentInput[] {
  const out: RoleAssignmentInput[] = []
  for (const line of value
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))) {
    const [roleText = '', principalText = '', scopeText = '/', ...extra] = line.split('|').map(p => p.trim())
    if (extra.length > 0 || !roleText || !principalText) {
      fail(
        'role-assignments',
        `'${line}' must be 'ROLE | PRINCIPAL | SCOPE', e.g. 'Managed HSM Crypto User | self | /keys'`
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

function parseActivation(
  get: (name: string) => string,
  int: (name: string, min: number, max: number) => number,
  oneOf: <T extends string>(name: string, allowed: readonly T[]) => T,
  fail: (input: string, rule: string) => void,
  cloud: CloudName,
  activating: boolean
): ActivationConfig {
  const certificates = readCertificates(get('wrapping-certificates'), fail)
  const keyCount = certificates.length > 0 ? certificates.length : int('wrapping-key-count', 3, 10)
  const keySizeText = get('wrapping-key-size')
  const keySize = ([2048, 3072, 4096] as const).find(n => String(n) === keySizeText)
  if (!keySize) fail('wrapping-key-size', `must be 2048, 3072 or 4096 (got '${keySizeText}')`)
  const quorum = int('quorum', 2, 10)
  if (quorum > keyCount)
    fail(
      'quorum',
      `(${quorum}) must not exceed the number of wrapping keys (${keyCount}), or the security domain could never be recovered`
    )

  let keyBits: number[] = Array.from({ length: keyCount }, () => keySize ?? 3072)
  if (certificates.length > 0) {
    const check = validateWrappingCertificates(certificates)
    for (const reason of check.reasons) fail('wrapping-certificates', reason)
    keyBits = check.certificates.map(c => c?.bits ?? 4096)
  }

  const targets = (name: string): StoreTarget[] =>
    splitList(get(name)).flatMap(url => {
      const t = parseStoreTarget(url, cloudEndpoints(cloud))
      if (typeof t === 'string') {
        fail(name, t)
        return []
      }
      return [t]
    })
  const securityDomainStores = targets('security-domain-store')
  const wrappingKeyStores = targets('wrapping-key-store')
  if (new Set(securityDomainStores.map(objectKey)).size !== securityDomainStores.length)
    fail('security-domain-store', 'lists the same target twice')
  if (activating && securityDomainStores.length === 0)
    fail(
      'security-domain-store',
      'is required to activate: the security domain must be escrowed before the run can succeed'
    )
  if (certificates.length > 0 && wrappingKeyStores.length > 0)
    fail(
      'wrapping-key-store',
      'must be empty with wrapping-certificates: the custodians hold the private keys, the action never sees them'
    )
  if (activating && certificates.length === 0 && wrappingKeyStores.length === 0)
    fail(
      'wrapping-key-store',
      'is required when the action generates the wrapping keys (no wrapping-certificates): their private keys must be escrowed'
    )
  if (wrappingKeyStores.length > 1 && wrappingKeyStores.length !== keyCount)
    fail(
      'wrapping-key-store',
      `must be one target (names get -1, -2, ... suffixes) or exactly one per key (${keyCount}); got ${wrappingKeyStores.length}`
    )
  const estimate = estimateSecurityDomainBytes(keyBits)
  const secret = securityDomainStores.find(t => t.kind === 'key-vault-secret')
  if (secret && estimate > SECRET_MAX_BYTES)
    fail(
      'security-domain-store',
      `'${secret.url}' is a Key Vault secret (at most ${SECRET_MAX_BYTES} bytes), but a security domain for ${keyCount} ` +
        `wrapping keys of ${Math.max(...keyBits)} bits is about ${estimate} bytes: use Blob storage ` +
        `(https://ACCOUNT.blob.core.windows.net/CONTAINER/PATH), or fewer or smaller wrapping keys`
    )
  const escrowSameStore = oneOf('escrow-same-store', ESCROW_SAME_STORE)
  const custody = checkCustody(securityDomainStores, wrappingKeyStores, keyCount, escrowSameStore, fail)
  return {
    certificates,
    keyCount,
    keySize: keySize ?? 3072,
    quorum,
    securityDomainStores,
    wrappingKeyStores,
    escrowSameStore,
    sharedStores: custody
  }
}

/**
 * Split custody: no wrapping-key target in the Key Vault or storage account of a security-domain target,
 * unless escrow-same-store: accept. One object named by both is refused either way. Returns the stores
 * shared under accept.
 */
function checkCustody(
  securityDomainStores: StoreTarget[],
  wrappingKeyStores: StoreTarget[],
  keyCount: number,
  escrowSameStore: EscrowSameStore,
  fail: (input: string, rule: string) => void
): SharedStore[] {
  const keyObjects = [...wrappingKeyStores, ...keyTargets(wrappingKeyStores, keyCount)]
  const same = sameObject(securityDomainStores, keyObjects)
  if (same) {
    fail(
      'wrapping-key-store',
      `${showUrl(same.url)} is also a security-domain-store target; one object cannot hold both, give each its own store`
    )
    return []
  }
  const shared = sharedStores(securityDomainStores, wrappingKeyStores)
  if (escrowSameStore === 'accept') return shared
  for (const s of shared) {
    const where = `${storeWord(s.kind)} ${s.host}`
    fail(
      'wrapping-key-store',
      `${showUrl(s.wrappingKey.url)} is in the same ${where} as security-domain-store ${showUrl(s.securityDomain.url)}: ` +
        `anyone who can read that ${storeWord(s.kind)} could recover the HSM. Escrow the wrapping keys to another ` +
        `Key Vault or storage account (split custody), or set escrow-same-store: accept to take single store custody`
    )
  }
  return []
}

/** Characters a key backup's object name gains: '-' + 32-hex key version + '-' + 10-digit timestamp. */
export const KEY_BACKUP_SUFFIX_LENGTH = 44

/** backup-key (key step, recover) and what mode: recover needs to find the escrow it restores. */
function parseRecovery(
  get: (name: string) => string,
  fail: (input: string, rule: string) => void,
  cloud: CloudName,
  mode: Mode,
  hsmName: string,
  activation: ActivationConfig,
  hasKeyFiles: boolean,
  hasSdFile: boolean
): { keyBackup?: StoreTarget; rehearsalHsmName?: string } {
  let keyBackup: StoreTarget | undefined
  const backupUrl = get('backup-key')
  if (backupUrl) {
    const t = parseStoreTarget(backupUrl, cloudEndpoints(cloud))
    if (typeof t === 'string') fail('backup-key', t)
    else if (t.kind === 'key-vault-secret' && t.name.length + KEY_BACKUP_SUFFIX_LENGTH > 127)
      fail(
        'backup-key',
        `secret name '${t.name}' is too long: one secret per key state gets a ${KEY_BACKUP_SUFFIX_LENGTH}-character version suffix, and Key Vault allows 127 characters`
      )
    else if (
      sameObject(
        [
          ...activation.securityDomainStores,
          ...activation.wrappingKeyStores,
          ...keyTargets(activation.wrappingKeyStores, activation.keyCount)
        ],
        [t]
      )
    )
      fail(
        'backup-key',
        `${showUrl(t.url)} is also a security-domain-store or wrapping-key-store target; keep them apart`
      )
    else keyBackup = t
  }
  const rehearsal = get('rehearsal-hsm-name')
  if (rehearsal && mode !== 'recover')
    fail('rehearsal-hsm-name', 'is only read in mode: recover (it names the temporary HSM of a rehearsal)')
  else if (rehearsal) {
    const problem = hsmNameProblem(rehearsal)
    if (problem) fail('rehearsal-hsm-name', `'${rehearsal}' ${problem}`)
    else if (rehearsal.toLowerCase() === hsmName.toLowerCase())
      fail(
        'rehearsal-hsm-name',
        'must differ from hsm-name: a rehearsal recovers into a temporary HSM and deletes it afterwards'
      )
  }
  if (mode === 'recover') {
    if (activation.securityDomainStores.length === 0 && !hasSdFile)
      fail(
        'security-domain-store',
        'is required to recover (or security-domain-file): it holds the escrowed security domain'
      )
    if (activation.wrappingKeyStores.length === 0 && !hasKeyFiles)
      fail(
        'wrapping-key-store',
        'or wrapping-private-keys is required to recover: a quorum of the wrapping private keys opens the security domain'
      )
  }
  return { keyBackup, rehearsalHsmName: rehearsal || undefined }
}

/** Certificates inline (PEM blocks) or as file paths, one per line; a file may hold several PEM blocks. */
function readCertificates(value: string, fail: (input: string, rule: string) => void): string[] {
  const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
  const certs: string[] = []
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
    fail(
      'wrapping-certificates',
      'holds a private key; give certificates only (the custodians keep the private keys)'
    )
    return []
  }
  const rest = value.replace(pemBlock, m => {
    certs.push(m)
    return '\n'
  })
  for (const path of splitList(rest)) {
    const full = isAbsolute(path) ? path : resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path)
    let data: Buffer
    try {
      data = readInputFile('wrapping-certificates', full, FILE_CAPS.certificate, path)
    } catch (e) {
      if (!(e instanceof ConfigurationError)) throw e
      fail('wrapping-certificates', e.rule)
      continue
    }
    const text = data.toString('utf8')
    const blocks = text.match(pemBlock)
    // A private key anywhere in the file refuses it, even beside a certificate: custodians keep their keys.
    if (/PRIVATE KEY/.test(text)) {
      data.fill(0)
      fail('wrapping-certificates', `'${path}' holds a private key; give the certificate only`)
    } else if (blocks) certs.push(...blocks)
    else
      certs.push(
        data
          .toString('base64')
          .replace(/(.{64})/g, '$1\n')
          .replace(/^/, '-----BEGIN CERTIFICATE-----\n') + '\n-----END CERTIFICATE-----'
      )
  }
  return certs
}

/** Lists are accepted comma- or newline-separated. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '')
}

function parseSteps(value: string, fail: (i: string, r: string) => void): StepName[] {
  const names = splitList(value).map(s => s.toLowerCase())
  if (names.length === 1 && names[0] === 'all') return [...STEP_NAMES]
  const steps: StepName[] = []
  for (const n of names) {
    const step = STEP_NAMES.find(s => s === n)
    if (!step) fail('steps', `'${n}' is not a step; use 'all' or any of ${STEP_NAMES.join(', ')}`)
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
