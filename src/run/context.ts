/** What a run carries from step to step: the config, the sign-in, the Azure clients, the deadline. */
import { extendedRegions } from '../azure/managed-hsm-regions.js'
import type { TokenCredential } from '@azure/core-auth'
import type { CloudEndpoints } from '../auth/clouds.js'
import type { SignIn } from '../auth/credential.js'
import type { ManagedHsm, ManagedHsmArm } from '../azure/managed-hsm-arm.js'
import { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import { ManagedHsmKeys, type KeyVaultKey } from '../azure/keys.js'
import type { RoleDefinition } from '../azure/rbac-api.js'
import { ConflictError } from '../shared/errors.js'
import type { AttestationResult } from '../attestation/index.js'
import type { Reads } from './reads.js'
import { SELF, type Config } from '../config/index.js'

export interface RunContext {
  config: Config
  cloud: CloudEndpoints
  signIn: SignIn
  arm: ManagedHsmArm
  /** Epoch ms after which long waits give up (operation-timeout-minutes from the start of the run). */
  deadline: number
  /** Facts steps hand to later steps and to the outputs. */
  facts: RunFacts
  /** One read per resource, shared by the steps and started early (prefetch.ts); forgotten on any write. */
  reads: Reads
}

export interface RunFacts {
  hsmResourceId?: string
  hsmUri?: string
  /** The tenant ARM reports the HSM in: its data plane takes tokens from that tenant only. */
  hsmTenantId?: string
  activationStatus?: string
  /** The HSM's extended regions (multi-region replication) as ARM last showed them. */
  extendedRegions?: string[]
  dataPlane?: ManagedHsmDataPlane
  keys?: ManagedHsmKeys
  /**
   * The credential of the HSM's data-plane clients when it is not the sign-in's own: the one an apply's early
   * reads hold until ARM shows the HSM active (engine/prefetch.ts).
   */
  hsmCredential?: TokenCredential
  /** The HSM's role definitions, listed once per run (the run never changes them). */
  roleDefinitions?: Promise<RoleDefinition[]>
  /** A role assignment was created in this run: a 403 may just mean it has not propagated. */
  rolesChanged?: boolean
  /** What the provision and key steps' plans read, reused by finish when nothing changed. */
  hsmSnapshot?: ManagedHsm
  keySnapshot?: KeyVaultKey
  /** The version this run's key creation settled on (steps/key/settle.ts): what KEK_KID names. */
  keySettled?: KeyVaultKey
  /** What the key step's read-back of its new version waited for (a region that did not show it yet). */
  keyReadBackWait?: string
  keyName?: string
  /**
   * The key as the key step's plan would leave it (plan, verify: its changes are not made), so that the des
   * step judges that key, not the one in Azure now.
   */
  keyPlanned?: KeyVaultKey
  /** The key as the key step left it (finish), so later steps (des) need not read it again. */
  kek?: KeyVaultKey
  kekKid?: string
  kekResource?: string
  /** des: the Disk Encryption Set, its identity, and the Confidential VM Orchestrator as looked up. */
  desId?: string
  desPrincipalId?: string
  orchestratorObjectId?: string
  /**
   * SHA-256 of the HSM's security domain: downloaded (and escrowed) or recovered by this run, or found escrowed
   * and judged this HSM's by the escrow-identity posture; the SECURITY_DOMAIN_SHA256 output.
   */
  securityDomainSha256?: string
  /** backup: the full backup this run took (folder, finish time, duration, manifest). */
  backup?: { folderUrl: string; finishedAt: string; durationMs: number; manifestUrl: string }
  /** What this run's activation escrowed, for the job summary (locations and hashes only). */
  escrowed?: EscrowRecord
  /** The key version's attestation as this run fetched and verified it (run/key-attestation.ts). */
  attestation?: AttestationRecord
}

export interface AttestationRecord {
  /** The key version attested. */
  version: string
  result: AttestationResult | { status: 'failed'; check: string; reason: string } | { status: 'skipped' }
  /** SHA-256 (hex) of the evidence file, when the service answered. */
  sha256?: string
  /** The evidence file (under RUNNER_TEMP), when the service answered. */
  file?: string
}

export interface EscrowRecord {
  securityDomain?: { sha256: string; stores: string[] }
  wrappingKeys: Array<{ store: string; sha256: string }>
  quorum: number
  keyCount: number
  /** Whether the wrapping key pairs were generated in this run (no custodian certificates). */
  generated: boolean
  /** Quorum-sized subsets proven offline to recover the security domain, when proven. */
  proven?: number
}

/** The HSM as ARM last reported it; read now when no earlier step (provision) has. */
export async function knownHsm(
  ctx: RunContext
): Promise<Required<Pick<RunFacts, 'hsmUri' | 'hsmResourceId'>> & RunFacts> {
  if (!ctx.facts.hsmUri) {
    const { config, arm } = ctx
    const hsm = await readHsm(ctx)
    if (!hsm?.properties?.hsmUri)
      throw new ConflictError(
        `Managed HSM '${config.hsmName}' does not exist in resource group '${config.resourceGroup}'`,
        "add 'provision' to steps, or fix hsm-name / resource-group"
      )
    ctx.facts.hsmResourceId = hsm.id ?? arm.resourceId(config.resourceGroup, config.hsmName)
    ctx.facts.hsmUri = hsm.properties.hsmUri
    ctx.facts.hsmTenantId = hsm.properties.tenantId
    ctx.facts.activationStatus = hsm.properties.securityDomainProperties?.activationStatus
    ctx.facts.extendedRegions = extendedRegions(hsm).map(r => r.name)
  }
  return ctx.facts as Required<Pick<RunFacts, 'hsmUri' | 'hsmResourceId'>> & RunFacts
}

/** The HSM as ARM says now, or as this run last read it if nothing was written since. */
export function readHsm(ctx: RunContext): Promise<ManagedHsm | undefined> {
  return ctx.reads.once('hsm', () => ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName))
}

/** The credential the HSM's data-plane clients use. */
function hsmCredential(ctx: RunContext): TokenCredential {
  return ctx.facts.hsmCredential ?? ctx.signIn.credential
}

/**
 * The run's data-plane client for the HSM as `hsm` shows it (ARM's answer, or what the run expects before it:
 * engine/prefetch.ts), for reads started early; undefined without a URI. The same client dataPlane returns.
 */
export function planeOf(ctx: RunContext, hsm: ManagedHsm): ManagedHsmDataPlane | undefined {
  const uri = hsm.properties?.hsmUri
  if (!uri) return undefined
  return (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(hsmCredential(ctx), uri, hsm.properties?.tenantId))
}

/** The run's keys client for the HSM as `hsm` shows it, like planeOf. The same client keysClient returns. */
export function keysOf(ctx: RunContext, hsm: ManagedHsm): ManagedHsmKeys | undefined {
  const uri = hsm.properties?.hsmUri
  if (!uri) return undefined
  return (ctx.facts.keys ??= new ManagedHsmKeys(hsmCredential(ctx), uri, hsm.properties?.tenantId))
}

/** One data-plane client per run (it and the keys client share the HSM host's authentication policy). */
export async function dataPlane(ctx: RunContext): Promise<ManagedHsmDataPlane> {
  const { hsmUri, hsmTenantId } = await knownHsm(ctx)
  ctx.facts.dataPlane ??= new ManagedHsmDataPlane(hsmCredential(ctx), hsmUri, hsmTenantId)
  return ctx.facts.dataPlane
}

/** One keys client per run, on the data plane client of the HSM. */
export async function keysClient(ctx: RunContext): Promise<ManagedHsmKeys> {
  const { hsmUri, hsmTenantId } = await knownHsm(ctx)
  await dataPlane(ctx)
  ctx.facts.keys ??= new ManagedHsmKeys(hsmCredential(ctx), hsmUri, hsmTenantId)
  return ctx.facts.keys
}

/**
 * The object id 'self' stands for: the signed-in identity, or the apply identity a read-only nightly verify
 * names in self-object-id.
 */
export function selfPrincipalId(ctx: RunContext): Promise<string> {
  const named = ctx.config.selfObjectId
  return named ? Promise.resolve(named) : ctx.signIn.principalId()
}

/** The initial administrators as object ids ('self' resolved), sorted. */
export async function desiredAdministrators(ctx: RunContext): Promise<string[]> {
  const ids = await Promise.all(
    ctx.config.administrators.map(a => (a === SELF ? selfPrincipalId(ctx) : Promise.resolve(a)))
  )
  return [...new Set(ids.map(i => i.toLowerCase()))].sort()
}
