/**
 * Is one release policy weaker than the inputs' (src/policy/weaker.ts)? Every "beyond" answer is checked
 * against the evaluator: the witness token is released by the weaker policy and refused by the other, so
 * a finding is never a guess; and a policy that only asks for more is never called weaker.
 */
import { describe, expect, it } from '@jest/globals'
import {
  evaluatePolicy,
  policyWeakness,
  presetPolicy,
  releasesBeyond,
  SAMPLE_AUTHORITY,
  type ReleasePolicy
} from '../../src/policy/index.js'
import {
  nonCompliantCvmGuestClaims,
  sevSnpCvmGuestClaims,
  tdxCvmGuestClaims,
  trustedLaunchVmClaims
} from '../support/sample-claims.js'

const AUTH = SAMPLE_AUTHORITY
const OTHER = 'https://sharedneu.neu.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const COMPLIANT = { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
const SEV = { claim: TYPE, equals: 'sevsnpvm' }
const TDX = { claim: TYPE, equals: 'tdxvm' }
const policy = (...anyOf: unknown[]) => ({ version: '1.0.0', anyOf }) as unknown as ReleasePolicy
const block = (allOf: unknown[], authority = AUTH) => ({ authority, allOf })

const sevSnp = presetPolicy('sev-snp-cvm', AUTH)
const either = presetPolicy('confidential-vm', AUTH)

/** The witness is a real token: released by `weaker`, refused by `than`. */
function witnessHolds(weaker: unknown, than: ReleasePolicy): Record<string, unknown> {
  const r = releasesBeyond(weaker, than)
  if (r.beyond !== true) throw new Error(`expected a witness, got ${JSON.stringify(r)}`)
  const claims: Record<string, unknown> = { iss: r.witness.issuer }
  for (const [path, v] of Object.entries(r.witness.claims)) {
    const parts = path.split('.')
    let node = claims
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>
    node[parts[parts.length - 1]] = v
  }
  expect(evaluatePolicy(weaker as ReleasePolicy, claims).released).toBe(true)
  expect(evaluatePolicy(than, claims).released).toBe(false)
  return r.witness.claims
}

describe('releasesBeyond', () => {
  it('a policy is never beyond itself, nor beyond one that asks for less', () => {
    expect(releasesBeyond(sevSnp, sevSnp)).toEqual({ beyond: false })
    expect(releasesBeyond(sevSnp, either)).toEqual({ beyond: false })
    // Reordered, regrouped, in the 0.2 read form: the same meaning.
    const legacy = {
      version: '0.2',
      anyOf: [
        {
          authority: `${AUTH}/`,
          allOf: [
            { claim: COMPLIANT.claim, condition: 'equals', value: COMPLIANT.equals },
            { allOf: [{ claim: TYPE, condition: 'equals', value: 'sevsnpvm' }] }
          ]
        }
      ]
    }
    expect(releasesBeyond(legacy, sevSnp)).toEqual({ beyond: false })
    // Stricter: one more condition.
    const stricter = policy(block([SEV, COMPLIANT, { claim: 'x-ms-azurevm-is-windows', equals: false }]))
    expect(releasesBeyond(stricter, sevSnp)).toEqual({ beyond: false })
  })

  it('finds the VM a looser policy releases to, and it is one the inputs refuse', () => {
    // The attack of issue 21: an older version loosened to "any Azure VM".
    const loosened = policy(block([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }]))
    expect(witnessHolds(loosened, sevSnp)).toEqual({ 'x-ms-attestation-type': 'azurevm' })
    expect(evaluatePolicy(loosened, trustedLaunchVmClaims()).released).toBe(true)
    // TDX admitted as well: not rule-breaking, but beyond an SEV-SNP-only input.
    expect(witnessHolds(either, sevSnp)).toEqual({
      [COMPLIANT.claim]: 'azure-compliant-cvm',
      [TYPE]: 'tdxvm'
    })
    expect(evaluatePolicy(either, tdxCvmGuestClaims()).released).toBe(true)
    // The compliance verdict dropped: a debuggable SEV-SNP VM.
    const noVerdict = policy(block([SEV]))
    expect(witnessHolds(noVerdict, sevSnp)).toEqual({ [TYPE]: 'sevsnpvm' })
    expect(evaluatePolicy(noVerdict, nonCompliantCvmGuestClaims()).released).toBe(true)
    expect(evaluatePolicy(sevSnp, nonCompliantCvmGuestClaims()).released).toBe(false)
  })

  it('counts another attestation authority as beyond, whatever its conditions', () => {
    const elsewhere = presetPolicy('sev-snp-cvm', [AUTH, OTHER])
    const r = releasesBeyond(elsewhere, sevSnp)
    expect(r).toMatchObject({ beyond: true, witness: { issuer: OTHER, block: '$.anyOf[1]' } })
    witnessHolds(elsewhere, sevSnp)
    // The same authority written differently (case, trailing slash) is the same authority.
    expect(releasesBeyond(presetPolicy('sev-snp-cvm', `${AUTH.toUpperCase()}/`), sevSnp)).toEqual({
      beyond: false
    })
  })

  it('follows nested groups, and drops ways no token can take', () => {
    // (SEV or TDX) and compliant and SEV: only the SEV way can hold.
    const nested = policy(block([{ anyOf: [SEV, TDX] }, COMPLIANT, SEV]))
    expect(releasesBeyond(nested, sevSnp)).toEqual({ beyond: false })
    // A way that asks a claim to be a value and an object at once is never met.
    const contradictory = policy(
      block([COMPLIANT, SEV]),
      block([{ claim: 'x-ms-isolation-tee', equals: 'x' }, SEV])
    )
    expect(releasesBeyond(contradictory, sevSnp)).toEqual({ beyond: false })
    // Unsupported operators and non-scalar values are never met, as the service reads them.
    const unsupported = policy(
      block([{ claim: TYPE, notEquals: 'x' }]),
      block([{ claim: TYPE, equals: { a: 1 } }])
    )
    expect(releasesBeyond(unsupported, sevSnp)).toEqual({ beyond: false })
    // An anyOf block: each member is a way of its own.
    const anyBlock = policy({ authority: AUTH, anyOf: [{ allOf: [SEV, COMPLIANT] }, TDX] })
    expect(witnessHolds(anyBlock, sevSnp)).toEqual({ [TYPE]: 'tdxvm' })
  })

  it('reads an iss condition as the issuer the block is chosen by', () => {
    const selfIssued = policy(block([{ claim: 'iss', equals: AUTH }]))
    expect(witnessHolds(selfIssued, sevSnp)).toEqual({})
    // An issuer the block's authority does not match never reaches the block.
    const foreign = policy(block([{ claim: 'iss', equals: OTHER }]))
    expect(releasesBeyond(foreign, sevSnp)).toEqual({ beyond: false })
  })

  it('says unknown rather than guessing when there are too many ways through', () => {
    const wide = policy(
      block(
        Array.from({ length: 14 }, (_, i) => ({
          anyOf: [
            { claim: `c${i}`, equals: 'a' },
            { claim: `c${i}`, equals: 'b' }
          ]
        }))
      )
    )
    expect(releasesBeyond(wide, sevSnp)).toEqual({ beyond: 'unknown', ways: 4096 })
    expect(releasesBeyond(wide, sevSnp, 1 << 15)).toMatchObject({ beyond: true })
  })
})

describe('policyWeakness', () => {
  const cloud = { attestation: { cloud: 'AzureCloud', suffix: 'attest.azure.net' } }

  it('is empty for the same policy and for a stricter one', () => {
    expect(policyWeakness(sevSnp, sevSnp, cloud)).toEqual([])
    expect(
      policyWeakness(policy(block([SEV, COMPLIANT, { claim: 'x-ms-ver', equals: '1.0' }])), sevSnp, cloud)
    ).toEqual([])
  })

  it('names the rule a policy breaks and the VM it releases to', () => {
    const loosened = policy(block([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }]))
    const lines = policyWeakness(loosened, sevSnp, cloud)
    expect(lines).toEqual([
      expect.stringMatching(/could release the key to the wrong VM \(\[no-tee\] at \$\.anyOf\[0\]\)/),
      `it releases to a token the inputs' policy refuses: issuer ${AUTH} with x-ms-attestation-type = azurevm (by $.anyOf[0])`
    ])
    // A foreign authority breaks the authority rule.
    const foreign = presetPolicy('sev-snp-cvm', 'https://evil.example.com')
    expect(policyWeakness(foreign, sevSnp, cloud).join('\n')).toMatch(/rules refuse it \(\[authority-host\]/)
  })

  it('leaves the rule findings out when the inputs accepted a permissive policy, but not what goes beyond it', () => {
    const accepted = policy(block([SEV]))
    expect(policyWeakness(accepted, accepted, { ...cloud, acceptPermissive: true })).toEqual([])
    expect(policyWeakness(policy(block([TDX])), accepted, { ...cloud, acceptPermissive: true })).toEqual([
      expect.stringMatching(/releases to a token the inputs' policy refuses: .*tdxvm/)
    ])
  })

  it('a real confidential VM the inputs admit is admitted by the weaker policy too (weaker, not different)', () => {
    const loosened = policy(block([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }]))
    expect(evaluatePolicy(loosened, sevSnpCvmGuestClaims()).released).toBe(true)
  })
})
