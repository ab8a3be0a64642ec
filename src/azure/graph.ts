/**
 * Microsoft Graph, for one question: the object id of a tenant's service principal for a well-known
 * application (the Confidential VM Orchestrator). Needs the Graph permission Application.Read.All (or
 * Directory.Read.All) for the signed-in app; without it, cvm-orchestrator-object-id avoids the lookup.
 */
import type { TokenCredential } from '@azure/core-auth'
import { JsonApi } from './rest.js'

const SERVICE = 'Microsoft Graph'

export interface ServicePrincipal {
  id: string
  appId?: string
  displayName?: string
}

export async function servicePrincipalByAppId(
  credential: TokenCredential,
  graphEndpoint: string,
  appId: string
): Promise<ServicePrincipal | undefined> {
  const api = new JsonApi(credential, graphEndpoint, SERVICE)
  const r = await api.send<{ value?: ServicePrincipal[] }>(
    `look up the service principal of application ${appId}`,
    'GET',
    '/v1.0/servicePrincipals',
    {
      query: { $filter: `appId eq '${appId}'`, $select: 'id,appId,displayName' },
      hint: (_code, status) =>
        status === 403
          ? 'the signed-in app needs the Microsoft Graph application permission Application.Read.All (admin consent), or set cvm-orchestrator-object-id'
          : undefined
    }
  )
  return r.body?.value?.find(sp => typeof sp.id === 'string')
}
