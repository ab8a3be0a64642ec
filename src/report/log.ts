/**
 * The only way the action writes to the job log. Every line can carry text from an input, a file, Azure or
 * an error message, and the runner reads the action's output as commands: it ends a line at `\r\n`, `\n`
 * and a lone `\r`, trims leading whitespace, then treats `::name …::data` as a command, and `##[name …]data`
 * anywhere in a line too. One `::stop-commands::TOKEN` line switches off every later `::add-mask::`, so the
 * masks of the wrapping keys and the security domain would be lost. Here no text can make such a line:
 *
 * - a plain line (info, a group title) is one line whatever it holds: `\n` is shown as ␊, `\r` as ␍, other
 *   control characters as their Unicode control pictures (␀…␟, ␡), U+0085, U+2028 and U+2029 (which a
 *   viewer may break at, and the runner counts as leading whitespace) as ␤, other C1 controls as �;
 * - a command marker is broken with a backslash: a leading `::` (after any whitespace) becomes `\::`, and
 *   `##[` anywhere becomes `#\#[`;
 * - a message that travels as a command (warning, error, notice, debug, setFailed) keeps its `\n` line
 *   breaks, because `command` below percent-escapes the whole message (`%`, `\r`, `\n`) into the data of a
 *   single command line and the runner shows them inside the annotation; each of its lines is still
 *   neutralised as above. `%` in a plain line is never decoded by the runner, so it is left as it is.
 *
 * Callers that want several plain lines call info once per line, or `lines`.
 *
 * The lines are written here, not through @actions/core: the entry loads this module before it validates
 * the inputs, and @actions/core brings its HTTP client (most of a megabyte) that a bad input never needs.
 */
import { EOL } from 'node:os'

/** Control characters (all C0 but TAB, DEL, all C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g
/** The runner trims .NET whitespace (JS `\s`, plus U+0085) before it looks for `::`. */
const LEADING_COMMAND = /^([\s\u0085]*):(?=:)/
const LEGACY_COMMAND = /##\[/g

/** The visible stand-in for a control character (see above); the summary shows them the same way. */
export function controlPicture(c: string): string {
  const code = c.charCodeAt(0)
  if (code < 0x20) return String.fromCharCode(0x2400 + code)
  if (code === 0x7f) return '\u2421'
  if (code === 0x85 || code === 0x2028 || code === 0x2029) return '\u2424'
  return '\ufffd'
}

/** One line the runner cannot read as a command, with every break and control character visible. */
export function neutralise(text: string): string {
  return text
    .replace(CONTROL, controlPicture)
    .replace(LEADING_COMMAND, '$1\\:')
    .replace(LEGACY_COMMAND, '#\\#[')
}

/** A multi-line message for a command's data: its `\n` (or `\r\n`) breaks kept, each line neutralised. */
export function neutraliseLines(text: string): string {
  return text.split(/\r?\n/).map(neutralise).join('\n')
}

/** One line on stdout, where the runner reads the log and its commands. */
function write(line: string): void {
  process.stdout.write(line + EOL)
}

/** A workflow command `::name::data`; the data percent-escaped (`%`, `\r`, `\n`) as the runner decodes it. */
function command(name: string, data = ''): void {
  write(`::${name}::${data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`)
}

/** A plain line in the log. */
export function info(message: string): void {
  write(neutralise(message))
}

/** Several plain lines, each neutralised on its own. */
export function lines(messages: Iterable<string>): void {
  for (const m of messages) info(m)
}

export function debug(message: string): void {
  command('debug', neutraliseLines(message))
}

export function notice(message: string): void {
  command('notice', neutraliseLines(message))
}

export function warning(message: string): void {
  command('warning', neutraliseLines(message))
}

export function error(message: string): void {
  command('error', neutraliseLines(message))
}

/** Marks the step failed with this message (an error annotation). */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function startGroup(title: string): void {
  command('group', neutralise(title))
}

export function endGroup(): void {
  command('endgroup')
}

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(title: string, fn: () => Promise<T>): Promise<T> {
  startGroup(title)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}
