/**
 * Every secret this run registered with the runner's masker (shared/log.ts `mask` registers them). The
 * runner hides them in its own log only: the job summary, the outputs and the drift report are files it
 * never masks, and an error message can quote a secret (a service that echoes the request it refused). So
 * the log and the summary escaper, and the error types, replace each registered value by `***` themselves,
 * before any other escaping could split it.
 */

const registered = new Set<string>()
let pattern: RegExp | undefined

/** Adds a value; false when it was registered already (the runner is told once). */
export function registerSecret(value: string): boolean {
  if (!value || registered.has(value)) return false
  registered.add(value)
  pattern = undefined
  return true
}

/** `text` with every registered secret replaced by `***` (the longest first, so none leaves a tail). */
export function hideSecrets(text: string): string {
  if (registered.size === 0 || !text) return text
  pattern ??= new RegExp(
    [...registered]
      .sort((a, b) => b.length - a.length)
      .map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g'
  )
  return text.replace(pattern, '***')
}
