/**
 * The example workflows run as written: .github/workflows/self-test.yml, the README's ephemeral
 * environment bootstrap and its scheduled clean-up, and the README's pipeline, Disk Encryption Set and nightly
 * examples in sequence, against the stores and custodians' files docs/setup.md's script names (so the README
 * and the setup cannot name different things). Each step of the action is run through dist/index.js
 * with its `with:` inputs, each `run:` step with bash, expressions such as `${{ steps.emu.outputs.proxy }}`
 * resolved from earlier steps, and GITHUB_ENV carried forward. The steps that start the emulator or check
 * out the repository are the ones this test does itself.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { azureClient, errorsOf, parseFileCommand, runAction } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'
import { generateWrappingKeys } from '../../src/security-domain/index.js'

interface WorkflowStep {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
  if?: string
}

const s = useScenario({})

interface StepsRun {
  /** Outputs of the action steps by step id. */
  outputs: Record<string, Record<string, string>>
  /** What the steps exported through GITHUB_ENV. */
  env: Record<string, string>
  /** The job summary of each action step run. */
  summaries: string[]
  ran: number
}

/**
 * Runs workflow steps as the runner would: each step of the action (`isAction`) through dist/index.js with its
 * `with:` inputs, each `run:` step with bash; `${{ … }}` resolved from earlier steps' outputs or `values`
 * (anything else fails the test), GITHUB_ENV carried forward. `skip` leaves out the steps the test does itself.
 */
async function runSteps(
  steps: WorkflowStep[],
  opts: {
    isAction: (s: WorkflowStep) => boolean
    skip: (s: WorkflowStep) => boolean
    values: Record<string, string>
    outputs?: Record<string, Record<string, string>>
    /** The checked-out repository (files the inputs name); a new empty one by default. */
    workspace?: string
    /** What the user changes in an action step's `with:` for this run (a pin added after the first run). */
    edit?: (inputs: Record<string, string>) => Record<string, string>
  }
): Promise<StepsRun> {
  const workspace = opts.workspace ?? mkdtempSync(join(tmpdir(), 'workflow-'))
  const outputs: Record<string, Record<string, string>> = { ...opts.outputs }
  const env: Record<string, string> = {}
  const summaries: string[] = []
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr)
      if (step) return String(outputs[step[1]]?.[step[2]] ?? '')
      if (expr in opts.values) return opts.values[expr]
      throw new Error(`expression not supported by this test: ${expr}`)
    })
  let ran = 0
  for (const step of steps) {
    if (opts.skip(step)) continue
    if (opts.isAction(step)) {
      const written = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v))])
      )
      const inputs = opts.edit ? opts.edit(written) : written
      const run = await runAction(s.emu.info, inputs, { env: { ...env, GITHUB_WORKSPACE: workspace } })
      expect([step.name, errorsOf(run)]).toEqual([step.name, []])
      expect([step.name, run.code]).toEqual([step.name, 0])
      if (step.id) outputs[step.id] = run.outputs
      summaries.push(run.summary)
      Object.assign(env, parseFileCommand(readFileSync(join(run.dir, 'env'), 'utf8')))
    } else if (step.run) {
      const envFile = join(workspace, 'step-env')
      writeFileSync(envFile, '')
      // A run step gets expressions through its env: only; its script is taken as written.
      expect([step.name, /\$\{\{/.test(step.run)]).toEqual([step.name, false])
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))])
      )
      execFileSync('bash', ['-euo', 'pipefail', '-c', step.run], {
        cwd: workspace,
        env: {
          PATH: process.env.PATH ?? '',
          RUNNER_TEMP: workspace,
          GITHUB_ENV: envFile,
          ...env,
          ...stepEnv
        },
        stdio: 'pipe'
      })
    } else throw new Error(`step neither runs the action nor a script: ${JSON.stringify(step)}`)
    ran++
  }
  return { outputs, env, summaries, ran }
}

describe('.github/workflows/self-test.yml', () => {
  it('runs as written against the emulator', async () => {
    const workflow = parse(readFileSync('.github/workflows/self-test.yml', 'utf8')) as {
      jobs: { emulated: { steps: WorkflowStep[] } }
    }
    const { env, ran } = await runSteps(workflow.jobs.emulated.steps, {
      isAction: s => s.uses === './',
      skip: s => s.id === 'emu' || !!s.uses?.startsWith('actions/') || s.run === 'npm ci',
      values: { 'github.run_id': '4242' },
      outputs: { emu: s.emu.info as unknown as Record<string, string> }
    })
    expect(ran).toBe(8)
    expect(env.KEK_KID).toMatch(
      /^https:\/\/selftest-env-4242\.managedhsm\.azure\.net\/keys\/KeyEncryptionKey\/[0-9a-f]{32}$/
    )
  }, 300_000)
})

describe('README examples', () => {
  // `${{ … }}` inside a run: script is spliced into the shell before it runs: an output or input that holds
  // a quote and a command would run it. Every example passes such values through env: instead.
  it('never splice an expression into a run: script', () => {
    const blocks = [...readFileSync('README.md', 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(m => m[1])
    expect(blocks.length).toBeGreaterThan(3)
    const spliced: string[] = []
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit)
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === 'run' && typeof v === 'string' && /\$\{\{/.test(v)) spliced.push(v.split('\n')[0])
          visit(v)
        }
    }
    for (const b of blocks) visit(parse(b))
    expect(spliced).toEqual([])
  })
})

describe('README ephemeral environments and their clean-up', () => {
  interface Workflow {
    name: string
    jobs: Record<string, { steps: WorkflowStep[] }>
  }
  const workflows = [...readFileSync('README.md', 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(
    m => parse(m[1]) as Workflow
  )
  const stepsOf = (name: string): WorkflowStep[] => {
    const w = workflows.find(x => x?.name === name)
    if (!w) throw new Error(`the README has no workflow named ${name}`)
    return Object.values(w.jobs).flatMap(j => j.steps)
  }
  const exists = (name: string): Promise<boolean> =>
    peek(s.emu.info, 'hsm-show', 'rg-skr-test', name).then(
      () => true,
      () => false
    )

  it('bootstraps two environments; the clean-up deletes only the expired one', async () => {
    // What the setup makes before the first run: the resource group and the two escrow stores the example names.
    await azureClient(
      s.info,
      'arm',
      'PUT',
      `/subscriptions/${s.info.subscriptionId}/resourcegroups/rg-skr-test?api-version=2021-04-01`,
      JSON.stringify({ location: 'westeurope' })
    )
    await s.emu.control('/vaults/kvtestescrow', { method: 'PUT', body: '{}' })
    await s.emu.control('/storage/accounts/sttestescrow', { method: 'PUT', body: '{}' })
    await s.emu.control('/storage/containers/sttestescrow/escrow', { method: 'PUT' })
    const values = (runNumber: string): Record<string, string> => ({
      'vars.AZURE_TENANT_ID': s.info.tenantId,
      'vars.AZURE_CLIENT_ID': s.info.clientId,
      'vars.AZURE_SUBSCRIPTION_ID': s.info.subscriptionId,
      'github.run_number': runNumber
    })
    const isAction = (s: WorkflowStep): boolean => s.uses === 'contoso/managed-hsm-skr-action@v1'
    const skip = (s: WorkflowStep): boolean => !!s.uses?.startsWith('actions/')

    for (const runNumber of ['1', '2']) {
      const run = await runSteps(stepsOf('bootstrap-env'), { isAction, skip, values: values(runNumber) })
      expect(run.ran).toBe(2)
      expect(run.env.KEK_KID).toMatch(
        new RegExp(
          `^https://skr-test-${runNumber}\\.managedhsm\\.azure\\.net/keys/KeyEncryptionKey/[0-9a-f]{32}$`
        )
      )
    }
    // Eight days later for the first environment: Azure records it as made then, and its expires-at has passed.
    const { tags } = JSON.parse(await peek(s.info, 'hsm-show', 'rg-skr-test', 'skr-test-1'))
    expect(tags).toMatchObject({ 'managed-by': 'managed-hsm-skr-action' })
    const createdAt = new Date(Date.now() - 8 * 86_400_000).toISOString()
    await s.emu.control('/hsms/skr-test-1/created', { method: 'PUT', body: JSON.stringify({ createdAt }) })
    await azureClient(
      s.info,
      'hsm-update',
      'rg-skr-test',
      'skr-test-1',
      JSON.stringify({ tags: { ...tags, 'expires-at': new Date(Date.now() - 86_400_000).toISOString() } })
    )

    const cleanup = await runSteps(stepsOf('hsm-cleanup'), { isAction, skip, values: values('3') })
    expect(cleanup.ran).toBe(1)
    const summary = cleanup.summaries.join('\n')
    expect(summary).toMatch(/deleted Managed HSM 'skr-test-1'/)
    expect(summary).toMatch(/purged Managed HSM 'skr-test-1'/)
    expect(summary).toMatch(/'skr-test-2': left alone \(not expired until \d{4}-\d\d-\d\dT/)
    expect(await exists('skr-test-1')).toBe(false)
    expect(await exists('skr-test-2')).toBe(true)
    const state = (await s.emu.control('/state')) as { deletedHsms?: Array<{ hsm: { name: string } }> }
    expect((state.deletedHsms ?? []).map(d => d.hsm.name)).not.toContain('skr-test-1')
  }, 300_000)
})

/** What docs/setup.md's script names: its `NAME="value"` settings and the certificate files it writes. */
function setupNames(): { vars: Record<string, string>; certificates: string[] } {
  const text = readFileSync('docs/setup.md', 'utf8')
  const vars = Object.fromEntries([...text.matchAll(/^([A-Z_]+)="([^"$]*)"/gm)].map(m => [m[1], m[2]]))
  const certificates = [...text.matchAll(/^openssl req .* -out (\S+\.cer) /gm)].map(m => m[1])
  return { vars, certificates }
}

describe('README pipeline, Disk Encryption Set and nightly examples, in sequence', () => {
  const blocks = [...readFileSync('README.md', 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(m =>
    parse(m[1])
  )
  const workflow = (name: string): WorkflowStep[] => {
    const w = blocks.find(b => (b as { name?: string })?.name === name) as
      { jobs: Record<string, { steps: WorkflowStep[] }> } | undefined
    if (!w) throw new Error(`the README has no workflow named ${name}`)
    return Object.values(w.jobs).flatMap(j => j.steps)
  }
  /** The DES section's steps: the one block that is a list of steps naming disk-encryption-set. */
  const desSteps = (): WorkflowStep[] => {
    const found = blocks.filter(
      (b): b is WorkflowStep[] =>
        Array.isArray(b) && b.some(s => (s as WorkflowStep).with?.['disk-encryption-set'])
    )
    expect(found).toHaveLength(1)
    return found[0]
  }
  const isAction = (s: WorkflowStep): boolean => s.uses === 'contoso/managed-hsm-skr-action@v1'

  it('pipeline, then the disks’ set, then the nightly verify of each HSM: all green', async () => {
    const info = s.emu.info
    // Only what docs/setup.md's script creates, under its names: a README example naming another store fails.
    const { vars: setup, certificates } = setupNames()
    expect(setup).toMatchObject({
      RESOURCE_GROUP: expect.any(String),
      ESCROW_VAULT: expect.any(String),
      ESCROW_ACCOUNT: expect.any(String),
      ESCROW_CONTAINER: expect.any(String),
      LOCATION: expect.any(String)
    })
    expect(certificates).toHaveLength(3)
    await azureClient(
      info,
      'arm',
      'PUT',
      `/subscriptions/${info.subscriptionId}/resourcegroups/${setup.RESOURCE_GROUP}?api-version=2021-04-01`,
      JSON.stringify({ location: setup.LOCATION })
    )
    await s.emu.control(`/vaults/${setup.ESCROW_VAULT}`, { method: 'PUT', body: '{}' })
    await s.emu.control(`/storage/accounts/${setup.ESCROW_ACCOUNT}`, { method: 'PUT', body: '{}' })
    await s.emu.control(`/storage/containers/${setup.ESCROW_ACCOUNT}/${setup.ESCROW_CONTAINER}`, {
      method: 'PUT'
    })
    // The repository the workflows check out: the custodians' certificates and the deployment script.
    const repo = mkdtempSync(join(tmpdir(), 'readme-repo-'))
    mkdirSync(join(repo, 'custodians'))
    const custodians = await generateWrappingKeys({ count: 3, bits: 2048 })
    certificates.forEach((file, i) =>
      writeFileSync(join(repo, 'custodians', file), custodians[i].certificatePem)
    )
    writeFileSync(join(repo, 'deploy-cvm.sh'), 'printf %s "$1" > deployed-with\n', { mode: 0o755 })
    const values = {
      'vars.AZURE_TENANT_ID': info.tenantId,
      'vars.AZURE_CLIENT_ID': info.clientId,
      'vars.AZURE_SUBSCRIPTION_ID': info.subscriptionId,
      'vars.CVM_IDENTITY_OBJECT_ID': '5f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
      // The Log Analytics workspace the pipeline's HSM sends its audit log to (a resource id, as the input asks).
      'vars.AUDIT_WORKSPACE_ID': `/subscriptions/${info.subscriptionId}/resourceGroups/${setup.RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/law-skr-audit`,
      // empty: the action looks the Orchestrator up in Microsoft Graph, as the example's comment says
      'vars.CVM_ORCHESTRATOR_OBJECT_ID': ''
    }
    // The pin is the activating run's SECURITY_DOMAIN_SHA256, added after that run (the example's comment).
    const pins: Record<string, string> = {}
    const pinned =
      (hsm: string) =>
      (inputs: Record<string, string>): Record<string, string> => {
        const edited = { ...inputs }
        if (pins[hsm]) edited['expected-security-domain-sha256'] = pins[hsm]
        else delete edited['expected-security-domain-sha256']
        return edited
      }

    const deploy = await runSteps(workflow('deploy'), {
      isAction,
      skip: s => !!s.uses?.startsWith('actions/'),
      values,
      workspace: repo,
      edit: pinned('contoso-skr-prod')
    })
    expect(deploy.ran).toBe(2)
    expect(readFileSync(join(repo, 'deployed-with'), 'utf8')).toBe(deploy.outputs.hsm.KEK_KID)
    pins['contoso-skr-prod'] = deploy.outputs.hsm.SECURITY_DOMAIN_SHA256

    // The DES section: its action step as written (the az vm create that follows needs a real VM).
    const des = await runSteps(desSteps(), {
      isAction,
      skip: s => !!s.run?.startsWith('az vm create'),
      values,
      workspace: repo,
      edit: pinned('contoso-skr-disks')
    })
    expect(des.ran).toBe(1)
    expect(des.outputs.hsm.DES_ID).toMatch(/\/diskEncryptionSets\/des-contoso-cvm$/)
    pins['contoso-skr-disks'] = des.outputs.hsm.SECURITY_DOMAIN_SHA256

    // The nightly workflow as written, for the pipeline's HSM; then with the DES step's inputs, as the DES
    // section says its nightly check is.
    const nightly = workflow('hsm-drift')
    const verifyPipeline = await runSteps(nightly, {
      isAction,
      skip: s => !!s.uses?.startsWith('actions/') || s.if === 'failure()',
      values,
      workspace: repo,
      edit: pinned('contoso-skr-prod')
    })
    expect(verifyPipeline.ran).toBe(1)
    expect(JSON.parse(verifyPipeline.outputs.verify.drift)).toMatchObject({ status: 'converged' })
    // The pipeline's audit setting, created by the deploy job and checked by the nightly one.
    expect(verifyPipeline.summaries[0]).toMatch(
      /HSM audit log \(AuditEvent\) \| sent to Log Analytics workspace 'law-skr-audit' \(diagnostic setting 'managed-hsm-skr-audit'\)/
    )
    const desWith = desSteps().find(isAction)?.with ?? {}
    const disksNightly = nightly.map(s => (isAction(s) ? { ...s, with: { ...desWith, mode: 'verify' } } : s))
    const verifyDisks = await runSteps(disksNightly, {
      isAction,
      skip: s => !!s.uses?.startsWith('actions/') || s.if === 'failure()',
      values,
      workspace: repo,
      edit: pinned('contoso-skr-disks')
    })
    expect(verifyDisks.ran).toBe(1)
    expect(JSON.parse(verifyDisks.outputs.verify.drift)).toMatchObject({ status: 'converged' })
    expect(verifyDisks.summaries[0]).toMatch(/backs disk encryption set\(s\) 'des-contoso-cvm'/)
  }, 600_000)
})
