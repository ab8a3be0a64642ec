/**
 * Benchmark bookkeeping: samples, medians, verdicts against targets, and the printed table.
 * A figure is either measured (samples) or n/a with the reason it could not be measured.
 */

export interface Summary {
  median: number
  min: number
  max: number
  runs: number
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
  return { median, min: s[0], max: s[s.length - 1], runs: s.length }
}

/** How a figure is judged: at most / at least a bound, or only reported. */
export type Target =
  | { kind: 'max'; value: number; text: string }
  | { kind: 'min'; value: number; text: string }
  | { kind: 'report'; text: string }

export interface Row {
  figure: string
  target: Target
  unit: Unit
  /** Samples, or the reason the figure is n/a. */
  samples: number[] | { na: string }
  /** Overrides the computed verdict (e.g. a figure with an extra condition such as "no writes"). */
  verdict?: { pass?: boolean; text: string }
  /** Printed under the table for this row (how it was measured, extrapolations...). */
  note?: string
}

export type Unit = 'ms' | 's' | 'count' | 'ratio' | 'MB' | 'bytes' | 'per-min'

export function format(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return `${Math.round(value)} ms`
    case 's':
      return `${value.toFixed(2)} s`
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1)
    case 'ratio':
      return `${value.toFixed(2)}×`
    case 'MB':
      return `${value.toFixed(0)} MB`
    case 'bytes':
      return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MiB` : `${value} B`
    case 'per-min':
      return `${value.toFixed(2)}/min`
  }
}

export function isNa(samples: Row['samples']): samples is { na: string } {
  return !Array.isArray(samples)
}

export function verdictOf(row: Row): { pass?: boolean; text: string } {
  if (isNa(row.samples)) return { pass: undefined, text: `n/a: ${row.samples.na}` }
  if (row.verdict) return row.verdict
  const t = row.target
  if (t.kind === 'report') return { pass: undefined, text: 'reported' }
  const { median } = summarize(row.samples)
  const ok = t.kind === 'max' ? median <= t.value : median >= t.value
  const delta = Math.abs(median - t.value)
  const pct = t.value === 0 ? undefined : Math.round((delta / t.value) * 100)
  if (ok && delta === 0) return { pass: true, text: t.value === 0 ? 'PASS' : 'PASS (at the limit)' }
  if (ok)
    return {
      pass: true,
      text: `PASS, ${format(delta, row.unit)} margin${pct === undefined ? '' : ` (${pct}% ${t.kind === 'max' ? 'under' : 'over'})`}`
    }
  return {
    pass: false,
    text: `MISS by ${format(delta, row.unit)}${pct === undefined ? '' : ` (${pct}% ${t.kind === 'max' ? 'over' : 'under'})`}`
  }
}

/** Plain-text table with aligned columns. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|')
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(esc).join(' | ')} |`)
  ].join('\n')
}

export const TABLE_HEADER = ['figure', 'target', 'median', 'min', 'max', 'runs', 'verdict']

export function tableCells(row: Row): string[] {
  const v = verdictOf(row)
  if (isNa(row.samples)) {
    const reason = row.samples.na.split('\n')[0]
    return [
      row.figure,
      row.target.text,
      'n/a',
      '',
      '',
      '0',
      `n/a: ${reason.length > 70 ? `${reason.slice(0, 67)}...` : reason}`
    ]
  }
  const s = summarize(row.samples)
  return [
    row.figure,
    row.target.text,
    format(s.median, row.unit),
    format(s.min, row.unit),
    format(s.max, row.unit),
    String(s.runs),
    v.text
  ]
}
