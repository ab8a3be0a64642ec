/**
 * Rewrites the README's inputs and outputs tables from action.yml (between the inputs/outputs markers).
 * `npm run docs` writes them; the tests fail when the README and action.yml disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const cell = (s: string): string =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim()

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const a = parse(actionYml) as ActionYml
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(a.inputs).map(
      ([name, i]) =>
        `| \`${name}\` | ${i.required ? '**required**' : i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(a.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

export function withTables(readme: string, tables: { inputs: string; outputs: string }): string {
  let out = readme
  for (const [key, table] of Object.entries(tables)) {
    const re = new RegExp(`(<!-- ${key}:start -->)[\\s\\S]*?(<!-- ${key}:end -->)`)
    if (!re.test(out))
      throw new Error(`README.md lacks the <!-- ${key}:start --> / <!-- ${key}:end --> markers`)
    out = out.replace(re, (_m, start: string, end: string) => `${start}\n${table}\n${end}`)
  }
  return out
}

if (process.argv[1]?.endsWith('docs.ts')) {
  const readme = readFileSync('README.md', 'utf8')
  writeFileSync('README.md', withTables(readme, renderTables(readFileSync('action.yml', 'utf8'))))
  console.log('README.md tables rewritten from action.yml')
}
