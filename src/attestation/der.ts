/**
 * Just enough DER to read what Node's X509Certificate does not expose: a certificate's version and its
 * extensions (basic constraints, key usage). The HSM device certificate is X.509 v1, without extensions, and
 * the chain check must tell "no basic constraints" from "basic constraints saying not a CA".
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DerError'
  }
}

interface Tlv {
  tag: number
  /** The contents. */
  value: Buffer
  /** Offset just past this element. */
  end: number
}

function read(buf: Buffer, offset: number): Tlv {
  if (offset + 2 > buf.length) throw new DerError('truncated DER')
  const tag = buf[offset] as number
  let len = buf[offset + 1] as number
  let start = offset + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n < 1 || n > 4 || start + n > buf.length) throw new DerError('bad DER length')
    len = buf.readUIntBE(start, n)
    start += n
  }
  const end = start + len
  if (end > buf.length) throw new DerError('truncated DER')
  return { tag, value: buf.subarray(start, end), end }
}

function children(value: Buffer): Tlv[] {
  const out: Tlv[] = []
  for (let o = 0; o < value.length;) {
    const t = read(value, o)
    out.push(t)
    o = t.end
  }
  return out
}

/** Dotted OID text of an OBJECT IDENTIFIER's contents. */
function oidText(value: Buffer): string {
  const parts: number[] = []
  let n = 0
  for (const b of value) {
    n = n * 128 + (b & 0x7f)
    if (!(b & 0x80)) {
      if (parts.length === 0)
        parts.push(Math.min(2, Math.floor(n / 40)), n - Math.min(2, Math.floor(n / 40)) * 40)
      else parts.push(n)
      n = 0
    }
  }
  return parts.join('.')
}

export interface CertificateFields {
  /** 1, 2 or 3. */
  version: number
  /** Extension OID -> its extnValue contents (the inner DER). */
  extensions: Map<string, Buffer>
  /** basicConstraints' cA, or undefined when the certificate has no basic constraints. */
  ca?: boolean
  /** keyUsage's keyCertSign bit, or undefined when the certificate has no key usage. */
  keyCertSign?: boolean
}

const BASIC_CONSTRAINTS = '2.5.29.19'
const KEY_USAGE = '2.5.29.15'

/** Reads version and extensions from a certificate's DER. */
export function certificateFields(der: Buffer): CertificateFields {
  const cert = read(der, 0)
  const tbs = children(cert.value)[0]
  if (!tbs || tbs.tag !== 0x30) throw new DerError('no TBSCertificate')
  const parts = children(tbs.value)
  let version = 1
  const first = parts[0]
  if (first?.tag === 0xa0) version = (read(first.value, 0).value[0] ?? 0) + 1
  const extensions = new Map<string, Buffer>()
  const wrapper = parts.find(p => p.tag === 0xa3)
  if (wrapper) {
    for (const ext of children(read(wrapper.value, 0).value)) {
      const fields = children(ext.value)
      const oid = fields[0]
      const value = fields[fields.length - 1]
      if (oid?.tag !== 0x06 || value?.tag !== 0x04) throw new DerError('bad extension')
      extensions.set(oidText(oid.value), value.value)
    }
  }
  const out: CertificateFields = { version, extensions }
  const bc = extensions.get(BASIC_CONSTRAINTS)
  if (bc) {
    const first = children(read(bc, 0).value)[0]
    out.ca = first?.tag === 0x01 && first.value[0] !== 0
  }
  const ku = extensions.get(KEY_USAGE)
  if (ku) {
    const bits = read(ku, 0).value
    // BIT STRING: first byte is the unused-bit count; keyCertSign is bit 5 of the first byte of flags.
    out.keyCertSign = ((bits[1] ?? 0) & 0x04) !== 0
  }
  return out
}
