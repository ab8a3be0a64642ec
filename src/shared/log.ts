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
 * - a Unicode format character (category Cf: the bidi embeddings, overrides, isolates and marks that make
 *   `admin` display as `nimda`, zero-width characters, U+061C, U+FEFF, the invisible tag characters) is
 *   shown by its code point, `⟨U+202E⟩`, so text cannot display as something other than what it holds;
 * - every secret registered with `mask` is `***` before anything else is done to the line (the runner
 *   would hide it in its log too, but the same text may go to the summary, which it never masks);
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
import { hideSecrets, registerSecret } from './secrets.js'

/** Control characters (all C0 but TAB, DEL, all C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g
/** Unicode format characters: invisible, yet they change how the text around them displays. */
const FORMAT = /\p{Cf}/gu
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

/** The visible stand-in for a format character: its code point, e.g. `⟨U+202E⟩` (the summary shows the same). */
export function formatPicture(c: string): string {
  const code = c.codePointAt(0) ?? 0
  return `\u27e8U+${code.toString(16).toUpperCase().padStart(4, '0')}\u27e9`
}

/** `text` with its format characters shown by code point. */
export function showFormat(text: string): string {
  return text.replace(FORMAT, formatPicture)
}

/**
 * A value from outside (Azure's answer, a store's metadata) as it goes into a message of several lines:
 * secrets hidden, and its line breaks and other control characters shown, so it stays on the line it is
 * put in and cannot add a line of its own (a "What to do:" the action never wrote, say).
 */
export function oneLine(value: string): string {
  return hideSecrets(value).replace(CONTROL, controlPicture)
}

/**
 * Text for a structured output read by people and programs (the drift report): secrets hidden, format
 * characters and control characters shown, except the LF and TAB of its own layout.
 */
export function visibleText(text: string): string {
  return showFormat(hideSecrets(text).replace(CONTROL, c => (c === '\n' ? c : controlPicture(c))))
}

/** One line the runner cannot read as a command, with every break, control and format character visible. */
export function neutralise(text: string): string {
  return showFormat(hideSecrets(text))
    .replace(CONTROL, controlPicture)
    .replace(LEADING_COMMAND, '$1\\:')
    .replace(LEGACY_COMMAND, '#\\#[')
}

/** A multi-line message for a command's data: its `\n` (or `\r\n`) breaks kept, each line neutralised. */
export function neutraliseLines(text: string): string {
  return hideSecrets(text).split(/\r?\n/).map(neutralise).join('\n')
}

/** One line on stdout, where the runner reads the log and its commands. */
function write(line: string): void {
  process.stdout.write(line + EOL)
}

/** A workflow command `::name::data`; the data percent-escaped (`%`, `\r`, `\n`) as the runner decodes it. */
function command(name: string, data = ''): void {
  write(`::${name}::${escapeData(data)}`)
}

const escapeData = (data: string): string =>
  data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/**
 * A workflow command with properties, `::name key=value::data`, for the runner file commands' fallbacks
 * (runner.ts); property values also escape `:` and `,`, which end them. Data and values as given: a value
 * that must not be shown is registered with `mask` first.
 */
export function runnerCommand(name: string, properties: Record<string, string>, data: string): void {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeData(v).replace(/:/g, '%3A').replace(/,/g, '%2C')}`)
    .join(',')
  write(`::${name} ${props}::${escapeData(data)}`)
}

/**
 * Registers a secret with the runner's masker (`::add-mask::`, the value percent-escaped as
 * @actions/core's setSecret does) and with this module, which prints it as `***` from now on. Each value
 * is sent once.
 */
export function mask(value: string): void {
  if (registerSecret(value)) command('add-mask', value)
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
