/** Resource groups: ARM's part of state.json. */
import { DEFAULT_IDS } from '../../core/state.js'

export interface ResourceGroup {
  subscriptionId: string
  name: string
  location: string
  tags: Record<string, string>
}

declare module '../../core/state.js' {
  interface StateData {
    resourceGroups: Record<string, ResourceGroup>
  }
}

export const rgKey = (subscriptionId: string, name: string): string =>
  `${subscriptionId.toLowerCase()}/${name.toLowerCase()}`

/** The demo resource group. */
export function seedResourceGroups(): { resourceGroups: Record<string, ResourceGroup> } {
  const ids = DEFAULT_IDS
  return {
    resourceGroups: {
      [rgKey(ids.subscriptionId, ids.resourceGroup)]: {
        subscriptionId: ids.subscriptionId,
        name: ids.resourceGroup,
        location: ids.location,
        tags: {}
      }
    }
  }
}
