/**
 * The one escaping of values from outside (inputs, files, Azure, error messages) for the job summary,
 * which GitHub renders as Markdown with inline HTML. A value stays text: it cannot open a tag, a link, an
 * image, emphasis, a table cell, a heading, a mention, an autolink or a math block, nor end the line it is in.
 * A registered secret is `***` before anything else, and control and format characters are shown as the
 * log shows them.
 */
import { hideSecrets } from './secrets.js'
import { controlPicture, showFormat } from './log.js'

/** `<`, `>` and `&` as entities; the Markdown punctuation that can start markup backslash-escaped. */
const HTML: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' }
const MARKUP = /[\\`*_[\]|~#$!]/g
/**
 * GitHub's renderer (cmark-gfm) finds e-mail addresses, `mailto:` and `xmpp:` links in text after it has
 * merged escaped characters and entities back into the text around them, so neither `\@` nor `&#64;` keeps
 * `a@b.example` from becoming a link. An empty `<wbr>` element (allowed by GitHub's sanitizer, invisible)
 * right after the `@` ends the text node there: no address has a domain after its `@`, and no mention a name.
 */
const AT = /@/g
/** Every line break Markdown or a browser honours (a lone CR ends a line in Markdown too). */
const BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Where GitHub would turn text into a link by itself (GFM autolinks): a scheme's `://` and a `www.`. */
const AUTOLINK = /:(?=\/\/)|(?<=\bwww)\./gi

/** A value as inline Markdown text: line breaks become `<br>`, other control characters visible. */
export function escapeMarkdown(value: string): string {
  return showFormat(hideSecrets(value))
    .replace(/[<>&]/g, c => HTML[c])
    .replace(MARKUP, '\\$&')
    .replace(AT, '@<wbr>')
    .replace(AUTOLINK, c => `&#${c.charCodeAt(0)};`)
    .replace(BREAK, '<br>')
    .replace(CONTROL, controlPicture)
}

/** A value in a code face: `<code>` around the escaped value (a backtick in the value cannot close it). */
export function codeMarkdown(value: string): string {
  return `<code>${escapeMarkdown(value)}</code>`
}

/**
 * A link whose URL may hold text from outside (a resource id): https only, every character that could end
 * the destination or the link percent-encoded. Anything else is shown as text, not linked.
 */
export function linkMarkdown(text: string, url: string): string {
  if (!/^https:\/\/[^\s]/i.test(url)) return escapeMarkdown(text)
  const safe = url.replace(/[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/g, c =>
    [...Buffer.from(c, 'utf8')].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  )
  return `[${escapeMarkdown(text)}](${safe})`
}
