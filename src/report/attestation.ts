/**
 * The job summary's key attestation section: the verdict, the root the chain ends at, the chain's fingerprints,
 * the attested attributes and the evidence file with its SHA-256. What it proves and what it does not is said
 * each time: it proves the key was generated inside the HSM; who may release it, and under which policy, is
 * the role table's and the release policy's to show. Every value from Azure goes through markdown.ts.
 */
import type { AttestationRecord } from '../run/context.js'
import { codeMarkdown, escapeMarkdown } from '../shared/markdown.js'

const PROVES =
  'Proves where the key was generated (inside the HSM, under the root below) and shows its attributes; ' +
  'it does not prove who may release the key or under which policy (the role table and the release policy do).'

const yesNo = (v: boolean | undefined): string => (v === undefined ? 'not attested' : v ? 'yes' : 'no')

export function attestationSection(r: AttestationRecord): string[] {
  const head = ['### Key attestation', '']
  const res = r.result
  const evidence = r.file
    ? [`Evidence: ${codeMarkdown(r.file)}, SHA-256 ${codeMarkdown(r.sha256 ?? '')}.`, '']
    : []
  switch (res.status) {
    case 'skipped':
      return [
        ...head,
        '⚠️ Not fetched (skip-key-attestation): where the key was generated is not checked.',
        ''
      ]
    case 'failed':
      return [
        ...head,
        `❌ Key version ${codeMarkdown(r.version)}: ${escapeMarkdown(res.reason.replace(/^key attestation: /, ''))}`,
        '',
        ...evidence
      ]
    case 'not-verified':
      return [
        ...head,
        `⚠️ Key version ${codeMarkdown(r.version)}: not verified: ${escapeMarkdown(res.reason)}`,
        '',
        ...evidence
      ]
    case 'verified': {
      const a = res.attributes
      const test = res.root.pinned ? '' : ' ⚠️ a test root, not Marvell'
      return [
        ...head,
        `✅ Key version ${codeMarkdown(r.version)}: verified, format ${codeMarkdown(res.format)}, to ${escapeMarkdown(res.root.name)}${test}. ${PROVES}`,
        '',
        '| Certificate | Subject | SHA-256 |',
        '| --- | --- | --- |',
        ...res.chain.map(
          l => `| ${l.role} | ${escapeMarkdown(l.subject)} | ${codeMarkdown(l.fingerprint256)} |`
        ),
        ...(res.microsoft
          ? [
              `| per-HSM (reported, not trusted) | ${escapeMarkdown(res.microsoft.subject)} | ${codeMarkdown(res.microsoft.fingerprint256)} |`
            ]
          : []),
        '',
        `Generated inside the HSM: ${yesNo(a.local)} · extractable: ${a.extractable ? 'yes (an exportable SKR key, by design)' : yesNo(a.extractable)} · never extractable: ${yesNo(a.neverExtractable)} · sensitive: ${yesNo(a.sensitive)} · modulus: ${a.modulusBits ?? '?'} bits · key path: ${codeMarkdown(a.id ?? '')}`,
        '',
        ...evidence
      ]
    }
  }
}
