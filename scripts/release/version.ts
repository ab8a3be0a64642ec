/** The version users pin and the version package.json and CHANGELOG.md announce must be one. */
import { parseTag } from './tag.js'

export function checkVersion(tag: string, packageJson: string): string {
  const { version } = parseTag(tag)
  const declared = (JSON.parse(packageJson) as { version?: unknown }).version
  if (declared !== version)
    throw new Error(
      `package.json's version is '${String(declared)}', the tag is ${tag}: set "version": "${version}" ` +
        `in package.json on main, then tag that commit`
    )
  return version
}
