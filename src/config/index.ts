/** Configuration: every input read and checked into one typed Config before anything talks to Azure. */
export * from './modes.js'
export * from './types.js'
export * from './tags.js'
export { broadReleaseRule, isBroadScope, parseInputs } from './inputs.js'
export {
  INPUT_DEFAULTS,
  INPUT_NAMES,
  hsmNameProblem,
  resourceGroupProblem,
  splitList,
  type InputReader
} from './reader.js'
export { custodyLine, reportedCustody, SINGLE_STORE_CUSTODY } from './custody.js'
export { DEFAULT_KEY_OPERATIONS, DEFAULT_KEY_SIZE } from './key.js'
export { expectsOrchestrator, releasesToOrchestrator } from './des.js'
export { RENAMED_INPUTS } from './renamed.js'
export { AUDIT_LOG_INPUTS, DEFAULT_AUDIT_LOG_SETTING } from './audit-log.js'
