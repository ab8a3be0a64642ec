/**
 * The Managed HSM's network rules on its data plane: `publicNetworkAccess` and `networkAcls` (ARM,
 * azure-rest-api-specs specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/managedHsm.json,
 * MHSMNetworkRuleSet, MHSMIPRule) decide whether a caller's address may reach the data plane; ARM itself is
 * never filtered (Microsoft Learn, "Managed HSM network security": rules govern the data plane only).
 *
 * The caller's address is the test's choice, per network (`callerAddresses` setting: proxy user → address, `*`
 * for every other caller): the action sends nothing extra, as on a runner whose egress address Azure sees.
 * Every answer carries `x-ms-keyvault-network-info` with that address (recorded Key Vault answers, e.g.
 * Azure/azure-sdk-for-js sdk/keyvault/keyvault-keys/recordings/node/keys_client__list_keys_in_various_ways/
 * recording_can_purge_all_keys.js: `conn_type=Ipv4;addr=51.141.175.151;act_addr_fam=InterNetwork;`).
 * A changed rule set takes effect `networkRuleSeconds` after the ARM write (until then the one before it holds).
 */
import type { EmulatorContext, Exchange } from '../../core/context.js'
import { isRecord } from '../../core/http.js'
import type { Caller } from './auth.js'
import type { HsmRecord } from './records.js'

declare module '../../core/context.js' {
  interface Settings {
    /** Proxy user → the public address Azure sees for that network; `*` for every other caller. */
    callerAddresses: Record<string, string>
    /** Seconds before a network rule change written through ARM takes effect on the data plane. */
    networkRuleSeconds: number
  }
}

/** The address every caller has unless the test names another (made up, in a public range). */
export const DEFAULT_CALLER_ADDRESS = '20.42.0.10'

export interface NetworkRules {
  publicNetworkAccess: string
  networkAcls: Record<string, unknown>
}

export function callerAddressesSetting(value: unknown): string | undefined {
  if (!isRecord(value) || !Object.values(value).every(v => typeof v === 'string' && IPV4.test(v)))
    return 'callerAddresses must map proxy user names (or *) to IPv4 addresses'
  return undefined
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

export function callerAddress(ex: Exchange, ctx: EmulatorContext): string {
  const table = ctx.settings.callerAddresses ?? {}
  return (
    (ex.proxyUser !== undefined ? table[ex.proxyUser] : undefined) ?? table['*'] ?? DEFAULT_CALLER_ADDRESS
  )
}

/** The header every data-plane answer carries. */
export function networkInfo(address: string): string {
  return `conn_type=Ipv4;addr=${address};act_addr_fam=InterNetwork;`
}

/** The rules in effect now: the ones before the latest ARM change until that change takes effect. */
export function effectiveRules(hsm: HsmRecord, now = Date.now()): NetworkRules {
  const prev = hsm.networkPrevious
  if (prev && now < prev.until) return prev
  return { publicNetworkAccess: hsm.properties.publicNetworkAccess, networkAcls: hsm.properties.networkAcls }
}

/** Called by ARM's writes before they change the network properties: the old rules hold for a while. */
export function recordNetworkChange(hsm: HsmRecord, seconds: number, now = Date.now()): void {
  const before = effectiveRules(hsm, now)
  hsm.networkPrevious = { ...structuredClone(before), until: now + Math.max(0, seconds) * 1000 }
}

function toInt(ip: string): number | undefined {
  const m = IPV4.exec(ip)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some(p => p > 255)) return undefined
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']

/** RFC 1918: an address only a private network (here: the HSM's private endpoint) sees. */
function isPrivate(address: string): boolean {
  return PRIVATE_RANGES.some(r => inRule(address, r))
}

/** Whether `address` is in the rule's value: an address or a CIDR range (MHSMIPRule.value). */
export function inRule(address: string, value: string): boolean {
  const [base, bits = '32'] = value.split('/')
  const a = toInt(address)
  const b = toInt(base)
  const n = Number(bits)
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0
  return (a & mask) === (b & mask)
}

/**
 * The refusal body for a caller the rules keep out, or undefined when it may pass. Texts and codes as Key Vault
 * answers them (the Managed HSM data plane is the same front end; its own answer is unconfirmed, emulator/README.md):
 * `ForbiddenByFirewall` "Client address is not authorized and caller is not a trusted service." with the client
 * address, caller and resource (MicrosoftDocs/azure-docs issue 106616 for a Managed HSM; the multi-line form in
 * public Key Vault error output), and `ForbiddenByConnection` "Public network access is disabled and request is
 * not from a trusted service nor via an approved private link." Both 403 `Forbidden`.
 */
export function networkRefusal(
  hsm: HsmRecord,
  address: string,
  caller: Caller,
  now = Date.now()
): Record<string, unknown> | undefined {
  // A private address with an approved connection came through the private endpoint: no network rule applies.
  if (
    isPrivate(address) &&
    Object.values(hsm.privateEndpointConnections ?? {}).some(c => c.status === 'Approved')
  )
    return undefined
  const rules = effectiveRules(hsm, now)
  const who =
    `Caller: appid=${caller.appid};oid=${caller.oid};iss=https://sts.windows.net/${hsm.properties.tenantId}/\r\n` +
    `Vault: ${hsm.name};location=${hsm.location}`
  if (rules.publicNetworkAccess === 'Disabled')
    return {
      error: {
        code: 'Forbidden',
        message: `Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n${who}`,
        innererror: { code: 'ForbiddenByConnection' }
      }
    }
  const acls = rules.networkAcls
  if (acls.defaultAction !== 'Deny') return undefined
  const ipRules = Array.isArray(acls.ipRules) ? acls.ipRules : []
  if (ipRules.some(r => isRecord(r) && typeof r.value === 'string' && inRule(address, r.value)))
    return undefined
  return {
    error: {
      code: 'Forbidden',
      message: `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${address}\r\n${who}`,
      innererror: { code: 'ForbiddenByFirewall' }
    }
  }
}

/**
 * ARM's checks of a network rule set (PATCH or PUT): at most 10 IP rules, each an IPv4 address or range, and
 * only with `defaultAction: Deny`; no virtual network rules (Microsoft Learn, Az.KeyVault
 * Add-AzKeyVaultManagedHsmNetworkRule / New-AzKeyVaultManagedHsmNetworkRuleSetObject: "Virtual network rules are
 * not currently supported for Managed HSM", "the Managed HSM service will reject an Allow + IP combination").
 * The limit of 10 is from the reading of Microsoft's docs; the texts are unconfirmed (emulator/README.md).
 */
export function networkAclErrors(acl: Record<string, unknown>): string | undefined {
  const rules = acl.ipRules
  if (rules !== undefined && !Array.isArray(rules))
    return 'The property "networkAcls.ipRules" must be an array.'
  const list = (rules as unknown[] | undefined) ?? []
  for (const r of list) {
    const value = isRecord(r) ? r.value : undefined
    const [base, bits] = typeof value === 'string' ? value.split('/') : []
    if (
      typeof value !== 'string' ||
      toInt(base ?? '') === undefined ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= 32))
    )
      return `The IP rule '${String(value)}' is not a valid IPv4 address or CIDR range.`
  }
  if (list.length > 10)
    return `The number of IP rules (${list.length}) exceeds the limit of 10 for a managed HSM.`
  if (list.length > 0 && acl.defaultAction !== 'Deny')
    return 'IP rules require networkAcls.defaultAction Deny.'
  if (Array.isArray(acl.virtualNetworkRules) && acl.virtualNetworkRules.length > 0)
    return 'Virtual network rules are not supported for a managed HSM.'
  return undefined
}
