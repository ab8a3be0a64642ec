/**
 * mode: verify-security-domain — proves, offline and read-only, that the escrowed security domain can
 * still be recovered: it reads the security domain from its store (or a file) and the wrapping private
 * keys from their stores and/or custodians' files, and reports which quorum subsets of the keys open it.
 */
import * as log from '../report/log.js'
import { statSync } from 'node:fs'
import type { RunContext } from '../run/context.js'
import {
  checkEscrow,
  describeCheck,
  keyTargets,
  maskSecret,
  maskSecurityDomain,
  storesFor
} from '../escrow/escrow.js'
import { ConflictError } from '../shared/errors.js'
import { FILE_CAPS, readInputFile } from '../config/input-file.js'
import { recoverableSubsets, type WrappingKeyInput } from '../security-domain/index.js'
import { parseKeyBundle } from '../escrow/key-bundle.js'
import { timed } from '../run/run-steps.js'
import type { Check, StepResult } from '../run/step.js'

export async function verifySecurityDomain(ctx: RunContext, results: StepResult[]): Promise<void> {
  await timed('verify-security-domain', results, async result => {
    const sdText = await readSecurityDomain(ctx)
    maskSecurityDomain(sdText)
    const labelled = await collectWrappingKeys(ctx, result.notes)
    if (labelled.length === 0)
      throw new ConflictError(
        'no wrapping private keys to try',
        'set wrapping-key-store and/or wrapping-private-keys'
      )
    const report = recoverableSubsets(
      sdText,
      labelled.map(l => l.key)
    )
    for (const p of report.keyProblems) result.notes.push(`${labelled[p.keyIndex].label}: ${p.reason}`)
    const checks: Check[] = report.subsets.map(s => ({
      id: `security-domain.subset.${s.keys.map(i => i + 1).join('+')}`,
      status: s.ok ? 'ok' : 'drift',
      actual: s.ok ? 'recovers' : s.reason,
      desired: s.keys.map(i => labelled[i].label)
    }))
    result.checks.push(...checks)
    const ok = checks.filter(c => c.status === 'ok').length
    log.info(
      `${ok} of ${checks.length} ${report.required}-key subsets of ${labelled.length} key(s) recover the security domain`
    )
    for (const c of checks)
      log.info(
        `  ${c.status === 'ok' ? 'recovers' : 'FAILS   '}  ${(c.desired as string[]).join(' + ')}${c.status === 'ok' ? '' : `: ${c.actual}`}`
      )
    for (const n of result.notes) log.warning(n)
    result.status = ok > 0 && ok === checks.length ? 'unchanged' : 'drift'
    if (ok === 0)
      throw new ConflictError(
        'no quorum of the supplied keys recovers the escrowed security domain',
        'find the missing wrapping keys now; while the HSM runs you can still download a new security domain with other keys'
      )
  })
}

/** The escrowed security domain, masked before anything else is printed (store reads mask as they read). */
export async function readSecurityDomain(ctx: RunContext): Promise<string> {
  if (ctx.config.securityDomainFile) {
    const text = readInputFile(
      'security-domain-file',
      ctx.config.securityDomainFile,
      FILE_CAPS.securityDomain
    ).toString('utf8')
    maskSecurityDomain(text)
    return text
  }
  const stores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
  for (const c of await Promise.all(stores.map(checkEscrow))) {
    if (c.state === 'ok' && c.content) return c.content.toString('utf8')
    log.warning(describeCheck(c))
  }
  throw new ConflictError(
    'no intact escrowed security domain found',
    'set security-domain-store (or security-domain-file)'
  )
}

/**
 * The wrapping private keys within reach: escrowed ones (unreadable or missing ones noted) and custodians'
 * files, each labelled with where it came from and masked as soon as it is read.
 */
export async function collectWrappingKeys(
  ctx: RunContext,
  notes: string[]
): Promise<Array<{ label: string; key: WrappingKeyInput }>> {
  const a = ctx.config.activation
  const labelled: Array<{ label: string; key: WrappingKeyInput }> = []
  if (a.wrappingKeyStores.length > 0) {
    const stores = storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
    for (const c of await Promise.all(stores.map(checkEscrow))) {
      const bundle = c.state === 'ok' && c.content ? parseKeyBundle(c.content.toString('utf8')) : undefined
      if (bundle) {
        maskSecret(bundle.privateKeyPem)
        labelled.push({ label: c.store.url, key: bundle })
      } else notes.push(describeCheck(c))
    }
  }
  for (const path of ctx.config.wrappingPrivateKeys) {
    const key = readKeyFile(path)
    maskSecret(key.privateKeyPem)
    labelled.push({ label: path, key })
  }
  return labelled
}

/** A custodian's key: a PEM bundle (key + certificate), or a key file with its certificate beside it (.cer/.pem/.crt). */
function readKeyFile(path: string): { privateKeyPem: string; certificatePem: string | Buffer } {
  const text = readInputFile('wrapping-private-keys', path, FILE_CAPS.privateKey).toString('utf8')
  const bundle = parseKeyBundle(text)
  if (bundle) return bundle
  const base = path.replace(/\.[^./]+$/, '')
  for (const ext of ['.cer', '.crt', '.pem']) {
    const beside = `${base}${ext}`
    if (beside === path || !exists(beside)) continue
    return {
      privateKeyPem: text,
      certificatePem: readInputFile('wrapping-private-keys', beside, FILE_CAPS.certificate)
    }
  }
  throw new ConflictError(
    `${path} holds no certificate and none was found beside it`,
    'put the certificate (PEM) in the same file, or next to it as .cer'
  )
}

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}
