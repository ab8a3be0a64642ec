/**
 * The tags the action writes. Information for people and for finding what it made, never authority: anyone
 * with Tag Contributor can write them, so teardown with only-if-expired decides from Azure's own record of the
 * HSM's creation (systemData), and an expires-at tag can only postpone that.
 */
/** Set at creation from expires-after (with managed-by). */
export const EXPIRES_AT_TAG = 'expires-at'
export const MANAGED_BY_TAG = 'managed-by'
export const MANAGED_BY = 'managed-hsm-skr-action'
/** On a Disk Encryption Set the des step made: the HSM it serves. */
export const MANAGED_HSM_TAG = 'managed-hsm'
