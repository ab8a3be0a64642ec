/**
 * Base64 helpers. JWE segments and thumbprints use unpadded base64url (RFC 7515 §2); the `x5c`
 * certificate chain uses standard, padded base64 (RFC 7517 §4.7).
 *
 * Decoding is strict on purpose: Node's decoder silently skips characters outside the alphabet and
 * ignores non-zero trailing bits, so two different strings could decode to the same bytes. A
 * tamper check is only meaningful if every change to the text changes the bytes, so anything that
 * does not re-encode to the same text is rejected.
 */

const B64URL = /^[A-Za-z0-9_-]*$/
const B64 = /^[A-Za-z0-9+/]*={0,2}$/

export class Base64Error extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Base64Error'
  }
}

export function b64urlEncode(data: Uint8Array | string): string {
  return (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64url')
}

/** Decodes unpadded base64url; `what` names the field in the error (the value itself is never echoed). */
export function b64urlDecode(text: string, what = 'value'): Buffer {
  if (typeof text !== 'string') throw new Base64Error(`${what} is not a string`)
  // Tolerate '=' padding (some encoders add it) but nothing else outside the alphabet.
  const unpadded = text.replace(/={1,2}$/, '')
  if (!B64URL.test(unpadded) || unpadded.length % 4 === 1) {
    throw new Base64Error(`${what} is not valid base64url`)
  }
  const bytes = Buffer.from(unpadded, 'base64url')
  if (bytes.toString('base64url') !== unpadded) throw new Base64Error(`${what} is not canonical base64url`)
  return bytes
}

export function b64Encode(data: Uint8Array): string {
  return Buffer.from(data).toString('base64')
}

/** Decodes standard base64 (as used in `x5c`); whitespace is not allowed. */
export function b64Decode(text: string, what = 'value'): Buffer {
  if (typeof text !== 'string') throw new Base64Error(`${what} is not a string`)
  if (!B64.test(text) || text.length % 4 !== 0) throw new Base64Error(`${what} is not valid base64`)
  const bytes = Buffer.from(text, 'base64')
  if (bytes.toString('base64') !== text) throw new Base64Error(`${what} is not canonical base64`)
  return bytes
}
