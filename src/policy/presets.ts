/**
 * Ready-made release policies for confidential VMs, each for one or more attestation authorities, and the ARM
 * request that finds a region's default attestation provider (what `az keyvault key create
 * --default-cvm-policy` uses as the authority; Azure/azure-cli keyvault `_validators.py`).
 */

import {
  COMPLIANCE_STATUS,
  COMPLIANT_CVM,
  SEV_SNP_TYPE,
  TDX_TYPE,
  TEE_ATTESTATION_TYPE,
  TEE_COMPLIANCE_STATUS
} from './claims.js'
import { childPath, isPlainObject } from './json.js'
import { PolicyParseError, parseJsonOrThrow } from './parse.js'
import { POLICY_VERSION, type Condition, type ReleasePolicy } from './types.js'

export type PresetName = 'sev-snp-cvm' | 'tdx-cvm' | 'confidential-vm' | 'cvm-platform'

interface Preset {
  description: string
  conditions: () => Condition[]
}

const teeCompliant = (): Condition => ({ claim: TEE_COMPLIANCE_STATUS, equals: COMPLIANT_CVM })

const PRESETS: Record<PresetName, Preset> = {
  'sev-snp-cvm': {
    description: 'AMD SEV-SNP confidential VM guest, Azure-compliant (the SKR how-to policy)',
    conditions: () => [{ claim: TEE_ATTESTATION_TYPE, equals: SEV_SNP_TYPE }, teeCompliant()]
  },
  'tdx-cvm': {
    description: 'Intel TDX confidential VM guest, Azure-compliant',
    conditions: () => [{ claim: TEE_ATTESTATION_TYPE, equals: TDX_TYPE }, teeCompliant()]
  },
  'confidential-vm': {
    description: 'SEV-SNP or TDX confidential VM guest, Azure-compliant (az CLI --default-data-disk-policy)',
    conditions: () => [
      {
        anyOf: [
          { claim: TEE_ATTESTATION_TYPE, equals: SEV_SNP_TYPE },
          { claim: TEE_ATTESTATION_TYPE, equals: TDX_TYPE }
        ]
      },
      teeCompliant()
    ]
  },
  'cvm-platform': {
    description:
      'Azure-compliant CVM platform token, as presented by the CVM orchestrator (az CLI --default-cvm-policy)',
    conditions: () => [{ claim: COMPLIANCE_STATUS, equals: COMPLIANT_CVM }]
  }
}

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name)
}

export function describePreset(name: PresetName): string {
  return PRESETS[name].description
}

/**
 * The preset's policy: one authority block per authority (several regions' providers may be trusted at once).
 * Authorities are used as given, trimmed; lintPolicy judges them.
 */
export function presetPolicy(name: PresetName, authority: string | readonly string[]): ReleasePolicy {
  const preset = PRESETS[name]
  if (!preset) throw new Error(`unknown release policy preset "${name}" (known: ${PRESET_NAMES.join(', ')})`)
  const authorities = (typeof authority === 'string' ? [authority] : [...authority]).map(a => a.trim())
  if (authorities.length === 0 || authorities.some(a => a === '')) {
    throw new Error(
      `preset "${name}" needs an attestation authority URL, e.g. https://sharedweu.weu.attest.azure.net`
    )
  }
  return {
    version: POLICY_VERSION,
    anyOf: authorities.map(a => ({ authority: a, allOf: preset.conditions() }))
  }
}

export const DEFAULT_PROVIDER_API_VERSION = '2020-10-01'
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com'

/** ARM path of a region's default attestation provider (Microsoft.Attestation, api-version 2020-10-01). */
export function defaultProviderPath(subscriptionId: string, location: string): string {
  const sub = subscriptionId.trim()
  const loc = location.trim()
  if (sub === '' || /[/?#]/.test(sub))
    throw new Error(`invalid subscription id ${JSON.stringify(subscriptionId)}`)
  if (loc === '' || /[/?#]/.test(loc)) throw new Error(`invalid location ${JSON.stringify(location)}`)
  return (
    `/subscriptions/${encodeURIComponent(sub)}/providers/Microsoft.Attestation/Locations/` +
    `${encodeURIComponent(loc)}/defaultProvider?api-version=${DEFAULT_PROVIDER_API_VERSION}`
  )
}

/**
 * Not a lookup: the GET request that tells the caller a region's default authority (its response's
 * `properties.attestUri`, read with parseDefaultProviderResponse). The authority cannot be guessed from the region
 * name: shared providers follow `shared{abbr}.{abbr}.attest.azure.net`, but the abbreviations are Azure's own.
 */
export function defaultAttestationAuthorityHint(
  location: string,
  subscriptionId: string,
  armEndpoint: string = DEFAULT_ARM_ENDPOINT
): { method: 'GET'; path: string; url: string } {
  const path = defaultProviderPath(subscriptionId, location)
  return { method: 'GET', path, url: `${armEndpoint.replace(/\/+$/, '')}${path}` }
}

export interface DefaultProvider {
  /** The authority to put in a policy, e.g. https://sharedweu.weu.attest.azure.net */
  attestUri: string
  name?: string
  location?: string
  status?: string
}

/**
 * Read the default-provider response: `{"id":…,"name":"sharedweu","location":"West Europe",
 * "properties":{"trustModel":"AAD","status":"Ready","attestUri":"https://sharedweu.weu.attest.azure.net"}}`.
 */
export function parseDefaultProviderResponse(body: unknown): DefaultProvider {
  const what = 'default attestation provider response'
  const value = typeof body === 'string' ? parseJsonOrThrow(body, what).value : body
  const fail = (path: string, message: string): never => {
    throw new PolicyParseError(what, [{ path, rule: 'default-provider', message }])
  }
  if (!isPlainObject(value)) return fail('$', 'expected a JSON object')
  const props = value.properties
  const propsPath = childPath('$', 'properties')
  if (!isPlainObject(props)) return fail(propsPath, 'missing "properties"')
  const uriPath = childPath(propsPath, 'attestUri')
  const uri = props.attestUri
  if (typeof uri !== 'string' || uri.trim() === '') return fail(uriPath, 'missing "attestUri"')
  let url: URL | undefined
  try {
    url = new URL(uri.trim())
  } catch {
    url = undefined
  }
  if (!url || url.protocol !== 'https:') return fail(uriPath, `${JSON.stringify(uri)} is not an https URL`)
  return {
    attestUri: uri.trim(),
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(typeof value.location === 'string' ? { location: value.location } : {}),
    ...(typeof props.status === 'string' ? { status: props.status } : {})
  }
}
