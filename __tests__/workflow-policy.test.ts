/**
 * Every workflow of .github/workflows grants least privilege and runs only pinned code: the workflow's own
 * `permissions:` grant nothing beyond `contents: read` (a job that needs more says so itself, with only what
 * this project's jobs need), and every action is pinned by a full commit SHA (a tag can be moved under us)
 * with its version in a comment for Dependabot and reviewers, the same SHA wherever the same version is used.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'

type Permissions = Record<string, string> | string | undefined
interface Workflow {
  permissions?: Permissions
  jobs: Record<string, { permissions?: Permissions; steps?: Array<{ uses?: string }>; uses?: string }>
}

const FILES = readdirSync('.github/workflows').filter(f => /\.ya?ml$/.test(f))
const text = (f: string): string => readFileSync(`.github/workflows/${f}`, 'utf8')
const workflow = (f: string): Workflow => parse(text(f)) as Workflow

/** What a job may be granted, and the only jobs that may have it. */
const WRITES: Record<string, string[]> = {
  'contents: write': ['release.yml/release', 'release.yml/major-tag'],
  'id-token: write': ['release.yml/release'],
  'attestations: write': ['release.yml/release']
}

function grants(p: Permissions): string[] {
  if (p === undefined) return []
  if (typeof p === 'string') return [p]
  return Object.entries(p).map(([k, v]) => `${k}: ${v}`)
}

describe('workflow permissions', () => {
  it('finds the workflows it checks', () => {
    expect(FILES).toEqual(expect.arrayContaining(['ci.yml', 'self-test.yml', 'release.yml']))
  })

  it.each(FILES)('%s: the workflow grants at most contents: read, never read-all or write-all', f => {
    const w = workflow(f)
    expect(w.permissions).toBeDefined()
    expect(grants(w.permissions).filter(g => g !== 'contents: read')).toEqual([])
  })

  it.each(FILES)('%s: each write a job holds is one this job needs', f => {
    const extra: string[] = []
    for (const [name, job] of Object.entries(workflow(f).jobs))
      for (const g of grants(job.permissions)) {
        if (g === 'contents: read' || g.endsWith(': none')) continue
        if (!WRITES[g]?.includes(`${f}/${name}`)) extra.push(`${name}: ${g}`)
      }
    expect(extra).toEqual([])
  })

  it('the check can fail: a broad grant is seen', () => {
    expect(grants('write-all')).toEqual(['write-all'])
    expect(grants({ contents: 'write', packages: 'read' })).toEqual(['contents: write', 'packages: read'])
  })
})

describe('pinned actions', () => {
  /** Every `uses:` line with its comment, as written (parse drops comments). */
  const uses = FILES.flatMap(f =>
    text(f)
      .split('\n')
      .map(l => /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m && !m[1].startsWith('./'))
      .map(m => ({ file: f, ref: m[1], comment: m[2].trim() }))
  )

  it('finds every action step (the parsed workflows agree with the lines read)', () => {
    const parsed = FILES.flatMap(f =>
      Object.values(workflow(f).jobs).flatMap(j => [
        ...(j.steps ?? []).map(s => s.uses),
        ...(j.uses ? [j.uses] : [])
      ])
    ).filter((u): u is string => !!u && !u.startsWith('./'))
    expect(uses.map(u => u.ref).sort()).toEqual(parsed.sort())
    expect(uses.map(u => u.ref)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^actions\/attest-build-provenance@/)])
    )
  })

  it('pins each by a full commit SHA with its version in a comment', () => {
    const loose = uses.filter(
      u => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(u.ref) || !/^# v\d+\.\d+\.\d+$/.test(u.comment)
    )
    expect(loose.map(u => `${u.file}: ${u.ref} ${u.comment}`)).toEqual([])
  })

  it('uses one SHA per action version across the workflows', () => {
    const seen = new Map<string, Set<string>>()
    for (const u of uses) {
      const key = `${u.ref.split('@')[0]} ${u.comment}`
      seen.set(key, (seen.get(key) ?? new Set()).add(u.ref.split('@')[1]))
    }
    expect([...seen].filter(([, shas]) => shas.size > 1).map(([k]) => k)).toEqual([])
  })
})
