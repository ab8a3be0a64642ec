/** hsm-name as a pattern (`*`, `PREFIX*`): only teardown takes one, confirmed and limited to expired HSMs. */
import { describe, expect, it } from '@jest/globals'
import { inputParser } from './support/parse-inputs.js'

const SWEEP: Record<string, string> = {
  'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'client-id': '11111111-2222-3333-4444-555555555555',
  'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  'resource-group': 'rg-skr-test',
  mode: 'teardown',
  'hsm-name': 'skr-test-*',
  'confirm-teardown': 'skr-test-*',
  'only-if-expired': 'true',
  'teardown-lifetime': '7d'
}

const { parse, problems } = inputParser(SWEEP)

describe('hsm-name as a teardown pattern', () => {
  it('reads PREFIX* and * into the prefix the clean-up matches', () => {
    expect(parse().teardownPrefix).toBe('skr-test-')
    expect(parse({ 'hsm-name': '*', 'confirm-teardown': '*' }).teardownPrefix).toBe('')
    expect(parse({ 'hsm-name': 'skr-1', 'confirm-teardown': 'skr-1' }).teardownPrefix).toBeUndefined()
  })

  it('is refused outside teardown, naming hsm-name', () => {
    for (const mode of ['apply', 'plan', 'verify', 'recover']) {
      expect(problems({ mode, location: 'westeurope', steps: 'provision' }).join('\n')).toMatch(
        /Input 'hsm-name': 'skr-test-\*' is a pattern: only mode: teardown/
      )
    }
  })

  it('needs only-if-expired, so a pattern never tears down a live HSM', () => {
    expect(problems({ 'only-if-expired': 'false' }).join('\n')).toMatch(
      /Input 'only-if-expired': must be 'true' when hsm-name is a pattern/
    )
  })

  it('needs confirm-teardown set to the same pattern', () => {
    expect(problems({ 'confirm-teardown': 'skr-test-1' }).join('\n')).toMatch(
      /Input 'confirm-teardown': must be set to the pattern \('skr-test-\*'\)/
    )
    expect(problems({ 'confirm-teardown': '' }).join('\n')).toMatch(/confirm-teardown/)
  })

  it('takes only a name beginning then *: no other wildcard', () => {
    for (const bad of ['skr-*-1*', '1skr*', 'skr_*', 'skr--*', `${'a'.repeat(24)}*`, 'skr?*']) {
      expect([bad, problems({ 'hsm-name': bad, 'confirm-teardown': bad }).join('\n')]).toEqual([
        bad,
        expect.stringMatching(/Input 'hsm-name'/)
      ])
    }
    // A * that is not last is no pattern: it is an invalid name.
    expect(problems({ 'hsm-name': 'skr*x', 'confirm-teardown': 'skr*x' }).join('\n')).toMatch(
      /Input 'hsm-name': 'skr\*x' may contain only letters, digits and hyphens/
    )
  })

  it('refuses a disk encryption set with a pattern', () => {
    expect(problems({ 'disk-encryption-set': 'des-1' }).join('\n')).toMatch(
      /Input 'disk-encryption-set': must be empty when hsm-name is a pattern/
    )
  })
})
