/**
 * What the escrow checks say in words, apart from the checks: the job summary needs the words without
 * loading the security-domain parsing and the stores (a bad input's summary loads no Azure SDK).
 */

/**
 * With custodians' certificates no private key is within CI's reach, so no run can open the escrowed security
 * domain: what it checks (the shares' certificates, the quorum) is said apart from what it cannot.
 */
export const CUSTODIAN_RECOVERY_NOT_PROVEN =
  "recovery itself is not proven in this run: prove it offline with mode: verify-security-domain and the custodians' key files"
