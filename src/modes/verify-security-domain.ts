/**
 * mode: verify-security-domain — proves, offline and read-only, that the escrowed security domain can
 * still be recovered: it reads the security domain from its store (or a file) and the wrapping private
 * keys from their stores and/or custodians' files, and reports which quorum subsets of the keys open it.
 */
import * as log from '../shared/log.js'
import type { RunContext } from '../run/context.js'
import { maskSecurityDomain } from '../escrow/escrow.js'
import { ConflictError } from '../shared/errors.js'
import { collectWrappingKeys, proveEscrow, readSecurityDomain } from '../run/escrow-proof.js'
import { timed } from '../run/timed.js'
import type { Check, StepResult } from '../run/step.js'

export async function verifySecurityDomain(ctx: RunContext, results: StepResult[]): Promise<void> {
  await timed('verify-security-domain', results, async result => {
    const sdText = await readSecurityDomain(ctx)
    maskSecurityDomain(sdText)
    const labelled = await collectWrappingKeys(ctx, result.notes)
    if (labelled.length === 0)
      throw new ConflictError(
        'no wrapping private keys to try',
        'set wrapping-key-store and/or wrapping-private-key-files'
      )
    const proof = proveEscrow(sdText, labelled)
    result.notes.push(...proof.keyProblems)
    const checks: Check[] = proof.subsets.map(s => ({
      id: `security-domain.subset.${s.keys.map(i => i + 1).join('+')}`,
      status: s.ok ? 'ok' : 'drift',
      actual: s.ok ? 'recovers' : s.reason,
      desired: s.labels
    }))
    result.checks.push(...checks)
    const ok = checks.filter(c => c.status === 'ok').length
    log.info(
      `${ok} of ${checks.length} ${proof.required}-key subsets of ${labelled.length} key(s) recover the security domain`
    )
    for (const c of checks)
      log.info(
        `  ${c.status === 'ok' ? 'recovers' : 'FAILS   '}  ${(c.desired as string[]).join(' + ')}${c.status === 'ok' ? '' : `: ${c.actual}`}`
      )
    for (const n of result.notes) log.warning(n)
    result.status = ok > 0 && ok === checks.length ? 'unchanged' : 'drift'
    result.label = `${ok} of ${checks.length} key subsets recover`
    if (ok === 0)
      throw new ConflictError(
        'no quorum of the supplied keys recovers the escrowed security domain',
        'find the missing wrapping keys now; while the HSM runs you can still download a new security domain with other keys'
      )
  })
}
