/**
 * The single-purpose modes: each runs instead of the steps, as one unit of work with its own result. Each
 * loads its own code when it runs (a dynamic import, so a chunk of dist/ of its own): apply, plan and verify
 * never compile or evaluate teardown's or recover's modules.
 */
import { HELD } from '../run/step.js'
import type { RunReport } from '../report/summary.js'
import { attempt, failedSteps, names, type RunMode } from './mode.js'

export const TEARDOWN: RunMode = {
  run: async (ctx, run) =>
    void (await attempt(run, 'teardown', false, async () =>
      (await import('./teardown.js')).teardown(ctx, run.results)
    )),
  headline(r) {
    const failed = failedSteps(r)
    if (failed.length) return `❌ ${names(failed)} failed.`
    // A delete that purge protection holds keeps the name and may keep billing: not a green result.
    const label = r.results[0]?.label ?? 'done'
    return `${label.includes(HELD) ? '⚠️' : '✅'} Teardown: ${label}.`
  },
  dataPlane: () => false
}

export const VERIFY_SECURITY_DOMAIN: RunMode = {
  run: async (ctx, run) =>
    void (await attempt(run, 'verify-security-domain', false, async () =>
      (await import('./verify-security-domain.js')).verifySecurityDomain(ctx, run.results)
    )),
  headline(r) {
    const failed = failedSteps(r)
    if (failed.length) return `❌ ${names(failed)} failed.`
    return r.results[0]?.status === 'unchanged'
      ? '✅ Every quorum subset of the keys recovers the escrowed security domain.'
      : '⚠️ Some quorum subsets of the keys do not recover the escrowed security domain.'
  },
  // It opens the escrow locally.
  dataPlane: () => false,
  drift: 'verify'
}

export const RECOVER: RunMode = {
  run: async (ctx, run) =>
    void (await attempt(run, 'recover', false, async () =>
      (await import('./recover.js')).recover(ctx, run.results)
    )),
  headline: recoverHeadline,
  // It restores into an HSM.
  dataPlane: () => true
}

/**
 * recover: what the user now has (the same KEK_KID, what is missing), not a count of steps; a rehearsal
 * passed or failed. The label is the action's own words.
 */
function recoverHeadline(r: RunReport): string {
  const failed = failedSteps(r)
  const recovered = r.results.find(s => s.step.startsWith('recover'))
  if (r.config.rehearsalHsmName) {
    const drill = !!r.config.backup
    // The escrow restored (recover.ts labels it before the drill) and the drill then failed.
    if (drill && recovered?.status === 'failed' && recovered.label?.startsWith('rehearsal passed')) {
      const removed = failed.some(s => s !== recovered) ? '' : '; the temporary HSM was removed'
      return `❌ Rehearsal failed: the escrow restored into the temporary HSM, but the restore drill failed (its check is named above)${removed}.`
    }
    if (!recovered || recovered.status === 'failed')
      return `❌ Rehearsal failed: ${failed.length ? names(failed) : 'recover'} failed; the escrow did not restore into the temporary HSM.`
    return failed.length
      ? `⚠️ Rehearsal passed, but ${names(failed)} failed: the temporary HSM bills until it is removed.`
      : drill
        ? '✅ Rehearsal passed: the escrow and the newest full backup restored into a temporary HSM (restore drill passed), which was then removed.'
        : '✅ Rehearsal passed: the escrow restored into a temporary HSM, which was then removed.'
  }
  if (failed.length) return `❌ ${names(failed)} failed.`
  const label = recovered?.label ?? 'recovered'
  return `${/missing/.test(label) ? '⚠️' : '✅'} ${label.charAt(0).toUpperCase()}${label.slice(1)}.`
}
