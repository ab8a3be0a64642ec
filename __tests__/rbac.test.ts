import { describe, expect, it } from '@jest/globals'
import { uuidV5 } from '../src/run/role-assignments.js'
import { parseInputs } from '../src/config/index.js'
import { ConfigurationErrors } from '../src/shared/errors.js'

describe('uuidV5', () => {
  it('matches the RFC 4122 example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2'
    )
  })
})

describe('role-assignments input', () => {
  const base: Record<string, string> = {
    'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
    'client-id': '11111111-2222-3333-4444-555555555555',
    'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
    'resource-group': 'rg',
    location: 'westeurope',
    'hsm-name': 'hsm-one',
    steps: 'provision,rbac'
  }
  const parse = (value: string, extra: Record<string, string> = {}) =>
    parseInputs(n => (n === 'role-assignments' ? value : (extra[n] ?? base[n] ?? '')))

  it('reads role | principal | scope lines', () => {
    const c = parse(
      'Managed HSM Crypto User | self | /keys\ncrypto officer | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /\n# comment\n21dbd100-6940-42c2-9190-5d6cb909625c | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /keys/KeyEncryptionKey',
      // Crypto Officer may export (release) every key at '/': only with the opt-in.
      { 'allow-broad-release': 'true' }
    )
    expect(c.roleAssignments).toEqual([
      { role: 'Managed HSM Crypto User', principal: 'self', scope: '/keys' },
      { role: 'Managed HSM Crypto Officer', principal: '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3', scope: '/' },
      {
        role: '21dbd100-6940-42c2-9190-5d6cb909625c',
        principal: '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3',
        scope: '/keys/KeyEncryptionKey'
      }
    ])
  })

  it.each([
    ['Managed HSM Crypto Usr | self | /keys', /did you mean 'Managed HSM Crypto User'/],
    ['Managed HSM Crypto User | bob | /keys', /principal 'bob' is not an object id/],
    ['Managed HSM Crypto User | self | /secrets', /scope '\/secrets' must be/],
    ['Managed HSM Crypto User', /must be 'ROLE \| PRINCIPAL \| SCOPE'/],
    // A line without its scope says which line to write (the scope used to default to '/').
    [
      'Managed HSM Crypto User | self',
      /'Managed HSM Crypto User \| self' names no scope.*write 'Managed HSM Crypto User \| self \| \/keys\/KEY-NAME' for one key.*'Managed HSM Crypto User \| self \| \/' for the whole HSM/
    ],
    ['Managed HSM Crypto User | self |', /names no scope/],
    // A role that can release, on every key, to someone other than the action (issue 23 §4).
    [
      'Managed HSM Crypto User | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /keys',
      /lets 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 release every key.*\/keys\/KEY-NAME.*allow-broad-release: true/
    ],
    [
      'Managed HSM Crypto Service Release User | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /',
      /release every key/
    ],
    [
      '21dbd100-6940-42c2-9190-5d6cb909625c | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /keys',
      /release every key/
    ],
    ['Managed HSM Crypto Officer | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /', /release every key/]
  ])('refuses %s', (line, reason) => {
    try {
      parse(line)
      throw new Error('accepted')
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationErrors)
      expect((e as Error).message).toMatch(reason)
      expect((e as Error).message).toMatch(/role-assignments/)
    }
  })

  it('accepts release on one key, release at /keys for the action itself, and a read-only role at /', () => {
    const c = parse(
      'Managed HSM Crypto Service Release User | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /keys/KeyEncryptionKey\n' +
        'Managed HSM Crypto User | self | /keys\n' +
        'Managed HSM Crypto Auditor | 2c18b078-7c48-4d3a-af88-5a3a1b3f82b3 | /'
    )
    expect(c.roleAssignments).toHaveLength(3)
    expect(c.allowBroadRelease).toBe(false)
  })
})
