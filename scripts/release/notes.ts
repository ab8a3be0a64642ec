/**
 * The release notes are the CHANGELOG.md entry of the version (Keep a Changelog: `## [X.Y.Z] - DATE` or
 * `## X.Y.Z - DATE`), headed by the exact commit to pin: a tag can be moved, a commit SHA cannot.
 */
export interface Entry {
  version: string
  body: string
}

const HEADING = /^## \[?([^\]\s]+)\]?(?:\s+-\s+\S+)?\s*$/

/** Every `## ` entry of the changelog, in order, Unreleased included. */
export function changelogEntries(changelog: string): Entry[] {
  const entries: Entry[] = []
  let current: { version: string; lines: string[] } | undefined
  for (const line of changelog.split('\n')) {
    const h = HEADING.exec(line)
    if (line.startsWith('## ')) {
      if (current) entries.push({ version: current.version, body: current.lines.join('\n').trim() })
      current = { version: h ? h[1] : line.slice(3).trim(), lines: [] }
    } else if (current && !/^\[[^\]]+\]:\s/.test(line)) current.lines.push(line)
  }
  if (current) entries.push({ version: current.version, body: current.lines.join('\n').trim() })
  return entries
}

/** The first released version of the changelog (the entry after Unreleased). */
export function latestVersion(changelog: string): string | undefined {
  return changelogEntries(changelog).find(e => e.version.toLowerCase() !== 'unreleased')?.version
}

export function releaseNotes(changelog: string, version: string, commit: string, repository: string): string {
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`'${commit}' is not a full commit SHA`)
  const entry = changelogEntries(changelog).find(e => e.version === version)
  if (!entry)
    throw new Error(
      `CHANGELOG.md has no entry '## [${version}] - YYYY-MM-DD': move the Unreleased notes under it`
    )
  if (!entry.body) throw new Error(`CHANGELOG.md's entry for ${version} is empty`)
  const major = version.split('.')[0]
  return [
    '## Pin this release',
    '',
    `Commit \`${commit}\`. Pin the commit (a tag can be moved, a commit cannot):`,
    '',
    '```yaml',
    `- uses: ${repository}@${commit} # v${version}`,
    '```',
    '',
    `\`@v${version}\` names the same commit; \`@v${major}\` follows the latest v${major}.x.y release.`,
    '',
    entry.body,
    ''
  ].join('\n')
}
