/**
 * Release-policy rules: what would release the key to the wrong VM. Each top-level authority block, and each way
 * through its nested `anyOf` groups, is judged on its own, because the service releases the key when any one of
 * them holds. A block (a "branch") must:
 *
 * 1. require an attested TEE (rule `no-tee`): every way through it requires one of
 *    - `x-ms-isolation-tee.x-ms-attestation-type` or `x-ms-attestation-type` equals `sevsnpvm` or `tdxvm`
 *      (AMD SEV-SNP or Intel TDX hardware evidence, in a CVM guest or a platform token), or
 *    - `x-ms-isolation-tee.x-ms-compliance-status` or `x-ms-compliance-status` equals `azure-compliant-cvm`
 *      (MAA's verdict that the VM is an Azure confidential VM in its compliant configuration).
 *    Claims such as `x-ms-attestation-type: azurevm`, `secureboot` or a VM id are carried by a Trusted Launch or
 *    plain VM's token too, so they do not count. SGX enclave policies are outside these rules (not a VM).
 * 2. not admit a debuggable VM (rule `debuggable`): no condition asks for debugging turned on
 *    (`x-ms-sevsnpvm-is-debuggable`, `tdx_td_attributes_debug`, `x-ms-sgx-is-debuggable` or the guest's
 *    `x-ms-azurevm-{kernel,boot,hypervisor}debug-enabled` equals true, or `x-ms-azurevm-debuggersdisabled` equals
 *    false), and every way through it requires `azure-compliant-cvm` (the presets' choice: MAA grants it only to a
 *    non-debuggable CVM) or states the hardware debug bit off (`x-ms-sevsnpvm-is-debuggable` or
 *    `tdx_td_attributes_debug` equals false, at the top level or under `x-ms-isolation-tee`).
 * 3. hold no always-true condition (rule `always-true`): `iss` equal to the block's own authority (every token
 *    the block judges has that issuer), or an `anyOf` that accepts a boolean claim both true and false.
 *
 * The analysis is conservative: a way through a block that needs contradictory claims still counts, so a policy
 * may be flagged that no token could actually abuse; the fix is always to state the requirement explicitly.
 */

import { authoritiesMatch } from './authority.js'
import {
  ATTESTATION_TYPE,
  COMPLIANCE_STATUS,
  COMPLIANT_CVM,
  ISOLATION_TEE,
  SEV_SNP_TYPE,
  TDX_TYPE,
  TEE_ATTESTATION_TYPE,
  TEE_COMPLIANCE_STATUS,
  scalarText
} from './claims.js'
import { childPath, isPlainObject } from './json.js'
import type { Finding } from './types.js'

export const PERMISSIVE_RULES = ['no-tee', 'debuggable', 'always-true'] as const

/** A claim condition as the predicates see it: the claim name and the value's text. */
type Predicate = (claim: string, value: string | undefined) => boolean

/** The same claim at the top level (platform token) and under x-ms-isolation-tee (CVM guest token). */
const bothLevels = (name: string): string[] => [name, `${ISOLATION_TEE}.${name}`]

const TEE_TYPE_CLAIMS = new Set([ATTESTATION_TYPE, TEE_ATTESTATION_TYPE])
const COMPLIANCE_CLAIMS = new Set([COMPLIANCE_STATUS, TEE_COMPLIANCE_STATUS])
const HARDWARE_DEBUG_CLAIMS = new Set([
  ...bothLevels('x-ms-sevsnpvm-is-debuggable'),
  ...bothLevels('tdx_td_attributes_debug')
])
/** Claims whose value true means debugging is on. */
const DEBUG_ON_CLAIMS = new Set([
  ...HARDWARE_DEBUG_CLAIMS,
  'x-ms-sgx-is-debuggable',
  'x-ms-azurevm-kerneldebug-enabled',
  'x-ms-azurevm-bootdebug-enabled',
  'x-ms-azurevm-hypervisordebug-enabled'
])
/** Claims whose value false means debugging is on. */
const DEBUG_OFF_CLAIMS = new Set(['x-ms-azurevm-debuggersdisabled'])

const compliant: Predicate = (claim, value) => COMPLIANCE_CLAIMS.has(claim) && value === COMPLIANT_CVM

/** Hardware TEE evidence: a SEV-SNP/TDX attestation type, or the compliant-CVM verdict. */
export const requiresTee: Predicate = (claim, value) =>
  (TEE_TYPE_CLAIMS.has(claim) && (value === SEV_SNP_TYPE || value === TDX_TYPE)) || compliant(claim, value)

/** Rules a debuggable VM out: the compliant-CVM verdict, or the hardware debug bit stated off. */
export const requiresNotDebuggable: Predicate = (claim, value) =>
  compliant(claim, value) || (HARDWARE_DEBUG_CLAIMS.has(claim) && value === 'false')

/** A condition that asks for debugging turned on. */
export const allowsDebugging: Predicate = (claim, value) =>
  (DEBUG_ON_CLAIMS.has(claim) && value === 'true') || (DEBUG_OFF_CLAIMS.has(claim) && value === 'false')

type Group = 'allOf' | 'anyOf'

function groupOf(node: Record<string, unknown>): { kind: Group; members: unknown[] } | undefined {
  if (Array.isArray(node.allOf)) return { kind: 'allOf', members: node.allOf }
  if (Array.isArray(node.anyOf)) return { kind: 'anyOf', members: node.anyOf }
  return undefined
}

function testClaim(node: Record<string, unknown>, p: Predicate): boolean {
  return typeof node.claim === 'string' && p(node.claim, scalarText(node.equals))
}

/** Does every way through the node include a condition meeting p? */
export function requiredOnEveryPath(node: unknown, p: Predicate): boolean {
  if (!isPlainObject(node)) return false
  const g = groupOf(node)
  if (!g) return testClaim(node, p)
  return g.kind === 'allOf'
    ? g.members.some(m => requiredOnEveryPath(m, p))
    : g.members.every(m => requiredOnEveryPath(m, p))
}

function mentions(node: unknown, p: Predicate): boolean {
  if (!isPlainObject(node)) return false
  const g = groupOf(node)
  return g ? g.members.some(m => mentions(m, p)) : testClaim(node, p)
}

/**
 * Where the requirement is lost: the deepest `anyOf` member that lets a token through without it, or the node
 * itself when it never mentions the requirement. Only for a node where requiredOnEveryPath is false.
 */
function weakPoint(node: unknown, path: string, p: Predicate): string {
  if (!isPlainObject(node)) return path
  const g = groupOf(node)
  if (!g) return path
  const gPath = childPath(path, g.kind)
  const candidates = g.members
    .map((m, i) => ({ m, at: childPath(gPath, i) }))
    .filter(({ m }) => !requiredOnEveryPath(m, p))
  // allOf: every member lacks it; follow one that mentions it (its own anyOf leaks). anyOf: the leaking member.
  const next = g.kind === 'allOf' ? candidates.find(({ m }) => mentions(m, p)) : candidates[0]
  if (!next) return path
  return mentions(next.m, p) ? weakPoint(next.m, next.at, p) : next.at
}

function eachClaim(
  node: unknown,
  path: string,
  visit: (c: Record<string, unknown>, path: string) => void
): void {
  if (!isPlainObject(node)) return
  const g = groupOf(node)
  if (!g) return visit(node, path)
  g.members.forEach((m, i) => eachClaim(m, childPath(childPath(path, g.kind), i), visit))
}

function eachGroup(
  node: unknown,
  path: string,
  visit: (g: { kind: Group; members: unknown[] }, path: string) => void
): void {
  if (!isPlainObject(node)) return
  const g = groupOf(node)
  if (!g) return
  const gPath = childPath(path, g.kind)
  visit(g, gPath)
  g.members.forEach((m, i) => eachGroup(m, childPath(gPath, i), visit))
}

/** An anyOf accepting one boolean claim both true and false: true for every token that carries the claim. */
function booleanTautology(members: unknown[]): boolean {
  const seen = new Map<string, Set<string>>()
  for (const m of members) {
    if (!isPlainObject(m) || typeof m.claim !== 'string') continue
    const v = scalarText(m.equals)
    if (v !== 'true' && v !== 'false') continue
    const s = seen.get(m.claim) ?? new Set<string>()
    s.add(v)
    seen.set(m.claim, s)
    if (s.size === 2) return true
  }
  return false
}

/**
 * The rule findings of a policy that passed the structural lint. Messages name JSONPaths and rules only, never
 * values from the policy.
 */
export function permissiveFindings(policy: { anyOf: unknown[] }): Finding[] {
  const out: Finding[] = []
  policy.anyOf.forEach((block, i) => {
    const path = childPath(childPath('$', 'anyOf'), i)
    if (!isPlainObject(block)) return
    if (!requiredOnEveryPath(block, requiresTee)) {
      const at = weakPoint(block, path, requiresTee)
      out.push({
        path: at,
        rule: 'no-tee',
        message:
          (at === path ? 'this block' : `this branch of ${path}`) +
          ' releases the key without requiring an attested TEE: nothing on this way through the policy requires ' +
          `${TEE_ATTESTATION_TYPE} ${SEV_SNP_TYPE}/${TDX_TYPE} or ${TEE_COMPLIANCE_STATUS} "${COMPLIANT_CVM}", ` +
          'so any VM the provider attests (a Trusted Launch or plain VM, say) could receive it'
      })
    } else if (!requiredOnEveryPath(block, requiresNotDebuggable)) {
      const at = weakPoint(block, path, requiresNotDebuggable)
      out.push({
        path: at,
        rule: 'debuggable',
        message:
          (at === path ? 'this block' : `this branch of ${path}`) +
          ` admits a debuggable VM, whose memory the host can read: require ${TEE_COMPLIANCE_STATUS} ` +
          `"${COMPLIANT_CVM}" (as the presets do) or x-ms-sevsnpvm-is-debuggable / tdx_td_attributes_debug equals false`
      })
    }
    eachClaim(block, path, (c, at) => {
      if (testClaim(c, allowsDebugging))
        out.push({
          path: at,
          rule: 'debuggable',
          message: 'this condition asks for a VM with debugging turned on, whose memory the host can read'
        })
      else if (
        c.claim === 'iss' &&
        typeof c.equals === 'string' &&
        typeof block.authority === 'string' &&
        authoritiesMatch(c.equals, block.authority)
      )
        out.push({
          path: at,
          rule: 'always-true',
          message:
            'this condition is always true: every token this block judges was issued by its authority, so it requires nothing'
        })
    })
    eachGroup(block, path, (g, at) => {
      if (g.kind === 'anyOf' && booleanTautology(g.members))
        out.push({
          path: at,
          rule: 'always-true',
          message:
            'this anyOf accepts the same boolean claim both true and false, so it holds for every token that carries the claim'
        })
    })
  })
  return out
}
