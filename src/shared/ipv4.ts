/**
 * IPv4 addresses and CIDR ranges as a Managed HSM's network rules hold them (`a.b.c.d/n`; a bare address is
 * `/32`). Pure: the inputs, the network step, just-in-time access and the post phase share one reading.
 */

/** The address as a 32-bit number, or undefined when it is not a dotted IPv4 address. */
export function ipv4ToInt(address: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some(p => p > 255) || m.slice(1).some(p => p.length > 1 && p.startsWith('0'))) return undefined
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

export interface Cidr {
  base: number
  bits: number
}

/** `a.b.c.d` or `a.b.c.d/n`, or undefined. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, bitsText, extra] = text.trim().split('/')
  if (extra !== undefined) return undefined
  const base = ipv4ToInt(address)
  const bits = bitsText === undefined ? 32 : /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined
  return { base: (base & mask(bits)) >>> 0, bits }
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
}

/** The canonical text of a range: its network address and length, always with `/n`. */
export function cidrText(c: Cidr): string {
  const b = c.base
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.bits}`
}

/** `text` in canonical form, or undefined when it is not an address or range. */
export function normalCidr(text: string): string | undefined {
  const c = parseCidr(text)
  return c && cidrText(c)
}

/** Whether every address of `inner` lies in `outer`. */
export function covers(outer: Cidr, inner: Cidr): boolean {
  return outer.bits <= inner.bits && (inner.base & mask(outer.bits)) >>> 0 === outer.base
}

/** Ranges no public endpoint ever sees as a caller: RFC 1918, loopback, link-local, shared (CGNAT), 0/8. */
const NOT_PUBLIC = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '0.0.0.0/8'
].map(t => parseCidr(t) as Cidr)

/** Whether the range holds an address that is not a public one (private, loopback, link-local, shared). */
export function isNonPublic(c: Cidr): boolean {
  return NOT_PUBLIC.some(p => covers(p, c) || covers(c, p))
}
