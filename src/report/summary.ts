/** The job summary: a table of what each step did, the outputs, and links. Never a secret. */
import * as core from '@actions/core'
import type { CloudEndpoints } from '../auth/clouds.js'
import { reportedCustody, type Config } from '../config/index.js'
import type { StepResult } from '../run/step.js'
import { formatDuration } from '../azure/wait.js'
import { codeMarkdown, escapeMarkdown, linkMarkdown } from './markdown.js'
import { runUrl } from './run-url.js'
import type { Outputs } from './outputs.js'

export interface RunReport {
  config: Config
  cloud: CloudEndpoints
  results: StepResult[]
  outputs: Outputs
  error?: string
}

const STATUS_ICON: Record<StepResult['status'], string> = {
  created: '🆕 created',
  updated: '✏️ updated',
  unchanged: '✅ unchanged',
  planned: '📝 would change',
  drift: '⚠️ drift',
  skipped: '⏭️ not checked yet',
  failed: '❌ failed'
}

export function summaryMarkdown(r: RunReport): string {
  // Every value from outside (names, messages, tags, URLs, outputs) goes through markdown.ts.
  const lines: string[] = []
  lines.push(
    `## Managed HSM for Secure Key Release: ${codeMarkdown(r.config.hsmName)} (${escapeMarkdown(r.config.mode)})`,
    ''
  )
  if (r.error) lines.push(`> [!CAUTION]`, `> ${escapeMarkdown(r.error)}`, '')
  const custody = reportedCustody(r.config)
  if (custody) lines.push('> [!WARNING]', `> ${escapeMarkdown(custody)}`, '')
  lines.push('| Step | Result | Changes | Duration |', '| --- | --- | --- | --- |')
  for (const s of r.results) {
    const changes = [...s.changes, ...s.notes.map(n => `⚠️ ${n}`)].map(escapeMarkdown).join('<br>') || '—'
    lines.push(
      `| ${escapeMarkdown(s.step)} | ${STATUS_ICON[s.status]} | ${changes} | ${formatDuration(s.durationMs)} |`
    )
  }
  lines.push('', '| Output | Value |', '| --- | --- |')
  for (const [k, v] of Object.entries(r.outputs))
    lines.push(`| ${codeMarkdown(k)} | ${codeMarkdown(v ?? '')} |`)
  const links: string[] = []
  if (r.outputs.HSM_RESOURCE_ID)
    links.push(
      linkMarkdown(
        'Managed HSM in the Azure portal',
        `${r.cloud.portal}/#resource${r.outputs.HSM_RESOURCE_ID}`
      )
    )
  const run = runUrl()
  if (run) links.push(linkMarkdown('This run', run))
  if (links.length) lines.push('', links.join(' · '))
  return lines.join('\n') + '\n'
}

export async function writeSummary(r: RunReport): Promise<void> {
  if (!r.config.summary || !process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(summaryMarkdown(r)).write()
}
