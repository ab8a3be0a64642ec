/** Key attestation: the pinned roots, the certificate path, the MRVL-1 blobs. Pure: no I/O. */
export * from './errors.js'
export * from './roots.js'
export * from './verify.js'
