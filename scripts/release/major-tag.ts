/**
 * After a release is published, `vMAJOR` moves to its commit so that `@v1` users get it. Never backwards: a
 * v1.2.4 published after v1.3.0 (a fix of an older line) leaves v1 where it is.
 */
import type { Git } from './on-main.js'
import { parseTag } from './tag.js'

const semver = (v: string): number[] => v.slice(1).split('.').map(Number)
const newer = (a: string, b: string): boolean => {
  const [x, y] = [semver(a), semver(b)]
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]
  return false
}

/** The release tags of `major` in the clone, as `git tag --list` gives them (the others ignored). */
function releasesOf(run: Git, major: string): string[] {
  return run(['tag', '--list', `${major}.*`])
    .stdout.split('\n')
    .map(t => t.trim())
    .filter(t => /^v\d+\.\d+\.\d+$/.test(t))
}

/** Moves the major tag to `tag`'s commit and pushes it; returns what it did, or why it did not. */
export function moveMajorTag(run: Git, tag: string, remote = 'origin'): string {
  const { major } = parseTag(tag)
  const later = releasesOf(run, major).filter(t => newer(t, tag))
  if (later.length > 0) return `${major} left alone: ${later.sort().at(-1)} is newer than ${tag}`
  const commit = run(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])
  if (commit.code !== 0) throw new Error(`tag ${tag} is not in this clone`)
  const sha = commit.stdout.trim()
  const steps: string[][] = [
    ['tag', '--force', major, sha],
    ['push', '--force', remote, `refs/tags/${major}`]
  ]
  for (const args of steps)
    if (run(args).code !== 0) throw new Error(`git ${args.join(' ')} failed: ${major} was not moved`)
  return `${major} now points at ${sha} (${tag})`
}
