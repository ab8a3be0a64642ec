/**
 * What the recover rehearsal and its plan share, apart from recover.ts so that plan and verify (which show the
 * rehearsal's plan) do not load the recover mode.
 */

/** The runner state naming a rehearsal HSM not yet torn down (recover.ts sets it, post.ts reads it). */
export const REHEARSAL_STATE = 'rehearsal-hsm'
/** Tag on a rehearsal HSM naming the HSM it rehearses; only such an HSM is ever torn down by a rehearsal. */
export const REHEARSAL_TAG = 'rehearsal-of'
/** A rehearsal HSM carries an expires-at tag this far ahead, for scheduled teardown jobs if the run dies. */
export const REHEARSAL_LIFETIME_MS = 86_400_000
/** Azure's shortest soft-delete retention for a Managed HSM. */
export const REHEARSAL_RETENTION_DAYS = 7
