/**
 * Every input is read and validated here, into one typed Config, before anything talks to Azure.
 * Each problem names the input and the rule; all problems are reported together.
 * Defaults live in INPUT_DEFAULTS and a test keeps action.yml in step with them, so the action behaves the
 * same whether the runner filled a default in or a local run left the input empty.
 */
import { CLOUD_NAMES, type CloudName } from './auth/clouds.js'
import { ConfigurationError, ConfigurationErrors } from './errors.js'

export const STEP_NAMES = ['provision'] as const
export type StepName = (typeof STEP_NAMES)[number]

export const MODES = ['apply'] as const
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
  summary: 'true'
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
function resourceGroupProblem(name: string): string | undefined {
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
    if (v !== '' && !GUID.test(v)) fail(name, `must be a GUID such as 00000000-0000-0000-0000-000000000000 (got '${v}')`)
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
  const cloud = oneOf('cloud', CLOUD_NAMES)
  const mode = oneOf('mode', MODES)
  const steps = parseSteps(get('steps'), fail)

  const resourceGroup = required('resource-group')
  const rgProblem = resourceGroup && resourceGroupProblem(resourceGroup)
  if (rgProblem) fail('resource-group', rgProblem)

  const hsmName = required('hsm-name')
  const nameProblem = hsmName && hsmNameProblem(hsmName)
  if (nameProblem) fail('hsm-name', `'${hsmName}' ${nameProblem}`)

  const location = get('location').toLowerCase().replace(/\s+/g, '')
  if (steps.includes('provision') && location === '') fail('location', 'is required to create the Managed HSM')
  else if (location && !/^[a-z0-9]+$/.test(location))
    fail('location', `must be an Azure region name such as westeurope (got '${location}')`)

  const sku = oneOf('sku', SKUS)

  const administrators = splitList(get('administrators')).map(a => (a.toLowerCase() === SELF ? SELF : a))
  if (administrators.length === 0) fail('administrators', `needs at least one object id, or '${SELF}'`)
  for (const a of administrators) {
    if (a !== SELF && !GUID.test(a)) fail('administrators', `'${a}' is not an object id (a GUID) or '${SELF}'`)
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
    summary
  }
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
    if (key.length > 512 || /[<>%&\\?/]/.test(key)) fail('tags', `key '${key}' must be at most 512 characters without < > % & \\ ? /`)
    else if (val.length > 256) fail('tags', `value of '${key}' must be at most 256 characters`)
    else tags[key] = val
  }
  if (Object.keys(tags).length > 50) fail('tags', 'Azure allows at most 50 tags on a resource')
  return tags
}
