/** The posture areas, in the order their findings are listed. */
import { access } from './access.js'
import type { Assessor } from './types.js'
import { keyVersions } from './key-versions.js'

export const ASSESSORS: Assessor[] = [access, keyVersions]
