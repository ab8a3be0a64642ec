/**
 * The structure checks of a job summary rendered as GitHub renders it (Markdown with GFM, to HTML): line
 * breaks kept, no markup from a value from outside (no e-mail, `mailto:` or `xmpp:` link either), every step
 * of the run listed with a known result. Each summary is rendered twice: by cmark-gfm, the C library GitHub
 * itself renders with (its autolink extension finds addresses in text after merging escaped characters back,
 * which `marked` does not), and by `marked`. Used by summary-render.test.ts on its own runs and by the
 * suite's global teardown on every run's summary.
 */
import { spawnSync } from 'node:child_process'
import { marked } from 'marked'
import type { CollectedSummary } from '../../scripts/local-runner.js'
import { ALL_STEPS, MODE_TABLE, STEP_NAMES } from '../../src/config/index.js'

export interface Rendered {
  renderer: 'marked' | 'cmark-gfm'
  html: string
  /** The text as a reader sees it, one entry per rendered line. */
  lines: string[]
}

/** GitHub's extensions; `--unsafe` keeps inline HTML, which GitHub then passes through its sanitizer. */
export const CMARK_GFM = [
  'cmark-gfm',
  '--unsafe',
  '-e',
  'autolink',
  '-e',
  'table',
  '-e',
  'strikethrough',
  '-e',
  'tagfilter'
]
export const CMARK_INSTALL =
  'cmark-gfm is not installed: install it with `apt-get install -y cmark-gfm` (Debian and Ubuntu; see docs/development.md)'

/** The summary as `marked` renders it (GFM). */
export function render(md: string): Rendered {
  return rendered('marked', marked.parse(md, { gfm: true, async: false }))
}

/**
 * The summary as cmark-gfm renders it; a machine without cmark-gfm fails with the install command (`bin`
 * only lets a test name a program that is not there).
 */
export function renderCmark(md: string, bin = CMARK_GFM[0]): Rendered {
  const r = spawnSync(bin, CMARK_GFM.slice(1), { input: md, encoding: 'utf8' })
  if (r.error) throw new Error(`${CMARK_INSTALL} (${r.error.message})`)
  if (r.status !== 0) throw new Error(`cmark-gfm failed (${r.status}): ${r.stderr}`)
  return rendered('cmark-gfm', r.stdout)
}

/** Both renderings, GitHub's own first. */
export function renderings(md: string): Rendered[] {
  return [renderCmark(md), render(md)]
}

function rendered(renderer: Rendered['renderer'], html: string): Rendered {
  // A newline in HTML is a space; only elements break lines.
  const lines = html
    .replace(/\s*\n\s*/g, ' ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/t[dh]>/g, ' ¦ ')
    .replace(/<\/(p|li|tr|h\d|blockquote|ul|table|thead|tbody)>|<(ul|li|p|blockquote)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map(l =>
      decode(l)
        .replace(/ {2,}/g, ' ')
        .replace(/^[\s¦]+|[\s¦]+$/g, '')
    )
    .filter(Boolean)
  return { renderer, html, lines }
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}

/** The summary's own elements; anything else came from a value. */
const OWN_TAGS = new Set([
  'wbr',
  'h2',
  'h3',
  'p',
  'strong',
  'code',
  'br',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'li',
  'a'
])
const OWN_LINKS =
  /^https:\/\/(portal\.azure\.com\/#resource\/subscriptions\/|github\.com\/contoso\/hsm-bootstrap\/actions\/runs\/)/
/** The summary's own emphasis: the headline (it starts with the result's sign) and "What to do:". */
const OWN_STRONG = /^(✅|❌|⚠️|📝) |^What to do:$|^Critical:$/

export function markupProblems(r: Rendered): string[] {
  const problems: string[] = []
  for (const m of r.html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [tag, name, attrs] = m
    if (!OWN_TAGS.has(name.toLowerCase())) problems.push(`a foreign tag ${tag}`)
    else if (name === 'a') {
      const href = /^ href="([^"]*)"$/.exec(attrs)?.[1]
      if (href && /^\s*(mailto|xmpp):/i.test(decode(href)))
        problems.push(`a ${decode(href).split(':')[0]}: link ${tag}`)
      else if (!tag.startsWith('</') && !(href && OWN_LINKS.test(decode(href))))
        problems.push(`a foreign link ${tag}`)
    } else if (attrs.trim()) problems.push(`an attribute in ${tag}`)
  }
  for (const m of r.html.matchAll(/<strong>([^<]*)<\/strong>/g))
    if (!OWN_STRONG.test(decode(m[1]))) problems.push(`foreign emphasis ${m[0]}`)
  return problems
}

export function lineBreakProblems(r: Rendered): string[] {
  const problems: string[] = []
  // The summary's own advice opens a paragraph; "What to do:" elsewhere in a line is a value's text.
  for (const m of r.html.matchAll(/(<p>\s*)?<strong>What to do:<\/strong>/g))
    if (!m[1])
      problems.push(`"What to do" inside a line: ${r.html.slice(Math.max(0, m.index - 40), m.index + 40)}`)
  for (const l of r.lines) {
    if ((l.match(/ -> /g) ?? []).length > 1) problems.push(`two changes on one line: ${l}`)
    if ((l.match(/, inputs /g) ?? []).length > 1) problems.push(`two findings on one line: ${l}`)
  }
  return problems
}

/** The steps a run with these inputs runs (or would have run): its mode, or the chosen steps. */
function expectedSteps(i: CollectedSummary['inputs']): string[] {
  const mode = i.mode || 'apply'
  if (mode in MODE_TABLE && !MODE_TABLE[mode as keyof typeof MODE_TABLE].runsSteps) return [mode]
  const asked = (i.steps ?? '').toLowerCase().split(/[\s,]+/)
  const named = STEP_NAMES.filter(s => asked.includes(s))
  return named.length ? named : ALL_STEPS.filter(s => s !== 'des' || i['disk-encryption-set'])
}

const RESULT =
  /^(🆕 created|✏️ updated|✅ unchanged|✅ in sync|🆕 would create|📝 would update|⚠️ drift|⏭️ not checked yet|❌ failed|⏹️ not run( \(sign-in failed\))?|🗑️ .+|⏸️ left alone|✅ nothing to delete|⚠️ (already )?deleted, held by purge protection until .+|(✅|⚠️) (recovered|rehearsal passed): .+|(✅|⚠️) \d+ of \d+ key subsets recover)$/

/** The rows of the Steps table: step name and result, from the HTML. */
export function stepRows(html: string): Array<[string, string]> {
  const table = /<h3>Steps<\/h3>\s*<table>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? ''
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row => {
    const cells = [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map(c =>
      decode(c[1].replace(/<[^>]*>/g, '')).trim()
    )
    return [cells[0], cells[1]]
  })
}

export function stepProblems(html: string, i: CollectedSummary['inputs']): string[] {
  const rows = stepRows(html)
  const problems: string[] = []
  for (const step of expectedSteps(i))
    if (!rows.some(([name]) => name === step || name.startsWith(`${step} `)))
      problems.push(`step ${step} not listed`)
  for (const [name, result] of rows)
    if (!RESULT.test(result)) problems.push(`step ${name}: result '${result}'`)
  return problems
}

/** Every problem of one collected summary, each prefixed with where it came from. */
export function summaryProblems(c: CollectedSummary, where: string): string[] {
  return renderings(c.summary).flatMap(r =>
    [...markupProblems(r), ...lineBreakProblems(r), ...stepProblems(r.html, c.inputs)].map(
      p => `${where} (${c.inputs.mode ?? 'apply'}, ${r.renderer}): ${p}`
    )
  )
}
