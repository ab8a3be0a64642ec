/** action.yml is what the runner reads: its defaults and outputs must agree with the code. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_DEFAULTS } from '../src/config/index.js'
import { DRIFT_OUTPUT, OUTPUT_NAMES } from '../src/report/outputs.js'

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post: string }
}

describe('action.yml', () => {
  it('runs on node24 with one bundle for main and post', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' })
  })

  it('declares the same defaults as the code', () => {
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect([name, action.inputs[name]?.default]).toEqual([name, value])
    }
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default !== undefined) expect([name, INPUT_DEFAULTS[name]]).toEqual([name, input.default])
    }
  })

  it('names every input in kebab-case with a description', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      expect(input.description.length).toBeGreaterThan(10)
    }
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES, DRIFT_OUTPUT].sort())
  })
})

describe('README', () => {
  it('documents exactly the inputs and outputs of action.yml (npm run docs rewrites the tables)', async () => {
    const { renderTables, withTables } = await import('../scripts/docs.js')
    const readme = readFileSync('README.md', 'utf8')
    expect(withTables(readme, renderTables(readFileSync('action.yml', 'utf8')))).toBe(readme)
  })
})
