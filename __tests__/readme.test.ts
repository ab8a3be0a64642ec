/**
 * The README is read by a platform engineer on day one: the demo and test commands and the cost warning come
 * first, then what the action does (with a diagram), a quick start with the pinning pattern, the common jobs,
 * trying it locally and the links, in at most 350 lines; the table of contents lists every section; the
 * README, docs/setup.md and the examples name the same things; and every relative link and #anchor of the
 * README and of docs/ leads somewhere (anchors as GitHub makes them from headings).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { marked, type Token, type Tokens } from 'marked'
import { parse } from 'yaml'

const README = 'README.md'
const DOCS = ['README.md', 'SECURITY.md', ...readdirSync('docs').map(f => join('docs', f))].filter(f =>
  f.endsWith('.md')
)
/**
 * Written by another change of issue 16 (the setup script and the "Permissions by mode" table) and linked
 * from here before it lands; once the file exists its anchors are checked like any other.
 */
function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t)
    const nested = t as Token & {
      tokens?: Token[]
      items?: Token[]
      rows?: Tokens.TableCell[][]
      header?: Tokens.TableCell[]
    }
    if (nested.tokens) walk(nested.tokens, visit)
    if (nested.items) walk(nested.items, visit)
    if (nested.header) for (const c of nested.header) walk(c.tokens, visit)
    if (nested.rows) for (const r of nested.rows) for (const c of r) walk(c.tokens, visit)
  }
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  walk(marked.lexer(readFileSync(file, 'utf8')), t => {
    if (t.type !== 'heading') return
    const text = (t as Tokens.Heading).text.replace(/`/g, '')
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  })
  return out
}

function linksOf(file: string): string[] {
  const links: string[] = []
  walk(marked.lexer(readFileSync(file, 'utf8')), t => {
    if (t.type === 'link') links.push((t as Tokens.Link).href)
  })
  return links
}

describe('README', () => {
  const text = readFileSync(README, 'utf8')
  const lines = text.split('\n')

  it('starts with the demo and the test commands, then says what it costs, before the contents', () => {
    const top = lines.slice(0, 8).join('\n')
    expect(top).toMatch(/^npm ci && npm start\b/m)
    expect(top).toMatch(/^npm test\b/m)
    const contents = text.indexOf('## Contents')
    expect(contents).toBeGreaterThan(0)
    const cost = text.search(/US\$3\.2 an hour/)
    expect(cost).toBeGreaterThan(0)
    expect(cost).toBeLessThan(contents)
    expect(text.slice(0, contents)).toMatch(/soft-deleted/)
  })

  it('lists every section in its table of contents, in order', () => {
    const sections = [...text.matchAll(/^##(#?) (.+)$/gm)]
      .filter(m => m[2] !== 'Contents')
      .map(m => `${m[1] ? '  ' : ''}- [${m[2]}]`)
    const toc = /## Contents\n\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? ''
    expect(toc.split('\n').map(l => l.replace(/\]\(#[^)]*\)$/, ']'))).toEqual(sections)
  })

  it('renders every table as a table (no row cut off by a blank line)', () => {
    const strays: string[] = []
    walk(marked.lexer(text), t => {
      if (t.type === 'paragraph' && t.raw.trimStart().startsWith('|')) strays.push(t.raw.slice(0, 60))
    })
    expect(strays).toEqual([])
  })

  it('keeps internals out: no figures tables, emulator or development sections', () => {
    expect(text).not.toMatch(/^## (Reliability|The local Azure emulator|Development|What each step does)$/m)
    expect(text).not.toMatch(/\| figure +\| target/)
    expect(text).not.toMatch(/first read after 5 s/)
  })

  it('has at most 350 lines, the rest being in docs/', () => {
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(350)
    // What moved out is linked: the depth of each job, every input, the drift report, troubleshooting.
    expect(linksOf(README)).toEqual(
      expect.arrayContaining([
        'docs/usage.md',
        'docs/inputs.md',
        'docs/drift-report.md',
        'docs/troubleshooting.md'
      ])
    )
  })

  it("says nothing in the project's internal words", () => {
    for (const file of [README, 'docs/usage.md', 'docs/inputs.md'])
      expect([file, readFileSync(file, 'utf8').match(/reference (step|tutorial)|\bissue \d+|§\d/gi)]).toEqual(
        [file, null]
      )
  })

  it('goes from what it is to the quick start, the common jobs, trying it locally and the links', () => {
    const sections = [...text.matchAll(/^## (.+)$/gm)].map(m => m[1])
    expect(sections).toEqual([
      'Contents',
      'Quick start',
      'Common jobs',
      'Inputs the examples use',
      'Try it locally',
      'More documentation'
    ])
    const jobs = [...text.matchAll(/^### (.+)$/gm)].map(m => m[1])
    for (const job of [
      'deployment pipeline',
      'clean-up',
      'Nightly',
      'Disk Encryption Set',
      'Recovery and drill'
    ])
      expect([job, jobs.some(j => j.includes(job))]).toEqual([job, true])
    // The diagram of the flow, before the contents: GitHub OIDC, the HSM, the escrow, the key, the VM.
    const intro = text.slice(0, text.indexOf('## Contents'))
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(intro)?.[1] ?? ''
    for (const word of ['OIDC', 'HSM', 'escrow', 'Key', 'VM'])
      expect([word, diagram.includes(word)]).toEqual([word, true])
    // Try it locally: the demo, your own inputs, the tests.
    const local = text.slice(text.indexOf('## Try it locally'), text.indexOf('## More documentation'))
    expect(local).toMatch(/^npm ci && npm start\b/m)
    expect(local).toMatch(/^npm run local -- --input /m)
    expect(local).toMatch(/^npm test\b/m)
  })

  it('shows the pinning pattern: the commit SHA first, then @vX.Y.Z, then @vX', () => {
    const pin = text.slice(text.indexOf('### Pin the action'), text.indexOf('## Common jobs'))
    const uses = [...pin.matchAll(/^- uses: (\S+)/gm)].map(m => m[1])
    expect(uses).toEqual(['OWNER/REPO@<full', 'OWNER/REPO@vX.Y.Z', 'OWNER/REPO@vX'])
    expect(pin).toMatch(/^- uses: OWNER\/REPO@<full commit SHA> # vX\.Y\.Z/m)
    expect(pin).toMatch(/release notes give the SHA/)
  })

  it('names in its pipeline what docs/setup.md names: resource group, HSM, stores, certificates, backup', () => {
    const setup = readFileSync('docs/setup.md', 'utf8')
    const sample = parse(
      /The workflow then names these stores:\n\n```yaml\n([\s\S]*?)```/.exec(setup)?.[1] ?? ''
    ) as {
      with: Record<string, string>
    }
    const deploy = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map(
        m =>
          parse(m[1]) as {
            name?: string
            jobs?: Record<string, { steps: Array<{ with?: Record<string, string> }> }>
          }
      )
      .find(w => w?.name === 'deploy')
    const step = Object.values(deploy?.jobs ?? {})
      .flatMap(j => j.steps)
      .find(st => st.with?.['hsm-name'])
    expect(Object.keys(sample.with).length).toBeGreaterThanOrEqual(5)
    for (const [name, value] of Object.entries(sample.with))
      expect([name, step?.with?.[name]]).toEqual([name, value])
    // The recover example reads back what the pipeline escrowed, and the custodians' key files match the
    // certificates' names.
    const recover = text.slice(text.indexOf('### Recovery and drill'))
    expect(recover).toContain(sample.with['key-backup-store'])
    for (const url of sample.with['security-domain-store'].trim().split('\n')) expect(recover).toContain(url)
    expect(recover).toMatch(/custodians\/custodian-1\.pem/)
  })
})

describe('links in the README and docs/', () => {
  it.each(DOCS)('%s: every relative link and anchor resolves', file => {
    const broken: string[] = []
    for (const href of linksOf(file)) {
      if (/^[a-z]+:/i.test(href)) continue
      const [path, anchor] = href.split('#')
      const target = path === '' ? file : normalize(join(dirname(file), decodeURI(path)))
      if (!existsSync(target)) {
        broken.push(`${href}: no ${target}`)
        continue
      }
      if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(target).has(anchor))
        broken.push(`${href}: no heading #${anchor} in ${target}`)
    }
    expect(broken).toEqual([])
  })

  it('reads the links and headings it checks (the check can fail)', () => {
    expect(anchorsOf(README).has('ephemeral-environments-and-their-clean-up')).toBe(true)
    expect(anchorsOf(README).has('who-goes-in-role-assignments')).toBe(true)
    expect(anchorsOf(README).has('no-such-section')).toBe(false)
    expect(linksOf(README)).toEqual(
      expect.arrayContaining([
        'docs/setup.md',
        'docs/performance.md',
        '#ephemeral-environments-and-their-clean-up'
      ])
    )
  })
})

describe('what the documents say about the roles that can release', () => {
  // Managed HSM Crypto User allows keys/release (and decrypt, delete, import…): issue 23 §4 found the README
  // saying otherwise. Nothing may say it cannot release; the role for a VM is Crypto Service Release User.
  const cannotRelease = /Crypto User\b[^.]{0,120}\b(cannot|can't|can not|does not|doesn't) (release|export)/i
  it.each(DOCS)('%s does not say that Managed HSM Crypto User cannot release', file => {
    expect(readFileSync(file, 'utf8').replace(/\s+/g, ' ')).not.toMatch(cannotRelease)
  })
  it('the role guidance says Crypto User can release and names the release-only role for a VM', () => {
    const usage = readFileSync('docs/usage.md', 'utf8').replace(/\s+/g, ' ')
    expect(usage).toMatch(/`Managed HSM Crypto User` \([^)]*\) can release/)
    expect(readFileSync(README, 'utf8')).toMatch(
      /`Managed HSM Crypto Service Release User` \(release, nothing else\) on the one key/
    )
  })
})
