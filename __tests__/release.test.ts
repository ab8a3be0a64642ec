/**
 * The release workflow's checks (.github/workflows/release.yml calls each of them): the tag's form, the
 * version, the tag on main's history (a real git repository), the notes from CHANGELOG.md with the commit to
 * pin, the major tag move (pushed to a real bare remote), and the dist/ comparison.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { distDifferences } from '../scripts/check-dist.js'
import { moveMajorTag } from '../scripts/release/major-tag.js'
import { changelogEntries, latestVersion, releaseNotes } from '../scripts/release/notes.js'
import { checkOnMain, git } from '../scripts/release/on-main.js'
import { parseTag } from '../scripts/release/tag.js'
import { checkVersion } from '../scripts/release/version.js'
import { runCommand } from '../scripts/release/cli.js'

const temp = mkdtempSync(join(tmpdir(), 'release-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))
let dirs = 0
const dir = (): string => {
  const d = join(temp, String(dirs++))
  mkdirSync(d)
  return d
}

const SHA = '0123456789abcdef0123456789abcdef01234567'
const changelog = readFileSync('CHANGELOG.md', 'utf8')
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

describe('CHANGELOG.md and package.json', () => {
  it('the top released entry is package.json version, under an Unreleased entry', () => {
    const entries = changelogEntries(changelog)
    expect(entries[0].version).toBe('Unreleased')
    expect(latestVersion(changelog)).toBe(pkg.version)
    expect(changelog).toMatch(
      new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d\\d-\\d\\d$`, 'm')
    )
  })

  it('every released entry is a version with a date, newest first', () => {
    const released = [...changelog.matchAll(/^## (.+)$/gm)].map(m => m[1]).slice(1)
    expect(released.length).toBeGreaterThan(0)
    for (const h of released) expect(h).toMatch(/^\[\d+\.\d+\.\d+\] - \d{4}-\d\d-\d\d$/)
    const versions = released.map(h => h.slice(1, h.indexOf(']')))
    const key = (v: string) =>
      v
        .split('.')
        .map(n => n.padStart(6, '0'))
        .join('.')
    expect(versions.map(key)).toEqual([...versions.map(key)].sort().reverse())
  })
})

describe('release tag', () => {
  it('takes vMAJOR.MINOR.PATCH only', () => {
    expect(parseTag('v1.2.3')).toEqual({ tag: 'v1.2.3', version: '1.2.3', major: 'v1' })
    expect(parseTag('v10.0.11').major).toBe('v10')
    for (const bad of ['1.2.3', 'v1.2', 'v1.2.3-rc1', 'v1.2.3.4', 'v01.2.3', 'v1.2.3\n', 'v1'])
      expect(() => parseTag(bad)).toThrow(/is not a release tag vMAJOR\.MINOR\.PATCH/)
  })
})

describe('version check', () => {
  it("passes when package.json's version is the tag's", () => {
    expect(checkVersion('v1.4.0', '{"version":"1.4.0"}')).toBe('1.4.0')
  })

  it('fails otherwise, saying what to set', () => {
    expect(() => checkVersion('v1.4.0', '{"version":"1.3.9"}')).toThrow(
      /package\.json's version is '1\.3\.9', the tag is v1\.4\.0: set "version": "1\.4\.0"/
    )
    expect(() => checkVersion('v1.4.0', '{}')).toThrow(/version is 'undefined'/)
    expect(() => checkVersion('1.4.0', '{"version":"1.4.0"}')).toThrow(/not a release tag/)
  })

  it('the CLI checks this repository', () => {
    process.env.TAG = `v${pkg.version}`
    expect(runCommand('check-version', [])).toBe(`package.json is ${pkg.version}`)
    process.env.TAG = 'v999.0.0'
    expect(() => runCommand('check-version', [])).toThrow(/the tag is v999\.0\.0/)
    delete process.env.TAG
    expect(() => runCommand('check-version', [])).toThrow(/TAG is not set/)
    expect(() => runCommand('publish', [])).toThrow(/unknown command 'publish'/)
  })
})

/** A repository with main (two commits), a side branch, and a clone whose origin is it. */
function repositories(): { origin: string; clone: string; main: string[]; side: string } {
  const origin = dir()
  const sh = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com'
      }
    }).trim()
  sh(origin, 'init', '-q', '-b', 'main')
  const commit = (msg: string) => {
    writeFileSync(join(origin, 'f'), msg)
    sh(origin, 'add', 'f')
    sh(origin, 'commit', '-q', '-m', msg)
    return sh(origin, 'rev-parse', 'HEAD')
  }
  const main = [commit('one'), commit('two')]
  sh(origin, 'checkout', '-q', '-b', 'side', main[0])
  const side = commit('side')
  sh(origin, 'checkout', '-q', 'main')
  sh(origin, 'config', 'receive.denyCurrentBranch', 'ignore')
  const clone = join(dir(), 'clone')
  execFileSync('git', ['clone', '-q', origin, clone])
  return { origin, clone, main, side }
}

describe('tag on main', () => {
  const r = repositories()

  it("accepts main's head and its ancestors", () => {
    for (const c of r.main) expect(() => checkOnMain(git(r.clone), c)).not.toThrow()
  })

  it('refuses a commit of another branch, naming it', () => {
    expect(() => checkOnMain(git(r.clone), r.side)).toThrow(
      new RegExp(`commit ${r.side} is not on origin/main's history: tag a commit of main`)
    )
  })

  it('says so when main is not in the clone or the commit is unknown', () => {
    expect(() => checkOnMain(git(r.clone), r.main[0], 'origin/nothing')).toThrow(
      /origin\/nothing is not in this clone: fetch it/
    )
    expect(() => checkOnMain(git(r.clone), SHA)).toThrow(/git could not compare/)
  })
})

describe('release notes', () => {
  const text = [
    '# Changelog',
    '',
    '## Unreleased',
    '',
    '### Added',
    '',
    '## [1.1.0] - 2027-01-02',
    '',
    '### Added',
    '',
    '- a thing',
    '',
    '## [1.0.0] - 2026-12-07',
    '',
    '- first',
    '',
    '[1.1.0]: https://example.com/compare'
  ].join('\n')

  it("are the version's entry, headed by the commit to pin", () => {
    const notes = releaseNotes(text, '1.1.0', SHA, 'contoso/managed-hsm-skr-action')
    expect(notes).toContain(`- uses: contoso/managed-hsm-skr-action@${SHA} # v1.1.0`)
    expect(notes).toContain(`Commit \`${SHA}\``)
    expect(notes).toContain('`@v1` follows the latest v1.x.y release')
    expect(notes).toMatch(/### Added\n\n- a thing\n$/)
    expect(notes).not.toMatch(/first|example\.com|Unreleased/)
    expect(releaseNotes(text, '1.0.0', SHA, 'o/r')).toMatch(/# v1\.0\.0\n[\s\S]*\n- first\n$/)
  })

  it('refuse a version without an entry, an empty entry, or a short SHA', () => {
    expect(() => releaseNotes(text, '1.2.0', SHA, 'o/r')).toThrow(
      /CHANGELOG\.md has no entry '## \[1\.2\.0\]/
    )
    expect(() => releaseNotes('## [1.0.0] - 2026-12-07\n\n', '1.0.0', SHA, 'o/r')).toThrow(/is empty/)
    expect(() => releaseNotes(text, '1.1.0', SHA.slice(0, 7), 'o/r')).toThrow(/not a full commit SHA/)
  })

  it("exist for this repository's version (the CLI writes them)", () => {
    const out = join(dir(), 'notes.md')
    Object.assign(process.env, { TAG: `v${pkg.version}`, COMMIT: SHA, REPOSITORY: 'o/r' })
    try {
      expect(runCommand('notes', [out])).toBe(`release notes of ${pkg.version} written to ${out}`)
    } finally {
      for (const k of ['TAG', 'COMMIT', 'REPOSITORY']) delete process.env[k]
    }
    const notes = readFileSync(out, 'utf8')
    expect(notes).toContain(`@${SHA} # v${pkg.version}`)
    expect(notes).toContain('### Changed (behaviour)')
  })
})

describe('major tag', () => {
  const r = repositories()
  const tagAt = (cwd: string, tag: string, commit: string) =>
    execFileSync('git', ['tag', tag, commit], { cwd })
  const remoteTag = (tag: string) =>
    execFileSync('git', ['rev-parse', `refs/tags/${tag}^{commit}`], {
      cwd: r.origin,
      encoding: 'utf8'
    }).trim()

  it('moves vX to the release and pushes it, again for the next release', () => {
    tagAt(r.clone, 'v1.0.0', r.main[0])
    expect(moveMajorTag(git(r.clone), 'v1.0.0')).toBe(`v1 now points at ${r.main[0]} (v1.0.0)`)
    expect(remoteTag('v1')).toBe(r.main[0])
    tagAt(r.clone, 'v1.1.0', r.main[1])
    moveMajorTag(git(r.clone), 'v1.1.0')
    expect(remoteTag('v1')).toBe(r.main[1])
  })

  it('never moves vX back to a fix of an older line', () => {
    tagAt(r.clone, 'v1.0.1', r.side)
    expect(moveMajorTag(git(r.clone), 'v1.0.1')).toBe('v1 left alone: v1.1.0 is newer than v1.0.1')
    expect(remoteTag('v1')).toBe(r.main[1])
  })

  it('fails when the tag is not in the clone or the push fails', () => {
    expect(() => moveMajorTag(git(r.clone), 'v2.0.0')).toThrow(/tag v2\.0\.0 is not in this clone/)
    tagAt(r.clone, 'v3.0.0', r.main[1])
    expect(() => moveMajorTag(git(r.clone), 'v3.0.0', 'nowhere')).toThrow(
      /git push --force nowhere refs\/tags\/v3 failed: v3 was not moved/
    )
  })
})

describe('dist/ comparison', () => {
  it('names each stale, missing and no longer built file, and nothing when they agree', () => {
    const built = dir()
    const committed = dir()
    writeFileSync(join(built, 'index.js'), 'a')
    writeFileSync(join(committed, 'index.js'), 'a')
    expect(distDifferences(built, committed)).toEqual([])
    writeFileSync(join(built, '12.index.js'), 'chunk')
    writeFileSync(join(committed, 'index.js'), 'b')
    writeFileSync(join(committed, 'old.js'), 'x')
    expect(distDifferences(built, committed)).toEqual([
      'dist/12.index.js: missing',
      'dist/index.js: stale',
      'dist/old.js: no longer built'
    ])
    expect(distDifferences(built, join(committed, 'none'))).toEqual([
      'dist/12.index.js: missing',
      'dist/index.js: missing'
    ])
  })
})

describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
    on: { push: { tags: string[] } }
    jobs: Record<
      string,
      { needs?: string; steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> }
    >
  }
  const runs = Object.values(workflow.jobs).flatMap(j => j.steps.map(s => s.run).filter(Boolean)) as string[]

  it('runs on version tags, checks before it releases and moves vX last', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*'])
    expect(workflow.jobs.release.needs).toBe('check')
    expect(workflow.jobs['major-tag'].needs).toBe('release')
    const check = workflow.jobs.check.steps.map(s => s.run ?? '')
    for (const step of [
      'cli.ts check-version',
      'cli.ts check-on-main',
      'npm run check:dist',
      'cli.ts notes',
      'npm test'
    ])
      expect([step, check.some(r => r.includes(step))]).toEqual([step, true])
  })

  it('drafts, attests and attaches *.intoto.jsonl, then publishes, in that order', () => {
    const steps = workflow.jobs.release.steps
    const at = (re: RegExp) => steps.findIndex(s => re.test(s.run ?? s.uses ?? ''))
    const order = [
      at(/cli\.ts notes/),
      at(/gh release create "\$TAG" --draft/),
      at(/^actions\/attest-build-provenance@/),
      at(/\.intoto\.jsonl"\n?[\s\S]*gh release upload/),
      at(/gh release edit "\$TAG" --draft=false/)
    ]
    expect(order.every(i => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(steps[at(/^actions\/attest-build-provenance@/)].with).toEqual({ 'subject-path': 'dist/*' })
    expect(
      workflow.jobs['major-tag'].steps.some(s => s.run === 'npx tsx scripts/release/cli.ts move-major')
    ).toBe(true)
  })

  it('calls a script, npm or gh in every run: step, the tag passed through env: only', () => {
    for (const run of runs) {
      expect([
        run,
        /^(npm |npx tsx scripts\/|gh release |cp "\$BUNDLE"|command -v cmark-gfm)/.test(run)
      ]).toEqual([run, true])
      expect([run, /\$\{\{/.test(run)]).toEqual([run, false])
    }
  })
})
