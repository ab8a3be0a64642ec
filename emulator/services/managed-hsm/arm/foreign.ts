/**
 * Control API: a Managed HSM held by someone else (another subscription and tenant), so a test can meet a
 * name the global name check refuses but no list of the emulated subscription shows.
 * PUT /_emulator/foreign-hsms/{name} → 201 {name, subscriptionId}.
 */
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { EmulatorContext } from '../../../core/context.js'
import { sendJson } from '../../../core/http.js'
import type { HsmRecord } from '../records.js'
import { validName } from './names.js'

export function handleForeignHsmControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  res: ServerResponse
): boolean {
  const m = /^\/_emulator\/foreign-hsms\/([^/]+)$/.exec(path)
  if (!m) return false
  if (method !== 'PUT') {
    sendJson(res, 405, { error: 'use PUT' })
    return true
  }
  const name = decodeURIComponent(m[1])
  const key = name.toLowerCase()
  const data = ctx.state.data
  if (!validName(name)) {
    sendJson(res, 400, { error: 'not a valid Managed HSM name' })
    return true
  }
  if (data.hsms[key] || data.deletedHsms[key]) {
    sendJson(res, 409, { error: 'the name is already held' })
    return true
  }
  const now = Date.now()
  const owner = randomUUID()
  const hsm: HsmRecord = {
    name,
    subscriptionId: randomUUID(),
    resourceGroup: 'rg-elsewhere',
    location: 'westeurope',
    sku: { family: 'B', name: 'Standard_B1' },
    tags: {},
    properties: {
      tenantId: randomUUID(),
      initialAdminObjectIds: [owner],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: false,
      publicNetworkAccess: 'Enabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' }
    },
    createdBy: owner,
    createdAt: now,
    lastModifiedBy: owner,
    lastModifiedAt: now,
    provisioning: { startedAt: now, durationMs: 0 },
    activation: { status: 'NotActivated' }
  }
  data.hsms[key] = hsm
  ctx.state.save()
  sendJson(res, 201, { name, subscriptionId: hsm.subscriptionId })
  return true
}
