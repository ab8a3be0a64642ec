/**
 * The release workflow's steps (.github/workflows/release.yml), one command each, so that what a release checks
 * is code the unit tests run (__tests__/release.test.ts):
 *
 *   tsx scripts/release/cli.ts check-version           TAG: package.json's version is the tag's
 *   tsx scripts/release/cli.ts check-on-main           TAG, COMMIT: the tagged commit is on origin/main
 *   tsx scripts/release/cli.ts notes FILE              TAG, COMMIT, REPOSITORY: the release notes into FILE
 *   tsx scripts/release/cli.ts move-major              TAG: vMAJOR to the tag's commit, pushed
 *
 * The dist/ comparison is `npm run check:dist` (scripts/check-dist.ts). Values come from env:, never from the
 * command line the workflow writes, so no tag name is spliced into a shell.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { moveMajorTag } from './major-tag.js'
import { releaseNotes } from './notes.js'
import { checkOnMain, git } from './on-main.js'
import { parseTag } from './tag.js'
import { checkVersion } from './version.js'

const root = resolve(import.meta.dirname, '../..')

function env(name: string): string {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set`)
  return v
}

export function runCommand(command: string, args: string[]): string {
  switch (command) {
    case 'check-version':
      return `package.json is ${checkVersion(env('TAG'), readFileSync(resolve(root, 'package.json'), 'utf8'))}`
    case 'check-on-main': {
      parseTag(env('TAG'))
      checkOnMain(git(root), env('COMMIT'))
      return `${env('COMMIT')} is on origin/main`
    }
    case 'notes': {
      if (!args[0]) throw new Error('notes: name the file to write')
      const { version } = parseTag(env('TAG'))
      const changelog = readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8')
      writeFileSync(args[0], releaseNotes(changelog, version, env('COMMIT'), env('REPOSITORY')))
      return `release notes of ${version} written to ${args[0]}`
    }
    case 'move-major':
      return moveMajorTag(git(root), env('TAG'))
    default:
      throw new Error(`unknown command '${command}': check-version, check-on-main, notes FILE, move-major`)
  }
}

if (process.argv[1]?.endsWith('cli.ts')) {
  try {
    console.log(runCommand(process.argv[2] ?? '', process.argv.slice(3)))
  } catch (e) {
    // The runner turns this into an annotation on the run.
    console.log(`::error::${(e as Error).message.replace(/[\r\n]+/g, ' ')}`)
    process.exitCode = 1
  }
}
