/**
 * Comparing policies by meaning, for the key step's "does the existing key already have the desired policy?"
 * and for drift reports.
 *
 * Irrelevant: key order, whitespace, the 0.2 read form, base64 `data` vs object, the order of anyOf/allOf members,
 * repeated members, nesting a group in a group of the same kind, a group of one member, and (ASSUMPTION, see
 * authority.ts) authority case and trailing slash. Relevant: everything else, including value types ("false" and
 * false differ here even though the evaluator matches them by text: a changed type is a changed document).
 * This is structural canonicalisation, not a full boolean-logic equivalence check.
 */

import { canonicalAuthority } from './authority.js'
import { isPlainObject, sortedJson } from './json.js'
import { toPolicyValue } from './normalize.js'

type Node =
  | { t: 'claim'; key: string; claim: string; value: unknown }
  | { t: 'group'; key: string; kind: 'allOf' | 'anyOf'; members: Node[] }
  | { t: 'opaque'; key: string; raw: unknown }

function claimNode(claim: string, value: unknown): Node {
  return { t: 'claim', key: `c:${JSON.stringify(claim)}=${sortedJson(value)}`, claim, value }
}

/** Flatten same-kind nesting, drop repeats, sort, and unwrap a group of one. */
function makeGroup(kind: 'allOf' | 'anyOf', nodes: Node[]): Node {
  const flat: Node[] = []
  for (const n of nodes) {
    if (n.t === 'group' && n.kind === kind) flat.push(...n.members)
    else flat.push(n)
  }
  const byKey = new Map<string, Node>()
  for (const n of flat) byKey.set(n.key, n)
  const members = [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  if (members.length === 1) return members[0]
  return { t: 'group', key: `${kind}(${members.map(m => m.key).join(',')})`, kind, members }
}

function canonicalCondition(c: unknown): Node {
  if (isPlainObject(c)) {
    const keys = Object.keys(c)
    if (keys.length === 1 && (keys[0] === 'allOf' || keys[0] === 'anyOf') && Array.isArray(c[keys[0]])) {
      const kind = keys[0]
      return makeGroup(kind, (c[kind] as unknown[]).map(canonicalCondition))
    }
    if (keys.length === 2 && typeof c.claim === 'string' && 'equals' in c) return claimNode(c.claim, c.equals)
  }
  return { t: 'opaque', key: `o:${sortedJson(c)}`, raw: c }
}

interface CanonicalBlock {
  authority: string
  /** Index of the block's first appearance in the policy, for messages. */
  index: number
  /** The group kind the author wrote, used to name the path. */
  kind: 'allOf' | 'anyOf'
  root: Node
}

interface CanonicalPolicy {
  version: string
  blocks: Map<string, CanonicalBlock>
  /** Whatever is not a recognisable policy, compared as sorted JSON. */
  other: string
}

function canonicalPolicy(input: unknown): CanonicalPolicy {
  const p = toPolicyValue(input)
  const blocks = new Map<string, CanonicalBlock>()
  if (!isPlainObject(p) || !Array.isArray(p.anyOf)) return { version: '', blocks, other: sortedJson(p) }
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) if (k !== 'version' && k !== 'anyOf') rest[k] = v
  const opaqueBlocks: unknown[] = []
  p.anyOf.forEach((b, index) => {
    const kind = isPlainObject(b) ? (['allOf', 'anyOf'] as const).filter(k => Array.isArray(b[k])) : []
    if (
      !isPlainObject(b) ||
      typeof b.authority !== 'string' ||
      kind.length !== 1 ||
      Object.keys(b).length !== 2
    ) {
      opaqueBlocks.push(b)
      return
    }
    const authority = canonicalAuthority(b.authority)
    const root = makeGroup(kind[0], (b[kind[0]] as unknown[]).map(canonicalCondition))
    const seen = blocks.get(authority)
    // two blocks for one authority admit a token if either does
    if (seen) seen.root = makeGroup('anyOf', [seen.root, root])
    else blocks.set(authority, { authority: b.authority.trim(), index, kind: kind[0], root })
  })
  if (opaqueBlocks.length > 0) rest.anyOf = opaqueBlocks.map(b => sortedJson(b)).sort()
  return {
    version: typeof p.version === 'string' ? p.version : sortedJson(p.version ?? null),
    blocks,
    other: sortedJson(rest)
  }
}

/** Same meaning? Accepts every input form toPolicyValue does (objects, JSON text, `data`, envelopes, bytes). */
export function policiesEqual(a: unknown, b: unknown): boolean {
  const x = canonicalPolicy(a)
  const y = canonicalPolicy(b)
  if (x.version !== y.version || x.other !== y.other || x.blocks.size !== y.blocks.size) return false
  for (const [authority, bx] of x.blocks) {
    const by = y.blocks.get(authority)
    if (!by || by.root.key !== bx.root.key) return false
  }
  return true
}

/**
 * Short human lines saying how `desired` differs from `current`, e.g.
 * `anyOf[0].allOf: condition x-ms-isolation-tee.x-ms-attestation-type equals tdxvm added`.
 * Empty when the policies mean the same. Indexes are block positions (desired's for additions and changes).
 */
export function describePolicyDifference(current: unknown, desired: unknown): string[] {
  const x = canonicalPolicy(current)
  const y = canonicalPolicy(desired)
  const lines: string[] = []
  if (x.version !== y.version) lines.push(`version: ${x.version || '(none)'} → ${y.version || '(none)'}`)
  for (const [authority, bx] of x.blocks) {
    if (!y.blocks.has(authority)) lines.push(`anyOf[${bx.index}]: authority ${bx.authority} removed`)
  }
  for (const [authority, by] of y.blocks) {
    const bx = x.blocks.get(authority)
    if (!bx) {
      lines.push(`anyOf[${by.index}]: authority ${by.authority} added (${describe(by.root)})`)
      continue
    }
    if (bx.root.key === by.root.key) continue
    const gx = asGroup(bx.root, bx.kind)
    const gy = asGroup(by.root, by.kind)
    const path = `anyOf[${by.index}]`
    if (gx.kind !== gy.kind)
      lines.push(`${path}: conditions changed from ${describe(bx.root)} to ${describe(by.root)}`)
    else diffMembers(gx.members, gy.members, `${path}.${gy.kind}`, lines)
  }
  if (x.other !== y.other) lines.push(`other content changed: ${x.other} → ${y.other}`)
  return lines
}

function asGroup(n: Node, kind: 'allOf' | 'anyOf'): { kind: 'allOf' | 'anyOf'; members: Node[] } {
  return n.t === 'group' ? n : { kind, members: [n] }
}

function diffMembers(xs: Node[], ys: Node[], path: string, lines: string[]): void {
  const yKeys = new Set(ys.map(n => n.key))
  const xKeys = new Set(xs.map(n => n.key))
  let removed = xs.filter(n => !yKeys.has(n.key))
  let added = ys.filter(n => !xKeys.has(n.key))

  // a claim whose value changed reads better as one line
  for (const r of [...removed]) {
    if (r.t !== 'claim') continue
    const sameClaimRemoved = removed.filter(n => n.t === 'claim' && n.claim === r.claim)
    const sameClaimAdded = added.filter(n => n.t === 'claim' && n.claim === r.claim)
    if (sameClaimRemoved.length === 1 && sameClaimAdded.length === 1) {
      const a = sameClaimAdded[0] as Extract<Node, { t: 'claim' }>
      lines.push(
        `${path}: condition ${r.claim} changed: equals ${showValue(r.value)} → ${showValue(a.value)}`
      )
      removed = removed.filter(n => n !== r)
      added = added.filter(n => n !== a)
    }
  }
  // one nested group changed on each side: say what changed inside it
  for (const kind of ['allOf', 'anyOf'] as const) {
    const rg = removed.filter(n => n.t === 'group' && n.kind === kind)
    const ag = added.filter(n => n.t === 'group' && n.kind === kind)
    if (rg.length === 1 && ag.length === 1) {
      diffMembers(
        (rg[0] as Extract<Node, { t: 'group' }>).members,
        (ag[0] as Extract<Node, { t: 'group' }>).members,
        `${path}.${kind}`,
        lines
      )
      removed = removed.filter(n => n !== rg[0])
      added = added.filter(n => n !== ag[0])
    }
  }
  for (const n of removed)
    lines.push(`${path}: ${n.t === 'group' ? 'group' : 'condition'} ${describe(n)} removed`)
  for (const n of added)
    lines.push(`${path}: ${n.t === 'group' ? 'group' : 'condition'} ${describe(n)} added`)
}

function describe(n: Node): string {
  if (n.t === 'claim') return `${n.claim} equals ${showValue(n.value)}`
  if (n.t === 'group') return `${n.kind} [${n.members.map(describe).join('; ')}]`
  return sortedJson(n.raw)
}

/** Plain words stay bare (`tdxvm`); anything a reader could mistake for another type is JSON-quoted. */
function showValue(v: unknown): string {
  if (
    typeof v === 'string' &&
    /^[A-Za-z][\w.:/+-]*$/.test(v) &&
    v !== 'true' &&
    v !== 'false' &&
    v !== 'null'
  )
    return v
  return sortedJson(v)
}
