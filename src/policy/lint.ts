/**
 * Checks a release policy before any request is made. Errors are what the grammar (or this action) rejects;
 * warnings are policies that are valid but probably not what the author meant. Works on raw JSON so that every
 * problem gets a JSONPath, e.g. `$.anyOf[0].allOf[1].equals`.
 */

import {
  PUBLIC_ATTESTATION_DOMAIN,
  attestationAuthorityProblem,
  type AttestationDomain
} from './authority.js'
import {
  ATTESTATION_TYPE,
  AZURE_VM_TYPE,
  ISOLATION_TEE,
  SEV_SNP_CLAIMS,
  SEV_SNP_TYPE,
  TDX_CLAIMS,
  TDX_TYPE,
  TEE_ATTESTATION_TYPE,
  isTeeEvidenceClaim,
  knownClaimKind,
  scalarText
} from './claims.js'
import { childPath, isPlainObject, keyPosition, knownKeyName } from './json.js'
import { permissiveFindings } from './permissive.js'
import { LEGACY_POLICY_VERSION, OPERATORS, POLICY_VERSION, type Finding, type LintResult } from './types.js'

export interface LintOptions {
  /** Where authorities must live: the chosen cloud's Azure Attestation domain (default AzureCloud's). */
  attestation?: AttestationDomain
  /** Claim names to accept without an unknown-claim warning (custom MAA policies can issue their own claims). */
  extraKnownClaims?: readonly string[]
}

const GROUPS = ['allOf', 'anyOf'] as const

export function lintPolicy(policy: unknown, options: LintOptions = {}): LintResult {
  const l = new Linter(options)
  l.policy(policy)
  if (l.errors.length === 0) l.semantics(policy as RawPolicy)
  return { errors: l.errors, warnings: l.warnings, permissive: l.permissive }
}

/** Shape of a policy that passed the structural checks, for the semantic ones. */
interface RawPolicy {
  anyOf: Array<Record<string, unknown>>
}

class Linter {
  readonly errors: Finding[] = []
  readonly warnings: Finding[] = []
  /** The release-policy rules (permissive.ts): errors unless the caller accepts a permissive policy. */
  permissive: Finding[] = []
  private readonly domain: AttestationDomain
  private readonly extraClaims: ReadonlySet<string>

  constructor(options: LintOptions) {
    this.domain = options.attestation ?? PUBLIC_ATTESTATION_DOMAIN
    this.extraClaims = new Set(options.extraKnownClaims ?? [])
  }

  private error(path: string, rule: string, message: string): void {
    this.errors.push({ path, rule, message })
  }

  private warn(path: string, rule: string, message: string): void {
    this.warnings.push({ path, rule, message })
  }

  policy(p: unknown): void {
    if (!isPlainObject(p)) {
      this.error('$', 'policy-type', 'a release policy must be a JSON object with "version" and "anyOf"')
      return
    }
    for (const key of Object.keys(p)) {
      if (key === 'version' || key === 'anyOf') continue
      if (key === 'allOf') {
        this.error(
          childPath('$', key),
          'top-level-anyof',
          'the top level must be "anyOf" (a list of authority blocks); "allOf" belongs inside a block'
        )
      } else this.unknownKey(p, '$', key, 'a policy has only "version" and "anyOf"')
    }
    this.version(p)
    const anyOf = p.anyOf
    const path = childPath('$', 'anyOf')
    if (anyOf === undefined) {
      if (!('allOf' in p))
        this.error(path, 'top-level-anyof', 'the policy needs "anyOf": a list of authority blocks')
      return
    }
    if (!Array.isArray(anyOf)) {
      this.error(path, 'top-level-anyof', '"anyOf" must be an array of authority blocks')
      return
    }
    if (anyOf.length === 0) {
      this.error(path, 'top-level-anyof', '"anyOf" must list at least one authority block')
      return
    }
    anyOf.forEach((block, i) => this.block(block, childPath(path, i)))
  }

  private version(p: Record<string, unknown>): void {
    const path = childPath('$', 'version')
    const v = p.version
    if (v === POLICY_VERSION) return
    if (v === undefined) this.error(path, 'version', `"version" is required and must be "${POLICY_VERSION}"`)
    else if (v === LEGACY_POLICY_VERSION)
      this.error(
        path,
        'version',
        `"${LEGACY_POLICY_VERSION}" is the old form the service returns to old API versions; write "${POLICY_VERSION}"`
      )
    else
      this.error(path, 'version', `"version" must be "${POLICY_VERSION}" (the value given is not repeated)`)
  }

  private block(b: unknown, path: string): void {
    if (!isPlainObject(b)) {
      this.error(
        path,
        'block-type',
        'an authority block must be an object with "authority" and "allOf" or "anyOf"'
      )
      return
    }
    for (const key of Object.keys(b)) {
      if (key === 'authority' || key === 'allOf' || key === 'anyOf') continue
      const hint =
        key === 'claim' || key === 'equals'
          ? 'conditions go inside the block\'s "allOf" or "anyOf"'
          : 'an authority block has only "authority" and one of "allOf"/"anyOf"'
      this.unknownKey(b, path, key, hint)
    }
    this.authority(b, path)
    const present = GROUPS.filter(g => g in b)
    if (present.length === 2)
      this.error(
        path,
        'block-conditions',
        'has both "allOf" and "anyOf"; use exactly one (nest the other inside it)'
      )
    else if (present.length === 0)
      this.error(path, 'block-conditions', 'needs exactly one of "allOf" or "anyOf"')
    for (const g of present) this.group(b[g], childPath(path, g), g)
  }

  private authority(b: Record<string, unknown>, blockPath: string): void {
    const path = childPath(blockPath, 'authority')
    const a = b.authority
    if (a === undefined) {
      this.error(
        path,
        'authority-required',
        `every block needs "authority": the attestation provider URL, for example "https://sharedweu.weu.${this.domain.suffix}"`
      )
      return
    }
    if (typeof a !== 'string') {
      this.error(path, 'authority-url', '"authority" must be a string: an https URL')
      return
    }
    const problem = attestationAuthorityProblem(a, this.domain)
    if (problem) this.error(path, problem.rule, `"authority" ${problem.message}`)
  }

  private group(g: unknown, path: string, kind: string): void {
    if (!Array.isArray(g)) {
      this.error(path, 'group-type', `"${kind}" must be an array of conditions`)
      return
    }
    if (g.length === 0) {
      this.error(path, 'empty-group', `"${kind}" must hold at least one condition`)
      return
    }
    g.forEach((c, i) => this.condition(c, childPath(path, i)))
  }

  private condition(c: unknown, path: string): void {
    if (!isPlainObject(c)) {
      this.error(
        path,
        'condition-type',
        'a condition must be an object: {"claim": …, "equals": …} or a nested "allOf"/"anyOf"'
      )
      return
    }
    const groups = GROUPS.filter(g => g in c)
    const ops = OPERATORS.filter(op => op in c)
    const isClaim = 'claim' in c || ops.length > 0 || 'condition' in c || 'value' in c
    if (groups.length > 0) {
      if (isClaim) {
        this.error(
          path,
          'condition-shape',
          'a condition is either a claim comparison or a nested "allOf"/"anyOf" group, not both'
        )
        return
      }
      if (groups.length === 2) {
        this.error(
          path,
          'condition-shape',
          'one object holds one group; put "allOf" and "anyOf" in separate conditions'
        )
        return
      }
      for (const key of Object.keys(c)) {
        if (key !== groups[0]) this.unknownKey(c, path, key, 'a nested group has only "allOf" or "anyOf"')
      }
      this.group(c[groups[0]], childPath(path, groups[0]), groups[0])
      return
    }
    this.claimCondition(c, path, ops)
  }

  private claimCondition(c: Record<string, unknown>, path: string, ops: readonly string[]): void {
    const claimPath = childPath(path, 'claim')
    const claim = c.claim
    let claimOk = false
    if (claim === undefined)
      this.error(path, 'claim-required', 'the condition has no "claim" (the dotted claim name to test)')
    else if (typeof claim !== 'string' || claim.trim() === '')
      this.error(
        claimPath,
        'claim-required',
        '"claim" must be a non-empty string such as "x-ms-isolation-tee.x-ms-attestation-type"'
      )
    else if (claim.split('.').some(s => s === '') || claim !== claim.trim())
      this.error(claimPath, 'claim-path', `${JSON.stringify(claim)} is not a valid dotted claim path`)
    else if (/[[\]]/.test(claim))
      this.error(
        claimPath,
        'claim-path',
        'array specifications are not supported in claim names; use dots between object keys'
      )
    else claimOk = true

    const legacy = 'condition' in c || 'value' in c
    if (legacy) {
      this.error(
        childPath(path, 'condition' in c ? 'condition' : 'value'),
        'legacy-condition',
        '"condition"/"value" is the 0.2 form the service returns to old API versions; write {"claim": …, "equals": …}'
      )
    }
    for (const op of ops) {
      if (op === 'equals') continue
      this.error(
        childPath(path, op),
        'operator-unsupported',
        `"${op}" is listed in the grammar, but the service currently honours only "equals" ("In the first iteration, ` +
          'the only allowed condition is equals"); rewrite the condition with equals, e.g. one anyOf member per accepted value'
      )
    }
    for (const key of Object.keys(c)) {
      if (
        key === 'claim' ||
        key === 'condition' ||
        key === 'value' ||
        (OPERATORS as readonly string[]).includes(key)
      )
        continue
      this.unknownKey(c, path, key, 'a claim condition has only "claim" and "equals"')
    }

    const valuePath = childPath(path, 'equals')
    if (!('equals' in c)) {
      if (!legacy && ops.length === 0)
        this.error(path, 'value-required', 'the condition has no "equals" value to compare the claim with')
      return
    }
    const value = c.equals
    if (
      value === null ||
      typeof value === 'object' ||
      (typeof value === 'number' && !Number.isFinite(value))
    ) {
      this.error(
        valuePath,
        'value-type',
        '"equals" must be a string, a number, true or false (objects, arrays and null are not allowed)'
      )
      return
    }
    if (!claimOk) return
    const name = claim as string
    const kind = knownClaimKind(name)
    if (kind === undefined) {
      if (!this.extraClaims.has(name))
        this.warn(
          claimPath,
          'unknown-claim',
          `"${name}" is not a claim this action knows from MAA confidential VM tokens; check the spelling and nesting (a missing claim never matches)`
        )
    } else if (kind === 'object' || kind === 'array') {
      this.warn(
        claimPath,
        'value-type-mismatch',
        `"${name}" is ${kind === 'object' ? 'an object' : 'an array'} in MAA tokens and can never equal a single value`
      )
    } else if (typeof value !== kind) {
      this.warn(
        valuePath,
        'value-type-mismatch',
        `"${name}" is a ${kind} in MAA tokens but the policy compares it with the ${typeof value} ${JSON.stringify(value)}; ` +
          `Microsoft samples do this and it is assumed to match by text, but writing ${kind === 'string' ? JSON.stringify(String(value)) : String(value)} avoids relying on it`
      )
    }
  }

  /** Names the key only when the grammar defines it; any other name came from the input and is not echoed. */
  private unknownKey(obj: object, path: string, key: string, hint: string): void {
    const name = knownKeyName(key)
    this.error(
      childPath(path, key),
      'unknown-key',
      `${name ? `key ${name} does not belong here` : 'unknown key'}${keyPosition(obj, key)}: ${hint}`
    )
  }

  /** Findings that need the whole (structurally valid) policy. */
  semantics(p: RawPolicy): void {
    this.permissive = permissiveFindings(p)
    const sev = admitsTee(p, SEV_SNP_TYPE)
    const tdx = admitsTee(p, TDX_TYPE)
    if (sev && !tdx) {
      this.warn(
        '$',
        'tee-coverage',
        `the policy admits AMD SEV-SNP confidential VMs but not Intel TDX ones ("${TDX_TYPE}"); a TDX VM would be refused the key (the confidential-vm preset admits both)`
      )
    } else if (tdx && !sev) {
      this.warn(
        '$',
        'tee-coverage',
        `the policy admits Intel TDX confidential VMs but not AMD SEV-SNP ones ("${SEV_SNP_TYPE}"); a SEV-SNP VM would be refused the key (the confidential-vm preset admits both)`
      )
    }
  }
}

/**
 * Symbolic evaluation: could some token of a given kind satisfy the block? The oracle decides single claim
 * conditions; claims it does not pin down count as satisfiable.
 */
type Oracle = (claim: string, value: unknown) => boolean

function admitsBlock(block: Record<string, unknown>, oracle: Oracle): boolean {
  if (Array.isArray(block.allOf)) return block.allOf.every(c => admitsCondition(c, oracle))
  if (Array.isArray(block.anyOf)) return block.anyOf.some(c => admitsCondition(c, oracle))
  return false
}

function admitsCondition(c: unknown, oracle: Oracle): boolean {
  if (!isPlainObject(c)) return false
  if (Array.isArray(c.allOf)) return c.allOf.every(m => admitsCondition(m, oracle))
  if (Array.isArray(c.anyOf)) return c.anyOf.some(m => admitsCondition(m, oracle))
  return typeof c.claim === 'string' && oracle(c.claim, c.equals)
}

function hardwareClaimPossible(name: string, tee: string): boolean {
  if (name in SEV_SNP_CLAIMS) return tee === SEV_SNP_TYPE
  if (name in TDX_CLAIMS) return tee === TDX_TYPE
  return true
}

/** A CVM guest token: top-level type azurevm, the hardware verdict under x-ms-isolation-tee. */
function guestOracle(tee: string): Oracle {
  return (claim, value) => {
    if (claim === ATTESTATION_TYPE) return scalarText(value) === AZURE_VM_TYPE
    if (claim === TEE_ATTESTATION_TYPE) return scalarText(value) === tee
    if (claim.startsWith(`${ISOLATION_TEE}.`))
      return hardwareClaimPossible(claim.slice(ISOLATION_TEE.length + 1), tee)
    return !isTeeEvidenceClaim(claim)
  }
}

/** A platform token (what the CVM orchestrator presents): the hardware verdict at the top level. */
function platformOracle(tee: string): Oracle {
  return (claim, value) => {
    if (claim === ATTESTATION_TYPE) return scalarText(value) === tee
    if (claim === ISOLATION_TEE || claim.startsWith(`${ISOLATION_TEE}.`)) return false
    if (claim.startsWith('x-ms-sgx-')) return false
    return hardwareClaimPossible(claim, tee)
  }
}

function admitsTee(p: RawPolicy, tee: string): boolean {
  return p.anyOf.some(b => admitsBlock(b, guestOracle(tee)) || admitsBlock(b, platformOracle(tee)))
}
