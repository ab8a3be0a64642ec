/**
 * Bad input, table-driven: each case runs dist/index.js against the emulator and must fail with a message
 * naming the input and the rule, before any request reaches Azure (asserted from the emulator's log).
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'
import { baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { generateWrappingKeys } from '../../src/security-domain/index.js'
import { useScenario } from './harness.js'

const dir = mkdtempSync(join(tmpdir(), 'bad-input-'))
const certs: Record<string, string> = {}

/** A self-signed certificate for a given key and validity, for the certificate cases. */
function selfSigned(bits: number, notAfter: Date): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey)
  cert.serialNumber = '01'
  cert.validity.notBefore = new Date(notAfter.getTime() - 86_400_000 * 30)
  cert.validity.notAfter = notAfter
  cert.setSubject([{ name: 'commonName', value: `test ${bits}` }])
  cert.setIssuer([{ name: 'commonName', value: `test ${bits}` }])
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

const s = useScenario({})
beforeAll(async () => {
  const good = await generateWrappingKeys({ count: 3, bits: 2048 })
  certs.good = good.map(k => k.certificatePem).join('\n')
  certs.short = [
    selfSigned(1024, new Date(Date.now() + 86_400_000)),
    ...good.slice(1).map(k => k.certificatePem)
  ].join('\n')
  certs.expired = [
    selfSigned(2048, new Date(Date.now() - 86_400_000)),
    ...good.slice(1).map(k => k.certificatePem)
  ].join('\n')
  certs.duplicate = [good[0], good[0], good[1]].map(k => k.certificatePem).join('\n')
  certs.two = good
    .slice(0, 2)
    .map(k => k.certificatePem)
    .join('\n')
  certs.ec = [
    readFileSync('__tests__/security-domain/fixtures/ec-p256-cert.pem', 'utf8'),
    ...good.slice(1).map(k => k.certificatePem)
  ].join('\n')
  certs.withKey = `${good[0].privateKeyPem}\n${certs.good}`
  writeFileSync(
    join(dir, 'policy-bad.json'),
    '{"version":"1.0.0","anyOf":[{"authority":"http://x","allOf":[]}]}'
  )
}, 60_000)

const kv = 'https://kv-escrow.vault.azure.net/secrets/sd'
const blob = 'https://acct.blob.core.windows.net/escrow/sd.json'
/** In another vault than any security-domain store: split custody. */
const keys = 'https://kv-keys.vault.azure.net/secrets/wrap'
/** A valid full configuration; each case breaks one thing. */
const full = (): Record<string, string> => ({
  'security-domain-store': blob,
  'wrapping-key-store': keys,
  'release-policy-preset': 'sev-snp-cvm',
  'attestation-authority': 'https://sharedweu.weu.attest.azure.net'
})

type Case = [string, () => Record<string, string>, string, RegExp]
const CASES: Case[] = [
  ['empty hsm-name', () => ({ 'hsm-name': '' }), 'hsm-name', /is required/],
  ['hsm-name too short', () => ({ 'hsm-name': 'ab' }), 'hsm-name', /3 to 24/],
  ['hsm-name too long', () => ({ 'hsm-name': 'a'.repeat(25) }), 'hsm-name', /3 to 24/],
  ['hsm-name with underscore', () => ({ 'hsm-name': 'my_hsm' }), 'hsm-name', /letters, digits and hyphens/],
  ['hsm-name with double hyphen', () => ({ 'hsm-name': 'my--hsm' }), 'hsm-name', /two hyphens/],
  ['hsm-name starting with a digit', () => ({ 'hsm-name': '1hsm' }), 'hsm-name', /start with a letter/],
  [
    'hsm-name ending with a hyphen',
    () => ({ 'hsm-name': 'hsm-' }),
    'hsm-name',
    /end with a letter or a digit/
  ],
  ['tenant-id not a GUID', () => ({ 'tenant-id': 'contoso' }), 'tenant-id', /GUID/],
  ['client-id missing', () => ({ 'client-id': '' }), 'client-id', /is required/],
  ['subscription-id not a GUID', () => ({ 'subscription-id': '1234' }), 'subscription-id', /GUID/],
  [
    'unknown cloud',
    () => ({ cloud: 'AzureGermanCloud' }),
    'cloud',
    /AzureCloud, AzureUSGovernment, AzureChinaCloud/
  ],
  ['unknown mode', () => ({ mode: 'destroy' }), 'mode', /apply, plan, verify/],
  ['unknown step', () => ({ steps: 'provision,deploy' }), 'steps', /'deploy' is not a step/],
  ['empty resource-group', () => ({ 'resource-group': '' }), 'resource-group', /is required/],
  ['resource-group with a slash', () => ({ 'resource-group': 'rg/1' }), 'resource-group', /letters, digits/],
  ['location with punctuation', () => ({ location: 'west europe!' }), 'location', /region name/],
  ['retention below 7', () => ({ 'retention-days': '6' }), 'retention-days', /7 to 90/],
  ['retention above 90', () => ({ 'retention-days': '91' }), 'retention-days', /7 to 90/],
  ['retention not a number', () => ({ 'retention-days': 'ninety' }), 'retention-days', /whole number/],
  [
    'purge protection without confirmation',
    () => ({ 'purge-protection': 'true' }),
    'confirm-purge-protection',
    /never be turned off/
  ],
  [
    'purge protection confirmed with another name',
    () => ({ 'purge-protection': 'true', 'confirm-purge-protection': 'other' }),
    'confirm-purge-protection',
    /HSM name/
  ],
  ['boolean that is not one', () => ({ 'purge-protection': 'yes' }), 'purge-protection', /true or false/],
  [
    'administrator not an object id',
    () => ({ administrators: 'alice@contoso.com' }),
    'administrators',
    /not an object id/
  ],
  ['tag without a value', () => ({ tags: 'env' }), 'tags', /key=value/],
  ['tag key with a slash', () => ({ tags: 'a/b=c' }), 'tags', /without < > % & \\ \? \//],
  [
    'unknown on-soft-deleted',
    () => ({ 'on-soft-deleted': 'ignore' }),
    'on-soft-deleted',
    /fail, undelete, purge/
  ],
  ['timeout of zero', () => ({ 'operation-timeout-minutes': '0' }), 'operation-timeout-minutes', /1 to 360/],
  [
    'public network access typo',
    () => ({ 'public-network-access': 'Enable' }),
    'public-network-access',
    /Enabled, Disabled/
  ],
  [
    'activation without a security-domain store',
    () => ({ ...full(), 'security-domain-store': '' }),
    'security-domain-store',
    /required to activate/
  ],
  [
    'store URL over http',
    () => ({ ...full(), 'security-domain-store': 'http://acct.blob.core.windows.net/c1c/sd' }),
    'security-domain-store',
    /must use https/
  ],
  [
    'store URL with a SAS token',
    () => ({ ...full(), 'security-domain-store': `${blob}?sv=2024&sig=x` }),
    'security-domain-store',
    /SAS token/
  ],
  [
    'store URL on an unknown host',
    () => ({ ...full(), 'security-domain-store': 'https://example.com/sd' }),
    'security-domain-store',
    /neither a Key Vault secret .* nor a blob/
  ],
  [
    'Key Vault URL that is not a secret',
    () => ({ ...full(), 'security-domain-store': 'https://kv.vault.azure.net/keys/sd' }),
    'security-domain-store',
    /secrets\/NAME/
  ],
  [
    'security domain too big for a Key Vault secret',
    () => ({
      ...full(),
      'security-domain-store': kv,
      'wrapping-key-count': '10',
      'wrapping-key-size': '4096'
    }),
    'security-domain-store',
    /Key Vault secret .* use Blob storage/
  ],
  [
    'generated keys without a key store',
    () => ({ ...full(), 'wrapping-key-store': '' }),
    'wrapping-key-store',
    /private keys must be escrowed/
  ],
  [
    'two key stores for three keys',
    () => ({ ...full(), 'wrapping-key-store': `${keys}\nhttps://kv-keys2.vault.azure.net/secrets/k2` }),
    'wrapping-key-store',
    /exactly one per key/
  ],
  [
    'key store that is also the security-domain store',
    () => ({ ...full(), 'wrapping-key-store': blob }),
    'wrapping-key-store',
    /is also a security-domain-store target; one object cannot hold both/
  ],
  [
    'wrapping-key-count of 2',
    () => ({ ...full(), 'wrapping-key-count': '2' }),
    'wrapping-key-count',
    /3 to 10/
  ],
  [
    'wrapping-key-count of 11',
    () => ({ ...full(), 'wrapping-key-count': '11' }),
    'wrapping-key-count',
    /3 to 10/
  ],
  [
    'wrapping-key-size of 1024',
    () => ({ ...full(), 'wrapping-key-size': '1024' }),
    'wrapping-key-size',
    /2048, 3072 or 4096/
  ],
  ['quorum of 1', () => ({ ...full(), quorum: '1' }), 'quorum', /2 to 10/],
  [
    'quorum above the number of keys',
    () => ({ ...full(), quorum: '4' }),
    'quorum',
    /must not exceed the number of wrapping keys \(3\)/
  ],
  [
    'custodian certificates: only two',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.two }),
    'wrapping-certificates',
    /3 to 10 wrapping certificates/
  ],
  [
    'custodian certificate with a 1024-bit key',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.short }),
    'wrapping-certificates',
    /1024 bits; at least 2048/
  ],
  [
    'custodian certificate expired',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.expired }),
    'wrapping-certificates',
    /expired on/
  ],
  [
    'custodian certificate twice',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.duplicate }),
    'wrapping-certificates',
    /inline certificate #2 .*same certificate as inline certificate #1/
  ],
  [
    'custodian certificate with an EC key',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.ec }),
    'wrapping-certificates',
    /key type is EC; only RSA keys/
  ],
  [
    'custodian input holding a private key',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': certs.withKey }),
    'wrapping-certificates',
    /holds a private key/
  ],
  [
    'custodian certificate file missing',
    () => ({ ...full(), 'wrapping-key-store': '', 'wrapping-certificates': '/nonexistent/c1.pem' }),
    'wrapping-certificates',
    /'\/nonexistent\/c1.pem' cannot be read \(no such file: ENOENT\)/
  ],
  [
    'certificates and a key store together',
    () => ({ ...full(), 'wrapping-certificates': certs.good }),
    'wrapping-key-store',
    /must be empty with wrapping-certificates/
  ],
  [
    'unknown role',
    () => ({ ...full(), 'role-assignments': 'Managed HSM Crypto Uzer | self | /keys' }),
    'role-assignments',
    /did you mean 'Managed HSM Crypto User'/
  ],
  [
    'bad scope',
    () => ({ ...full(), 'role-assignments': 'Managed HSM Crypto User | self | /secrets' }),
    'role-assignments',
    /scope '\/secrets'/
  ],
  [
    'principal not an object id',
    () => ({ ...full(), 'role-assignments': 'Managed HSM Crypto User | bob | /keys' }),
    'role-assignments',
    /not an object id/
  ],
  [
    'key step without a release policy',
    () => ({ ...full(), 'release-policy-preset': '', 'attestation-authority': '' }),
    'release-policy',
    /is required: an exportable key/
  ],
  [
    'unknown preset',
    () => ({ ...full(), 'release-policy-preset': 'sgx-enclave' }),
    'release-policy-preset',
    /sev-snp-cvm, tdx-cvm, confidential-vm, cvm-platform/
  ],
  [
    'policy and preset together',
    () => ({ ...full(), 'release-policy': '{"version":"1.0.0","anyOf":[]}' }),
    'release-policy-preset',
    /conflicts with release-policy/
  ],
  [
    'malformed policy JSON',
    () => ({
      ...full(),
      'release-policy-preset': '',
      'attestation-authority': '',
      'release-policy': '{"version": "1.0.0", "anyOf": ['
    }),
    'release-policy',
    /\$/
  ],
  [
    'policy with http authority and no conditions',
    () => ({
      ...full(),
      'release-policy-preset': '',
      'attestation-authority': '',
      'release-policy': join(dir, 'policy-bad.json')
    }),
    'release-policy',
    /\$\.anyOf\[0\]/
  ],
  [
    'policy with an unsupported operator',
    () => ({
      ...full(),
      'release-policy-preset': '',
      'attestation-authority': '',
      'release-policy':
        '{"version":"1.0.0","anyOf":[{"authority":"https://sharedweu.weu.attest.azure.net","allOf":[{"claim":"x-ms-isolation-tee.x-ms-attestation-type","notEquals":"sevsnpvm"}]}]}'
    }),
    'release-policy',
    /equals/
  ],
  [
    'attestation authority over http',
    () => ({ ...full(), 'attestation-authority': 'http://sharedweu.weu.attest.azure.net' }),
    'attestation-authority',
    /must use https/
  ],
  [
    'key name with a dot',
    () => ({ ...full(), 'key-name': 'kek.v1' }),
    'key-name',
    /letters, digits and hyphens/
  ],
  ['RSA key size 1024', () => ({ ...full(), 'key-size': '1024' }), 'key-size', /2048, 3072, 4096/],
  ['unknown key type', () => ({ ...full(), 'key-type': 'RSA' }), 'key-type', /RSA-HSM, EC-HSM, oct-HSM/],
  [
    'unknown key operation',
    () => ({ ...full(), 'key-operations': 'wrapKey,frobnicate' }),
    'key-operations',
    /'frobnicate' is not a key operation/
  ],
  [
    'key size for an EC key',
    () => ({ ...full(), 'key-type': 'EC-HSM', 'key-size': '256' }),
    'key-size',
    /does not apply to EC-HSM/
  ],
  [
    'malformed release-policy-test',
    () => ({ ...full(), 'release-policy-test': '[{"claims": 5}' }),
    'release-policy-test',
    /\$/
  ],
  [
    'teardown without confirmation',
    () => ({ mode: 'teardown' }),
    'confirm-teardown',
    /must be set to the HSM name/
  ],
  ['expires-after without a unit', () => ({ 'expires-after': '7' }), 'expires-after', /12h, 7d or 2w/],
  [
    'private keys outside verify-security-domain',
    () => ({ ...full(), 'wrapping-private-key-files': '/tmp/k.pem' }),
    'wrapping-private-key-files',
    /only read in mode: verify-security-domain/
  ],
  // Renamed before v1.0.0: the runner still hands an undeclared input over (INPUT_BACKUP-KEY), so it is refused.
  [
    'renamed input timeout-minutes',
    () => ({ 'timeout-minutes': '30' }),
    'timeout-minutes',
    /was renamed to 'operation-timeout-minutes'/
  ],
  [
    'renamed input backup-key',
    () => ({ 'backup-key': `${s.info.storageAccountUrl}/${s.info.storageContainer}/kek.bin` }),
    'backup-key',
    /was renamed to 'key-backup-store'/
  ],
  [
    'renamed input wrapping-private-keys',
    () => ({ mode: 'recover', 'wrapping-private-keys': '/tmp/k.pem' }),
    'wrapping-private-keys',
    /was renamed to 'wrapping-private-key-files'/
  ],
  [
    'renamed value on-soft-deleted: recover',
    () => ({ 'on-soft-deleted': 'recover' }),
    'on-soft-deleted',
    /recover is now 'undelete' \(mode: recover is a different thing/
  ]
]

describe('bad input', () => {
  it(`has at least 40 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40)
  })

  it.each(CASES)('%s: names the input and sends nothing', async (_label, overrides, input, rule) => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...baseInputs(s.info, 'bad-input-hsm'), ...overrides() })
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    const line = message.split('\n').find(l => l.includes(`Input '${input}'`))
    expect([input, line ?? message]).toEqual([input, expect.stringMatching(rule)])
    expect(await s.emu.requests(since)).toEqual([])
  })
})
