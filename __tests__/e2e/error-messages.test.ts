/**
 * Error messages that point at the fix (issue 23 §6), end to end through dist/index.js: each mistake seen in
 * the new-user runs fails with one message that names what is wrong and what to do, said once. (The missing
 * subscription-scope permission is in setup-permissions.test.ts, where the emulator enforces Azure RBAC.)
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { baseInputs, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import { generateWrappingKeys } from '../../src/security-domain/index.js'
import { mark, useScenario } from './harness.js'

const s = useScenario({ inputs: { 'release-policy-preset': 'sev-snp-cvm' } })

const annotations = (run: ActionRun) => run.stdout.split('\n').filter(l => /^::(error|warning)/.test(l))
const count = (text: string, part: string) => text.split(part).length - 1

/** Refused with the inputs: exit 1 and not one request to Azure. */
async function refusedBeforeAnyRequest(
  given: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const since = await mark(s.emu)
  const run = await s.run(given, { env })
  expect(run.code).toBe(1)
  expect(await s.emu.requests(since)).toEqual([])
  return run
}

describe('error messages that point at the fix', () => {
  it("no 'id-token: write': one annotation, one caution block, no drift section, no empty 'What to do'", async () => {
    const run = await s.run(
      { ...s.inputsFor('err-no-oidc'), mode: 'verify' },
      { env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' } }
    )
    expect(run.code).toBe(1)
    expect(annotations(run)).toHaveLength(1)
    expect(errorsOf(run)[0]).toMatch(/give the job 'permissions: id-token: write'/)
    expect(count(run.summary, '[!CAUTION]')).toBe(1)
    expect(count(run.summary, 'ACTIONS\\_ID\\_TOKEN\\_REQUEST\\_URL is not set')).toBe(1)
    expect(run.summary).not.toMatch(/### Drift/)
    expect(run.summary).not.toMatch(/\*\*What to do:\*\*\s*$/m)
    expect(run.summary).toMatch(/\| activate \| ⏹️ not run \| stopped before this step \|/)
    // The drift output still says that nothing could be compared.
    expect(JSON.parse(run.outputs.drift)).toMatchObject({ status: 'error' })
  })

  it('a soft-deleted HSM under purge protection: on-soft-deleted: purge is not offered, the error is said once', async () => {
    const hsm = 'err-pp'
    const given = {
      ...baseInputs(s.info, hsm),
      steps: 'provision',
      'purge-protection': 'true',
      'confirm-purge-protection': hsm
    }
    expect(errorsOf(await s.run(given))).toEqual([])
    expect(errorsOf(await s.run({ ...given, mode: 'teardown', 'confirm-teardown': hsm }))).toEqual([])
    const run = await s.run(given)
    expect(run.code).toBe(1)
    expect(annotations(run)).toHaveLength(1)
    const [error] = errorsOf(run)
    expect(error).toMatch(/held by a soft-deleted Managed HSM .*purge protection keeps it until then/)
    expect(error).toMatch(/set on-soft-deleted: undelete .* or choose another hsm-name/)
    expect(error).not.toMatch(/on-soft-deleted: purge/)
    expect(count(run.summary, 'is held by a soft-deleted Managed HSM')).toBe(1)
    expect(run.summary).toMatch(/\| provision \| ❌ failed \| ❌ failed: see the error above \|/)
  })

  it.each([
    ['the vault itself', 'https://kv-escrow.vault.azure.net/', /names the Key Vault, not a secret in it/],
    [
      'an Azure portal page',
      'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-escrow/secrets',
      /is an Azure portal page, not a store/
    ]
  ])('security-domain-store is %s: the expected form, and not also "required"', async (_label, url, rule) => {
    const run = await refusedBeforeAnyRequest(s.inputsFor('err-store', { 'security-domain-store': url }))
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(rule)
    expect(errors).toMatch(/https:\/\/VAULT\.vault\.azure\.net\/secrets\/NAME/)
    expect(errors).not.toMatch(/is required/)
    expect(errors).not.toMatch(/empty, '\.' or '\.\.' path segment/)
  })

  it('a bad certificate file is named by its path, not by its position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'err-certs-'))
    const keys = await generateWrappingKeys({ count: 2, bits: 2048 })
    const files = keys.map((k, i) => {
      const file = join(dir, `custodian-${i + 1}.cer`)
      writeFileSync(file, k.certificatePem)
      return file
    })
    const bad = join(dir, 'carol.cer')
    writeFileSync(bad, 'this is not a certificate\n')
    const run = await refusedBeforeAnyRequest(
      s.inputsFor('err-cert', {
        'wrapping-key-store': '',
        'wrapping-certificates': [...files, bad].join('\n')
      })
    )
    const errors = errorsOf(run).join('\n')
    expect(errors).toContain(`Input 'wrapping-certificates': '${bad}': not a valid X.509 certificate`)
    expect(errors).not.toMatch(/certificate #3/)
  })

  it('an unknown input close to a known one: "unknown input; did you mean", before any request', async () => {
    const given = s.inputsFor('err-typo', { 'release-policy-preset': '' })
    const run = await refusedBeforeAnyRequest({ ...given, 'release-policy-presets': 'sev-snp-cvm' })
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'release-policy-presets': unknown input; did you mean 'release-policy-preset'\?/
    )
    // Underscores for hyphens are the same typo.
    const underscores = await refusedBeforeAnyRequest({
      ...s.inputsFor('err-typo'),
      purge_protection: 'false'
    })
    expect(errorsOf(underscores).join('\n')).toMatch(
      /Input 'purge_protection': unknown input; did you mean 'purge-protection'\?/
    )
  })

  it('an unknown input close to none is left to the runner: the run goes on', async () => {
    const run = await s.run({
      ...s.inputsFor('err-far'),
      steps: 'provision',
      'deployment-ring': 'canary'
    })
    expect(errorsOf(run)).toEqual([])
  })

  it('a federated-credential subject mismatch for a job without environment: add the environment first', async () => {
    const { token } = (await s.emu.control('/oidc/request-tokens', {
      method: 'POST',
      body: JSON.stringify({ claims: { sub: 'repo:contoso/hsm-bootstrap:ref:refs/heads/main' } })
    })) as { token: string }
    const run = await s.run(
      { ...baseInputs(s.info, 'err-fic'), steps: 'provision' },
      {
        env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: token }
      }
    )
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(
      /What to do: this job has no 'environment:', so it presented subject 'repo:contoso\/hsm-bootstrap:ref:refs\/heads\/main', which names a branch or tag/
    )
    expect(errors).toMatch(
      /First give the job 'environment: NAME' .* subject 'repo:contoso\/hsm-bootstrap:environment:NAME'/
    )
    // Widening the credential to the branch comes last, and only for a job that must run without one.
    expect(errors.indexOf('environment: NAME')).toBeLessThan(
      errors.indexOf("subject 'repo:contoso/hsm-bootstrap:ref:refs/heads/main' and audience")
    )
    expect(run.everything).not.toContain(token)
  })
})
