/**
 * The services the emulator serves: the only file that names them all. Each folder registers a
 * ServiceModule (its hosts, state, stores and control endpoints); ARM's resource providers are listed
 * here for the ARM router, in the order it tries them. Hosts no service lists are refused at CONNECT
 * with 502, as a proxy does when it cannot reach a host. To add a service: a folder with its module,
 * and a line here.
 */
import type { ServiceModule } from '../core/context.js'
import { armModule } from './arm/index.js'
import { handleDiagnosticSettings } from './arm/diagnostic-settings.js'
import { handleTags } from './arm/tags.js'
import { attestationArm, attestationModule } from './attestation/index.js'
import { blobModule } from './blob/index.js'
import { computeArm, computeModule } from './compute/index.js'
import { entraModule } from './entra/index.js'
import { handleEscrowStores } from './escrow-stores/index.js'
import { githubOidcModule } from './github-oidc/index.js'
import { graphModule } from './graph/index.js'
import { keyVaultModule } from './key-vault/index.js'
import { handleManagedHsms } from './managed-hsm/arm/index.js'
import { managedHsmModule } from './managed-hsm/index.js'

/** Registration order is host-table order, the order of a fresh state.json's fields and of open hooks. */
export const SERVICES: ServiceModule[] = [
  entraModule,
  armModule([
    attestationArm,
    handleTags,
    handleDiagnosticSettings,
    ...computeArm,
    handleEscrowStores,
    // Last: it also sweeps soft-deleted HSMs whose retention ended.
    handleManagedHsms
  ]),
  graphModule,
  managedHsmModule,
  githubOidcModule,
  attestationModule,
  keyVaultModule,
  blobModule,
  computeModule
]
