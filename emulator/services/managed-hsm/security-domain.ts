/**
 * Security domain (protocol notes §2, §3): download = activation, its status, the transfer key,
 * upload (restore into another HSM) and its status. Reachable before activation, as on the real
 * service; every call needs the Managed HSM Administrator's security-domain data actions.
 *
 * The master secret and the EncData plaintexts of each issued security domain stay in the
 * data-plane store under a security-domain id (sdId). A download on an HSM that already holds a
 * security domain (active, or activation under way) returns a fresh file wrapping the SAME master
 * and blobs (unverified: evidence suggests Azure accepts it). An upload is accepted when the restore
 * blob opens with this HSM's transfer key and carries exactly the blobs of a security domain the
 * emulator issued; the HSM then adopts that sdId, so key backups from the original HSM restore here.
 */
import { createPrivateKey, randomUUID } from 'node:crypto'
import {
  certificateFacts,
  newSecurityDomain,
  rsaModulusAndExponent
} from './witness/security-domain/generate.js'
import { openRestore, RestoreRefused, sameBlobs } from './witness/security-domain/restore-blob.js'
import { isRecord } from '../../core/http.js'
import { activationStatus, beginActivation } from './records.js'
import { newRsaKeyPair, issueCertificate, x5t, x5tS256 } from './certs.js'
import { badParameter, collapse, fail, jsonBody, reply } from './common.js'
import type { AreaRequest, DataPlaneArea } from './area.js'
import { authorize } from './rbac/authorize.js'
import { ACTIONS } from './rbac/roles.js'
import { mhsmStore, type HsmData, type SdOperation, type SecurityDomainRecord } from './store.js'

const CONFIRMING = 'The Security Domain is being confirmed.'
const RESTORING = 'The Security Domain is being restored.'
const ACTIVE = 'The resource is active.'
const DOWNLOAD_FAILED =
  'The Security Domain could not be confirmed. Download the security domain again to activate the HSM.'

function asyncOperation(r: AreaRequest, which: 'download' | 'upload'): Record<string, string> {
  return {
    'azure-asyncoperation': `https://${r.ex.host}/securitydomain/${which}/pending?api-version=${encodeURIComponent(r.apiVersion)}`
  }
}

function inProgress(op: SdOperation | undefined, now = Date.now()): boolean {
  return !!op && now < op.startedAt + op.durationMs
}

function statusBody(op: SdOperation, pendingText: string): { status: string; status_details: string } {
  if (inProgress(op)) return { status: 'InProgress', status_details: pendingText }
  if (op.outcome === 'Success') return { status: 'Success', status_details: ACTIVE }
  return { status: 'Failed', status_details: op.failure ?? 'The operation failed.' }
}

/** Consumes the failNextActivation switch. */
function takeFailure(r: AreaRequest): boolean {
  if (!r.ctx.settings.failNextActivation) return false
  r.ctx.settings.failNextActivation = false
  return true
}

interface DownloadRequest {
  certificates: Array<{ x5c: string[] }>
  required: number
}

function parseDownload(r: AreaRequest): DownloadRequest | undefined {
  const body = jsonBody(r)
  if (!body) return undefined
  const certs = body.certificates
  if (!Array.isArray(certs)) {
    badParameter(r, "The 'certificates' property is required: an array of 3 to 10 JSON web keys with x5c.")
    return undefined
  }
  if (certs.length < 3 || certs.length > 10) {
    badParameter(r, `The number of certificates must be between 3 and 10; the request has ${certs.length}.`)
    return undefined
  }
  for (const [i, c] of certs.entries()) {
    if (!isRecord(c) || !Array.isArray(c.x5c) || typeof c.x5c[0] !== 'string') {
      badParameter(
        r,
        `certificates[${i}] must be a JSON web key with an 'x5c' array holding its certificate.`
      )
      return undefined
    }
    let bits: number | undefined
    let keyType: string
    try {
      const cert = certificateFacts(c.x5c[0])
      keyType = cert.keyType
      bits = cert.bits
    } catch {
      badParameter(r, `certificates[${i}].x5c[0] is not a base64 DER X.509 certificate.`)
      return undefined
    }
    if (keyType !== 'rsa') {
      badParameter(
        r,
        `certificates[${i}] does not hold an RSA key; security domain certificates must be RSA.`
      )
      return undefined
    }
    if (!bits || bits < 2048) {
      badParameter(r, `certificates[${i}] holds an RSA-${bits ?? '?'} key; at least 2048 bits are required.`)
      return undefined
    }
  }
  const required = body.required ?? 2
  if (
    typeof required !== 'number' ||
    !Number.isInteger(required) ||
    required < 2 ||
    required > 10 ||
    required > certs.length
  ) {
    badParameter(
      r,
      `The 'required' property (quorum) must be an integer from 2 to 10 and not more than the number of certificates (${certs.length}); got ${JSON.stringify(required)}.`
    )
    return undefined
  }
  return { certificates: certs as Array<{ x5c: string[] }>, required }
}

function download(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.sdDownload, '/')) return
  const req = parseDownload(r)
  if (!req) return
  const store = mhsmStore(r.ctx)
  const status = activationStatus(r.hsm)
  const current = data.sdOperations.download
  const underway = status === 'NotActivated' && inProgress(current) && current?.outcome === 'Success'
  const held = status === 'Active' || underway ? store.securityDomain(data.sdId) : undefined

  let record: SecurityDomainRecord
  let text: string
  if (held) {
    const blobs = held.plaintexts.map(p => ({ tag: p.tag, plaintext: Buffer.from(p.data, 'base64') }))
    const generated = newSecurityDomain({
      certificates: req.certificates,
      required: req.required,
      master: Buffer.from(held.master, 'base64'),
      ...(blobs.length ? { blobs } : {})
    })
    if (!blobs.length) {
      // An implicit security domain (test-hook activation) gets its blobs now, once.
      held.plaintexts = generated.blobs.map(p => ({ tag: p.tag, data: p.plaintext.toString('base64') }))
      delete held.implicit
    }
    record = held
    text = generated.text
  } else {
    const generated = newSecurityDomain({ certificates: req.certificates, required: req.required })
    record = {
      id: randomUUID(),
      createdAt: Date.now(),
      master: generated.master.toString('base64'),
      plaintexts: generated.blobs.map(p => ({ tag: p.tag, data: p.plaintext.toString('base64') }))
    }
    store.addSecurityDomain(record)
    text = generated.text
  }

  if (status === 'Active') {
    data.sdOperations.download = {
      kind: 'download',
      startedAt: Date.now(),
      durationMs: 0,
      outcome: 'Success',
      sdId: record.id
    }
  } else if (!underway) {
    const failed = takeFailure(r)
    const durationMs = Math.max(0, r.ctx.settings.activationSeconds) * 1000
    data.sdOperations.download = {
      kind: 'download',
      startedAt: Date.now(),
      durationMs,
      outcome: failed ? 'Failed' : 'Success',
      ...(failed ? { failure: DOWNLOAD_FAILED } : { sdId: record.id })
    }
    if (!failed) data.sdId = record.id
    beginActivation(r.ctx.state, r.hsm.name, durationMs, failed ? 'Failed' : 'Active')
  }
  store.save()
  reply(r, 202, { value: text }, asyncOperation(r, 'download'))
}

function downloadPending(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.sdDownloadRead, '/')) return
  const op = data.sdOperations.download
  if (op) return reply(r, 200, statusBody(op, CONFIRMING), asyncOperation(r, 'download'))
  if (activationStatus(r.hsm) === 'Active')
    return reply(r, 200, { status: 'Success', status_details: ACTIVE }, asyncOperation(r, 'download'))
  // Unverified: what the service answers before any download was started.
  fail(r, 404, 'NotFound', 'No security domain download has been started for this managed HSM.')
}

async function transferKey(r: AreaRequest, first: HsmData): Promise<void> {
  if (!authorize(r, ACTIONS.sdTransferKey, '/')) return
  const store = mhsmStore(r.ctx)
  let data = first
  if (!data.transferKey) {
    // Azure's transfer key is RSA-4096 (with an SGX quote extension); 2048 bits keep tests fast.
    const pair = await newRsaKeyPair(2048)
    // Read again after the await: a concurrent request may have issued the key meanwhile, and replacing
    // it would leave that caller with a certificate whose private key is gone.
    data = store.hsm(r.hsm)
    if (!data.transferKey) {
      const cn = `${r.hsm.name.toLowerCase()}.managedhsm.azure.net`
      const der = issueCertificate({
        subject: cn,
        issuer: cn,
        publicKeyPem: pair.publicKeyPem,
        signerPrivateKeyPem: pair.privateKeyPem,
        ca: false,
        days: 365,
        keyUsage: { digitalSignature: true, keyEncipherment: true, dataEncipherment: true }
      })
      data.transferKey = { privateKeyPem: pair.privateKeyPem, certDer: der.toString('base64') }
      store.save()
    }
  }
  const der = Buffer.from(data.transferKey.certDer, 'base64')
  const { n, e } = rsaModulusAndExponent(createPrivateKey(data.transferKey.privateKeyPem))
  const jwk = {
    e,
    key_ops: ['wrapKey', 'verify', 'encrypt'],
    kid: 'not used',
    kty: 'RSA',
    n,
    x5c: [der.toString('base64')],
    x5t: x5t(der),
    'x5t#S256': x5tS256(der)
  }
  reply(r, 200, { key_format: 'jwk', transfer_key: JSON.stringify(jwk) })
}

/** Opens the blob and finds the issued security domain it carries; a reason string when it cannot. */
function matchRestoreBlob(r: AreaRequest, data: HsmData, blob: string): SecurityDomainRecord | string {
  if (!data.transferKey) return 'no transfer key was issued for this HSM (GET /securitydomain/upload first)'
  let items: Array<{ tag: string; plaintext: Buffer }>
  try {
    items = openRestore(
      blob,
      createPrivateKey(data.transferKey.privateKeyPem),
      Buffer.from(data.transferKey.certDer, 'base64')
    )
  } catch (e) {
    return e instanceof RestoreRefused ? e.message : 'the restore blob cannot be read'
  }
  const match = mhsmStore(r.ctx)
    .allSecurityDomains()
    .find(
      sd =>
        sd.plaintexts.length > 0 &&
        sameBlobs(
          sd.plaintexts.map(p => ({ tag: p.tag, plaintext: Buffer.from(p.data, 'base64') })),
          items
        )
    )
  return match ?? 'the uploaded security domain does not match any security domain of a managed HSM'
}

function upload(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.sdUpload, '/')) return
  if (activationStatus(r.hsm) === 'Active') {
    // Unverified text: the service refuses a restore into an HSM that is already active.
    return badParameter(
      r,
      `The managed HSM '${r.hsm.name}' is already activated; a security domain can only be uploaded to an HSM that is not activated.`
    )
  }
  if (inProgress(data.sdOperations.upload) || inProgress(data.sdOperations.download))
    return fail(
      r,
      409,
      'Conflict',
      'A security domain operation is already in progress for this managed HSM.'
    )
  const body = jsonBody(r)
  if (!body) return
  const value = isRecord(body.value) ? JSON.stringify(body.value) : body.value
  if (typeof value !== 'string' || !value)
    return badParameter(r, "The 'value' property (the security domain restore blob) is required.")
  const store = mhsmStore(r.ctx)
  const match = matchRestoreBlob(r, data, value)
  const durationMs = Math.max(0, r.ctx.settings.activationSeconds) * 1000
  const op: SdOperation = { kind: 'upload', startedAt: Date.now(), durationMs, outcome: 'Success' }
  if (typeof match === 'string') {
    op.outcome = 'Failed'
    op.failure = `The Security Domain could not be restored: ${match}.`
  } else if (takeFailure(r)) {
    op.outcome = 'Failed'
    op.failure = 'The Security Domain could not be restored. Upload the security domain again.'
    beginActivation(r.ctx.state, r.hsm.name, durationMs, 'Failed')
  } else {
    op.sdId = match.id
    data.sdId = match.id
    // The exchange key is deleted once a security domain has been uploaded.
    delete data.transferKey
    beginActivation(r.ctx.state, r.hsm.name, durationMs, 'Active')
  }
  data.sdOperations.upload = op
  store.save()
  reply(r, 202, { status: 'InProgress', status_details: RESTORING }, asyncOperation(r, 'upload'))
}

function uploadPending(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.sdUploadRead, '/')) return
  const op = data.sdOperations.upload
  if (!op) return fail(r, 404, 'NotFound', 'No security domain upload has been started for this managed HSM.')
  reply(r, 200, statusBody(op, RESTORING), asyncOperation(r, 'upload'))
}

export const securityDomainArea: DataPlaneArea = {
  name: 'security-domain',
  matches: path => /^\/securitydomain(\/|$)/i.test(collapse(path)),
  allowedBeforeActivation: true,
  async handle(r) {
    const data = mhsmStore(r.ctx).hsm(r.hsm)
    const path = collapse(r.ex.url.pathname).replace(/\/+$/, '').toLowerCase()
    const m = r.ex.method
    if (path === '/securitydomain/download' && m === 'POST') return download(r, data)
    if (path === '/securitydomain/download/pending' && m === 'GET') return downloadPending(r, data)
    if (path === '/securitydomain/upload' && m === 'GET') return transferKey(r, data)
    if (path === '/securitydomain/upload' && (m === 'POST' || m === 'PUT')) return upload(r, data)
    if (path === '/securitydomain/upload/pending' && m === 'GET') return uploadPending(r, data)
    fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' with method '${m}' was not found.`)
  }
}
