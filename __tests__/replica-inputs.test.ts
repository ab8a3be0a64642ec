/**
 * replica-region and remove-replica-region (issue 28), checked before anything talks to Azure: the HSM's own
 * location and Microsoft's excluded extended regions are refused naming the input; names are normalised as
 * location is; one region cannot be both kept and removed.
 */
import { describe, expect, it } from '@jest/globals'
import { EXCLUDED_EXTENDED_REGIONS, parseReplica } from '../src/config/replica.js'
import { APPLY_INPUTS, inputParser } from './support/parse-inputs.js'

function parse(inputs: Record<string, string>, location = 'westeurope') {
  const problems: string[] = []
  const config = parseReplica(
    { get: name => inputs[name] ?? '', fail: (input, rule) => problems.push(`${input}: ${rule}`) },
    location
  )
  return { config, problems }
}

describe('replica-region', () => {
  it('takes another region, normalised like location', () => {
    expect(parse({ 'replica-region': 'North Europe' })).toEqual({
      config: { replicaRegion: 'northeurope' },
      problems: []
    })
  })

  it('refuses the HSM’s own location', () => {
    expect(parse({ 'replica-region': 'WestEurope' }).problems).toEqual([
      "replica-region: is the HSM's own location (westeurope): the extended region must be another region; leave it empty for one region"
    ])
  })

  it.each(EXCLUDED_EXTENDED_REGIONS)(
    'refuses %s, which Microsoft lists as unable to be an extended region',
    r => {
      const { config, problems } = parse({ 'replica-region': r }, 'uksouth')
      expect(config.replicaRegion).toBeUndefined()
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(
        new RegExp(`^replica-region: ${r} cannot be an extended region \\(Microsoft Learn`)
      )
    }
  )

  it('refuses what is not a region name', () => {
    expect(parse({ 'replica-region': 'north-europe!' }).problems[0]).toMatch(
      /^replica-region: must be an Azure region name/
    )
  })
})

describe('remove-replica-region', () => {
  it('names the region to remove', () => {
    expect(parse({ 'remove-replica-region': 'uksouth' }).config).toEqual({ removeReplicaRegion: 'uksouth' })
  })

  it('cannot name the region replica-region keeps', () => {
    const { config, problems } = parse({ 'replica-region': 'uksouth', 'remove-replica-region': 'UK South' })
    expect(config.removeReplicaRegion).toBeUndefined()
    expect(problems).toEqual([
      'remove-replica-region: names uksouth, which replica-region asks to keep: set only one of them for that region'
    ])
  })
})

// A workflow reuses one input set for apply, verify and teardown (issue 28).
describe('replica-region in runs that do not provision', () => {
  const { parse: parseAll, problems } = inputParser({ ...APPLY_INPUTS, 'replica-region': 'northeurope' })
  const teardown = { mode: 'teardown', 'confirm-teardown': 'contoso-skr-01' }

  it('teardown and a verify with provision accept it without a word', () => {
    expect(parseAll(teardown).unappliedInputs).toEqual([])
    expect(parseAll({ mode: 'verify' }).unappliedInputs).toEqual([])
    expect(parseAll().unappliedInputs).toEqual([])
  })

  it('a run of the steps without provision says it neither applies nor checks it', () => {
    expect(parseAll({ steps: 'key', 'remove-replica-region': 'uksouth' }).unappliedInputs).toEqual([
      'replica-region is read only by the provision step, which steps leaves out: this run neither applies nor reports it (add provision to steps for that)',
      'remove-replica-region is read only by the provision step, which steps leaves out: this run neither applies nor reports it (add provision to steps for that)'
    ])
    expect(parseAll({ mode: 'verify', steps: 'key' }).unappliedInputs?.[0]).toMatch(
      /^replica-region is read only by the provision step, .*: this run neither checks nor reports it/
    )
  })

  it('is still checked where it is not applied: a bad value fails every run alike', () => {
    expect(problems({ ...teardown, 'replica-region': 'East US' })[0]).toMatch(
      /^Input 'replica-region': eastus cannot be an extended region/
    )
  })
})
