/**
 * A release tag is `vMAJOR.MINOR.PATCH`, nothing else: the workflow's `v*.*.*` filter also lets through
 * `v1.2.3-rc1` or `v1.2.3.4`, which would move the major tag to something that is not a release.
 */
export interface ReleaseTag {
  tag: string
  version: string
  major: string
}

export function parseTag(tag: string): ReleaseTag {
  const m = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag)
  if (!m)
    throw new Error(
      `tag '${tag}' is not a release tag vMAJOR.MINOR.PATCH (for example v1.2.3); delete it and push one that is`
    )
  return { tag, version: tag.slice(1), major: `v${m[1]}` }
}
