/** The escrowed form of a generated wrapping key: its private key and its certificate, PEM, in one object. */

/** The private key and the certificate of a bundle; undefined when either is missing. */
export function parseKeyBundle(text: string): { privateKeyPem: string; certificatePem: string } | undefined {
  const key = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA )?PRIVATE KEY-----/.exec(text)?.[0]
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text)?.[0]
  return key && cert ? { privateKeyPem: key, certificatePem: cert } : undefined
}
