/**
 * The summary's sentence for a recovered or rehearsal HSM, which starts with one region (issue 28): said only
 * when an extended region is known and the HSM was made by this run, with how to add the region again.
 */
import { describe, expect, it } from '@jest/globals'
import { oneRegionNote } from '../src/modes/recover-regions.js'

const base = { target: 'prod', rehearsal: false, created: true, production: [], now: [] }

describe('oneRegionNote', () => {
  it('says nothing without a known extended region, or for an HSM found in place', () => {
    expect(oneRegionNote(base)).toBeUndefined()
    expect(oneRegionNote({ ...base, created: false, replicaRegion: 'northeurope' })).toBeUndefined()
  })

  it('a real recovery with replica-region: says the region was added again', () => {
    expect(oneRegionNote({ ...base, replicaRegion: 'northeurope', now: ['northeurope'] })).toBe(
      "'prod' came back with one region (the region list is not in the security domain): replica-region northeurope was added again"
    )
  })

  it('a real recovery whose region is not there at the end: says how to add it', () => {
    expect(oneRegionNote({ ...base, replicaRegion: 'northeurope' })).toMatch(
      /came back with one region .*: add the extended region again: set replica-region: northeurope in the recover inputs/
    )
  })

  it("a rehearsal: names production's extended region and how to add it after a real recovery", () => {
    const note = oneRegionNote({ ...base, target: 'drill', rehearsal: true, production: ['northeurope'] })
    expect(note).toContain("the temporary HSM 'drill' had one region, as a recovered HSM would")
    expect(note).toContain('production is extended to northeurope: after a real recovery, add it again')
    expect(note).toContain('set replica-region: northeurope')
  })
})
