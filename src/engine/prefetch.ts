/**
 * The steps' reads, started as soon as their inputs are known instead of when each step's turn comes: what
 * needs only the inputs at once (the HSM, the region's attestation provider, the disk encryption set, the
 * Confidential VM Orchestrator), what needs the HSM's URI once ARM has answered (escrow checks, role
 * definitions and assignments, the key) together. The steps then plan and apply in order as before and join
 * these reads (reads.ts); a step that writes makes every later step read again. Nothing here writes, logs
 * or throws: a read that fails is reported by the step that needs it, as its own read would have been.
 */
import { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import { ManagedHsmKeys } from '../azure/keys.js'
import { keyVaultKeys, keyVaultSecrets, storageBlob } from '../azure/sdk.js'
import { listPrincipalAssignments, listRoleDefinitions } from '../azure/rbac-api.js'
import { servicePrincipalByAppId } from '../azure/graph.js'
import { checkEscrow, keyTargets, storesFor } from '../escrow/escrow.js'
import {
  CVM_ENCRYPTION_TYPE,
  isSingleMode,
  MODE_TABLE,
  SELF,
  type RoleAssignmentInput
} from '../config/index.js'
import { desClient, CVM_ORCHESTRATOR_APP_ID } from '../run/disk-encryption-sets.js'
import { desiredInputs } from '../steps/rbac.js'
import { implicitForKeyStep } from '../run/role-assignments.js'
import { selfPrincipalId, type RunContext } from '../run/context.js'
import { prefetchPosture } from '../posture/index.js'

export function prefetchReads(ctx: RunContext): void {
  const { config, reads } = ctx
  if (isSingleMode(config.mode)) return
  const steps = new Set(config.steps)
  const cred = ctx.signIn.credential
  const keyStep = steps.has('key')
  const d = steps.has('des') ? config.des : undefined

  // The SDK chunks the later reads need, loaded (read from disk, compiled) while sign-in and the ARM read
  // are in flight rather than after them, when they would hold back the data-plane wave.
  const { securityDomainStores, wrappingKeyStores } = config.activation
  const kinds = new Set([...securityDomainStores, ...wrappingKeyStores].map(t => t.kind))
  if (config.keyBackup) kinds.add(config.keyBackup.kind)
  if (keyStep || d) void keyVaultKeys().catch(() => undefined)
  if (kinds.has('key-vault-secret')) void keyVaultSecrets().catch(() => undefined)
  if (kinds.has('blob')) void storageBlob().catch(() => undefined)

  // Inputs only.
  const hsm = reads.prefetch('hsm', () => ctx.arm.get(config.resourceGroup, config.hsmName))
  const policy = config.key.policy
  if (keyStep && policy?.kind === 'preset' && !policy.authority && config.location)
    void reads.prefetch(`defaultProvider:${config.location}`, () =>
      ctx.arm.defaultAttestationAuthority(config.location)
    )
  const set = d
    ? reads.prefetch(`des:${d.resourceGroup}/${d.name}`, () => desClient(ctx).get(d.resourceGroup, d.name))
    : Promise.resolve(undefined)
  const orchestrator =
    d?.encryptionType !== CVM_ENCRYPTION_TYPE
      ? Promise.resolve(undefined)
      : d.orchestratorObjectId
        ? Promise.resolve(d.orchestratorObjectId)
        : reads
            .prefetch('orchestrator', () =>
              servicePrincipalByAppId(cred, ctx.cloud.graph, CVM_ORCHESTRATOR_APP_ID)
            )
            .then(sp => sp?.id)

  // Once ARM has named the HSM's URI: its data plane and the escrow.
  void hsm
    .then(async h => {
      const uri = h?.properties?.hsmUri
      // The posture's reads (each area knows whether it applies to this HSM).
      if (h) prefetchPosture(ctx, h)
      // An HSM that is not active answers no data-plane read: the activate step comes first.
      const active = h?.properties?.securityDomainProperties?.activationStatus === 'Active'
      if (!uri || h.properties?.provisioningState !== 'Succeeded' || !active) return
      if (steps.has('activate')) {
        const a = config.activation
        const targets = [
          ...a.securityDomainStores,
          // verify proves the escrow: it reads the wrapping keys too.
          ...(MODE_TABLE[config.mode].proves ? keyTargets(a.wrappingKeyStores, a.keyCount) : [])
        ]
        for (const s of storesFor(targets, cred)) void reads.prefetch(`escrow:${s.url}`, () => checkEscrow(s))
      }
      const wanted: RoleAssignmentInput[] = steps.has('rbac')
        ? desiredInputs(ctx)
        : keyStep
          ? implicitForKeyStep()
          : []
      if (wanted.length === 0 && !keyStep && !d) return
      // The same clients the steps use (context.ts dataPlane / keysClient): one challenge cache per run.
      const plane = (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(cred, uri))
      if (keyStep) {
        const keys = (ctx.facts.keys ??= new ManagedHsmKeys(cred, uri))
        const name = config.key.name
        void reads.prefetch(`key:${name}`, () => keys.current(name))
      }
      void reads.prefetch('roleDefinitions', () => listRoleDefinitions(plane))
      const assignments = (principal: string | undefined): void => {
        const id = principal?.toLowerCase()
        if (id) void reads.prefetch(`assignments:${id}`, () => listPrincipalAssignments(plane, id))
      }
      for (const w of wanted)
        if (w.principal !== SELF) assignments(w.principal)
        else void selfPrincipalId(ctx).then(assignments, () => undefined)
      const [des, orchestratorId] = await Promise.all([set, orchestrator])
      assignments(des?.identity?.principalId)
      assignments(orchestratorId)
    })
    .catch(() => undefined)
}
