/**
 * The example workflow (.github/workflows/self-test.yml) runs as written: each `uses: ./` step is run
 * through dist/index.js with its `with:` inputs, each `run:` step with bash, expressions such as
 * `${{ steps.emu.outputs.proxy }}` resolved from earlier steps, and GITHUB_ENV carried forward.
 * The step that starts the emulator is the one this test does itself.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { RunningEmulator } from '../../emulator/testing.js'
import { errorsOf, parseFileCommand, runAction } from '../../scripts/local-runner.js'
import { useEmulator } from './harness.js'

interface WorkflowStep {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
}

let emu: RunningEmulator
useEmulator({ provisioningSeconds: 1, activationSeconds: 1 }, e => {
  emu = e
})

describe('.github/workflows/self-test.yml', () => {
  it('runs as written against the emulator', async () => {
    const workflow = parse(readFileSync('.github/workflows/self-test.yml', 'utf8')) as {
      jobs: { emulated: { steps: WorkflowStep[] } }
    }
    const workspace = mkdtempSync(join(tmpdir(), 'workflow-'))
    const outputs: Record<string, Record<string, string>> = {
      emu: emu.info as unknown as Record<string, string>
    }
    const env: Record<string, string> = {}
    const expand = (text: string): string =>
      text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
        const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr)
        if (step) return String(outputs[step[1]]?.[step[2]] ?? '')
        if (expr === 'github.run_id') return '4242'
        throw new Error(`expression not supported by this test: ${expr}`)
      })
    let ran = 0
    for (const step of workflow.jobs.emulated.steps) {
      if (step.id === 'emu' || step.uses?.startsWith('actions/') || step.run === 'npm ci') continue
      if (step.uses === './') {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v))])
        )
        const run = await runAction(emu.info, inputs, { env: { ...env, GITHUB_WORKSPACE: workspace } })
        expect([step.name, errorsOf(run)]).toEqual([step.name, []])
        expect([step.name, run.code]).toEqual([step.name, 0])
        if (step.id) outputs[step.id] = run.outputs
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
      }
      ran++
    }
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
