/**
 * A release is cut from main's history only: a tag pushed on a side branch or a fork's commit would ship code
 * no review on main has seen. Git answers; `git` runs it in the checked-out repository.
 */
import { execFileSync } from 'node:child_process'

export type Git = (args: string[]) => { code: number; stdout: string }

export const git =
  (cwd: string): Git =>
  args => {
    try {
      return { code: 0, stdout: execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' }) }
    } catch (e) {
      return { code: (e as { status?: number }).status ?? 1, stdout: '' }
    }
  }

/** Throws unless `commit` is `mainRef` or one of its ancestors. Needs the history (fetch-depth: 0). */
export function checkOnMain(run: Git, commit: string, mainRef = 'origin/main'): void {
  const main = run(['rev-parse', '--verify', '--quiet', `${mainRef}^{commit}`])
  if (main.code !== 0)
    throw new Error(`${mainRef} is not in this clone: fetch it (actions/checkout with fetch-depth: 0)`)
  const found = run(['merge-base', '--is-ancestor', commit, mainRef])
  if (found.code === 1)
    throw new Error(
      `commit ${commit} is not on ${mainRef}'s history: tag a commit of main, not of another branch`
    )
  if (found.code !== 0) throw new Error(`git could not compare ${commit} with ${mainRef}`)
}
