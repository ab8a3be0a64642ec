/**
 * The inputs only the provision step reads (the extended region, the audit log's destinations), in a run that
 * does not provision. A workflow reuses one input set for apply, verify and teardown, so every mode accepts
 * them (still checked, so a bad value fails every run alike); a run of the steps without provision says that
 * it neither applies nor checks them, so nobody takes a passing run for a converged region or audit setting.
 * teardown removes whatever extended region it finds, and verify-security-domain touches neither: no word.
 */
import { MODE_TABLE, type Mode } from './modes.js'

export const PROVISION_ONLY_INPUTS = [
  'replica-region',
  'remove-replica-region',
  'audit-log-workspace-id',
  'audit-log-storage-account-id'
] as const

/** The warnings for the provision-only inputs a steps run without provision was given. */
export function unappliedInputs(get: (name: string) => string, mode: Mode, runsProvision: boolean): string[] {
  if (runsProvision || !MODE_TABLE[mode].runsSteps) return []
  const verb = mode === 'apply' ? 'applies' : mode === 'plan' ? 'plans' : 'checks'
  return PROVISION_ONLY_INPUTS.filter(name => get(name) !== '').map(
    name =>
      `${name} is read only by the provision step, which steps leaves out: this run neither ${verb} nor reports it (add provision to steps for that)`
  )
}
