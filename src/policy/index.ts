/** Secure Key Release policies: model, presets, parsing, lint, normalisation, comparison, offline evaluation. */

export * from './types.js'
export {
  JsonSyntaxError,
  JSON_MAX_DEPTH,
  POLICY_JSON_MAX_BYTES,
  childPath,
  readJson,
  sortedJson
} from './json.js'
export {
  canonicalAuthority,
  authoritiesMatch,
  attestationAuthorityProblem,
  authorityKind,
  PUBLIC_ATTESTATION_DOMAIN,
  type AttestationDomain,
  type AuthorityKind,
  type AuthorityProblem
} from './authority.js'
export {
  permissiveFindings,
  requiredOnEveryPath,
  requiresTee,
  requiresNotDebuggable,
  allowsDebugging,
  PERMISSIVE_RULES
} from './permissive.js'
export {
  knownClaimKind,
  knownClaimNames,
  resolveClaim,
  claimValueMatches,
  scalarText,
  type ClaimKind,
  type ClaimLookup,
  ATTESTATION_TYPE,
  COMPLIANCE_STATUS,
  TEE_ATTESTATION_TYPE,
  TEE_COMPLIANCE_STATUS,
  SEV_SNP_TYPE,
  TDX_TYPE,
  AZURE_VM_TYPE,
  COMPLIANT_CVM
} from './claims.js'
export { upgradeLegacyPolicy, type LegacyUpgrade } from './legacy.js'
export {
  PolicyParseError,
  formatFinding,
  parsePolicy,
  parsePolicyTestCases,
  parseJsonOrThrow,
  type ParseOptions,
  type ParsedPolicy,
  type PolicyTestCase,
  type ExpectedOutcome
} from './parse.js'
export { lintPolicy, type LintOptions } from './lint.js'
export {
  PRESET_NAMES,
  isPresetName,
  describePreset,
  presetPolicy,
  defaultProviderPath,
  defaultAttestationAuthorityHint,
  parseDefaultProviderResponse,
  DEFAULT_PROVIDER_API_VERSION,
  DEFAULT_ARM_ENDPOINT,
  type PresetName,
  type DefaultProvider
} from './presets.js'
export {
  normalizePolicy,
  toPolicyValue,
  toServiceJson,
  encodePolicyData,
  decodePolicyData,
  decodePolicyDataText
} from './normalize.js'
export { policiesEqual, describePolicyDifference } from './equal.js'
export {
  evaluatePolicy,
  runPolicyTests,
  type EvaluateOptions,
  type EvaluationResult,
  type PolicyTestResult,
  type PolicyTestReport
} from './evaluate.js'
export * from './platform-claims.js'
export * from './cvm-platform.js'
export {
  releasesBeyond,
  policyWeakness,
  describeWitness,
  MAX_WAYS,
  type Beyond,
  type ReleaseWitness,
  type WeaknessOptions
} from './weaker.js'
