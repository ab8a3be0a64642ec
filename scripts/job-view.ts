/**
 * How a run looks to a person, shared by `npm start` (the demo) and `npm run local`: the job log as the
 * runner shows it, and job summaries rendered from Markdown to HTML as GitHub shows them.
 */
import { marked } from 'marked'
import type { ActionRun } from './local-runner.js'

/** One run to render: its title, its exit code and its job summary (Markdown). */
export interface RenderedRun {
  title: string
  code: number | null
  summary: string
}

/**
 * The job log as the runner shows it: groups as headings with their lines indented, annotations as
 * Warning/Error lines, masked values as ***, other workflow commands consumed.
 */
export function jobLog(run: ActionRun): string {
  const mask = (line: string) => run.masks.reduce((l, m) => l.split(m).join('***'), line)
  const decode = (data: string) =>
    data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%').split('\n').join('\n    ')
  const out: string[] = []
  let indent = ''
  for (const line of run.stdout.split('\n')) {
    const c = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!c) {
      if (line !== '') out.push(`${indent}${mask(line)}`)
      continue
    }
    const [, command, data] = c
    if (command === 'group') {
      out.push(`▼ ${mask(data)}`)
      indent = '  '
    } else if (command === 'endgroup') indent = ''
    else if (command === 'warning' || command === 'error' || command === 'notice')
      out.push(`${indent}${command[0].toUpperCase()}${command.slice(1)}: ${mask(decode(data))}`)
  }
  return out.join('\n')
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )
}

/** One page, a section per run: its title (escaped) and its job summary rendered from Markdown. */
export async function summariesHtml(title: string, runs: RenderedRun[]): Promise<string> {
  const sections = await Promise.all(
    runs.map(
      async (r, i) =>
        `<section id="run-${i + 1}">\n<h2>${i + 1}. ${escapeHtml(r.title)} (exit ${escapeHtml(String(r.code))})</h2>\n` +
        `${r.summary.trim() ? await marked.parse(r.summary, { gfm: true }) : '<p>(no job summary)</p>'}\n</section>`
    )
  )
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}' +
      'section{border-top:1px solid #d0d7de;margin-top:2em}table{border-collapse:collapse}' +
      'th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}' +
      'blockquote{border-left:4px solid #d0d7de;margin:0;padding:0 1em;color:#57606a}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...sections,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
