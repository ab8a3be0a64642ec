/**
 * End to end: conflicts found while planning, before anything is written to Azure. An HSM name that is
 * taken is named where it is (another resource group of this subscription: fix resource-group; elsewhere:
 * choose another name), and escrow objects that already hold another HSM's security domain or wrapping
 * keys stop the run before a new HSM (billed by the hour) is created.
 */
import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { azureClient, baseInputs, errorsOf, runAction } from '../../scripts/local-runner.js'
import { mark, peek, useScenario, writesFrom } from './harness.js'

const s = useScenario({})

const sdBlob = (hsm: string) =>
  `${s.info.storageAccountUrl}/${s.info.storageContainer}/${hsm}/security-domain.json`
const keySecret = (hsm: string) => `${s.keysVault}/secrets/${hsm}-wrap`

function withEscrow(hsm: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseInputs(s.info, hsm),
    steps: 'provision,activate',
    'security-domain-store': sdBlob(hsm),
    'wrapping-key-store': keySecret(hsm),
    'wrapping-key-size': '2048',
    ...extra
  }
}

async function exists(hsm: string, rg = s.info.resourceGroup): Promise<boolean> {
  try {
    await peek(s.info, 'hsm-show', rg, hsm)
    return true
  } catch {
    return false
  }
}

describe('an HSM name that is taken', () => {
  it('in another resource group of this subscription: names that group, says fix resource-group, writes nothing', async () => {
    // A resource group name Azure allows that is Markdown if left raw (__x__ is bold).
    const group = 'rg__x__(y)'
    await azureClient(
      s.info,
      'arm',
      'PUT',
      `/subscriptions/${s.info.subscriptionId}/resourcegroups/${encodeURIComponent(group)}?api-version=2021-04-01`,
      JSON.stringify({ location: s.info.location })
    )
    const hsm = 'e2e-other-rg'
    const first = await s.run({
      ...baseInputs(s.info, hsm),
      steps: 'provision',
      'resource-group': group
    })
    expect(errorsOf(first)).toEqual([])

    const since = await mark(s.emu)
    const run = await s.run({ ...baseInputs(s.info, hsm), steps: 'provision' })
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toContain(
      `Managed HSM '${hsm}' exists in resource group '${group}' of this subscription, not in resource-group '${s.info.resourceGroup}'`
    )
    expect(message).toMatch(/What to do: fix resource-group \(set it to 'rg__x__\(y\)'\)/)
    expect(message).not.toMatch(/choose another hsm-name/i)
    expect(await writesFrom(s.emu, since)).toEqual([])
    // The summary shows the group's name as text: no emphasis made of its underscores.
    const html = await marked.parse(run.summary)
    expect(html).toContain('rg__x__(y)')
    expect(html).not.toMatch(/<strong>x<\/strong>/)
    // Only the one HSM exists: the action did not make a second.
    expect(await exists(hsm)).toBe(false)
    expect(await exists(hsm, group)).toBe(true)
  })

  it('when the subscription cannot be listed: says so, and puts fix resource-group before another name', async () => {
    await s.emu.setFaults([
      {
        host: 'management\\.azure\\.com',
        path: '/subscriptions/[^/]+/providers/Microsoft\\.KeyVault/managedHSMs(\\?|$)',
        method: 'GET',
        status: 403,
        code: 'AuthorizationFailed'
      }
    ])
    let run: Awaited<ReturnType<typeof runAction>>
    const since = await mark(s.emu)
    try {
      run = await s.run({ ...baseInputs(s.info, 'e2e-other-rg'), steps: 'provision' })
    } finally {
      await s.emu.clearFaults()
    }
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toContain("The name 'e2e-other-rg' is not available")
    expect(message).toMatch(
      /Whether it is in another resource group of this subscription could not be checked: .*\(403 AuthorizationFailed\)/
    )
    expect(message).toMatch(
      /What to do: .*if it is in this subscription, fix resource-group; only if it is not, choose another hsm-name/
    )
    expect(await writesFrom(s.emu, since)).toEqual([])
  })

  it('outside this subscription: says choose another hsm-name, writes nothing', async () => {
    const hsm = 'e2e-elsewhere'
    await s.emu.control(`/foreign-hsms/${hsm}`, { method: 'PUT' })
    const since = await mark(s.emu)
    const run = await s.run({ ...baseInputs(s.info, hsm), steps: 'provision' })
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toContain(`The name '${hsm}' is not available`)
    expect(message).toMatch(
      /What to do: .*no HSM of this subscription has it: it belongs to another subscription or tenant\. Choose another hsm-name\./
    )
    expect(message).not.toContain('resource group')
    expect(await writesFrom(s.emu, since)).toEqual([])
  })
})

describe('escrow objects that are not free', () => {
  it('a security-domain-store that holds a security domain stops apply and plan before the HSM is created', async () => {
    const hsm = 'e2e-sd-taken'
    // As after a teardown (or another HSM given the same store): the old escrow is still there.
    await azureClient(
      s.info,
      'blob-put',
      sdBlob(hsm),
      '{"version":2,"EncData":{},"SharedKeys":{}}',
      JSON.stringify({ hsm: 'e2e-sd-old', created: '2026-01-02T03:04:05Z' })
    )
    for (const mode of ['apply', 'plan']) {
      const since = await mark(s.emu)
      const run = await s.run(withEscrow(hsm, { mode }))
      expect(run.code).toBe(1)
      const message = errorsOf(run).join('\n')
      expect(message).toContain(
        `Managed HSM '${hsm}' does not exist yet, but security-domain-store already holds a security domain`
      )
      expect(message).toContain(`- ${sdBlob(hsm)} (HSM e2e-sd-old, created 2026-01-02T03:04:05Z)`)
      expect(message).toMatch(
        /What to do: .*point security-domain-store at new objects.*or, if the HSM that security domain belongs to still exists, point hsm-name and resource-group at it/
      )
      // Nothing written anywhere: no HSM, no wrapping keys, no preflight blobs.
      expect(await writesFrom(s.emu, since)).toEqual([])
      expect(run.summary).toContain('security-domain-store already holds a security domain')
    }
    expect(await exists(hsm)).toBe(false)
    expect(await peek(s.info, 'blob-get', sdBlob(hsm))).toContain('"version":2')
  })

  it("another HSM's wrapping keys in wrapping-key-store stop apply before the HSM is created", async () => {
    const owner = 'e2e-keys-a'
    expect(errorsOf(await s.run(withEscrow(owner)))).toEqual([])
    const hsm = 'e2e-keys-b'
    const since = await mark(s.emu)
    const run = await s.run(withEscrow(hsm, { 'wrapping-key-store': keySecret(owner) }))
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toContain('wrapping-key-store already holds wrapping keys of another HSM')
    expect(message).toContain(`${keySecret(owner)}-1 (HSM ${owner})`)
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(await exists(hsm)).toBe(false)
  })

  it('free escrow objects: the preflight passes and the HSM is created and activated', async () => {
    const hsm = 'e2e-sd-free'
    const run = await s.run(withEscrow(hsm))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/escrow preflight: the 4 escrow object\(s\) activation will write are free/)
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm))
    expect(shown.properties.securityDomainProperties.activationStatus).toBe('Active')
  })
})
