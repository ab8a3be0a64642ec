/**
 * Whether this runner reaches the HSM's data plane, and just-in-time access when the firewall refuses it.
 *
 * The runner's address comes from Azure's own answer (the refusal's "Client address: …", else the
 * `x-ms-keyvault-network-info` header), never from a third-party "what is my IP" service. With
 * `jit-runner-access: true`, apply adds `<address>/32` (read-modify-write, run/network-rules.ts), waits until the
 * data plane answers (bounded), and records the rule in its post state; the post phase removes it, also after a
 * failure or a cancellation. A lease tag says the same on the HSM, for the next apply to clean up after a runner
 * that died before its post phase.
 */
import * as log from '../shared/log.js'
import { AzureOperationError, ConflictError, errorMessage } from '../shared/errors.js'
import { isNonPublic, parseCidr } from '../shared/ipv4.js'
import { saveState } from '../shared/runner.js'
import { RUNNER_RULE_STATE } from './runner-rule-state.js'
import { TagsApi } from '../azure/tags-api.js'
import { dataPlane, knownHsm, readHsm, type RunContext } from './context.js'
import { privateDnsEvidence } from './private-dns.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import {
  allLeases,
  LEASE_TAG_PREFIX,
  leaseTag,
  leaseValue,
  networkOf,
  regionWaiter,
  writeRules,
  type RulesDeps
} from './network-rules.js'

/** How long one probe of the data plane may take: a private-only host that does not answer must not hang the run. */
const PROBE_MS = 20_000
/** How long a new rule may take to reach the data plane before the run gives up. */
const OPEN_WAIT_MS = 10 * 60_000

export type Probe =
  | { kind: 'open'; address?: string }
  | { kind: 'firewall'; address?: string }
  | { kind: 'no-public-access'; address?: string }
  | { kind: 'unreachable'; reason: string }

/** One authenticated read of the data plane: whether the network rules let this runner through. */
export async function probeDataPlane(ctx: RunContext): Promise<Probe> {
  const plane = await dataPlane(ctx)
  const signal = AbortSignal.timeout(PROBE_MS)
  try {
    const r = await plane.send<{ error?: { message?: string; innererror?: { code?: string } } }>(
      'check that the runner reaches the data plane',
      'GET',
      '/providers/Microsoft.Authorization/roleDefinitions',
      { ok: [200, 400, 401, 403, 404], abortSignal: signal }
    )
    const header = /(?:^|;)addr=([^;]{1,64})/.exec(r.headers.get('x-ms-keyvault-network-info') ?? '')?.[1]
    const body = typeof r.body === 'object' && r.body ? r.body : {}
    const said = /Client address: ?([0-9a-fA-F:.]{2,45})/.exec(body.error?.message ?? '')?.[1]
    const address = said ?? header
    const inner = body.error?.innererror?.code
    if (r.status === 403 && inner === 'ForbiddenByFirewall') return { kind: 'firewall', address }
    if (r.status === 403 && inner === 'ForbiddenByConnection') return { kind: 'no-public-access', address }
    return { kind: 'open', address }
  } catch (e) {
    if (signal.aborted) return { kind: 'unreachable', reason: `no answer in ${PROBE_MS / 1000} s` }
    if (e instanceof AzureOperationError && e.details.unreachable)
      return { kind: 'unreachable', reason: e.serviceMessage }
    throw e
  }
}

const PRIVATE_PATHS =
  'run from a network with a private path to the HSM: Azure private networking for GitHub-hosted runners, or a ' +
  'self-hosted runner in (or peered with) the virtual network of its private endpoint (docs/network.md)'

/** The data plane refuses the runner for want of a private path: the options (and what DNS says), before any change. */
export function noPrivatePath(ctx: RunContext, probe: Probe, dns?: string): ConflictError {
  const why =
    probe.kind === 'unreachable'
      ? `the runner cannot reach its data plane (${log.oneLine(probe.reason.slice(0, 300))})`
      : `the data plane refuses the runner${probe.address ? ` (${log.oneLine(probe.address)})` : ''} for want of a private endpoint`
  return new ConflictError(
    `Managed HSM '${ctx.config.hsmName}' has public network access Disabled and ${why}${dns ? `. ${dns}` : ''}`,
    `${PRIVATE_PATHS}; or set public-network-access: Enabled with network: firewall and allowed-ips, or jit-runner-access`
  )
}

/**
 * Before the first data-plane step: makes sure the runner gets through, opening the firewall for it when the
 * inputs allow; otherwise fails with what to do.
 */
export async function ensureRunnerAccess(ctx: RunContext): Promise<void> {
  // ARM's word decides only whether to look: an open firewall needs no probe (and costs no request).
  const p = (await readHsm(ctx))?.properties
  if (!p?.hsmUri || (p.publicNetworkAccess !== 'Disabled' && p.networkAcls?.defaultAction !== 'Deny')) return
  const probe = await probeDataPlane(ctx)
  if (probe.kind === 'open') return
  if (probe.kind !== 'firewall') throw noPrivatePath(ctx, probe, await dnsSays(ctx, p.hsmUri))
  const address = probe.address ?? ''
  const { config } = ctx
  const cidr = parseCidr(address)
  if (!config.network.jit)
    throw new ConflictError(
      `the firewall of Managed HSM '${config.hsmName}' refuses the runner's address${address ? ` ${log.oneLine(address)}` : ''}`,
      `add it to allowed-ips (network: firewall), set jit-runner-access: 'true' for a rule that lasts this job, or ${PRIVATE_PATHS}`
    )
  if (!cidr)
    throw new ConflictError(
      `jit-runner-access: Azure names the runner's address as '${log.oneLine(address || '(nothing)')}', not an IPv4 address: an IP rule holds IPv4 only`,
      PRIVATE_PATHS
    )
  if (isNonPublic(cidr))
    throw new ConflictError(
      `jit-runner-access: Azure sees the runner at ${address}, a private address: no IP rule admits it (it is not ` +
        'what the public endpoint sees)',
      PRIVATE_PATHS
    )
  const rule = `${address}/32`
  await openFor(ctx, rule)
}

async function openFor(ctx: RunContext, rule: string): Promise<void> {
  const { config } = ctx
  const hsmId = (await knownHsm(ctx)).hsmResourceId
  const tags = new TagsApi(ctx.signIn.credential, ctx.cloud.resourceManager)
  const runId = `${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}`
  const tag = leaseTag(rule.replace(/\/32$/, ''), runId)
  const until = Date.now() + config.timeoutMinutes * 60_000 + 15 * 60_000
  // The lease first, then the rule: a concurrent writer that sees the rule sees its lease too. A rule that is
  // there already (another job behind the same address) is leased as well, so that its job's post phase keeps it.
  await tags.merge(hsmId, { [tag]: leaseValue(runId, until) })
  // Saved before the write: a run killed during it still has its post phase try the removal.
  saveState(
    RUNNER_RULE_STATE,
    JSON.stringify({ rule, tag, resourceGroup: config.resourceGroup, hsmName: config.hsmName })
  )
  log.info(
    `network: the firewall refuses this runner; adding the temporary IP rule ${rule} (jit-runner-access)`
  )
  await writeRules(rulesDeps(ctx, true), {
    what: `add the runner's IP rule ${rule}`,
    desired: h => {
      const s = networkOf(h)
      return s.rules.includes(rule)
        ? undefined
        : { bypass: s.bypass, defaultAction: s.defaultAction, rules: [...s.rules, rule] }
    },
    holds: h => networkOf(h).rules.includes(rule)
  })
  ctx.reads.forget()
  await waitOpen(ctx, rule)
  log.notice(`network: the runner's temporary IP rule ${rule} is in place; the post phase removes it`)
}

/** `wait`: a region being added or removed is waited for (the main phase); the post phase fails instead. */
function rulesDeps(ctx: RunContext, wait = false): RulesDeps {
  const { config } = ctx
  return {
    read: () => ctx.arm.get(config.resourceGroup, config.hsmName),
    write: patch => ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch),
    deadline: ctx.deadline,
    ...(wait ? { waitRegion: regionWaiter(ctx.arm, config.resourceGroup, config.hsmName, ctx.deadline) } : {})
  }
}

/** Until the data plane lets the runner through (a new rule takes a while to apply), bounded. */
async function waitOpen(ctx: RunContext, rule: string): Promise<void> {
  const until = Math.min(ctx.deadline, Date.now() + OPEN_WAIT_MS)
  for (let pause = 1000; ; pause = Math.min(pause * 2, 15_000)) {
    const probe = await probeDataPlane(ctx)
    if (probe.kind === 'open') return
    if (Date.now() + pause > until)
      throw new ConflictError(
        `the data plane still refuses the runner after its IP rule ${rule} was added (${Math.round(OPEN_WAIT_MS / 60_000)} min)`,
        'rerun: rules can take minutes to apply; the post phase removes the rule either way'
      )
    log.info(`  network: the data plane does not admit ${rule} yet; checking again in ${pause / 1000} s`)
    await new Promise(r => setTimeout(r, pause))
  }
}

/** The post phase: removes the rule the main phase added (and its lease tag), leaving every other rule. */
export async function removeRunnerRule(ctx: RunContext, saved: { rule: string; tag: string }): Promise<void> {
  const { rule, tag } = saved
  if (!parseCidr(rule) || !tag.startsWith(LEASE_TAG_PREFIX))
    throw new Error('the saved runner rule is not one this action writes')
  // This run's lease goes first: a lease that still runs then belongs to another job behind the same address.
  const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
  try {
    if (hsm?.id) await new TagsApi(ctx.signIn.credential, ctx.cloud.resourceManager).remove(hsm.id, [tag])
  } catch (e) {
    log.warning(`post: the lease tag ${tag} stays (${errorMessage(e)}); its expiry makes it harmless`)
  }
  const othersNeed = (h: ManagedHsm) =>
    allLeases(h.tags).some(l => l.rule === rule && l.tag !== tag && l.until > Date.now())
  await writeRules(rulesDeps(ctx), {
    what: `remove the runner's IP rule ${rule}`,
    desired: h => {
      const s = networkOf(h)
      return s.rules.includes(rule) && !othersNeed(h)
        ? { bypass: s.bypass, defaultAction: s.defaultAction, rules: s.rules.filter(r => r !== rule) }
        : undefined
    },
    holds: h => othersNeed(h) || !networkOf(h).rules.includes(rule)
  })
  const after = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
  log.info(
    after && networkOf(after).rules.includes(rule)
      ? `post: kept the IP rule ${rule}: another job behind the same address holds a lease on it`
      : `post: removed the runner's temporary IP rule ${rule}`
  )
}

/**
 * Preflight, before any change: an HSM with public access Disabled, which the inputs keep so, that this runner reaches by no private path
 * (its data plane refuses it, or does not answer in time) fails now, with the options, instead of timing out in a
 * data-plane step after provision changed things.
 */
export async function refuseWithoutPrivatePath(ctx: RunContext): Promise<void> {
  // Only where the run keeps public access off: an apply that turns it on opens the way itself, and plan and
  // verify report the difference (and their data-plane reads say why they fail).
  if (ctx.config.publicNetworkAccess !== 'Disabled') return
  // A read that fails here (sign-in, ARM) is the steps' to report, as their own read would have been.
  let uri = ''
  const probe = await (async () => {
    const p = (await readHsm(ctx))?.properties
    if (p?.publicNetworkAccess !== 'Disabled' || p.provisioningState !== 'Succeeded' || !p.hsmUri)
      return undefined
    uri = p.hsmUri
    return probeDataPlane(ctx)
  })().catch(() => undefined)
  if (probe?.kind === 'no-public-access' || probe?.kind === 'unreachable')
    throw noPrivatePath(ctx, probe, await dnsSays(ctx, uri))
}

/** DNS's word beside the refusal; a lookup that fails leaves the refusal as the request made it. */
const dnsSays = (ctx: RunContext, uri: string): Promise<string | undefined> =>
  privateDnsEvidence(uri, ctx.cloud.managedHsmSuffix).catch(() => undefined)
