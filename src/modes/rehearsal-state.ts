/** The runner state naming a rehearsal HSM not yet torn down (recover.ts sets it, post.ts reads it). */
export const REHEARSAL_STATE = 'rehearsal-hsm'
