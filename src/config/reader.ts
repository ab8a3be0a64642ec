/**
 * Reading one input: its default when empty, and the checks every kind of value shares (required, GUID, one
 * of a list, boolean, whole number). Problems are collected, not thrown, so a user fixes them all in one round.
 */
import { isAbsolute, resolve } from 'node:path'
import { ConfigurationError } from '../shared/errors.js'
import { FILE_CAPS, readInputFile } from './input-file.js'
import { SELF } from './types.js'

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
  network: 'keep',
  'allowed-ips': '',
  'network-bypass': 'AzureServices',
  'allow-bypass-none': 'false',
  'workload-addresses': '',
  'jit-runner-access': 'false',
  tags: '',
  'on-soft-deleted': 'fail',
  'operation-timeout-minutes': '60',
  summary: 'true',
  'wrapping-certificates': '',
  'wrapping-key-count': '3',
  'wrapping-key-size': '3072',
  quorum: '2',
  'security-domain-store': '',
  'wrapping-key-store': '',
  'escrow-same-store': 'refuse',
  'expected-security-domain-sha256': '',
  'role-assignments': '',
  'allow-broad-release': 'false',
  'known-principals': '',
  'self-object-id': '',
  'prune-role-assignments': 'false',
  'allow-key-management-through-arm': 'report',
  'audit-log-workspace-id': '',
  'audit-log-storage-account-id': '',
  'audit-log-setting-name': 'managed-hsm-skr-audit',
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
  'disable-older-key-versions': 'false',
  'skip-key-attestation': 'false',
  'export-variables': 'false',
  'fail-on-drift': 'true',
  'wrapping-private-key-files': '',
  'security-domain-file': '',
  'expires-after': '',
  'replica-region': '',
  'remove-replica-region': '',
  'confirm-teardown': '',
  'only-if-expired': 'false',
  'delete-disk-encryption-sets': 'false',
  'teardown-creators': '',
  'teardown-lifetime': '',
  'key-backup-store': '',
  'rehearsal-hsm-name': '',
  'backup-container-url': '',
  'backup-identity': '',
  'backup-max-age': '26h',
  'disk-encryption-set': '',
  'disk-encryption-set-resource-group': '',
  'des-encryption-type': 'ConfidentialVmEncryptedWithCustomerKey',
  'des-key-version': 'pinned',
  'cvm-orchestrator-object-id': ''
}

/** The inputs without a default: every run names them (action.yml marks them required where it can). */
export const INPUTS_WITHOUT_DEFAULT = [
  'tenant-id',
  'client-id',
  'subscription-id',
  'resource-group',
  'hsm-name',
  'location'
] as const

/** Every input action.yml declares (a test keeps the two in step). */
export const INPUT_NAMES: readonly string[] = [...INPUTS_WITHOUT_DEFAULT, ...Object.keys(INPUT_DEFAULTS)]

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type InputReader = (name: string) => string

export interface Reader {
  /** The trimmed value, or the input's default when empty. */
  get(name: string): string
  required(name: string): string
  guid(name: string): string
  oneOf<T extends string>(name: string, allowed: readonly T[]): T
  bool(name: string): boolean
  int(name: string, min: number, max: number): number
  fail(input: string, rule: string): void
  /** Every problem found so far, in the order found. */
  problems: ConfigurationError[]
}

export function inputReader(read: InputReader): Reader {
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

  return { get, required, guid, oneOf, bool, int, fail, problems }
}

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

const DURATION_UNITS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** A duration such as 12h, 7d or 2w in milliseconds; undefined when the text is not one (or is zero). */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s*([hdw])$/.exec(text)
  const ms = m ? Number(m[1]) * DURATION_UNITS[m[2] as keyof typeof DURATION_UNITS] : 0
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined
}

/** Lists are accepted comma- or newline-separated. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '')
}

/** A path as given, resolved against the workspace (the runner's checkout) when relative. */
export function workspacePath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path)
}

/**
 * Inline JSON (starts with { or [) or the path of a file holding it; size and depth are checked by the parser.
 * A value that cannot be a path (several lines, control characters) is not echoed: it may be a secret.
 */
export function readTextInput(
  value: string,
  input: string,
  fail: (input: string, rule: string) => void
): string {
  if (value === '' || /^[[{]/.test(value)) return value
  const control = [...value].some(ch => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  if (control || value.length > 4096) {
    fail(input, 'is neither inline JSON (starting with { or [) nor a file path')
    return ''
  }
  const full = workspacePath(value)
  try {
    return readInputFile(input, full, FILE_CAPS.policy, value).toString('utf8')
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e
    fail(input, `is neither inline JSON (starting with { or [) nor a readable file: ${e.rule}`)
    return ''
  }
}
