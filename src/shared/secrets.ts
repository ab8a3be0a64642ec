/**
 * Every secret this run registered with the runner's masker (shared/log.ts `mask` registers them). The
 * runner hides them in its own log only: the job summary, the outputs and the drift report are files it
 * never masks, and an error message can quote a secret (a service that echoes the request it refused). So
 * the log and the summary escaper, and the error types, replace each registered value by `***` themselves,
 * before any other escaping could split it.
 */

const registered = new Set<string>()
/** The registered values, longest first; rebuilt after a registration. */
let longestFirst: string[] | undefined

/** Adds a value; false when it was registered already (the runner is told once). */
export function registerSecret(value: string): boolean {
  if (!value || registered.has(value)) return false
  registered.add(value)
  longestFirst = undefined
  return true
}

/**
 * `text` with every registered secret replaced by `***`, the longest first, so that a secret holding another
 * leaves no tail. A substring search per secret, not one alternation: the run registers dozens of
 * kilobyte-long tokens, and a regular expression of them cost about 20 ms of every run's log.
 */
export function hideSecrets(text: string): string {
  if (registered.size === 0 || !text) return text
  longestFirst ??= [...registered].sort((a, b) => b.length - a.length)
  let out = text
  for (const secret of longestFirst) if (out.includes(secret)) out = out.split(secret).join('***')
  return out
}
