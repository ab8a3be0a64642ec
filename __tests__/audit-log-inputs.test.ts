/** The audit-log inputs (issue 26 §2): applied only by the provision step, ids of the right type, a clear refusal. */
import { describe, expect, it } from '@jest/globals'
import { DEFAULT_AUDIT_LOG_SETTING, INPUT_DEFAULTS } from '../src/config/index.js'
import { APPLY_INPUTS, inputParser } from './support/parse-inputs.js'

const SUB = APPLY_INPUTS['subscription-id']
const WS = `/subscriptions/${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/ws-audit`
const SA = `/subscriptions/${SUB}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/skraudit`
const { parse, problems } = inputParser(APPLY_INPUTS)

describe('audit-log inputs', () => {
  it('names no setting without a destination, and the default name matches action.yml', () => {
    expect(parse().auditLog).toBeUndefined()
    expect(parse({ 'audit-log-setting-name': 'other' }).auditLog).toBeUndefined()
    expect(INPUT_DEFAULTS['audit-log-setting-name']).toBe(DEFAULT_AUDIT_LOG_SETTING)
  })

  it('reads a workspace, a storage account or both, with the default or a given name', () => {
    expect(parse({ 'audit-log-workspace-id': WS }).auditLog).toEqual({
      settingName: DEFAULT_AUDIT_LOG_SETTING,
      workspaceId: WS,
      storageAccountId: undefined
    })
    expect(
      parse({
        'audit-log-workspace-id': ` ${WS.toLowerCase()} `,
        'audit-log-storage-account-id': SA,
        'audit-log-setting-name': 'audit.trail_1'
      }).auditLog
    ).toEqual({ settingName: 'audit.trail_1', workspaceId: WS.toLowerCase(), storageAccountId: SA })
  })

  it('refuses a workspace customer id, a name, another resource type, each naming the input', () => {
    expect(problems({ 'audit-log-workspace-id': '5a1b7f1e-0000-4000-8000-000000000001' })).toEqual([
      expect.stringMatching(
        /^Input 'audit-log-workspace-id': '5a1b7f1e-[^']+' is a GUID \(a workspace's customer id\?\), not the workspace's resource id: give \/subscriptions\/SUB\/resourceGroups\/RG\/providers\/Microsoft\.OperationalInsights\/workspaces\/NAME/
      )
    ])
    expect(problems({ 'audit-log-workspace-id': 'ws-audit' })[0]).toMatch(
      /^Input 'audit-log-workspace-id': 'ws-audit' is a name, not a resource id/
    )
    expect(problems({ 'audit-log-workspace-id': SA })[0]).toMatch(
      /^Input 'audit-log-workspace-id': '.+' is not the resource id of a Log Analytics workspace/
    )
    expect(problems({ 'audit-log-storage-account-id': WS })[0]).toMatch(
      /^Input 'audit-log-storage-account-id': '.+' is not the resource id of a storage account: give .*az storage account show --query id/
    )
    expect(problems({ 'audit-log-storage-account-id': SA.replace('skraudit', 'Skr_Audit') })[0]).toMatch(
      /^Input 'audit-log-storage-account-id': /
    )
    expect(problems({ 'audit-log-storage-account-id': SA.replace(SUB, 'x'.repeat(36)) })[0]).toMatch(
      /names no subscription id/
    )
    expect(problems({ 'audit-log-workspace-id': WS.replace('rg-logs', 'rg.') })[0]).toMatch(
      /its resource group name must not end with a period/
    )
  })

  it('refuses a setting name the action cannot use', () => {
    expect(problems({ 'audit-log-workspace-id': WS, 'audit-log-setting-name': 'audit/../x' })).toEqual([
      "Input 'audit-log-setting-name': 'audit/../x' must be 1-80 letters, digits, '.', '_' and '-', starting with a letter or digit"
    ])
  })

  // One input set serves apply, verify and teardown (issue 28): accepted everywhere, checked, applied only by provision.
  it('is accepted where the provision step does not run, still checked, applied only with provision', () => {
    const noProvision = parse({ 'audit-log-storage-account-id': SA, steps: 'key' })
    expect(noProvision.auditLog).toBeUndefined()
    expect(noProvision.unappliedInputs).toEqual([
      'audit-log-storage-account-id is read only by the provision step, which steps leaves out: this run neither applies nor reports it (add provision to steps for that)'
    ])
    const teardown = parse({
      'audit-log-workspace-id': WS,
      mode: 'teardown',
      'confirm-teardown': 'contoso-skr-01'
    })
    expect(teardown.auditLog).toBeUndefined()
    expect(teardown.unappliedInputs).toEqual([])
    expect(
      problems({
        'audit-log-workspace-id': 'ws-audit',
        mode: 'teardown',
        'confirm-teardown': 'contoso-skr-01'
      })[0]
    ).toMatch(/^Input 'audit-log-workspace-id': 'ws-audit' is a name, not a resource id/)
    expect(parse({ 'audit-log-workspace-id': WS, mode: 'verify' }).auditLog?.workspaceId).toBe(WS)
    expect(parse({ 'audit-log-workspace-id': WS, mode: 'verify' }).unappliedInputs).toEqual([])
  })
})
