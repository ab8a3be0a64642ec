/**
 * Writes the inputs reference, docs/inputs.md, from action.yml: a commented `with:` block listing every input,
 * then one table per input group, then the outputs; and the README's short table of the inputs its examples
 * use (between the example-inputs markers). `npm run docs` writes both; the tests fail when either disagrees
 * with action.yml or the README's examples. It also writes docs/development.md's layout list (scripts/layout.ts).
 *
 * Groups are the `# Group: TITLE` comments in action.yml (the next comment line describes the group). What the
 * runner cannot express, each input's type, when a run needs it and the default the code computes for an
 * empty value, is said once here; enum values and computed defaults come from the code itself.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { CLOUD_NAMES } from '../src/auth/clouds.js'
import {
  ARM_KEY_MANAGEMENT,
  DEFAULT_KEY_OPERATIONS,
  DEFAULT_KEY_SIZE,
  DES_ENCRYPTION_TYPES,
  DES_KEY_VERSIONS,
  ESCROW_SAME_STORE,
  KEY_TYPES,
  CURVES,
  MODES,
  STEP_NAMES,
  ON_SOFT_DELETED,
  SKUS
} from '../src/config/index.js'
import { PRESET_NAMES } from '../src/policy/index.js'
import { BYPASS, NETWORK_POSTURES } from '../src/config/network.js'
import { layoutBlock } from './layout.js'

interface Input {
  description: string
  required?: boolean
  default?: string
}
interface ActionYml {
  inputs: Record<string, Input>
  outputs: Record<string, { description: string }>
}

/** What an input takes. A list is always comma- or newline-separated (splitList). */
export type InputType =
  | 'string'
  | 'GUID'
  | 'number'
  | 'boolean'
  | 'list'
  | 'list of URLs'
  | 'list of paths'
  | 'list of paths or PEM'
  | 'URL'
  | 'path'
  | 'JSON or path'
  | 'lines'
  | { enum: readonly string[] }

export const LIST_WORDING = 'comma- or newline-separated list'

export const INPUT_TYPES: Record<string, InputType> = {
  'tenant-id': 'GUID',
  'client-id': 'GUID',
  'subscription-id': 'GUID',
  audience: 'string',
  cloud: { enum: CLOUD_NAMES },
  mode: { enum: MODES },
  steps: 'list',
  'operation-timeout-minutes': 'number',
  'fail-on-drift': 'boolean',
  summary: 'boolean',
  'export-variables': 'boolean',
  'resource-group': 'string',
  'hsm-name': 'string',
  location: 'string',
  sku: { enum: SKUS },
  administrators: 'list',
  'retention-days': 'number',
  'purge-protection': 'boolean',
  'confirm-purge-protection': 'string',
  'public-network-access': { enum: ['Enabled', 'Disabled'] },
  network: { enum: NETWORK_POSTURES },
  'allowed-ips': 'list',
  'network-bypass': { enum: BYPASS },
  'allow-bypass-none': 'boolean',
  'workload-addresses': 'list',
  'jit-runner-access': 'boolean',
  'replica-region': 'string',
  'remove-replica-region': 'string',
  tags: 'list',
  'on-soft-deleted': { enum: ON_SOFT_DELETED },
  'expires-after': 'string',
  'audit-log-workspace-id': 'string',
  'audit-log-storage-account-id': 'string',
  'audit-log-setting-name': 'string',
  'wrapping-certificates': 'list of paths or PEM',
  'wrapping-key-count': 'number',
  'wrapping-key-size': { enum: ['2048', '3072', '4096'] },
  quorum: 'number',
  'security-domain-store': 'list of URLs',
  'wrapping-key-store': 'list of URLs',
  'escrow-same-store': { enum: ESCROW_SAME_STORE },
  'expected-security-domain-sha256': 'string',
  'key-backup-store': 'URL',
  'role-assignments': 'lines',
  'allow-broad-release': 'boolean',
  'known-principals': 'list',
  'self-object-id': 'string',
  'prune-role-assignments': 'boolean',
  'allow-key-management-through-arm': { enum: ARM_KEY_MANAGEMENT },
  'key-name': 'string',
  'key-type': { enum: KEY_TYPES },
  'key-size': 'number',
  'key-curve': { enum: CURVES },
  'key-operations': 'list',
  'release-policy': 'JSON or path',
  'release-policy-preset': { enum: PRESET_NAMES },
  'attestation-authority': 'URL',
  'release-policy-test': 'JSON or path',
  'immutable-release-policy': 'boolean',
  'allow-permissive-release-policy': 'boolean',
  'disable-older-key-versions': 'boolean',
  'skip-key-attestation': 'boolean',
  'disk-encryption-set': 'string',
  'disk-encryption-set-resource-group': 'string',
  'des-encryption-type': { enum: DES_ENCRYPTION_TYPES },
  'des-key-version': { enum: DES_KEY_VERSIONS },
  'cvm-orchestrator-object-id': 'GUID',
  'wrapping-private-key-files': 'list of paths',
  'security-domain-file': 'path',
  'rehearsal-hsm-name': 'string',
  'backup-container-url': 'URL',
  'backup-identity': 'string',
  'backup-max-age': 'string',
  'confirm-teardown': 'string',
  'only-if-expired': 'boolean',
  'delete-disk-encryption-sets': 'boolean',
  'teardown-creators': 'list',
  'teardown-lifetime': 'string'
}

/**
 * Inputs a run fails without in some modes or settings only, as the Required column says it (required: true in action.yml means always).
 * __tests__/action-yml.test.ts proves each claim against parseInputs.
 */
export const REQUIRED_WHEN: Record<string, string> = {
  location: 'per mode: provision step, recover (to create the HSM)',
  'confirm-purge-protection': 'with purge-protection: true',
  'security-domain-store': 'per mode: activate step; recover (or security-domain-file)',
  'wrapping-key-store':
    'per mode: activate step without wrapping-certificates; recover (or wrapping-private-key-files)',
  'release-policy': 'per mode: key step (or release-policy-preset)',
  'release-policy-preset': 'per mode: key step (or release-policy)',
  'disk-encryption-set': 'per mode: des step (when steps lists des)',
  'confirm-teardown': 'per mode: teardown',
  'teardown-lifetime': "with only-if-expired: 'true'",
  'backup-container-url': 'per mode: backup step',
  'backup-identity': 'per mode: backup step'
}

const ops = (ops: readonly string[]): string => ops.map(o => `\`${o}\``).join(', ')
/** What an empty value means where the code computes it (the action.yml default is then empty). */
export const COMPUTED_DEFAULTS: Record<string, string> = {
  'key-size': `\`${DEFAULT_KEY_SIZE['RSA-HSM']}\` (RSA-HSM), \`${DEFAULT_KEY_SIZE['oct-HSM']}\` (oct-HSM)`,
  'key-operations': `${ops(DEFAULT_KEY_OPERATIONS['RSA-HSM'])} (EC-HSM: ${ops(DEFAULT_KEY_OPERATIONS['EC-HSM'])})`,
  'disk-encryption-set-resource-group': 'the `resource-group` input',
  'attestation-authority': "the region's shared provider",
  'cvm-orchestrator-object-id': 'looked up in Microsoft Graph',
  'teardown-creators': '`self` (the `client-id` this run signs in as)'
}

/** How the docs name the action in the generated usage block. */
const USES = 'contoso/managed-hsm-skr-action@v1'

export interface InputGroup {
  title: string
  about: string
  inputs: string[]
}

/** The `# Group: TITLE` comments of action.yml's inputs, each with the inputs declared under it. */
export function inputGroups(actionYml: string): InputGroup[] {
  const lines = actionYml.split('\n')
  const start = lines.indexOf('inputs:')
  const groups: InputGroup[] = []
  for (let i = start + 1; i < lines.length && !/^\S/.test(lines[i]); i++) {
    const title = /^ {2}# Group: (.+)$/.exec(lines[i])?.[1]
    const about = /^ {2}# (.+)$/.exec(lines[i + 1] ?? '')?.[1]
    const input = /^ {2}([a-z0-9-]+):\s*$/.exec(lines[i])?.[1]
    if (title) groups.push({ title: title.trim(), about: about?.trim() ?? '', inputs: [] })
    else if (input) {
      if (groups.length === 0)
        throw new Error(`action.yml: input '${input}' comes before any # Group: comment`)
      groups[groups.length - 1].inputs.push(input)
    }
  }
  return groups
}

export function typeText(t: InputType): string {
  return typeof t === 'string' ? t : `enum: ${t.enum.join(', ')}`
}

const cell = (s: string): string =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim()

function need(name: string, i: Input): string {
  if (i.required) return '**yes**'
  return REQUIRED_WHEN[name] ?? 'no'
}

function defaultText(name: string, i: Input): string {
  if (i.default) return `\`${cell(i.default)}\``
  return COMPUTED_DEFAULTS[name] ?? ''
}

function typeOf(name: string): InputType {
  const t = INPUT_TYPES[name]
  if (!t) throw new Error(`scripts/docs.ts: INPUT_TYPES lacks '${name}'`)
  return t
}

/** Words wrapped into `# ` comment lines of at most `width` characters. */
function commentLines(text: string, indent: string, width = 110): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + 2 + line.length + 1 + word.length > width) {
      out.push(`${indent}# ${line}`)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) out.push(`${indent}# ${line}`)
  return out
}

/** The usage block: every input with its description, type, need and default as comments, value empty. */
function usageBlock(a: ActionYml, groups: InputGroup[]): string {
  const ind = '    '
  const lines = ['```yaml', `- uses: ${USES}`, '  with:']
  groups.forEach((g, n) => {
    if (n > 0) lines.push('')
    lines.push(`${ind}# ---- ${g.title} ----`)
    for (const name of g.inputs) {
      const i = a.inputs[name]
      lines.push('', ...commentLines(i.description, ind))
      const t = typeOf(name)
      const facts = [typeof t === 'string' ? `Type: ${t}.` : `One of: ${t.enum.join(', ')}.`]
      if (i.required) facts.push('Required.')
      else if (REQUIRED_WHEN[name]) facts.push(`Required ${REQUIRED_WHEN[name]}.`)
      const d = i.default || COMPUTED_DEFAULTS[name]?.replace(/`/g, '')
      if (d) facts.push(`Default: ${d}`)
      lines.push(...commentLines(facts.join(' '), ind))
      lines.push(`${ind}${name}: ''`)
    }
  })
  lines.push('```')
  return lines.join('\n')
}

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const a = parse(actionYml) as ActionYml
  const groups = inputGroups(actionYml)
  const grouped = groups.flatMap(g => g.inputs)
  const missing = Object.keys(a.inputs).filter(n => !grouped.includes(n))
  if (missing.length) throw new Error(`action.yml: inputs outside any group: ${missing.join(', ')}`)
  const sections = groups.map(g =>
    [
      `### ${g.title}`,
      '',
      g.about,
      '',
      '| Input | Required | Type | Default | Description |',
      '| --- | --- | --- | --- | --- |',
      ...g.inputs.map(name => {
        const i = a.inputs[name]
        return `| \`${name}\` | ${need(name, i)} | ${cell(typeText(typeOf(name)))} | ${defaultText(name, i)} | ${cell(i.description)} |`
      })
    ].join('\n')
  )
  const inputs = [
    `Every input, grouped, with its default (an empty value means the default; a list is a ${LIST_WORDING}):`,
    '',
    usageBlock(a, groups),
    '',
    ...sections.flatMap(s => [s, ''])
  ]
    .join('\n')
    .trimEnd()
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(a.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

export const INPUTS_DOC = 'docs/inputs.md'

/** docs/inputs.md, whole: what `npm run docs` writes there. */
export function inputsDoc(actionYml: string): string {
  const { inputs, outputs } = renderTables(actionYml)
  return [
    '<!-- Written by npm run docs (scripts/docs.ts) from action.yml: edit action.yml, not this file. -->',
    '',
    '# Inputs and outputs',
    '',
    'The reference of every input and output of the action, generated from `action.yml`. The',
    '[README](../README.md#inputs-the-examples-use) shows the ones its examples use.',
    '',
    '## Inputs',
    '',
    inputs,
    '',
    '## Outputs',
    '',
    outputs,
    '',
    'With `export-variables: true` every output but `drift` is also exported as an environment variable of the',
    "same name for the job's later steps.",
    ''
  ].join('\n')
}

/** A description's leading `step, mode (…):` words, which say where the input is read. */
const WHERE = new RegExp(
  `^((?:${[...STEP_NAMES, ...MODES].join('|')})(?:, (?:${[...STEP_NAMES, ...MODES].join('|')}))*(?: \\([^)]*\\))?(?: with [a-z-]+)?): `
)

/** The README's words for an input: where it is read, and the first sentence of the rest of its description. */
function shortDescription(name: string, text: string): { where: string; what: string } {
  const flat = text.replace(/\s+/g, ' ').trim()
  const t = typeOf(name)
  // An enum whose description lists its values (mode: "apply: …. plan: …"): the values say it.
  if (typeof t === 'object' && t.enum.some(v => flat.startsWith(`${v}:`)))
    return { where: '', what: `One of: ${t.enum.join(', ')}.` }
  const where = WHERE.exec(flat)
  const rest = where ? flat.slice(where[0].length) : flat
  // A sentence ends at a full stop before a space or the end, not inside an ellipsis ("-1, -2, ... suffixes").
  const sentence = /^(.+?(?<!\.)\.)(?=\s|$)/.exec(rest)?.[1] ?? rest
  return { where: where?.[1] ?? '', what: sentence.charAt(0).toUpperCase() + sentence.slice(1) }
}

/** Every input a `with:` of the README's YAML examples sets, in action.yml's order. */
export function exampleInputNames(readme: string, actionYml: string): string[] {
  const used = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === 'with' && v && typeof v === 'object') Object.keys(v).forEach(n => used.add(n))
        else visit(v)
      }
  }
  for (const m of readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)) visit(parse(m[1]))
  return inputGroups(actionYml)
    .flatMap(g => g.inputs)
    .filter(n => used.has(n))
}

/** The README's short table: the inputs its examples use, each with its need, default and first sentence. */
export function exampleInputsTable(readme: string, actionYml: string): string {
  const a = parse(actionYml) as ActionYml
  return [
    '| Input | Required | Default | Read by | What it is |',
    '| --- | --- | --- | --- | --- |',
    ...exampleInputNames(readme, actionYml).map(name => {
      const i = a.inputs[name]
      const { where, what } = shortDescription(name, i.description)
      return `| \`${name}\` | ${need(name, i)} | ${defaultText(name, i)} | ${cell(where)} | ${cell(what)} |`
    })
  ].join('\n')
}

/** `doc` with what stands between each `<!-- NAME:start -->` / `<!-- NAME:end -->` pair replaced. */
export function withBlocks(doc: string, blocks: Record<string, string>, file = 'README.md'): string {
  let out = doc
  for (const [key, table] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- ${key}:start -->)[\\s\\S]*?(<!-- ${key}:end -->)`)
    if (!re.test(out))
      throw new Error(`${file} lacks the <!-- ${key}:start --> / <!-- ${key}:end --> markers`)
    out = out.replace(re, (_m, start: string, end: string) => `${start}\n${table}\n${end}`)
  }
  return out
}

/** The README as `npm run docs` leaves it. */
export function readmeWithTables(readme: string, actionYml: string): string {
  return withBlocks(readme, { 'example-inputs': exampleInputsTable(readme, actionYml) })
}

export const DEVELOPMENT_DOC = 'docs/development.md'

/** docs/development.md with its layout list written from src/'s folders (scripts/layout.ts). */
export function developmentWithLayout(doc: string, folders?: string[]): string {
  // Blank lines inside the markers, as Prettier leaves them.
  return withBlocks(doc, { layout: `\n${layoutBlock(folders)}\n` }, DEVELOPMENT_DOC)
}

if (process.argv[1]?.endsWith('docs.ts')) {
  const action = readFileSync('action.yml', 'utf8')
  writeFileSync(INPUTS_DOC, inputsDoc(action))
  writeFileSync('README.md', readmeWithTables(readFileSync('README.md', 'utf8'), action))
  writeFileSync(DEVELOPMENT_DOC, developmentWithLayout(readFileSync(DEVELOPMENT_DOC, 'utf8')))
  console.log(
    `${INPUTS_DOC} and the README's table of the examples' inputs rewritten from action.yml; ${DEVELOPMENT_DOC}'s layout from src/`
  )
}
