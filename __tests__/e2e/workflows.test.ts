/**
 * The example workflows run as written: .github/workflows/self-test.yml, and the README's ephemeral
 * environment bootstrap and its scheduled clean-up. Each step of the action is run through dist/index.js
 * with its `with:` inputs, each `run:` step with bash, expressions such as `${{ steps.emu.outputs.proxy }}`
 * resolved from earlier steps, and GITHUB_ENV carried forward. The steps that start the emulator or check
 * out the repository are the ones this test does itself.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { azureClient, errorsOf, parseFileCommand, runAction } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

interface WorkflowStep {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
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
  }
): Promise<StepsRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'workflow-'))
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
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v))])
      )
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
