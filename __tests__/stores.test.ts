import { describe, expect, it } from '@jest/globals'
import { cloudEndpoints } from '../src/auth/clouds.js'
import { keyTargets } from '../src/escrow.js'
import { parseStoreTarget, withSuffix, type StoreTarget } from '../src/stores/index.js'

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
    ['not a url', /is not a URL/],
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
