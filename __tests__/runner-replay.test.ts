/**
 * The replay in runAction reads output as the GitHub runner does, so it sees what an injected line would
 * do: lines end at \r\n, \n and a lone \r; stop-commands switches processing off until its token; a
 * `##[…]` command counts anywhere in a line; add-mask hides later lines only while commands are processed.
 */
import { describe, expect, it } from '@jest/globals'
import { injectionsIn, replayRunnerCommands } from '../scripts/local-runner.js'

describe('replayRunnerCommands', () => {
  it('parses the commands @actions/core writes, with properties and escaped data', () => {
    const r = replayRunnerCommands(
      '::group::provision\n::warning title=a%2Cb::line 1%0Aline 2\nplain\n::add-mask::s3cretvalue\nsee s3cretvalue\n::endgroup::\n'
    )
    expect(r.commands.map(c => c.command)).toEqual(['group', 'warning', 'add-mask', 'endgroup'])
    expect(r.commands[1]).toMatchObject({ properties: { title: 'a,b' }, data: 'line 1\nline 2' })
    expect(r.masks).toEqual(['s3cretvalue'])
    expect(r.log).toEqual(['plain', 'see ***'])
    expect(injectionsIn(r)).toEqual([])
  })

  it('ends lines at a lone \\r and trims leading whitespace, as the runner does', () => {
    const r = replayRunnerCommands('tag: x\r  ::set-output name=x::y\r\n\t::WARNING::upper case\n')
    expect(r.commands.map(c => c.command)).toEqual(['set-output', 'WARNING'])
    expect(injectionsIn(r)).toEqual([expect.stringMatching(/command set-output/)])
  })

  it('after stop-commands the add-mask lines are shown in clear, until the token resumes', () => {
    const r = replayRunnerCommands(
      'v: \n::stop-commands::TOKEN\n::add-mask::PRIVATEKEYPART1234\nPRIVATEKEYPART1234\n::TOKEN::\n::add-mask::later\n'
    )
    expect(r.masks).toEqual(['later'])
    expect(r.log).toContain('::add-mask::PRIVATEKEYPART1234')
    expect(r.log).toContain('PRIVATEKEYPART1234')
    expect(r.commands.map(c => c.command)).toEqual(['stop-commands', 'TOKEN', 'add-mask'])
    expect(injectionsIn(r).length).toBe(2)
  })

  it('finds a legacy ##[command] anywhere in a line, and an add-mask that masked nothing', () => {
    const r = replayRunnerCommands('tag: a ##[warning]b\n::add-mask::\n', 'stderr')
    expect(r.commands.map(c => [c.command, c.legacy])).toEqual([
      ['warning', true],
      ['add-mask', false]
    ])
    expect(injectionsIn(r)).toEqual([
      expect.stringMatching(/^stderr: legacy command ##\[warning\]/),
      expect.stringMatching(/add-mask with nothing to mask/)
    ])
  })

  it('leaves unregistered names and mid-line :: as text', () => {
    const r = replayRunnerCommands('::nothing::x\ntag: a ::warning::b\n')
    expect(r.commands).toEqual([])
    expect(r.shown).toEqual(['::nothing::x', 'tag: a ::warning::b'])
  })
})
