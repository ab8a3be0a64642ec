/**
 * The release policy the inputs ask for: release-policy as given, or the preset bound to attestation-authority
 * or to the region's default provider (read from ARM once per run). One answer per run, shared by the key
 * step (which binds the key to it) and the key-versions posture (which judges every version against it).
 */
import { attestationDomain, type CloudName } from '../auth/clouds.js'
import {
  attestationAuthorityProblem,
  presetPolicy,
  toServiceJson,
  type ReleasePolicy
} from '../policy/index.js'
import { ConfigurationError, ConflictError } from '../shared/errors.js'
import { readHsm, type RunContext } from './context.js'

export interface DesiredPolicy {
  policy: ReleasePolicy
  /** The region's default provider, when the preset was bound to it (the key step says so). */
  defaultAuthority?: string
}

const resolved = new WeakMap<RunContext, Promise<DesiredPolicy>>()

/** The policy the key must carry (a preset without an authority takes the region's default provider). */
export function desiredPolicy(ctx: RunContext): Promise<DesiredPolicy> {
  let p = resolved.get(ctx)
  if (!p) {
    p = resolve(ctx)
    resolved.set(ctx, p)
  }
  return p
}

async function resolve(ctx: RunContext): Promise<DesiredPolicy> {
  const p = ctx.config.key.policy
  if (!p)
    throw new ConfigurationError('release-policy', 'or release-policy-preset is required for the key step')
  if (p.kind === 'inline') return { policy: p.policy }
  if (p.authority) return { policy: presetPolicy(p.preset, p.authority) }
  const location = ctx.config.location || (await hsmLocation(ctx))
  const authority = checkedDefaultAuthority(
    await readDefaultAuthority(ctx, location),
    ctx.config.cloud,
    location
  )
  return { policy: presetPolicy(p.preset, authority), defaultAuthority: authority }
}

/**
 * What Azure answered for the region's default provider is held to the same rule as the input: the key is never
 * bound to a foreign authority, whatever ARM (or something posing as it) says.
 */
export function checkedDefaultAuthority(authority: string, cloud: CloudName, location: string): string {
  const problem = attestationAuthorityProblem(authority, attestationDomain(cloud))
  if (problem)
    throw new ConflictError(
      `the default attestation provider Azure named for ${location} is not usable: its attestUri ${problem.message}`,
      'set attestation-authority to your attestation provider URL'
    )
  return authority
}

/** The region's default attestation provider (needs only the location, so it is read early). */
export function readDefaultAuthority(ctx: RunContext, location: string): Promise<string> {
  return ctx.reads.once(defaultProviderRead(location), () => ctx.arm.defaultAttestationAuthority(location))
}

/** Starts the read readDefaultAuthority joins, when the inputs name a preset without an authority. */
export function prefetchDefaultAuthority(ctx: RunContext): void {
  const { key, location } = ctx.config
  if (key.policy?.kind !== 'preset' || key.policy.authority || !location) return
  void ctx.reads.prefetch(defaultProviderRead(location), () => ctx.arm.defaultAttestationAuthority(location))
}

const defaultProviderRead = (location: string): string => `defaultProvider:${location}`

async function hsmLocation(ctx: RunContext): Promise<string> {
  const hsm = await readHsm(ctx)
  return (hsm?.location ?? '').toLowerCase().replace(/\s+/g, '')
}

/** The release_policy of a key create or update: the policy as the service stores it. */
export function releasePolicyOf(policy: ReleasePolicy, immutable: boolean) {
  return {
    contentType: 'application/json; charset=utf-8',
    encodedPolicy: new Uint8Array(Buffer.from(toServiceJson(policy), 'utf8')),
    immutable
  }
}
