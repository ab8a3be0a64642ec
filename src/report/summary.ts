/**
 * The job summary: what the run did in one line, what failed and what to do, every step (ran or not run),
 * the drift findings, the escrow, the outputs and links. Never a secret. GitHub joins lines of a paragraph
 * or a table cell into one, so every line break is an explicit `<br>` or a new list item.
 */
import { appendFile } from 'node:fs/promises'
import type { CloudEndpoints } from '../auth/clouds.js'
import {
  ALL_STEPS,
  isSingleMode,
  MODE_TABLE,
  MODES,
  reportedCustody,
  STEP_NAMES,
  type Config
} from '../config/index.js'
import type { AttestationRecord, EscrowRecord } from '../run/context.js'
import { attestationSection } from './attestation.js'
import { HELD, type StepResult } from '../run/step.js'
import { formatDuration } from '../azure/wait.js'
import type { DriftReport } from './drift.js'
import { CAPABILITY_WORDS } from '../posture/capabilities.js'
import type { Holder, PostureResult } from '../posture/index.js'
import { CUSTODIAN_RECOVERY_NOT_PROVEN } from '../posture/escrow-words.js'
import { escrowProofs, finding, sides, whatToDo } from './findings.js'
import { codeMarkdown, escapeMarkdown, linkMarkdown } from '../shared/markdown.js'
import { runUrl } from '../shared/run-url.js'
import type { Outputs } from './outputs.js'
import type { Failure } from '../shared/errors.js'

export interface RunReport {
  config: Config
  cloud: CloudEndpoints
  results: StepResult[]
  outputs: Outputs
  /** What failed, each with the action's advice apart from it (only that is rendered as "What to do"). */
  errors?: Failure[]
  /** The run stopped at the sign-in (GitHub OIDC or Entra ID), not at a step's own work. */
  signInFailed?: boolean
  /** plan and verify: the drift report, for the findings in words. */
  drift?: DriftReport
  /** What this run's activation escrowed. */
  escrowed?: EscrowRecord
  /** The key version's attestation, when this run fetched it (or was told not to). */
  attestation?: AttestationRecord
  /** apply, plan and verify: who can take the key and the HSM's posture, as Azure holds them. */
  posture?: PostureResult
  /** The mode's own line for the run (modes/), said unless the sign-in failed or the run was refused. */
  headline: string
}

const STATUS: Record<StepResult['status'], string> = {
  created: '🆕 created',
  updated: '✏️ updated',
  unchanged: '✅ unchanged',
  planned: '📝 would update',
  drift: '⚠️ drift',
  skipped: '⏭️ not checked yet',
  failed: '❌ failed'
}
const NOT_RUN = '⏹️ not run'

export function summaryMarkdown(r: RunReport): string {
  // Every value from outside (names, messages, tags, URLs, outputs) goes through markdown.ts.
  const { config, results } = r
  const md: string[] = [heading(config.hsmName, config.mode), `**${headline(r)}**`, '']
  if (r.errors?.length) md.push(...caution(r.errors))
  const custody = reportedCustody(config)
  if (custody) md.push('> [!WARNING]', `> ${escapeMarkdown(custody)}`, '')
  if (MODE_TABLE[config.mode].proves && r.drift) md.push(...driftSection(r.drift))
  md.push(...stepTable(r))
  if (r.posture) md.push(...holderSection(r.posture), ...postureSection(r.posture))
  if (MODE_TABLE[config.mode].provesSubsets) md.push(...subsetSection(results))
  if (r.escrowed) md.push(...escrowSection(r.escrowed, r.posture))
  if (r.attestation) md.push(...attestationSection(r.attestation))
  md.push(...warningSection(r))
  md.push('### Outputs', '', '| Output | Value |', '| --- | --- |')
  for (const [k, v] of Object.entries(r.outputs)) md.push(`| ${codeMarkdown(k)} | ${codeMarkdown(v ?? '')} |`)
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
  if (links.length) md.push('', links.join(' · '))
  return md.join('\n') + '\n'
}

/**
 * The summary of a run whose inputs were refused: nothing was read or changed, no step ran. The names come
 * straight from the (refused) inputs, so they are escaped like any value from outside.
 */
export function inputFailureMarkdown(hsmName: string, mode: string, steps: string[], error: string): string {
  return [
    heading(hsmName, mode),
    '**❌ Input validation failed: nothing was read or changed in Azure.**',
    '',
    ...caution([{ text: error }]),
    '### Steps',
    '',
    '| Step | Result | Details | Duration |',
    '| --- | --- | --- | --- |',
    ...steps.map(s => `| ${escapeMarkdown(s)} | ${NOT_RUN} | — | — |`),
    ''
  ].join('\n')
}

function heading(hsmName: string, mode: string): string {
  return `## Managed HSM for Secure Key Release: ${codeMarkdown(hsmName || '(no hsm-name)')} (${escapeMarkdown(mode || 'apply')})\n`
}

/**
 * The run in one line, from its own words only (no value from outside): a failed sign-in or a refusal before
 * any step is said alike in every mode; otherwise the mode's own line.
 */
function headline(r: RunReport): string {
  const { results, config } = r
  const changed = results.filter(s => s.status === 'created' || s.status === 'updated').length
  if (r.signInFailed)
    return `❌ Sign-in to Azure failed: ${changed ? 'the steps before it ran as listed' : 'nothing was read or changed in Azure'}.`
  if (results.length === 0 && r.errors?.length && !isSingleMode(config.mode))
    return '❌ Refused before any step ran: nothing was changed in Azure.'
  return r.headline
}

/**
 * The failures as a caution: each line of a failure's text its own line, and the action's advice for it (the
 * hint, never a line of the text, which may hold Azure's words) a "What to do" paragraph of its own. The
 * lines join with `<br>` in one source line, so no line of a message can start Markdown's block markup.
 */
function caution(failures: Failure[]): string[] {
  const paragraphs = failures.flatMap(f => {
    const lines = f.text.split(/\r\n|[\n\r\u2028\u2029\u0085]/).filter(l => l.trim())
    return [
      ...(lines.length ? [lines.map(escapeMarkdown).join('<br>')] : []),
      ...(f.hint ? [`**What to do:** ${escapeMarkdown(f.hint)}`] : [])
    ]
  })
  return ['> [!CAUTION]', paragraphs.map(p => `> ${p}`).join('\n>\n'), '']
}

/** Every step of the run: the ones that ran with their result, the others as not run. */
function stepTable(r: RunReport): string[] {
  const { config, results } = r
  const planned = isSingleMode(config.mode) ? [config.mode] : config.steps
  const rows = results.map(s => stepRow(r, s))
  for (const name of planned)
    if (!results.some(s => s.step === name || s.step.startsWith(`${name} `)))
      rows.push(
        `| ${escapeMarkdown(name)} | ${NOT_RUN} | ${r.errors?.length ? 'stopped before this step' : '—'} | — |`
      )
  return ['### Steps', '', '| Step | Result | Details | Duration |', '| --- | --- | --- | --- |', ...rows, '']
}

function stepRow(r: RunReport, s: StepResult): string {
  const { runsSteps, writes, proves } = MODE_TABLE[r.config.mode]
  const readOnly = runsSteps && !writes
  const lines = [
    ...s.changes.map(c => (c.startsWith('  ') ? `– ${readOnly ? sides(c) : c.trim()}` : c)),
    ...s.notes.map(n => `⚠️ ${n}`),
    ...(s.info ?? []).map(n => `ℹ️ ${n}`)
  ].map(escapeMarkdown)
  // A step stopped by a finding (plan, verify) says which, in its own row too.
  if (lines.length === 0)
    for (const c of s.checks.filter(x => x.status !== 'ok' && typeof x.actual === 'string'))
      lines.push(`⚠️ ${escapeMarkdown(String(c.actual).split('\n')[0])}`)
  if (lines.length === 0 && s.status === 'unchanged' && !s.error) lines.push('nothing to change')
  let result = s.label ? labelled(s) : STATUS[s.status]
  if (s.status === 'planned' && s.creates) result = '🆕 would create'
  if (s.status === 'unchanged' && proves) result = '✅ in sync'
  if (s.error) {
    result = r.signInFailed ? `${NOT_RUN} (sign-in failed)` : STATUS.failed
    // Said once: an error the caution block above already holds is pointed to, not repeated.
    const first = s.error.split('\n')[0]
    const above = r.errors?.some(f => f.text.split('\n')[0] === first)
    lines.push(
      r.signInFailed
        ? 'sign-in failed: see above'
        : above
          ? '❌ failed: see the error above'
          : `❌ ${escapeMarkdown(first)}`
    )
  }
  return `| ${escapeMarkdown(s.step)} | ${result} | ${lines.join('<br>') || '—'} | ${formatDuration(s.durationMs)} |`
}

function labelled(s: StepResult): string {
  const label = s.label ?? ''
  const icon =
    s.status === 'failed'
      ? '❌'
      : s.status === 'drift'
        ? '⚠️'
        : label.includes(HELD)
          ? '⚠️'
          : /delet|purg/.test(label)
            ? '🗑️'
            : /left alone/.test(label)
              ? '⏸️'
              : '✅'
  return `${icon} ${label}`
}

/** verify: the findings in words (Azure's side and the inputs' side) and what to do; or in sync and the escrow proofs. */
function driftSection(report: DriftReport): string[] {
  // Warnings and information are in the posture table; here, what makes the report drift or error.
  const bad = report.checks.filter(
    c => c.severity === 'critical' || c.severity === 'drift' || c.severity === 'error'
  )
  if (bad.length === 0) {
    const proofs = escrowProofs(report.checks)
    return [
      '### In sync',
      '',
      `Azure matches the inputs: ${report.checks.length} check(s) passed.`,
      ...(proofs.length
        ? ['', 'Escrow proofs that passed:', '', ...proofs.map(p => `- ${escapeMarkdown(p)}`)]
        : []),
      ''
    ]
  }
  const findings = bad.map(c => finding(c, 'verify'))
  const todo = whatToDo(findings)
  return [
    '### Drift: Azure differs from the inputs',
    '',
    ...findings.flatMap((f, i) => [
      `- ${bad[i].severity === 'critical' ? '**Critical:** ' : ''}${escapeMarkdown(f.text)}`,
      ...f.details.map(d => `  - ${escapeMarkdown(d)}`)
    ]),
    '',
    ...(todo ? [`**What to do:** ${escapeMarkdown(todo)}`, ''] : [])
  ]
}

/** Every role assignment that reaches the key: principal, role, scope, what it allows, intended or not. */
function holderSection(p: PostureResult): string[] {
  if (!p.holders) return []
  const rows = [...p.holders]
    .sort((a, b) => rank(a) - rank(b))
    .map(h => {
      const intended = h.intendedAs
        ? `✅ ${escapeMarkdown(h.intendedAs)}`
        : h.severity === 'critical'
          ? '❌ not intended (critical)'
          : '⚠️ not intended'
      const role = `${escapeMarkdown(h.roleName)}${h.custom ? ' (custom)' : ''}`
      const allows = h.allows.map(a => CAPABILITY_WORDS[a]).join(', ') || 'nothing on the key'
      return `| ${codeMarkdown(h.principalId)} | ${role} | ${codeMarkdown(h.scope)} | ${allows} | ${intended} |`
    })
  return [
    '### Who can take the key',
    '',
    '| Principal | Role | Scope | Allows | Intended |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length ? rows : ['| — | — | — | nobody | — |']),
    ''
  ]
}

function rank(h: Holder): number {
  return h.intendedAs ? 3 : h.severity === 'critical' ? 0 : 1
}

const SEVERITY_SIGN: Record<string, string> = {
  ok: '✅ ok',
  critical: '❌ critical',
  drift: '⚠️ drift',
  warning: '⚠️ warning',
  info: 'ℹ️ info'
}

/** The HSM's settings, key versions, escrow and stores as assessed: state, severity, what to do. */
function postureSection(p: PostureResult): string[] {
  const items = p.items.filter(i => !i.id.startsWith('access.'))
  const errors = p.checks.filter(c => c.status === 'error')
  if (items.length === 0 && errors.length === 0) return []
  const order = ['critical', 'drift', 'warning', 'info', 'ok']
  const rows = [...items]
    .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
    .map(
      i =>
        `| ${escapeMarkdown(i.setting)} | ${[i.state, ...(i.details ?? [])].map(escapeMarkdown).join('<br>')} | ${SEVERITY_SIGN[i.severity]} | ${escapeMarkdown(i.todo ?? '') || '—'} |`
    )
  for (const e of errors)
    rows.push(
      `| ${escapeMarkdown(e.id.replace(/^posture\./, ''))} | could not be checked: ${escapeMarkdown(String(e.actual ?? '').split('\n')[0])} | ❌ error | — |`
    )
  return [
    '### Posture',
    '',
    '| Setting | State | Severity | What to do |',
    '| --- | --- | --- | --- |',
    ...rows,
    ''
  ]
}

/** verify-security-domain: which quorum subsets of the keys recover the security domain. */
function subsetSection(results: StepResult[]): string[] {
  const subsets = results.flatMap(s => s.checks).filter(c => Array.isArray(c.desired))
  if (subsets.length === 0) return []
  return [
    '### Key subsets',
    '',
    '| Keys | Recovers the security domain |',
    '| --- | --- |',
    ...subsets.map(
      c =>
        `| ${(c.desired as string[]).map(l => codeMarkdown(l)).join(' + ')} | ${c.status === 'ok' ? '✅ yes' : `❌ no: ${escapeMarkdown(String(c.actual ?? ''))}`} |`
    ),
    ''
  ]
}

/** The first activation: where the security domain and the wrapping keys are escrowed, their SHA-256, the quorum. */
function escrowSection(e: EscrowRecord, posture: PostureResult | undefined): string[] {
  const rows = [
    ...(e.securityDomain?.stores ?? []).map(
      s => `| security domain | ${codeMarkdown(s)} | ${codeMarkdown(e.securityDomain?.sha256 ?? '')} |`
    ),
    ...e.wrappingKeys.map(
      (k, i) => `| wrapping key ${i + 1} | ${codeMarkdown(k.store)} | ${codeMarkdown(k.sha256)} |`
    )
  ]
  return [
    '### Escrow',
    '',
    e.generated
      ? `Quorum: ${e.quorum} of ${e.keyCount} wrapping keys recover the security domain` +
        (e.proven ? ` (all ${e.proven} quorum subsets proven offline in this run).` : '.')
      : custodianClaim(e, posture),
    '',
    '| Escrowed | Where | SHA-256 |',
    '| --- | --- | --- |',
    ...rows,
    ''
  ]
}

/**
 * Custodians' certificates: the run holds none of their private keys, so it says what it checked (the escrowed
 * copy's shares and quorum, judged by the posture's escrow identity) and that recovery is not proven.
 */
function custodianClaim(e: EscrowRecord, posture: PostureResult | undefined): string {
  const identity = posture?.items.find(i => i.id === 'escrow.identity')
  const checked =
    identity?.severity === 'ok'
      ? `Checked in this run: every share of the escrowed security domain is wrapped to one of the ${e.keyCount} custodians' certificates (wrapping-certificates), and it needs ${e.quorum} of them, as quorum says.`
      : `Not checked in this run: whether the escrowed security domain's shares are wrapped to the ${e.keyCount} custodians' certificates with quorum ${e.quorum} (see the posture table).`
  const proof = CUSTODIAN_RECOVERY_NOT_PROVEN.replace(/^r/, 'R')
  return `${checked}<br>${proof}.`
}

/** apply that created something: the weaker choices this environment runs with, said once where they begin. */
function warningSection(r: RunReport): string[] {
  const { config } = r
  if (!MODE_TABLE[config.mode].writes || !r.results.some(s => s.status === 'created')) return []
  const warnings: string[] = []
  if (r.escrowed?.generated)
    warnings.push(
      'The wrapping keys were generated in this run: their private keys are in the escrow stores, reachable from CI. Custodians’ certificates (wrapping-certificates) keep the private keys off CI.'
    )
  if (!config.purgeProtection && config.steps.includes('provision'))
    warnings.push(
      'Purge protection is off: a deleted HSM can be purged at once, with its keys and security domain (purge-protection: true prevents it, permanently).'
    )
  if (!config.keyBackup && config.steps.includes('key'))
    warnings.push(
      'No key backup (key-backup-store): mode: recover can restore the security domain, but not this key.'
    )
  if (warnings.length === 0) return []
  return ['### Warnings', '', ...warnings.map(w => `- ⚠️ ${w}`), '']
}

export async function writeSummary(r: RunReport): Promise<void> {
  if (!r.config.summary || !process.env.GITHUB_STEP_SUMMARY) return
  await appendSummary(summaryMarkdown(r))
}

/**
 * Appends to the job summary file, as @actions/core's summary.write() does; written here so that a refused
 * input's summary does not load @actions/core (and its HTTP client) on the fast failure path.
 */
async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (file) await appendFile(file, markdown, { encoding: 'utf8' })
}

/** The input-refused summary, unless the summary input says no (read leniently: the inputs were refused). */
export async function writeInputFailureSummary(
  getInput: (name: string) => string,
  error: string
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY || getInput('summary').trim().toLowerCase() === 'false') return
  const mode = getInput('mode').trim() || 'apply'
  await appendSummary(
    inputFailureMarkdown(getInput('hsm-name').trim(), mode, stepsAsked(getInput, mode), error)
  )
}

/** The steps a refused run would have run, read leniently: the known names asked for, in their order. */
function stepsAsked(getInput: (name: string) => string, mode: string): string[] {
  const known = MODES.find(m => m === mode)
  if (known && isSingleMode(known)) return [known]
  const asked = getInput('steps')
    .toLowerCase()
    .split(/[\s,]+/)
  const named = STEP_NAMES.filter(s => asked.includes(s))
  if (named.length) return named
  return ALL_STEPS.filter(s => s !== 'des' || getInput('disk-encryption-set').trim())
}
