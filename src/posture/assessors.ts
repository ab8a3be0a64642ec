/** The posture areas, in the order their findings are listed. */
import { audit } from './audit.js'
import { hsmExposure } from './hsm-exposure.js'
import { hsmSettings } from './hsm-settings.js'
import { stores } from './stores.js'
import type { Assessor } from './types.js'

export const ASSESSORS: Assessor[] = [hsmSettings, hsmExposure, audit, stores]
