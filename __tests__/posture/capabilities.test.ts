/** What a role's permissions allow: dataActions minus notDataActions, unknown actions and wildcards fail closed. */
import { describe, expect, it } from '@jest/globals'
import { ALL_CAPABILITIES, capabilities } from '../../src/posture/capabilities.js'

const P = 'Microsoft.KeyVault/managedHsm/'

describe('capabilities', () => {
  it('maps each known data action, case-insensitively', () => {
    expect(capabilities([{ dataActions: [`${P}keys/release/action`] }])).toEqual(['release'])
    expect(capabilities([{ dataActions: [`${P.toLowerCase()}KEYS/Unwrap/Action`] }])).toEqual(['use'])
    expect(
      capabilities([
        { dataActions: [`${P}roleAssignments/write/action`, `${P}securitydomain/download/action`] }
      ])
    ).toEqual(['manage-roles', 'security-domain'])
    expect(capabilities([{ dataActions: [`${P}keys/read/action`, `${P}keys/backup/action`] }])).toEqual([
      'backup',
      'read'
    ])
    expect(capabilities([{ dataActions: [`${P}keys/export/action`] }])).toEqual(['release'])
    expect(capabilities([{ dataActions: [`${P}restore/start/action`] }])).toEqual(['change'])
  })

  it('takes away what notDataActions name', () => {
    expect(
      capabilities([
        {
          dataActions: [`${P}keys/release/action`, `${P}keys/read/action`],
          notDataActions: [`${P}keys/release/action`]
        }
      ])
    ).toEqual(['read'])
    expect(
      capabilities([{ dataActions: [`${P}keys/release/action`], notDataActions: [`${P}keys/*`] }])
    ).toEqual([])
  })

  it('counts an unknown action as everything (fail closed)', () => {
    expect(capabilities([{ dataActions: [`${P}keys/teleport/action`] }])).toEqual(ALL_CAPABILITIES)
    expect(capabilities([{ dataActions: ['Microsoft.Something/else'] }])).toEqual(ALL_CAPABILITIES)
  })

  it('counts a wildcard as everything it could match, unless a notDataAction covers all of it', () => {
    expect(capabilities([{ dataActions: [`${P}keys/read/*`] }])).toEqual(ALL_CAPABILITIES)
    expect(capabilities([{ dataActions: ['*'] }])).toEqual(ALL_CAPABILITIES)
    expect(capabilities([{ dataActions: [`${P}keys/*`], notDataActions: [`${P}keys/*`] }])).toEqual([])
    // A narrower exclusion leaves the rest of the wildcard: still everything it could match.
    expect(
      capabilities([{ dataActions: [`${P}keys/*`], notDataActions: [`${P}keys/release/action`] }])
    ).toEqual(ALL_CAPABILITIES)
  })

  it('grants nothing without data actions', () => {
    expect(capabilities(undefined)).toEqual([])
    expect(capabilities([{ dataActions: [] }])).toEqual([])
  })
})
