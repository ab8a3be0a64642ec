/** action.yml is what the runner reads: its defaults and outputs must agree with the code. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { ConfigurationErrors } from '../src/shared/errors.js'
import {
  DEFAULT_KEY_OPERATIONS,
  DEFAULT_KEY_SIZE,
  INPUT_DEFAULTS,
  INPUT_NAMES,
  parseInputs,
  RENAMED_INPUTS
} from '../src/config/index.js'
import {
  COMPUTED_DEFAULTS,
  exampleInputNames,
  exampleInputsTable,
  INPUT_TYPES,
  inputGroups,
  INPUTS_DOC,
  inputsDoc,
  LIST_WORDING,
  readmeWithTables,
  REQUIRED_WHEN,
  renderTables,
  withBlocks
} from '../scripts/docs.js'
import { DRIFT_OUTPUT, OUTPUT_NAMES } from '../src/report/outputs.js'

const actionText = readFileSync('action.yml', 'utf8')
const action = parse(actionText) as {
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

  it('declares exactly the inputs the code knows (a misspelt one is refused by that list)', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('names every input in kebab-case with a description', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      expect(input.description.length).toBeGreaterThan(10)
    }
  })

  it('is ready for the Marketplace: a name, a description of at most 125 characters, branding', () => {
    const listing = action as unknown as {
      name: string
      description: string
      branding: Record<string, string>
    }
    expect(listing.name.length).toBeGreaterThan(5)
    expect(listing.description.length).toBeLessThanOrEqual(125)
    expect(listing.description).toMatch(/Managed HSM/)
    expect(listing.description).toMatch(/Secure Key Release/)
    // GitHub's branding colours; the icon is one of the Feather icons GitHub accepts.
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(
      listing.branding.color
    )
    expect(['lock', 'shield', 'key']).toContain(listing.branding.icon)
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES, DRIFT_OUTPUT].sort())
  })
})

describe('action.yml input groups', () => {
  const groups = inputGroups(actionText)

  it('groups the inputs in this order, each group described', () => {
    expect(groups.map(g => g.title)).toEqual([
      'Sign-in',
      'Run',
      'HSM',
      'Security domain and escrow',
      'RBAC',
      'Key and release policy',
      'Disk Encryption Set',
      'Full backup',
      'Recover and teardown'
    ])
    for (const g of groups) expect([g.title, g.about.length > 10]).toEqual([g.title, true])
  })

  it('puts every input in exactly one group', () => {
    const listed = groups.flatMap(g => g.inputs)
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).toEqual([])
    expect([...listed].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('keeps the sign-in, RBAC and DES inputs where a reader looks for them', () => {
    const groupOf = (name: string) => groups.find(g => g.inputs.includes(name))?.title
    expect(groupOf('client-id')).toBe('Sign-in')
    expect(groupOf('role-assignments')).toBe('RBAC')
    expect(groupOf('des-key-version')).toBe('Disk Encryption Set')
    expect(groupOf('confirm-teardown')).toBe('Recover and teardown')
    expect(groupOf('key-backup-store')).toBe('Security domain and escrow')
  })
})

describe('input types, needs and defaults (scripts/docs.ts)', () => {
  it('types exactly the inputs of action.yml', () => {
    expect(Object.keys(INPUT_TYPES).sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('agrees with each default: booleans true/false, numbers whole, enums one of their values', () => {
    for (const [name, type] of Object.entries(INPUT_TYPES)) {
      const d = action.inputs[name].default ?? ''
      if (d === '') continue
      if (type === 'boolean') expect([name, d]).toEqual([name, expect.stringMatching(/^(true|false)$/)])
      else if (type === 'number') expect([name, d]).toEqual([name, expect.stringMatching(/^\d+$/)])
      else if (typeof type === 'object')
        expect([name, type.enum]).toEqual([name, expect.arrayContaining([d])])
    }
  })

  it('words every list the same way, in its description', () => {
    for (const [name, type] of Object.entries(INPUT_TYPES)) {
      const text = action.inputs[name].description
      if (typeof type === 'string' && type.startsWith('list'))
        expect([name, text]).toEqual([name, expect.stringContaining(LIST_WORDING)])
      // No other wording for a list format: "comma-separated", "one path per line", "one per line".
      expect([name, text.replaceAll(LIST_WORDING, '')]).toEqual([
        name,
        expect.not.stringMatching(/comma-separated|newline-separated|one (path |key=value )?per line/)
      ])
    }
  })

  it('states the defaults the code computes for an empty key-size and key-operations', () => {
    const size = action.inputs['key-size'].description
    expect(size).toContain(`${DEFAULT_KEY_SIZE['RSA-HSM']} for RSA-HSM`)
    expect(size).toContain(`${DEFAULT_KEY_SIZE['oct-HSM']} for oct-HSM`)
    expect(action.inputs['key-operations'].description).toContain(
      `Empty: ${DEFAULT_KEY_OPERATIONS['RSA-HSM'].join(', ')} (EC-HSM: ${DEFAULT_KEY_OPERATIONS['EC-HSM'].join(', ')})`
    )
    for (const name of Object.keys(COMPUTED_DEFAULTS))
      expect([name, action.inputs[name]?.default]).toEqual([name, ''])
  })

  const GOOD: Record<string, string> = {
    'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
    'client-id': '11111111-2222-3333-4444-555555555555',
    'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
    'resource-group': 'rg-skr',
    'hsm-name': 'contoso-skr-01',
    location: 'westeurope',
    steps: 'rbac'
  }
  const SD = 'https://contosoescrow.blob.core.windows.net/escrow/sd.json'
  const KEYS = 'https://kvescrow.vault.azure.net/secrets/wrap'
  /** For each input a run needs only sometimes: a run that has the need, without the input. */
  const NEEDS: Record<string, Record<string, string>> = {
    location: { steps: 'provision', location: '' },
    'confirm-purge-protection': { 'purge-protection': 'true' },
    'security-domain-store': { steps: 'activate', 'wrapping-key-store': KEYS },
    'wrapping-key-store': { steps: 'activate', 'security-domain-store': SD },
    'release-policy': { steps: 'key' },
    'release-policy-preset': { steps: 'key' },
    'disk-encryption-set': { steps: 'rbac,des' },
    'backup-container-url': {
      steps: 'backup',
      'backup-identity':
        '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b'
    },
    'backup-identity': {
      steps: 'backup',
      'backup-container-url': 'https://acct01.blob.core.windows.net/backups'
    },
    'confirm-teardown': { mode: 'teardown' },
    'teardown-lifetime': {
      mode: 'teardown',
      'confirm-teardown': 'contoso-skr-01',
      'only-if-expired': 'true'
    }
  }
  const problems = (inputs: Record<string, string>): string[] => {
    try {
      parseInputs(name => inputs[name] ?? '')
      return []
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationErrors)
      return (e as ConfigurationErrors).errors.map(x => x.message)
    }
  }
  const naming = (name: string) => new RegExp(`(^Input '${name}'|\\b${name}\\b(?!-))`)

  it('says "per mode" exactly where a run fails without the input only sometimes', () => {
    expect(Object.keys(REQUIRED_WHEN).sort()).toEqual(Object.keys(NEEDS).sort())
    expect(problems(GOOD)).toEqual([])
    for (const [name, inputs] of Object.entries(NEEDS)) {
      const found = problems({ ...GOOD, ...inputs })
      expect([name, found]).toEqual([name, expect.arrayContaining([expect.stringMatching(naming(name))])])
    }
  })

  it('marks required exactly the inputs every run fails without', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const found = problems({ ...GOOD, [name]: '' }).filter(m => m.startsWith(`Input '${name}'`))
      expect([name, found.length > 0]).toEqual([name, input.required === true])
    }
  })
})

describe('renamed inputs', () => {
  it('declares the new names and none of the old ones', () => {
    for (const [old, now] of Object.entries(RENAMED_INPUTS)) {
      expect([old, action.inputs[old]]).toEqual([old, undefined])
      expect([now, action.inputs[now]?.description]).toEqual([now, expect.any(String)])
    }
    expect(action.inputs['on-soft-deleted'].description).toMatch(/undelete/)
  })

  it('leaves no old name in the README examples', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const old of Object.keys(RENAMED_INPUTS))
      expect([old, readme.match(new RegExp(`^\\s*(- )?${old}:`, 'm'))]).toEqual([old, null])
    expect(readme).not.toMatch(/on-soft-deleted: recover/)
  })
})

describe('docs/inputs.md and the README (npm run docs writes both)', () => {
  const readme = readFileSync('README.md', 'utf8')

  it('docs/inputs.md is exactly what npm run docs writes from action.yml', () => {
    expect(INPUTS_DOC).toBe('docs/inputs.md')
    expect(readFileSync(INPUTS_DOC, 'utf8')).toBe(inputsDoc(actionText))
  })

  it('documents every input and output of action.yml in docs/inputs.md', () => {
    const doc = inputsDoc(actionText)
    for (const name of Object.keys(action.inputs))
      expect([name, doc.includes(`| \`${name}\` |`)]).toEqual([name, true])
    for (const name of Object.keys(action.outputs))
      expect([name, doc.includes(`| \`${name}\` |`)]).toEqual([name, true])
    expect(doc).toMatch(/^## Inputs$[\s\S]*^## Outputs$/m)
  })

  it('has one table per group with Required and Type columns, and a with: block of every input', () => {
    const { inputs } = renderTables(actionText)
    const headers = inputs.match(/^\| Input \| Required \| Type \| Default \| Description \|$/gm) ?? []
    expect(headers).toHaveLength(inputGroups(actionText).length)
    const block = /```yaml\n([\s\S]*?)```/.exec(inputs)?.[1] ?? ''
    const keys = [...block.matchAll(/^ {4}([a-z0-9-]+): ''$/gm)].map(m => m[1])
    expect(keys.sort()).toEqual(Object.keys(action.inputs).sort())
    // The with: block is valid YAML for a step.
    expect(Object.keys((parse(block) as [{ with: object }])[0].with).sort()).toEqual(keys)
    expect(inputs).toMatch(/Default: 3072 \(RSA-HSM\), 256 \(oct-HSM\)\n {4}key-size: ''/)
  })

  it("the README's short table is current: one row per input its examples set, in action.yml's order", () => {
    expect(readmeWithTables(readme, actionText)).toBe(readme)
    const names = exampleInputNames(readme, actionText)
    expect(names).toEqual(expect.arrayContaining(['tenant-id', 'hsm-name', 'security-domain-store', 'mode']))
    const rows = [...exampleInputsTable(readme, actionText).matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(
      m => m[1]
    )
    expect(rows).toEqual(names)
    // An input no example sets is not in the short table (docs/inputs.md has it).
    expect(rows).not.toContain('key-curve')
  })

  it('the short table says where an input is read and its first sentence', () => {
    const table = exampleInputsTable(readme, actionText)
    expect(table).toMatch(/^\| Input \| Required \| Default \| Read by \| What it is \|$/m)
    expect(table).toMatch(/^\| `quorum` \| no \| `2` \| activate \| How many wrapping keys it takes/m)
    // One sentence: hsm-name's second one (the teardown pattern) stays in docs/inputs.md.
    expect(table).toMatch(
      /^\| `hsm-name` \| \*\*yes\*\* \| {2}\| {2}\| Managed HSM name: [^|]*starting with a letter\. \|$/m
    )
    expect(table).toMatch(/names get -1, -2, \.\.\. suffixes\) or one per key\. \|$/m)
    expect(table).toMatch(/^\| `mode` \| no \| `apply` \| {2}\| One of: apply, plan, verify,/m)
  })

  it('refuses a document without the markers, naming them', () => {
    expect(() => withBlocks('# none', { 'example-inputs': 'x' })).toThrow(
      /README\.md lacks the <!-- example-inputs:start -->/
    )
  })
})
