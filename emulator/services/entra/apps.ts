/** App registrations and their federated credentials: Entra ID's part of state.json. */
import { DEFAULT_IDS, type StateStore } from '../../core/state.js'

export interface FederatedCredential {
  name?: string
  issuer: string
  subject: string
  audiences: string[]
}

export interface AppRegistration {
  clientId: string
  displayName: string
  principalId: string
  federatedCredentials: FederatedCredential[]
  /** The application object's id (Graph `id`), for apps created through Graph. */
  objectId?: string
  /** False until `POST /v1.0/servicePrincipals` creates the app's principal (apps made through Graph). */
  servicePrincipal?: boolean
}

declare module '../../core/state.js' {
  interface StateData {
    apps: Record<string, AppRegistration>
  }
}

/** The app the action signs in as, trusting the default GitHub OIDC subject. */
export function seedApps(): { apps: Record<string, AppRegistration> } {
  const ids = DEFAULT_IDS
  return {
    apps: {
      [ids.clientId]: {
        clientId: ids.clientId,
        displayName: ids.appDisplayName,
        principalId: ids.principalId,
        federatedCredentials: [
          {
            name: 'github-production',
            issuer: ids.githubIssuer,
            subject: ids.oidcSubject,
            audiences: [ids.oidcAudience]
          }
        ]
      }
    }
  }
}

/** The default app's service principal: the one the pre-created escrow stores grant. */
export function defaultPrincipalId(state: StateStore): string {
  return state.data.apps[DEFAULT_IDS.clientId]?.principalId ?? DEFAULT_IDS.principalId
}
