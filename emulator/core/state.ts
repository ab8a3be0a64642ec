/**
 * Everything the emulator remembers, as one JSON document under the state dir, written atomically
 * (temp file + rename) after each change. Long-running operations store start time + duration and
 * are evaluated against the clock when read, so they survive restarts. Each service adds its own
 * top-level fields to StateData (declaration merging in its folder) and its part of a fresh file
 * (ServiceModule.seed).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
export function writeFileAtomic(path: string, data: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(tmp, data, { mode })
  renameSync(tmp, path)
}

/** Fixed, realistic identifiers: stable across restarts and across state dirs. */
export const DEFAULT_IDS = {
  tenantId: '8b2d4c1e-6f3a-4d5b-9e7c-2a1f0b3c4d5e',
  tenantDisplayName: 'Contoso',
  tenantDomain: 'contoso.onmicrosoft.com',
  subscriptionId: '5e1c7a9d-2b4f-4c8e-a6d3-9f0b1e2c3d4a',
  subscriptionName: 'Contoso Production',
  clientId: 'c4a7e2f1-8d3b-4a6c-b5e9-7f1d2c3b4a5e',
  principalId: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
  appDisplayName: 'github-hsm-bootstrap',
  resourceGroup: 'rg-skr-demo',
  location: 'westeurope',
  githubIssuer: 'https://token.actions.githubusercontent.com',
  oidcSubject: 'repo:contoso/hsm-bootstrap:environment:production',
  oidcAudience: 'api://AzureADTokenExchange'
} as const

/** The document's own fields; every other field belongs to a service, which declares it here by merging. */
export interface StateData {
  version: 1
}

export class StateStore {
  private constructor(
    readonly path: string,
    public data: StateData
  ) {}

  /** Opens `state.json`, or writes a fresh one from the services' seeds (in registration order). */
  static open(stateDir: string, seeds: Partial<StateData>[] = []): StateStore {
    const path = join(stateDir, 'state.json')
    const store = existsSync(path)
      ? new StateStore(path, JSON.parse(readFileSync(path, 'utf8')) as StateData)
      : new StateStore(path, Object.assign({ version: 1 }, ...seeds) as StateData)
    store.save()
    return store
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2))
  }
}
