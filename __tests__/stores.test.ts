import { describe, expect, it } from '@jest/globals'
import { cloudEndpoints } from '../src/auth/clouds.js'
import { keyTargets } from '../src/escrow/escrow.js'
import { parseStoreTarget, withSuffix, type StoreTarget } from '../src/escrow/stores/index.js'

const cloud = cloudEndpoints('AzureCloud')

function target(url: string): StoreTarget {
  const t = parseStoreTarget(url, cloud)
  if (typeof t === 'string') throw new Error(t)
  return t
}

describe('parseStoreTarget', () => {
  it('knows a Key Vault secret by its host', () => {
    expect(target('https://kv-escrow.vault.azure.net/secrets/hsm-sd')).toEqual({
      kind: 'key-vault-secret',
      url: 'https://kv-escrow.vault.azure.net/secrets/hsm-sd',
      serviceUrl: 'https://kv-escrow.vault.azure.net',
      name: 'hsm-sd'
    })
  })

  it('knows a blob by its host, with a nested path', () => {
    expect(target('https://escrowacct.blob.core.windows.net/escrow/prod/hsm-sd.json')).toMatchObject({
      kind: 'blob',
      serviceUrl: 'https://escrowacct.blob.core.windows.net',
      container: 'escrow',
      name: 'prod/hsm-sd.json'
    })
  })

  it.each([
    ['notaurl', /is not a URL/],
    ['http://kv.vault.azure.net/secrets/x', /must use https/],
    ['https://kv.vault.azure.net/keys/x', /secrets\/NAME/],
    ['https://kv.vault.azure.net/secrets/bad_name', /letters, digits and hyphens/],
    ['https://acct.blob.core.windows.net/onlycontainer', /CONTAINER\/PATH/],
    ['https://acct.blob.core.windows.net/Bad_Container/x', /lowercase/],
    ['https://acct.blob.core.windows.net/c1c/x?sv=2024&sig=abc', /SAS token would leak/],
    ['https://example.com/x', /neither a Key Vault secret/]
  ])('refuses %s', (url, reason) => {
    expect(parseStoreTarget(url, cloud)).toMatch(reason)
  })

  // Checked on the string as typed: the URL parser would drop TAB/CR/LF, a default port and dot segments.
  it.each([
    [
      'TAB inside',
      'https://kv.vault.azure.net/secrets/s\td',
      /'https:\/\/kv\.vault\.azure\.net\/secrets\/s\\td' contains a control character/
    ],
    ['CR inside', 'https://kv.vault.azure.net/secrets/sd\rx', /sd\\rx' contains a control character/],
    ['LF inside', 'https://kv.vault.azure.net/sec\nrets/sd', /\\n.* contains a control character/],
    ['NUL', 'https://kv.vault.azure.net/secrets/sd\u0000', /\\u0000' contains a control character/],
    [
      'bidi override',
      'https://kv.vault.azure.net/secrets/\u202esd',
      /\\u202e.* contains a control character/
    ],
    [
      'line separator',
      'https://kv.vault.azure.net/secrets/sd\u2028',
      /\\u2028' contains a control character/
    ],
    ['space', 'https://acct.blob.core.windows.net/escrow/s d.json', /contains whitespace/],
    ['no-break space', 'https://acct.blob.core.windows.net/escrow/s\u00a0d', /\\u00a0.* contains whitespace/],
    ['port 443', 'https://kv.vault.azure.net:443/secrets/sd', /names a port; .*443/],
    ['port 8443', 'https://acct.blob.core.windows.net:8443/escrow/sd', /names a port/],
    ['empty port', 'https://kv.vault.azure.net:/secrets/sd', /names a port/],
    ['user info', 'https://user:pw@kv.vault.azure.net/secrets/sd', /user name or password/],
    ['user name only', 'https://user@kv.vault.azure.net/secrets/sd', /user name or password/],
    ['fragment', 'https://kv.vault.azure.net/secrets/sd#x', /must not carry a fragment/],
    ['empty fragment', 'https://kv.vault.azure.net/secrets/sd#', /must not carry a fragment/],
    ['query', 'https://acct.blob.core.windows.net/escrow/sd?comp=x', /must not carry a query/],
    ['empty query', 'https://acct.blob.core.windows.net/escrow/sd?', /must not carry a query/],
    ['backslash', 'https:\\\\kv.vault.azure.net\\secrets\\sd', /backslash/],
    ['no slashes', 'https:kv.vault.azure.net/secrets/sd', /must start with https:\/\//],
    ['dot segment', 'https://acct.blob.core.windows.net/escrow/../other/sd', /'\.\.' path segment/],
    ['empty segment', 'https://acct.blob.core.windows.net/escrow//sd', /empty, '\.' or '\.\.' path segment/],
    ['trailing slash', 'https://kv.vault.azure.net/secrets/sd/', /empty/],
    ['IPv6 host', 'https://[::1]/secrets/sd', /names a port/],
    ['percent in host', 'https://kv%2e.vault.azure.net/secrets/sd', /host may hold only letters/],
    ['malformed escape', 'https://acct.blob.core.windows.net/escrow/%zz', /malformed %-escape/]
  ])('refuses a URL with %s, naming it escaped and saying what is allowed', (_label, url, reason) => {
    const problem = parseStoreTarget(url, cloud)
    expect(typeof problem).toBe('string')
    expect(problem).toMatch(reason)
    // Never a raw control character or line break in the message.
    expect(problem).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u)
    if (!/malformed/.test(String(problem)))
      expect(problem).toMatch(/give https:\/\/VAULT\.vault\.azure\.net\/secrets\/NAME or https:\/\/ACCOUNT/)
  })

  it.each([
    [
      'https://user:hunter2@kv.vault.azure.net/secrets/sd',
      'hunter2',
      "'https://***@kv.vault.azure.net/secrets/sd'"
    ],
    [
      'https://acct.blob.core.windows.net/escrow/sd?sv=2024&sig=c2VjcmV0',
      'c2VjcmV0',
      "'https://acct.blob.core.windows.net/escrow/sd?***'"
    ],
    [
      'https://kv.vault.azure.net/secrets/sd#access_token=abc123',
      'abc123',
      "'https://kv.vault.azure.net/secrets/sd#***'"
    ]
  ])('does not print what may be a credential: %s', (url, secret, shown) => {
    const problem = String(parseStoreTarget(url, cloud))
    expect(problem).not.toContain(secret)
    expect(problem).toContain(shown)
  })

  it('gives the sovereign forms in its messages', () => {
    const gov = cloudEndpoints('AzureUSGovernment')
    expect(parseStoreTarget('https://kv.vault.usgovcloudapi.net:443/secrets/sd', gov)).toMatch(
      /VAULT\.vault\.usgovcloudapi\.net.*ACCOUNT\.blob\.core\.usgovcloudapi\.net/
    )
  })

  it('accepts upper-case hosts and percent-escapes in blob paths', () => {
    expect(target('https://KV-Escrow.vault.azure.net/secrets/sd')).toMatchObject({
      serviceUrl: 'https://kv-escrow.vault.azure.net',
      name: 'sd'
    })
    expect(target('https://acct.blob.core.windows.net/escrow/a%20b.json')).toMatchObject({ name: 'a b.json' })
  })

  it('uses the sovereign cloud suffixes', () => {
    const gov = cloudEndpoints('AzureUSGovernment')
    expect(parseStoreTarget('https://kv.vault.usgovcloudapi.net/secrets/sd', gov)).toMatchObject({
      kind: 'key-vault-secret'
    })
    expect(parseStoreTarget('https://kv.vault.azure.net/secrets/sd', gov)).toMatch(/neither/)
  })
})

describe('wrapping key targets', () => {
  it('suffixes one target per key, before a file extension', () => {
    const t = target('https://acct.blob.core.windows.net/escrow/keys/wrap.pem')
    expect(keyTargets([t], 3).map(k => k.url)).toEqual([
      'https://acct.blob.core.windows.net/escrow/keys/wrap-1.pem',
      'https://acct.blob.core.windows.net/escrow/keys/wrap-2.pem',
      'https://acct.blob.core.windows.net/escrow/keys/wrap-3.pem'
    ])
    expect(withSuffix(target('https://kv.vault.azure.net/secrets/wrap'), '-2').url).toBe(
      'https://kv.vault.azure.net/secrets/wrap-2'
    )
  })

  it('keeps one target per key as given (split custody)', () => {
    const ts = [
      'https://a.vault.azure.net/secrets/k',
      'https://b.vault.azure.net/secrets/k',
      'https://c.vault.azure.net/secrets/k'
    ].map(target)
    expect(keyTargets(ts, 3)).toEqual(ts)
  })
})
