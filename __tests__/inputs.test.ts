import { describe, expect, it } from '@jest/globals'
import { hsmNameProblem, parseInputs, RENAMED_INPUTS, SELF } from '../src/config/index.js'
import { misspeltInputs } from '../src/config/unknown-inputs.js'
import { HSM_INPUTS, inputParser } from './support/parse-inputs.js'

// The location as a user may write it (the config normalises it).
const GOOD: Record<string, string> = { ...HSM_INPUTS, location: 'West Europe', steps: 'provision' }

const { parse, problems } = inputParser(GOOD)

describe('renamed inputs', () => {
  it.each(Object.entries(RENAMED_INPUTS))('refuses %s, naming %s', (old, now) => {
    const msgs = problems({ [old]: 'anything' })
    expect(msgs).toEqual([expect.stringMatching(new RegExp(`^Input '${old}': was renamed to '${now}'`))])
    // Given empty, the old name is nothing to refuse (a runner passes every input, set or not).
    expect(() => parse({ [old]: '  ' })).not.toThrow()
  })

  it.each(['recover', ' Recover '])("refuses on-soft-deleted: '%s' once, naming undelete", value => {
    const msgs = problems({ 'on-soft-deleted': value })
    expect(msgs).toEqual([
      expect.stringMatching(
        /^Input 'on-soft-deleted': recover is now 'undelete' \(mode: recover is a different/
      )
    ])
  })

  it('reads the new names', () => {
    const c = parse({
      'on-soft-deleted': 'undelete',
      'operation-timeout-minutes': '15',
      'key-backup-store': 'https://kvbackup.vault.azure.net/secrets/kek'
    })
    expect([c.onSoftDeleted, c.timeoutMinutes, c.keyBackup?.name]).toEqual(['undelete', 15, 'kek'])
    expect(problems({ mode: 'recover', 'wrapping-private-key-files': '/nonexistent/k.pem' })).toContainEqual(
      expect.stringMatching(/^Input 'wrapping-private-key-files': '\/nonexistent\/k.pem' cannot be read/)
    )
  })
})

describe('parseInputs', () => {
  it('fills defaults and normalises the location', () => {
    const c = parse()
    expect(c.location).toBe('westeurope')
    expect(c.audience).toBe('api://AzureADTokenExchange')
    expect(c.administrators).toEqual([SELF])
    expect(c.retentionDays).toBe(90)
    expect(c.purgeProtection).toBe(false)
    expect(c.steps).toEqual(['provision'])
    expect(() => parse({ steps: 'all' })).toThrow(/security-domain-store': is required to activate/)
    expect(c.onSoftDeleted).toBe('fail')
    expect(c.sku).toBe('Standard_B1')
  })

  it('reads tags as key=value lines', () => {
    expect(parse({ tags: 'env=prod\nowner = platform' }).tags).toEqual({ env: 'prod', owner: 'platform' })
  })

  it('reports every problem at once, each naming its input', () => {
    const msgs = problems({ 'tenant-id': 'nope', 'hsm-name': '1abc', 'retention-days': '3', cloud: 'Mars' })
    expect(msgs).toHaveLength(4)
    expect(msgs.find(m => m.startsWith("Input 'tenant-id'"))).toMatch(/GUID/)
    expect(msgs.find(m => m.startsWith("Input 'hsm-name'"))).toMatch(/start with a letter/)
    expect(msgs.find(m => m.startsWith("Input 'retention-days'"))).toMatch(/7 to 90/)
    expect(msgs.find(m => m.startsWith("Input 'cloud'"))).toMatch(/AzureCloud/)
  })

  it.each([
    [{ 'client-id': '' }, 'client-id', /required/],
    [{ 'resource-group': 'bad/rg' }, 'resource-group', /letters, digits/],
    [{ location: 'west-europe!' }, 'location', /region name/],
    [{ 'purge-protection': 'true' }, 'confirm-purge-protection', /never be turned off/],
    [{ 'purge-protection': 'yes' }, 'purge-protection', /true or false/],
    [{ steps: 'provision,teleport' }, 'steps', /'teleport' is not a step/],
    [{ administrators: 'alice' }, 'administrators', /not an object id/],
    [{ 'on-soft-deleted': 'ignore' }, 'on-soft-deleted', /fail, undelete, purge/],
    [{ 'operation-timeout-minutes': '0' }, 'operation-timeout-minutes', /1 to 360/],
    [{ tags: 'novalue' }, 'tags', /key=value/],
    [{ sku: 'Premium' }, 'sku', /Standard_B1/],
    [{ 'public-network-access': 'Sometimes' }, 'public-network-access', /Enabled, Disabled/],
    [{ audience: 'a'.repeat(257) }, 'audience', /at most 256 characters \(got 257\)/],
    [{ audience: 'api://my app' }, 'audience', /printable ASCII without spaces .*character 9 is not/],
    [{ audience: 'api://x\n::warning::hi' }, 'audience', /character 8 is not/],
    [{ audience: 'api://x\u0000' }, 'audience', /character 8 is not/],
    [{ audience: 'api://café' }, 'audience', /character 10 is not/]
  ])('refuses %j naming %s', (overrides, input, rule) => {
    const msgs = problems(overrides as Record<string, string>)
    const m = msgs.find(x => x.startsWith(`Input '${input}'`))
    expect(m).toBeDefined()
    expect(m).toMatch(rule)
  })

  it('accepts an audience of printable characters, and never echoes a refused one', () => {
    expect(parse({ audience: 'api://AzureADTokenExchange' }).audience).toBe('api://AzureADTokenExchange')
    expect(parse({ audience: 'a'.repeat(256) }).audience).toHaveLength(256)
    expect(problems({ audience: 'MARKER\r::stop-commands::x' }).join('\n')).not.toMatch(
      /MARKER|stop-commands/
    )
  })

  it('accepts purge protection with the name as confirmation', () => {
    expect(
      parse({ 'purge-protection': 'true', 'confirm-purge-protection': 'contoso-skr-01' }).purgeProtection
    ).toBe(true)
  })
})

describe('allow-key-management-through-arm', () => {
  it('reports by default; true and false are values apply keeps', () => {
    expect(parse().allowKeyManagementThroughArm).toBeUndefined()
    expect(
      parse({ 'allow-key-management-through-arm': 'report' }).allowKeyManagementThroughArm
    ).toBeUndefined()
    expect(parse({ 'allow-key-management-through-arm': 'false' }).allowKeyManagementThroughArm).toBe(false)
    expect(parse({ 'allow-key-management-through-arm': 'TRUE' }).allowKeyManagementThroughArm).toBe(true)
  })

  it('refuses anything else, naming the values', () => {
    expect(problems({ 'allow-key-management-through-arm': 'off' })).toEqual([
      "Input 'allow-key-management-through-arm': must be one of report, true, false (got 'off')"
    ])
  })
})

describe('hsmNameProblem', () => {
  it.each([
    ['ab', /3 to 24/],
    ['a'.repeat(25), /3 to 24/],
    ['my_hsm', /letters, digits and hyphens/],
    ['my--hsm', /two hyphens/],
    ['myhsm-', /end with/],
    ['9hsm', /start with a letter/]
  ])('%s is refused', (name, rule) => {
    expect(hsmNameProblem(name)).toMatch(rule)
  })
  it.each(['abc', 'MyMHSM-123', 'a1-b2-c3'])('%s is accepted', name => {
    expect(hsmNameProblem(name)).toBeUndefined()
  })
})

describe('release-policy rules in the inputs', () => {
  const leaky = JSON.stringify({
    version: '1.0.0',
    anyOf: [
      {
        authority: 'https://sharedweu.weu.attest.azure.net',
        allOf: [{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' }]
      }
    ]
  })
  const key = { steps: 'key', 'release-policy': leaky }

  it('refuses a permissive policy naming release-policy and the opt-in', () => {
    expect(problems(key)).toEqual([
      expect.stringMatching(
        /^Input 'release-policy': \$\.anyOf\[0\]: .*\[debuggable\]; refused: .*allow-permissive-release-policy: true accepts it/
      )
    ])
  })

  it('accepts it with the opt-in, keeping the finding for the plan and summary', () => {
    const c = parse({ ...key, 'allow-permissive-release-policy': 'true' })
    expect(c.key.permissiveAccepted).toEqual([expect.stringMatching(/^\$\.anyOf\[0\]: .*\[debuggable\]$/)])
    expect(parse({ steps: 'key', 'release-policy-preset': 'sev-snp-cvm' }).key.permissiveAccepted).toEqual([])
  })

  it('never accepts it immutable', () => {
    expect(
      problems({ ...key, 'allow-permissive-release-policy': 'true', 'immutable-release-policy': 'true' })
    ).toEqual([
      expect.stringMatching(/could never be tightened, so allow-permissive-release-policy does not apply/)
    ])
  })

  it("checks attestation-authority against the chosen cloud's attestation domain", () => {
    const preset = { steps: 'key', 'release-policy-preset': 'sev-snp-cvm' }
    expect(
      parse({ ...preset, 'attestation-authority': 'https://myprovider.weu.attest.azure.net' }).key.policy
    ).toEqual({ kind: 'preset', preset: 'sev-snp-cvm', authority: 'https://myprovider.weu.attest.azure.net' })
    expect(
      parse({
        ...preset,
        cloud: 'AzureUSGovernment',
        'attestation-authority': 'https://sharedugv.ugv.attest.azure.us'
      }).key.policy
    ).toMatchObject({ authority: 'https://sharedugv.ugv.attest.azure.us' })
    expect(problems({ ...preset, 'attestation-authority': 'https://sharedugv.ugv.attest.azure.us' })).toEqual(
      [
        expect.stringMatching(
          /^Input 'attestation-authority': must be an Azure Attestation provider of AzureCloud/
        )
      ]
    )
  })
})

describe('split custody (escrow-same-store)', () => {
  const KV = 'https://kv-escrow.vault.azure.net'
  const KV2 = 'https://kv-keys.vault.azure.net'
  const BLOB = 'https://escrowacct.blob.core.windows.net'
  const activate = (sd: string, keys: string, extra: Record<string, string> = {}) => ({
    steps: 'activate',
    'security-domain-store': sd,
    'wrapping-key-store': keys,
    ...extra
  })

  it('takes a security domain in Blob storage and wrapping keys in a Key Vault: split custody', () => {
    const c = parse(activate(`${BLOB}/escrow/sd.json`, `${KV}/secrets/wrap`))
    expect(c.activation.escrowSameStore).toBe('refuse')
    expect(c.activation.sharedStores).toEqual([])
  })

  it('takes two Key Vaults', () => {
    expect(parse(activate(`${KV}/secrets/sd`, `${KV2}/secrets/wrap`)).activation.sharedStores).toEqual([])
  })

  it.each([
    [
      'the same Key Vault, other secret names',
      `${KV}/secrets/sd`,
      `${KV}/secrets/wrap`,
      /same Key Vault kv-escrow\.vault\.azure\.net/
    ],
    [
      'the same Key Vault, host in other case',
      `${KV}/secrets/sd`,
      'https://KV-ESCROW.vault.azure.net/secrets/wrap',
      /same Key Vault kv-escrow/
    ],
    [
      'the same storage account, other containers',
      `${BLOB}/escrow/sd.json`,
      `${BLOB}/keys/wrap.pem`,
      /same storage account escrowacct\.blob\.core\.windows\.net/
    ],
    [
      'one of two security-domain stores',
      `${BLOB}/escrow/sd.json\n${KV}/secrets/sd`,
      `${KV}/secrets/wrap`,
      /same Key Vault/
    ],
    [
      'one of three per-key stores',
      `${KV}/secrets/sd`,
      `${KV2}/secrets/w1\n${KV}/secrets/w2\nhttps://kv-c.vault.azure.net/secrets/w3`,
      /'https:\/\/kv-escrow\.vault\.azure\.net\/secrets\/w2' is in the same Key Vault/
    ]
  ])('refuses %s, naming the input and the opt-in', (_label, sd, keys, where) => {
    const [p, ...rest] = problems(activate(sd, keys))
    expect(rest).toEqual([])
    expect(p).toMatch(/^Input 'wrapping-key-store': /)
    expect(p).toMatch(where)
    expect(p).toMatch(/anyone who can read that .* could recover the HSM/)
    expect(p).toMatch(/set escrow-same-store: accept to take single store custody/)
  })

  it('with escrow-same-store: accept, takes one store and says which', () => {
    const c = parse(activate(`${KV}/secrets/sd`, `${KV}/secrets/wrap`, { 'escrow-same-store': 'accept' }))
    expect(c.activation.escrowSameStore).toBe('accept')
    expect(c.activation.sharedStores.map(s => [s.host, s.kind])).toEqual([
      ['kv-escrow.vault.azure.net', 'key-vault-secret']
    ])
  })

  it.each([
    ['the same URL', `${KV}/secrets/sd`, `${KV}/secrets/sd`],
    ['the same secret in other case', `${KV}/secrets/sd`, 'https://KV-escrow.vault.azure.net/secrets/SD'],
    ['a per-key name of the single key target', `${KV}/secrets/wrap-2`, `${KV}/secrets/wrap`]
  ])('refuses one object for both, even with accept: %s', (_label, sd, keys) => {
    for (const opt of ['refuse', 'accept'])
      expect(problems(activate(sd, keys, { 'escrow-same-store': opt }))).toEqual([
        expect.stringMatching(
          /^Input 'wrapping-key-store': .* is also a security-domain-store target; one object cannot hold both/
        )
      ])
  })

  it('refuses an unknown escrow-same-store value', () => {
    expect(
      problems(activate(`${BLOB}/escrow/sd.json`, `${KV}/secrets/w`, { 'escrow-same-store': 'yes' }))
    ).toEqual(["Input 'escrow-same-store': must be one of refuse, accept (got 'yes')"])
  })

  it('leaves key-backup-store next to the escrow alone, but refuses it as the same object in another spelling', () => {
    const base = activate(`${BLOB}/escrow/sd.json`, `${KV}/secrets/wrap`)
    expect(parse({ ...base, 'key-backup-store': `${BLOB}/escrow/kek.bin` }).keyBackup?.name).toBe('kek.bin')
    expect(
      problems({ ...base, 'key-backup-store': 'https://KV-Escrow.vault.azure.net/secrets/WRAP-1' })
    ).toEqual([
      expect.stringMatching(
        /^Input 'key-backup-store': .* is also a security-domain-store or wrapping-key-store target/
      )
    ])
  })

  it('refuses the same security-domain target twice however it is spelled', () => {
    expect(
      problems(
        activate(`${KV}/secrets/sd\nhttps://KV-ESCROW.vault.azure.net/secrets/Sd`, `${BLOB}/escrow/w.pem`)
      )
    ).toEqual(["Input 'security-domain-store': lists the same target twice"])
  })
})

describe('disable-older-key-versions', () => {
  const key = { steps: 'key', 'release-policy-preset': 'sev-snp-cvm' }

  it('is off unless asked for: older versions stay enabled', () => {
    expect(parse(key).key.disableOlderVersions).toBe(false)
    expect(parse({ ...key, 'disable-older-key-versions': 'true' }).key.disableOlderVersions).toBe(true)
  })

  it('refuses anything but true or false, naming the input', () => {
    expect(problems({ ...key, 'disable-older-key-versions': 'yes please' })).toEqual([
      expect.stringMatching(/^Input 'disable-older-key-versions'/)
    ])
  })
})

describe('skip-key-attestation', () => {
  const key = { steps: 'key', 'release-policy-preset': 'sev-snp-cvm' }

  it('is off unless asked for: the key attestation is fetched and verified', () => {
    expect(parse(key).key.skipAttestation).toBe(false)
    expect(parse({ ...key, 'skip-key-attestation': 'true' }).key.skipAttestation).toBe(true)
  })

  it('refuses anything but true or false, naming the input', () => {
    expect(problems({ ...key, 'skip-key-attestation': 'maybe' })).toEqual([
      expect.stringMatching(/^Input 'skip-key-attestation'/)
    ])
  })
})

describe('misspelt input names (issue 23 §6)', () => {
  it('a name close to a declared input is named with the input it is close to; others are left alone', () => {
    expect(misspeltInputs(['release-policy-presets', 'PURGE_PROTECTION', 'hsm-nmae'])).toEqual([
      { name: 'release-policy-presets', closest: 'release-policy-preset' },
      { name: 'purge_protection', closest: 'purge-protection' },
      { name: 'hsm-nmae', closest: 'hsm-name' }
    ])
    // Declared names, renamed ones (refused with their new name elsewhere) and names close to none.
    expect(misspeltInputs(['hsm-name', 'timeout-minutes', 'deployment-ring', 'env', 'foo'])).toEqual([])
  })

  it('parseInputs refuses a misspelt name among the given ones, before anything else runs', () => {
    expect(() => parseInputs(n => GOOD[n] ?? '', [...Object.keys(GOOD), 'retention-day'])).toThrow(
      /Input 'retention-day': unknown input; did you mean 'retention-days'\?/
    )
  })
})

describe('self-object-id', () => {
  const apply = '3f0c9a57-8d1e-4b6a-9c2f-71e4d5a6b8c0'

  it("is what 'self' stands for in a verify, lower-cased; unset it is the signed-in identity", () => {
    expect(parse().selfObjectId).toBeUndefined()
    expect(parse({ mode: 'verify', 'self-object-id': apply.toUpperCase() }).selfObjectId).toBe(apply)
  })

  it('is refused outside verify (apply and plan act as the signed-in identity) and when not a GUID', () => {
    expect(problems({ 'self-object-id': apply })).toEqual([
      expect.stringMatching(/^Input 'self-object-id': is for mode verify only/)
    ])
    expect(problems({ mode: 'plan', 'self-object-id': apply })).toHaveLength(1)
    expect(problems({ mode: 'verify', 'self-object-id': 'the deploy app' })).toEqual([
      "Input 'self-object-id': 'the deploy app' is not an object id (a GUID)"
    ])
  })
})
