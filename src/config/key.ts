/** The key step's inputs: the key-encryption key and its release policy, with the policy's tests. */
import { attestationDomain, type CloudName } from '../auth/clouds.js'
import {
  attestationAuthorityProblem,
  formatFinding,
  isPresetName,
  parsePolicy,
  parsePolicyTestCases,
  PolicyParseError,
  PRESET_NAMES,
  type PolicyTestCase
} from '../policy/index.js'
import { readTextInput, splitList, type Reader } from './reader.js'
import { CURVES, KEY_OPERATIONS, KEY_TYPES, type KeyConfig } from './types.js'

/** key-size when empty, per key type (EC-HSM keys have a curve instead). docs/inputs.md shows these. */
export const DEFAULT_KEY_SIZE = { 'RSA-HSM': 3072, 'oct-HSM': 256 } as const
/** key-operations when empty: what a key-encryption key does; an EC key can only sign and verify. */
export const DEFAULT_KEY_OPERATIONS = {
  'RSA-HSM': ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
  'oct-HSM': ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
  'EC-HSM': ['sign', 'verify']
} as const satisfies Record<(typeof KEY_TYPES)[number], readonly string[]>

export function parseKeyConfig(r: Reader, cloud: CloudName, creatingKey: boolean): KeyConfig {
  const { get, oneOf, bool, fail } = r
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
    size = sizeText ? Number(sizeText) : DEFAULT_KEY_SIZE[type]
    if (!allowed.includes(size))
      fail('key-size', `must be ${allowed.join(', ')} for ${type} (got '${sizeText}')`)
  }
  const opsText = splitList(get('key-operations'))
  const operations = opsText.length ? opsText : [...DEFAULT_KEY_OPERATIONS[type]]
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
      // The release-policy rules (policy/permissive.ts): refused unless the user opts in, and never for an
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
    disableOlderVersions: bool('disable-older-key-versions'),
    skipAttestation: bool('skip-key-attestation'),
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
