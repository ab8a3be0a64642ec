/**
 * Microsoft.Compute on ARM: disk encryption sets (disk-encryption-sets.ts) and managed disks (disks.ts),
 * kept in state.json (records.ts). No host of its own: ARM routes to its providers.
 */
import type { ServiceModule } from '../../core/context.js'
import type { ArmProvider } from '../arm/common.js'
import { handleDiskEncryptionSets } from './disk-encryption-sets.js'
import { handleDisks } from './disks.js'

export const computeArm: ArmProvider[] = [handleDiskEncryptionSets, handleDisks]

export const computeModule: ServiceModule = {
  name: 'compute',
  publicState: ctx => ({ diskEncryptionSets: Object.values(ctx.state.data.diskEncryptionSets ?? {}) })
}
