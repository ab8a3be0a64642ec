/**
 * activate: download the security domain (which activates the HSM) so that nothing is ever lost. The
 * step itself: its plan (activate, or check and complete the escrow of an active HSM), its finish and its
 * verify checks. The download and the whole activation are in activation.ts; the escrow of an active HSM in activate-escrow.ts.
 */
import { knownHsm, type RunContext } from '../../run/context.js'
import { keyTargets, storesFor } from '../../escrow/escrow.js'
import { proveEscrow } from '../../run/escrow-proof.js'
import type { EscrowStore } from '../../escrow/stores/index.js'
import { custodyLine } from '../../config/index.js'
import { activateNow } from './activation.js'
import { planActive, prefetchEscrow, readEscrow } from './escrow.js'
import { parseKeyBundle } from '../../escrow/key-bundle.js'
import type { Change, Check, Plan, Step } from '../../run/step.js'

export const activate: Step = {
  name: 'activate',

  // The escrow checks, once the HSM answers (an inactive one has no escrow to check yet).
  prefetch: ctx => () => prefetchEscrow(ctx),

  async plan(ctx: RunContext): Promise<Plan> {
    const hsm = await knownHsm(ctx)
    const sdStores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
    if (hsm.activationStatus === 'Active') return planActive(ctx, sdStores)
    return { changes: [activationChange(ctx, sdStores)], notes: [] }
  },

  async finish(ctx: RunContext, changed: boolean): Promise<void> {
    if (!changed && ctx.facts.activationStatus) return
    const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
    ctx.facts.activationStatus = hsm?.properties?.securityDomainProperties?.activationStatus
  },

  /** The escrowed wrapping keys are there and intact, and a quorum of them still opens the escrowed security domain. */
  async verify(ctx: RunContext): Promise<Check[]> {
    const a = ctx.config.activation
    if (a.wrappingKeyStores.length === 0 || (await knownHsm(ctx)).activationStatus !== 'Active') return []
    const sdCheck = (
      await Promise.all(storesFor(a.securityDomainStores, ctx.signIn.credential).map(s => readEscrow(ctx, s)))
    ).find(c => c.state === 'ok')
    const keyStores = storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
    const keyChecks = await Promise.all(keyStores.map(s => readEscrow(ctx, s)))
    const checks: Check[] = keyChecks.map((k, i) => ({
      id: `activate.wrappingKey.${i + 1}`,
      status: k.state === 'ok' ? 'ok' : k.state === 'unreadable' ? 'error' : 'drift',
      desired: `escrowed in ${k.store.url}, SHA-256 as recorded`,
      actual:
        k.state === 'ok'
          ? 'escrowed, SHA-256 as recorded'
          : `${k.state} in ${k.store.url}${k.detail ? `: ${k.detail}` : ''}`,
      hint:
        k.state === 'ok'
          ? undefined
          : `restore wrapping key ${i + 1} at ${k.store.url} from a backup; quorum still needs ${a.quorum} keys`
    }))
    const keys = keyChecks.flatMap(k => {
      const bundle = k.state === 'ok' && k.content ? parseKeyBundle(k.content.toString('utf8')) : undefined
      return bundle ? [{ label: k.store.url, key: bundle }] : []
    })
    if (!sdCheck?.content) return checks
    const report = keys.length >= a.quorum ? proveEscrow(sdCheck.content.toString('utf8'), keys) : undefined
    const ok = report?.recovering ?? 0
    checks.push({
      id: 'activate.escrow.recoverable',
      status: report && ok > 0 ? 'ok' : 'drift',
      desired: `a quorum of ${a.quorum} escrowed wrapping keys recovers the escrowed security domain`,
      actual: report
        ? `${ok} of ${report.subsets.length} ${report.required}-key subsets recover it`
        : `only ${keys.length} readable wrapping key(s), quorum is ${a.quorum}`,
      hint:
        report && ok > 0
          ? undefined
          : 'the escrow cannot recover the HSM: restore the missing keys now, while the HSM still runs'
    })
    return checks
  }
}

function activationChange(ctx: RunContext, sdStores: EscrowStore[]): Change {
  const a = ctx.config.activation
  const generating = a.certificates.length === 0
  return {
    kind: 'create',
    id: 'activate.activationStatus',
    summary: `activate Managed HSM '${ctx.config.hsmName}': download its security domain, quorum ${a.quorum} of ${a.keyCount} wrapping keys`,
    details: [
      generating
        ? `wrapping keys: ${a.keyCount} RSA-${a.keySize} key pairs generated here, escrowed to ${a.wrappingKeyStores.map(t => t.url).join(', ')}`
        : `wrapping keys: ${a.certificates.length} custodian certificates (private keys stay with the custodians)`,
      `security domain escrow: ${a.securityDomainStores.map(t => t.url).join(', ')}`,
      ...(a.sharedStores.length > 0 ? [custodyLine(a.sharedStores)] : [])
    ],
    apply: () => activateNow(ctx, sdStores)
  }
}
