/**
 * The scripts that write generated figures into Markdown find their markers in the files they write:
 * `npm run docs` (the README's table of its examples' inputs and docs/development.md's layout list;
 * docs/inputs.md it writes whole), `npm run security` (docs/security.md, and its totals line in
 * docs/reliability.md), `npm run reliability` (docs/reliability.md). Rewriting each block with what it holds
 * now must change nothing, so the script writes exactly there; no stale copy is left in the README.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { between, securityBlocks, SECURITY_TARGETS } from '../scripts/security-report.js'
import { intoDoc, RELIABILITY_DOC } from '../scripts/reliability-report.js'
import { DEVELOPMENT_DOC, developmentWithLayout } from '../scripts/docs.js'
import { layoutBlock, srcFolders } from '../scripts/layout.js'

const read = (file: string): string => readFileSync(file, 'utf8')

/** What stands between a marker pair, without the line breaks the scripts put around it. */
function block(doc: string, name: string): string {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(doc)
  if (!m) throw new Error(`no ${name} markers`)
  return m[1]
}

describe('generated blocks', () => {
  it('npm run security writes its table into docs/security.md and its totals into docs/reliability.md', () => {
    expect(SECURITY_TARGETS).toEqual({ security: 'docs/security.md', 'security-line': 'docs/reliability.md' })
    for (const [name, file] of Object.entries(SECURITY_TARGETS)) {
      const doc = read(file)
      expect(between(doc, name, block(doc, name), file)).toBe(doc)
    }
    // Both come from one run: the line is the table's first line.
    const table = block(read('docs/security.md'), 'security')
    expect(block(read('docs/reliability.md'), 'security-line')).toBe(securityBlocks(table)['security-line'])
    expect(() => between('# no markers', 'security', 'x', 'docs/x.md')).toThrow(
      /docs\/x\.md has no security:start/
    )
  })

  it('npm run reliability writes its table into docs/reliability.md', () => {
    const doc = read(RELIABILITY_DOC)
    const table = block(doc, 'reliability').replace(/^\n/, '').replace(/\n$/, '')
    expect(table).toMatch(/^\| Figure/)
    expect(intoDoc(doc, table)).toBe(doc)
    expect(() => intoDoc('# none', table)).toThrow(/docs\/reliability\.md has no/)
  })

  it("npm run docs writes docs/development.md's layout list from src/'s folders, and it is current", () => {
    const doc = read(DEVELOPMENT_DOC)
    expect(block(doc, 'layout')).toBe(`\n${layoutBlock()}\n`)
    expect(developmentWithLayout(doc)).toBe(doc)
    // Every folder is listed, in its layer's order: a new folder fails here until scripts/layout.ts names it.
    expect(block(doc, 'layout')).toMatch(
      /^\n```text\nsrc\/\n {2}shared\/ .*\n[\s\S]* {2}engine\/ .*\n {2}index\.ts /
    )
    expect(() => layoutBlock([...srcFolders(), 'plugins'])).toThrow(/src\/plugins\/ is not listed/)
    expect(() => layoutBlock(srcFolders().filter(f => f !== 'engine'))).toThrow(/engine\/ is not in src\//)
  })

  it('leaves only the example-inputs markers in the README, and the scripts write with --write', () => {
    const markers = [...read('README.md').matchAll(/<!-- ([\w-]+):start -->/g)].map(m => m[1])
    expect(markers).toEqual(['example-inputs'])
    // docs/inputs.md is written whole by npm run docs: no markers, and Prettier leaves it as written.
    expect(read('docs/inputs.md')).not.toMatch(/<!-- [\w-]+:start -->/)
    expect(read('.prettierignore').split('\n')).toContain('docs/inputs.md')
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts.security).toMatch(/security-report\.ts --run --write$/)
    expect(scripts.reliability).toMatch(
      /reliability-report\.ts --write && prettier --write docs\/reliability\.md$/
    )
  })
})
