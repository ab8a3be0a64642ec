/**
 * modes/: every mode as one object the engine runs (mode.ts): apply, plan and verify run the chosen steps;
 * verify-security-domain, teardown and recover run instead of them.
 */
import type { Mode } from '../config/index.js'
import { APPLY } from './apply.js'
import { PLAN, VERIFY } from './read-only.js'
import { RECOVER, TEARDOWN, VERIFY_SECURITY_DOMAIN } from './single.js'
import type { RunMode } from './mode.js'

export type { Run, RunMode } from './mode.js'

export const MODES: Record<Mode, RunMode> = {
  apply: APPLY,
  plan: PLAN,
  verify: VERIFY,
  'verify-security-domain': VERIFY_SECURITY_DOMAIN,
  teardown: TEARDOWN,
  recover: RECOVER
}
