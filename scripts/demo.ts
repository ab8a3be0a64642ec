/**
 * `npm start`: the whole job, locally. Starts the embedded Azure emulator, runs the bundled action against
 * it twice with demo inputs (the second run shows that a converged environment sends no write), prints the
 * outputs and the job summary, and stops the emulator.
 */
import { startEmulator } from '../emulator/testing.js'
import { baseInputs, cleanup, errorsOf, keysVaultUrl, runAction } from './local-runner.js'

const HSM_NAME = 'contoso-skr-demo'
/** The identity a confidential VM's workload would use to ask for the key (an example object id). */
const RELEASE_PRINCIPAL = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'

async function main(): Promise<void> {
  console.log('Starting the local Azure emulator ...')
  const emu = await startEmulator({ provisioningSeconds: 3, activationSeconds: 2 })
  const info = emu.info
  let failed = false
  try {
    console.log(`Emulator ready: proxy ${info.proxy}, state in ${info.stateDir}\n`)
    const keysVault = await keysVaultUrl(info)
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
      'disk-encryption-set': `${HSM_NAME}-des`
    }

    const runs: Array<[string, Record<string, string>]> = [
      ['First run (creates what is missing)', inputs],
      ['Second run (converged: nothing to change)', inputs],
      ['Nightly drift check (mode: verify, changes nothing)', { ...inputs, mode: 'verify' }]
    ]
    for (const [label, runInputs] of runs) {
      const since = (await emu.requests()).length
      const started = Date.now()
      const run = await runAction(info, runInputs)
      const requests = (await emu.requests(since)).filter(
        r => !/login\.microsoftonline|actions\.githubusercontent/.test(r.host)
      )
      console.log(
        `== ${label}: exit ${run.code} in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
          `${requests.length} Azure requests, ${requests.filter(r => r.write).length} writes`
      )
      const errors = errorsOf(run)
      if (run.code !== 0) {
        failed = true
        console.log(errors.join('\n') || run.stdout)
        cleanup(run)
        break
      }
      console.log('\nOutputs:')
      for (const [k, v] of Object.entries(run.outputs)) if (k !== 'drift') console.log(`  ${k}=${v}`)
      if (run.outputs.drift) {
        const drift = JSON.parse(run.outputs.drift) as { status: string; checks: unknown[] }
        console.log(`  drift: status ${drift.status}, ${drift.checks.length} checks`)
      }
      console.log('\nJob summary:\n')
      console.log(run.summary)
      cleanup(run)
    }
  } finally {
    await emu.stop()
  }
  process.exitCode = failed ? 1 : 0
}

main().catch(e => {
  console.error(e)
  process.exitCode = 1
})
