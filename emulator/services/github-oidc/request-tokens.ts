/** The runner's ACTIONS_ID_TOKEN_REQUEST_TOKENs: GitHub OIDC's part of state.json. */
import { randomBytes } from 'node:crypto'
import type { StateStore } from '../../core/state.js'

export interface OidcRequestToken {
  claims: Record<string, unknown>
  createdAt: number
}

declare module '../../core/state.js' {
  interface StateData {
    oidcRequestTokens: Record<string, OidcRequestToken>
  }
}

/** Opaque bearer token shaped like the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN (a JWT-looking blob). */
export function newRequestToken(): string {
  return `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(96).toString('base64url')}.${randomBytes(32).toString('base64url')}`
}

/** A fresh state's one request token, which the JSON line hands out. */
export function seedRequestTokens(): { oidcRequestTokens: Record<string, OidcRequestToken> } {
  return { oidcRequestTokens: { [newRequestToken()]: { claims: {}, createdAt: Date.now() } } }
}

/** The default request token (the first one created). */
export function defaultRequestToken(store: StateStore): string {
  return Object.keys(store.data.oidcRequestTokens)[0]
}
