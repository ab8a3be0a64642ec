/** The posture areas, in the order their findings are listed. */
import type { Assessor } from './types.js'
import { escrowIdentity } from './escrow-identity.js'

export const ASSESSORS: Assessor[] = [escrowIdentity]
