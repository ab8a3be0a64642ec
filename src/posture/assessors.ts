/** The posture areas, in the order their findings are listed. */
import { access } from './access.js'
import { audit } from './audit.js'
import { hsmExposure } from './hsm-exposure.js'
import { hsmSettings } from './hsm-settings.js'
import { stores } from './stores.js'
import type { Assessor } from './types.js'
import { escrowIdentity } from './escrow-identity.js'
import { keyVersions } from './key-versions.js'

export const ASSESSORS: Assessor[] = [
  access,
  keyVersions,
  escrowIdentity,
  hsmSettings,
  hsmExposure,
  audit,
  stores
]
