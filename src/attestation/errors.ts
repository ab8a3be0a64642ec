/** A key attestation that does not verify, naming the check that failed. */
export class AttestationError extends Error {
  constructor(
    /** The check, in words: 'root', 'certificate signature', 'blob signature', 'modulus', 'generated in the HSM'… */
    readonly check: string,
    detail: string
  ) {
    super(`key attestation: the ${check} check failed: ${detail}`)
    this.name = 'AttestationError'
  }
}
