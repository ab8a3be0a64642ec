/**
 * The end of an activation or a recovery: the HSM's own operation (security-domain download or upload) is
 * polled until it is done, then ARM until it says Active, which is what every later call relies on.
 */
import { waitUntil } from '../azure/wait.js'
import type { AzureOperationError } from '../shared/errors.js'
import type { RunContext } from './context.js'

/** One read of the HSM's operation: still going (with its status line), refused, or done. */
export type OperationState = { pending: string } | { failed: AzureOperationError } | { done: true }

export async function waitUntilActive(
  ctx: RunContext,
  what: string,
  operation: () => Promise<OperationState>
): Promise<void> {
  await waitUntil(
    async () => {
      const op = await operation()
      if ('failed' in op) throw op.failed
      if ('pending' in op) return { value: undefined, done: false, status: op.pending }
      const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
      const status = hsm?.properties?.securityDomainProperties?.activationStatus
      return {
        value: undefined,
        done: status === 'Active',
        status: `ARM activationStatus ${status ?? 'unknown'}`
      }
    },
    { what, service: 'Managed HSM', deadline: ctx.deadline, schedule: [2000, 5000, 10_000] }
  )
}
