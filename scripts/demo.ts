/**
 * `npm start`: the whole job, locally. Starts the embedded Azure emulator and runs the bundled action against
 * it: the first run with its job log as the runner groups it and the evidence an auditor asks for (the key's
 * attestation, the audit log's diagnostic setting), a converged rerun that writes nothing, then a
 * short scene: someone changes the HSM out of band (and switches its audit log off), the nightly `mode: verify` fails with the drift report,
 * `mode: apply` repairs it, and `mode: verify` passes. Every run's job summary is rendered (Markdown to
 * HTML, as GitHub shows it) into one HTML file whose path is printed. Exits 0 only when every run ended
 * as the scene expects.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type EmulatorInfo } from '../emulator/testing.js'
import { jobLog, summariesHtml, type RenderedRun } from './job-view.js'
import {
  azureClient,
  baseInputs,
  cleanup,
  errorsOf,
  keysVaultUrl,
  runAction,
  type ActionRun
} from './local-runner.js'

const HSM_NAME = 'contoso-skr-demo'
/** The identity a confidential VM's workload would use to ask for the key (an example object id). */
const RELEASE_PRINCIPAL = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'

/** One run of the scene: what it is, its inputs, and the exit it should end with. */
interface Scene {
  title: string
  inputs: Record<string, string>
  expect: 'success' | 'failure'
  /** Before the run: a change made out of band, as a person would in the portal or with the CLI. */
  before?: () => Promise<string>
}

async function main(): Promise<void> {
  console.log('Starting the local Azure emulator ...')
  const emu = await startEmulator({ provisioningSeconds: 2, activationSeconds: 1 })
  const info = emu.info
  const rendered: RenderedRun[] = []
  let failed = false
  try {
    console.log(`Emulator ready: proxy ${info.proxy}, state in ${info.stateDir}\n`)
    const keysVault = await keysVaultUrl(info)
    const group = `/subscriptions/${info.subscriptionId}/resourceGroups/${info.resourceGroup}`
    const workspaceId = `${group}/providers/Microsoft.OperationalInsights/workspaces/${HSM_NAME}-audit`
    const auditSetting = `${group}/providers/Microsoft.KeyVault/managedHSMs/${HSM_NAME}/providers/Microsoft.Insights/diagnosticSettings/managed-hsm-skr-audit`
    const inputs = {
      ...baseInputs(info, HSM_NAME),
      tags: 'env=demo\nowner=platform-team',
      // Generated wrapping keys (3 × RSA-3072, quorum 2), escrowed to their own Key Vault; the security
      // domain escrowed to both store kinds, another Key Vault and Blob storage (split custody: no one
      // store holds both).
      'wrapping-key-store': `${keysVault}/secrets/${HSM_NAME}-wrapping-key`,
      'security-domain-store': [
        `${info.keyVaultUrl}/secrets/${HSM_NAME}-security-domain`,
        `${info.storageAccountUrl}/${info.storageContainer}/${HSM_NAME}/security-domain.json`
      ].join('\n'),
      'role-assignments': `Managed HSM Crypto Service Release User | ${RELEASE_PRINCIPAL} | /keys/KeyEncryptionKey`,
      // The key serves a confidential-VM Disk Encryption Set: the policy releases to the CVM platform token
      // the Confidential VM Orchestrator presents, and the des step binds the set and grants both identities.
      'release-policy-preset': 'cvm-platform',
      'disk-encryption-set': `${HSM_NAME}-des`,
      // The action builds a Disk Encryption Set only on an HSM that cannot be purged (a purged HSM leaves the
      // disks unreadable): purge protection is on, for good (here in a throw-away emulator).
      'purge-protection': 'true',
      'confirm-purge-protection': HSM_NAME,
      // The HSM's audit log (every authenticated call: key releases, role changes, security-domain
      // downloads) sent to a Log Analytics workspace by a diagnostic setting the provision step keeps on.
      'audit-log-workspace-id': workspaceId
    }
    const verify = { ...inputs, mode: 'verify' }
    const hsmUri = `https://${HSM_NAME}.managedhsm.azure.net/`

    const scenes: Scene[] = [
      { title: 'First run (creates what is missing)', inputs, expect: 'success' },
      { title: 'Second run (converged: nothing to change)', inputs, expect: 'success' },
      {
        title: 'Nightly drift check after an out-of-band change (mode: verify)',
        inputs: verify,
        expect: 'failure',
        before: async () => {
          const listed = JSON.parse(await azureClient(info, 'role-list', hsmUri, RELEASE_PRINCIPAL)) as {
            value: Array<{ name: string; properties: { scope: string } }>
          }
          for (const a of listed.value)
            await azureClient(info, 'role-delete', hsmUri, a.properties.scope, a.name)
          // The audit log switched off, as `az monitor diagnostic-settings update` would.
          await azureClient(
            info,
            'arm',
            'PUT',
            `${auditSetting}?api-version=2021-05-01-preview`,
            JSON.stringify({
              properties: { workspaceId, logs: [{ category: 'AuditEvent', enabled: false }] }
            })
          )
          // Last: with public access off, the data plane refuses this runner too (the emulator enforces it).
          await azureClient(
            info,
            'hsm-update',
            info.resourceGroup,
            HSM_NAME,
            JSON.stringify({ properties: { publicNetworkAccess: 'Disabled' } })
          )
          return (
            "Out of band: public network access turned off, the release principal's role assignment " +
            `(${listed.value.length}) removed, and the HSM's audit log switched off`
          )
        }
      },
      { title: 'Repair (mode: apply)', inputs, expect: 'success' },
      { title: 'Nightly drift check after the repair (mode: verify)', inputs: verify, expect: 'success' }
    ]

    for (const [i, scene] of scenes.entries()) {
      if (scene.before) console.log(`\n${await scene.before()}`)
      const since = (await emu.requests()).length
      const started = Date.now()
      const run = await runAction(info, scene.inputs, { keygenPool: false })
      const requests = (await emu.requests(since)).filter(
        r => !/login\.microsoftonline|actions\.githubusercontent/.test(r.host)
      )
      const asExpected = (run.code === 0) === (scene.expect === 'success')
      console.log(
        `\n== ${scene.title}: exit ${run.code} in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
          `${requests.length} Azure requests, ${requests.filter(r => r.write).length} writes` +
          (asExpected ? '' : ` (expected ${scene.expect === 'success' ? 'exit 0' : 'a failure'})`)
      )
      rendered.push({ title: scene.title, code: run.code, summary: run.summary })
      if (i === 0) {
        console.log('\nJob log, as the runner groups it:\n')
        console.log(jobLog(run))
        console.log('\nOutputs:')
        for (const [k, v] of Object.entries(run.outputs)) console.log(`  ${k}=${v}`)
        await evidence(info, run, auditSetting)
      } else if (scene.inputs.mode === 'verify') {
        driftReport(run)
      }
      cleanup(run)
      if (!asExpected) {
        failed = true
        console.log(errorsOf(run).join('\n') || run.stdout)
        break
      }
    }
  } finally {
    await emu.stop()
  }
  const path = join(mkdtempSync(join(tmpdir(), 'managed-hsm-skr-demo-')), 'job-summaries.html')
  writeFileSync(path, await summariesHtml('managed-hsm-skr demo: job summaries', rendered))
  console.log(`\nJob summaries of the ${rendered.length} runs, rendered as GitHub shows them: ${path}`)
  process.exitCode = failed ? 1 : 0
}

/**
 * What an auditor asks of the first run: where the key was generated (its attestation, verified by the action;
 * here to the emulator's test root, since no Marvell HSM is at hand) and who will be able to see its use (the
 * audit setting, read back from Azure by another client).
 */
async function evidence(info: EmulatorInfo, run: ActionRun, auditSetting: string): Promise<void> {
  console.log('\nEvidence for auditors:')
  const attested = run.stdout
    .split('\n')
    .find(l => / key attestation of version [0-9a-f]+: /.test(l))
    ?.replace(/^.*key attestation of version [0-9a-f]+: /, '')
  console.log(`  Key attestation: ${attested ?? 'not reported'}`)
  console.log(
    `    evidence file ${run.outputs.KEK_ATTESTATION_FILE ?? '(none)'}, SHA-256 ${run.outputs.KEK_ATTESTATION_SHA256 ?? '(none)'}`
  )
  const setting = JSON.parse(
    await azureClient(info, 'arm', 'GET', `${auditSetting}?api-version=2021-05-01-preview`)
  ) as {
    name: string
    properties: { workspaceId?: string; logs?: Array<{ category?: string; enabled?: boolean }> }
  }
  const on = (setting.properties.logs ?? []).filter(l => l.enabled).map(l => l.category)
  console.log(
    `  Audit log: diagnostic setting '${setting.name}' sends ${on.join(', ') || 'nothing'} to Log Analytics workspace '${setting.properties.workspaceId?.split('/').pop() ?? '?'}' (read back from Azure)`
  )
}

/**
 * The drift report as a verify run leaves it: its annotations, and from the drift output it sets the
 * findings that are not ok (the whole output when it is not the JSON expected).
 */
function driftReport(run: ActionRun): void {
  const annotations = run.stdout
    .split('\n')
    .filter(l => /^::(warning|error)/.test(l))
    .map(l =>
      l
        .replace(/^::[a-z]+[^:]*::/, '')
        .replace(/%0A/g, '\n    ')
        .replace(/%25/g, '%')
    )
  if (annotations.length > 0) console.log(annotations.map(a => `  ${a}`).join('\n'))
  const drift = run.outputs.drift
  if (!drift) return
  let shown = drift
  try {
    const parsed = JSON.parse(drift) as { status?: unknown; checks?: Array<{ status?: unknown }> }
    if (Array.isArray(parsed.checks)) {
      const findings = parsed.checks.filter(c => c.status !== 'ok')
      shown = `status ${String(parsed.status)}, ${parsed.checks.length} checks, ${findings.length} not ok${findings.length ? ':\n' : ''}${findings.map(f => JSON.stringify(f)).join('\n')}`
    }
  } catch {
    // Not JSON: shown as it is.
  }
  console.log(`  drift output: ${shown.replace(/\n/g, '\n    ')}`)
}

main().catch(e => {
  console.error(e)
  process.exitCode = 1
})
