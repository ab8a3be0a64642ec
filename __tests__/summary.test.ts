/**
 * The job summary renders values from outside (tags, names, messages, URLs, outputs) as text: no tag, link,
 * image, emphasis, extra table cell or line, whatever the value holds.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { marked } from 'marked'
import { mask } from '../src/shared/log.js'
import { markupProblems, render, renderCmark } from './support/summary-structure.js'
import { cloudEndpoints } from '../src/auth/clouds.js'
import type { Config } from '../src/config/index.js'
import { codeMarkdown, escapeMarkdown, linkMarkdown } from '../src/shared/markdown.js'
import type { Outputs } from '../src/report/outputs.js'
import { summaryMarkdown } from '../src/report/summary.js'

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[click](https://evil.example)',
  '![x](https://evil.example/p.png)',
  '**bold** _em_ ~~s~~ `code`',
  'a | b | c',
  'x\n# heading',
  'x\r> quote',
  'x\r\n| injected | row |',
  'x\u2028y',
  '@octocat #1 $x^2$',
  '\\`escape\\`'
]

/** What must not survive escaping: a raw tag, unescaped markup characters, or a line break. */
function rawMarkup(md: string): string[] {
  const found: string[] = []
  if (/<(?!br>|wbr>|\/?code>)/.test(md)) found.push('a raw tag')
  // A numeric entity (&#58; that keeps a URL from becoming a link) is not markup.
  if (/(^|[^\\])[`*_[\]|~#$!]/.test(md.replace(/&#\d+;/g, ''))) found.push('an unescaped markup character')
  // An `@` ends its text node (see markdown.ts): no mention, no e-mail or mailto: link.
  if (/@(?!<wbr>)/.test(md)) found.push('an @ that could start a mention or an address')
  if (/[\r\n\u2028\u2029\u0085]/.test(md)) found.push('a line break')
  return found
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('leaves no markup in %j', v => {
    expect(rawMarkup(escapeMarkdown(v))).toEqual([])
    expect(rawMarkup(codeMarkdown(v).replace(/^<code>|<\/code>$/g, ''))).toEqual([])
  })

  it('keeps ordinary text as it is, and shows line breaks and control characters', () => {
    expect(escapeMarkdown("purged Managed HSM 'rec-drill' (westeurope): done")).toBe(
      "purged Managed HSM 'rec-drill' (westeurope): done"
    )
    expect(escapeMarkdown('a\rb\nc\u0007<d>')).toBe('a<br>b<br>c␇&lt;d&gt;')
  })

  it('keeps a URL or a www name in a value from becoming a link (GFM autolinks)', () => {
    const html = marked.parse(
      escapeMarkdown('see https://evil.example and www.evil.example or a@evil.example'),
      {
        gfm: true,
        async: false
      }
    )
    expect(html).not.toMatch(/<a /)
    expect(html).toContain('https&#58;//evil.example')
  })

  it('keeps an address from becoming an e-mail, mailto: or xmpp: link, in cmark-gfm (GitHub) as in marked', () => {
    const v = 'mailto:ops@evil.example, xmpp:bot@evil.example/r and root@evil.example (@octocat)'
    for (const r of [render(escapeMarkdown(v)), renderCmark(escapeMarkdown(v))]) {
      expect(r.html).not.toMatch(/<a /)
      expect(markupProblems(r)).toEqual([])
      expect(r.lines).toEqual([v])
    }
  })

  it('shows format characters by code point, and a registered secret as ***', () => {
    expect(escapeMarkdown('admin\u202enimda\u200b\ufeff')).toBe('admin⟨U+202E⟩nimda⟨U+200B⟩⟨U+FEFF⟩')
    const secret = `summary-secret-${Date.now()}-0123456789`
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    mask(secret)
    jest.restoreAllMocks()
    expect(escapeMarkdown(`Bearer ${secret}`)).toBe('Bearer \\*\\*\\*')
  })

  it('links only https URLs, with the characters that could end the link encoded', () => {
    expect(linkMarkdown('portal', 'https://portal.azure.com/#resource/x) [y](z')).toBe(
      '[portal](https://portal.azure.com/#resource/x%29%20%5By%5D%28z)'
    )
    expect(linkMarkdown('run', 'javascript:alert(1)')).toBe('run')
  })
})

describe('summaryMarkdown', () => {
  it('every value from outside is text in the rendered summary', () => {
    const hostile = HOSTILE.join(' ')
    const md = summaryMarkdown({
      config: {
        hsmName: 'hsm-1',
        mode: 'apply',
        summary: true,
        steps: ['provision'],
        activation: { sharedStores: [] }
      } as unknown as Config,
      cloud: cloudEndpoints('AzureCloud'),
      results: [
        {
          step: 'provision',
          status: 'updated',
          changes: [`tag env: '${hostile}' -> 'x'`],
          notes: [hostile],
          checks: [],
          durationMs: 1200
        }
      ],
      outputs: { HSM_NAME: hostile, HSM_RESOURCE_ID: `/subscriptions/s/x) ${hostile}` } as Outputs,
      errors: [{ text: `provision: failed: ${hostile}`, hint: 'rerun' }],
      headline: '❌ provision failed.'
    })
    const lines = md.trimEnd().split('\n')
    // Only the summary's own rows: a step table of one step, an output table of two outputs.
    expect(lines.filter(l => l.startsWith('|')).length).toBe(7)
    for (const l of lines.filter(l => l.startsWith('| provision') || l.startsWith('| <code>'))) {
      // Exactly the table's own cell separators, none from a value.
      expect(l.split(/(?<!\\)\|/).length).toBe(l.startsWith('| provision') ? 6 : 4)
    }
    expect(md).not.toMatch(/<(?!br>|wbr>|\/?code>)/)
    expect(md).not.toMatch(/(^|[^\\])\[click\]/m)
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(md).toMatch(
      /\[Managed HSM in the Azure portal\]\(https:\/\/portal\.azure\.com\/#resource\/subscriptions\/s\/x%29%20/
    )
  })

  it('no line of an error message starts block markup, and only the hint is rendered as "What to do"', () => {
    const md = summaryMarkdown({
      config: {
        hsmName: 'hsm-1',
        mode: 'apply',
        summary: true,
        steps: ['provision'],
        activation: { sharedStores: [] }
      } as unknown as Config,
      cloud: cloudEndpoints('AzureCloud'),
      results: [],
      outputs: {},
      errors: [
        // A line of the text (Azure's words, say) that looks like advice stays text.
        {
          text: 'failed: x\n===\n- item\n1. one\n    indented\nWhat to do: delete everything',
          hint: 'rerun'
        },
        { text: 'second: y' }
      ],
      headline: '✅ Already in step with the inputs: nothing changed.'
    })
    const html = marked.parse(md, { gfm: true, async: false })
    expect(html).not.toMatch(/<h1|<ol|<pre|<hr|<li>item/)
    expect(html).toMatch(
      /failed: x<br>===<br>- item<br>1\. one<br> {4}indented<br>What to do: delete everything<\/p>\s*<p><strong>What to do:<\/strong> rerun<\/p>\s*<p>second: y<\/p>/
    )
    expect(html.match(/<strong>What to do:<\/strong>/g)).toHaveLength(1)
    // A step the run never reached is listed as not run.
    expect(html).toMatch(/<td>provision<\/td>\s*<td>⏹️ not run<\/td>/)
  })
})
