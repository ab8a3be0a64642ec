/**
 * Custody of the escrow: the security domain and a quorum of its wrapping private keys together recover
 * the HSM anywhere, so by default they must live in different stores (Key Vaults or storage accounts).
 * A store is its host: Key Vault access and storage RBAC are granted per vault or account, so two secret
 * names in one vault, or two containers in one account, are readable by the same people. Pure.
 */
import { objectKey, type StoreTarget } from '../escrow/stores/targets.js'
import { MODE_TABLE } from './modes.js'
import type { Config, SharedStore } from './types.js'

/** The words plan, summary and verify use when the user accepted one store for both. */
export const SINGLE_STORE_CUSTODY = 'single store custody'

/** Each wrapping-key target that sits in a store also holding a security-domain target. */
export function sharedStores(securityDomain: StoreTarget[], wrappingKeys: StoreTarget[]): SharedStore[] {
  return wrappingKeys.flatMap(k => {
    const sd = securityDomain.find(s => s.serviceUrl === k.serviceUrl)
    return sd ? [{ host: hostOf(k), kind: k.kind, securityDomain: sd, wrappingKey: k }] : []
  })
}

/** A target both lists name (however spelled): one object cannot hold both, whatever custody is accepted. */
export function sameObject(a: StoreTarget[], b: StoreTarget[]): StoreTarget | undefined {
  const keys = new Set(a.map(objectKey))
  return b.find(t => keys.has(objectKey(t)))
}

export function storeWord(kind: StoreTarget['kind']): string {
  return kind === 'blob' ? 'storage account' : 'Key Vault'
}

/** One line for logs, the plan, the summary and the verify report. Hosts only: they were validated. */
export function custodyLine(shared: SharedStore[]): string {
  const hosts = [...new Set(shared.map(s => `${storeWord(s.kind)} ${s.host}`))].join(', ')
  return (
    `${SINGLE_STORE_CUSTODY} (escrow-same-store: accept): the security domain and wrapping private keys are ` +
    `escrowed in the same ${hosts}; anyone who can read it can recover the HSM`
  )
}

/** The custody line for a run that writes or reads the escrow under escrow-same-store: accept; else nothing. */
export function reportedCustody(c: Pick<Config, 'mode' | 'steps' | 'activation'>): string | undefined {
  const traits = MODE_TABLE[c.mode]
  const usesEscrow = traits.readsPrivateKeys || (traits.runsSteps && c.steps.includes('activate'))
  return usesEscrow && c.activation.sharedStores.length > 0
    ? custodyLine(c.activation.sharedStores)
    : undefined
}

function hostOf(t: StoreTarget): string {
  return t.serviceUrl.replace(/^https:\/\//, '')
}
