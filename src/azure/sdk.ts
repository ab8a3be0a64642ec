/**
 * The Azure SDK client packages, each loaded on first use. They are most of the bundle (the storage SDK
 * alone brings an XML parser), and a run needs only the ones its steps and stores use: a run escrowing to
 * Key Vault never loads the storage SDK, a verify of the HSM alone never loads the keys or secrets client.
 * A dynamic import is also what lets ncc put each package in a chunk of dist/ of its own, read from disk
 * only when imported. Types come from `import type`, which costs nothing at run time.
 */

/** The ARM client for the Managed HSM resource (create, read, update, delete, purge). */
export const armKeyVault = () => import('@azure/arm-keyvault')

/** The Managed HSM keys client, for the steps and modes that read or write keys (key, des, recover). */
export const keyVaultKeys = () => import('@azure/keyvault-keys')

/** The Key Vault secrets client, for escrow stores and key backups kept in Key Vault. */
export const keyVaultSecrets = () => import('@azure/keyvault-secrets')

/** The Blob storage client, for escrow stores and key backups kept in a storage account. */
export const storageBlob = () => import('@azure/storage-blob')
