/**
 * The log module is the one path to the job log: nothing it prints can be read by the runner as a workflow
 * command, whatever the text holds, and no other file in src/ writes to the log (or stdout/stderr) itself.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import * as log from '../src/shared/log.js'
import { replayRunnerCommands } from '../scripts/local-runner.js'

const HOSTILE = [
  'x\n::stop-commands::TOKEN',
  'x\r::warning::INJECTED',
  'x\r\n::set-output name=x::y',
  '\n::add-mask::',
  '::error::at the start',
  ' \t\u00a0::debug::after whitespace',
  '\u2028::notice::after a line separator',
  '\u0085::group::after NEL',
  'x ##[warning]anywhere in a line',
  'x\n##[stop-commands]TOKEN',
  'x ##[add-mask]y',
  '%0A::warning::percent',
  '\u001b[8mhidden\u001b[0m'
]

describe('neutralise', () => {
  it.each(HOSTILE)('makes one line the runner reads as no command: %j', text => {
    const line = log.neutralise(text)
    // eslint-disable-next-line no-control-regex -- no control character may survive
    expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085\u0000-\u0008\u000b-\u001f]/)
    expect(line.trimStart().startsWith('::')).toBe(false)
    expect(line).not.toContain('##[')
    expect(replayRunnerCommands(`${line}\n`).commands).toEqual([])
  })

  it('keeps the text readable: breaks and controls shown, markers broken with a backslash', () => {
    expect(log.neutralise('a\nb\r\nc\rd')).toBe('a␊b␍␊c␍d')
    expect(log.neutralise('  ::warning::x')).toBe('  \\::warning::x')
    expect(log.neutralise('tag ##[group]y')).toBe('tag #\\#[group]y')
    expect(log.neutralise('\u2028x\u0085\u0007\u007f\u009b')).toBe('␤x␤␇␡\ufffd')
    expect(log.neutralise("tag env: 'test' -> 'prod' (100% done)")).toBe(
      "tag env: 'test' -> 'prod' (100% done)"
    )
  })

  it('shows Unicode format characters by code point: bidi overrides and isolates, zero-width, U+061C, U+FEFF', () => {
    const hidden = 'admin\u202enimda\u202d \u2066x\u2069\u200b\u200c\u200d\u2060\u061c\ufeff\u200e\u{e0041}'
    expect(log.neutralise(hidden)).toBe(
      'admin⟨U+202E⟩nimda⟨U+202D⟩ ⟨U+2066⟩x⟨U+2069⟩⟨U+200B⟩⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+061C⟩⟨U+FEFF⟩⟨U+200E⟩⟨U+E0041⟩'
    )
    expect(log.neutraliseLines(`a\u202e\nb\ufeff`)).toBe('a⟨U+202E⟩\nb⟨U+FEFF⟩')
    expect(log.neutralise('\ufeff::warning::x').startsWith('⟨U+FEFF⟩::')).toBe(true)
    expect(log.neutralise(hidden)).not.toMatch(/\p{Cf}/u)
  })

  it('oneLine keeps a value on its line; visibleText keeps LF and TAB, shows the rest', () => {
    expect(log.oneLine('bad\nWhat to do: delete\r\nx\u2028y\tz')).toBe('bad␊What to do: delete␍␊x␤y\tz')
    expect(log.visibleText('a\nb\r\u202ec\td')).toBe('a\nb␍⟨U+202E⟩c\td')
  })

  it('neutraliseLines keeps the \\n breaks of a message and neutralises each line', () => {
    expect(log.neutraliseLines('head\n::stop-commands::T\r\nWhat to do: x\ry')).toBe(
      'head\n\\::stop-commands::T\nWhat to do: x␍y'
    )
  })
})

describe('the log functions', () => {
  let out: string
  beforeEach(() => {
    out = ''
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      out += String(chunk)
      return true
    })
    process.env.RUNNER_DEBUG = '1'
  })
  afterEach(() => {
    jest.restoreAllMocks()
    delete process.env.RUNNER_DEBUG
    process.exitCode = undefined
  })

  it.each(HOSTILE)('every level prints %j without an injected command', text => {
    log.info(text)
    log.lines([text, text])
    log.debug(text)
    log.notice(text)
    log.warning(text)
    log.error(text)
    log.setFailed(text)
    log.startGroup(text)
    log.endGroup()
    const replay = replayRunnerCommands(out)
    expect(replay.commands.map(c => c.command)).toEqual([
      'debug',
      'notice',
      'warning',
      'error',
      'error',
      'group',
      'endgroup'
    ])
    expect(replay.commands.every(c => c.line.startsWith(`::${c.command}::`))).toBe(true)
  })

  it('an annotation keeps the lines of a multi-line message', () => {
    log.error('step failed\nWhat to do: rerun')
    expect(out).toBe('::error::step failed%0AWhat to do: rerun\n')
    expect(replayRunnerCommands(out).commands[0].data).toBe('step failed\nWhat to do: rerun')
  })

  it('mask registers a secret once, and every later line prints it as ***', () => {
    const secret = `s3cr3t-${Date.now()}-value-of-a-token`
    log.mask(secret)
    log.mask(secret)
    log.info(`Authorization: Bearer ${secret}`)
    log.error(`quoted:\n${secret}x`)
    expect(out).toBe(`::add-mask::${secret}\nAuthorization: Bearer ***\n::error::quoted:%0A***x\n`)
    expect(log.oneLine(secret)).toBe('***')
    expect(log.visibleText(`a ${secret}`)).toBe('a ***')
  })

  it('group runs its body between ::group:: and ::endgroup::', async () => {
    await expect(log.group('a\n::warning::b', async () => 7)).resolves.toBe(7)
    expect(out).toBe('::group::a␊::warning::b\n::endgroup::\n')
  })
})

/** Calls that write to the log or the process streams without the log module. */
const DIRECT = [
  // setSecret too: the log module must know every secret, to print it as *** where the runner does not mask.
  /\bcore\s*\.\s*(info|warning|error|notice|debug|startGroup|endGroup|group|setFailed|setSecret)\b/,
  /import\s*\{[^}]*\b(info|warning|error|notice|debug|startGroup|endGroup|group|setFailed|setSecret)\b[^}]*\}\s*from\s*'@actions\/core'/,
  /\bconsole\s*\.\s*\w+/,
  /\bprocess\s*\.\s*(stdout|stderr)\b/
]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

describe('one path to the log', () => {
  it('no file in src/ but the log module writes to the log or to stdout/stderr directly', () => {
    const root = join(process.cwd(), 'src')
    const offenders = sources(root)
      .filter(f => relative(root, f) !== join('shared', 'log.ts'))
      .flatMap(f => {
        // Comments may name the calls; code may not.
        const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        return DIRECT.filter(re => re.test(code)).map(re => `${relative(root, f)}: ${re.source}`)
      })
    expect(offenders).toEqual([])
  })

  it('the scan catches a direct call (it can fail)', () => {
    expect(DIRECT.some(re => re.test('core.info(`tag ${v}`)'))).toBe(true)
    expect(DIRECT.some(re => re.test("import { warning } from '@actions/core'"))).toBe(true)
    expect(DIRECT.some(re => re.test('process.stdout.write(x)'))).toBe(true)
    expect(DIRECT.some(re => re.test('console.log(x)'))).toBe(true)
    expect(DIRECT.some(re => re.test('core.setSecret(t)'))).toBe(true)
    expect(DIRECT.some(re => re.test("core.getInput('x'); core.setOutput('y', z)"))).toBe(false)
  })
})
