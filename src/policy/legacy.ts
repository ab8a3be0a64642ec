/**
 * The 0.2 read form. Managed HSM answers api-version 7.0 requests with the policy as a JSON object in version
 * "0.2", each claim condition spelled `{"claim":…,"condition":"equals","value":…}` (azure-cli recording
 * test_keyvault_hsm_key_release_policy.yaml). Older samples also write version "0.2" with 1.0.0-style
 * conditions. Both mean the same as the 1.0.0 policy this converts them to.
 */

import { isPlainObject, keepKeyPositions, setOwn } from './json.js'
import { LEGACY_POLICY_VERSION, OPERATORS, POLICY_VERSION } from './types.js'

const OPERATOR_BY_LOWER = new Map<string, string>(OPERATORS.map(op => [op.toLowerCase(), op]))

export interface LegacyUpgrade {
  value: unknown
  /** True when anything was rewritten. */
  upgraded: boolean
}

/** Rewrites a raw policy value into 1.0.0 form; anything it does not recognise is passed through for lint to judge. */
export function upgradeLegacyPolicy(raw: unknown): LegacyUpgrade {
  let upgraded = false
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (!isPlainObject(v)) return v
    const op = typeof v.condition === 'string' ? OPERATOR_BY_LOWER.get(v.condition.toLowerCase()) : undefined
    if (op !== undefined && 'value' in v && 'claim' in v && !(op in v)) {
      const out: Record<string, unknown> = {}
      keepKeyPositions(v, out)
      for (const [k, val] of Object.entries(v)) {
        if (k === 'condition') continue
        if (k === 'value') setOwn(out, op, val)
        else setOwn(out, k, walk(val))
      }
      upgraded = true
      return out
    }
    const out: Record<string, unknown> = {}
    keepKeyPositions(v, out)
    for (const [k, val] of Object.entries(v)) setOwn(out, k, walk(val))
    return out
  }
  const value = walk(raw)
  if (isPlainObject(value) && value.version === LEGACY_POLICY_VERSION) {
    value.version = POLICY_VERSION
    upgraded = true
  }
  return { value, upgraded }
}
