// shared/: what every layer uses: the error types and the one retry loop.
/**
 * Error types. A ConfigurationError is the user's to fix (an input), an AzureOperationError is a call to a
 * service that failed and carries what a person needs to act: the service, the operation, Azure's code and
 * request id, and a hint. Anything else is a bug and gets its stack in the debug log only.
 *
 * The hint ("What to do") is the action's own advice and travels as a field of its own (errorHint,
 * Failure) to the job summary, which renders only that field as advice: a line of Azure's text that starts
 * with "What to do:" stays Azure's text. The message keeps a "What to do:" line for the log.
 */
import { hideSecrets } from './secrets.js'
import { oneLine } from './log.js'

export class ConfigurationError extends Error {
  constructor(
    readonly input: string,
    readonly rule: string
  ) {
    super(`Input '${input}': ${rule}`)
    this.name = 'ConfigurationError'
  }
}

/** Several input problems at once, so a user fixes them in one round. */
export class ConfigurationErrors extends Error {
  constructor(readonly errors: ConfigurationError[]) {
    super(
      errors.length === 1
        ? errors[0].message
        : `${errors.length} input problems:\n${errors.map(e => `- ${e.message}`).join('\n')}`
    )
    this.name = 'ConfigurationErrors'
  }
}

export interface AzureErrorDetails {
  service: string
  operation: string
  status?: number
  code?: string
  requestId?: string
  hint?: string
  /**
   * No answer came from the service: a network failure (DNS, refused or reset connection, timeout) or an
   * answer from something on the way, such as a proxy that cannot reach the host.
   */
  unreachable?: boolean
}

export class AzureOperationError extends Error {
  /** What failed and Azure's words, without the hint (withLine may add the action's own lines). */
  text: string
  readonly serviceMessage: string

  constructor(
    readonly details: AzureErrorDetails,
    serviceMessage: string
  ) {
    const said = hideSecrets(serviceMessage)
    super(formatAzureError(details, said))
    this.serviceMessage = said
    this.text = formatAzureError({ ...details, hint: undefined }, said)
    this.name = 'AzureOperationError'
  }
}

/** Longest service message kept: an answer that quotes a whole request says enough in its first part. */
export const MAX_SERVICE_MESSAGE = 1500

/**
 * Text a service answered (an error message, a code, a request id) as it goes into a message: one line
 * (see oneLine), every registered secret `***`, and at most `max` characters.
 */
export function serviceText(text: string, max = MAX_SERVICE_MESSAGE): string {
  const line = oneLine(text)
  if (line.length <= max) return line
  return `${line.slice(0, max)}… (${line.length - max} more characters not shown)`
}

/** A state in Azure that the action will not change by itself (for example a location that differs). */
export class ConflictError extends Error {
  /** The message without the hint (withLine may add the action's own lines). */
  text: string

  constructor(
    message: string,
    readonly hint?: string
  ) {
    super(hint ? `${message}\nWhat to do: ${hint}` : message)
    this.text = message
    this.name = 'ConflictError'
  }
}

/**
 * A difference between the inputs and Azure that the action cannot (or must not) fix by itself, such as a
 * missing escrow on an active HSM: apply fails on it, verify reports it as drift.
 */
export class DriftError extends ConflictError {
  constructor(
    readonly checkId: string,
    message: string,
    hint?: string
  ) {
    super(message, hint)
    this.name = 'DriftError'
  }
}

/**
 * An escrow in the way: a store already holds something else where this run would write (another object,
 * another HSM's security domain or wrapping keys). An escrow is never overwritten, so the user fixes it, and
 * the hint ("What to do", always given) says how.
 */
export class EscrowConflictError extends ConflictError {
  constructor(message: string, hint: string) {
    super(message, hint)
    this.name = 'EscrowConflictError'
  }
}

/** Statuses worth another try: a timeout, throttling, or a server error. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * A failed call worth another try: the service was unreachable or answered a transient status. Anything
 * else (a refusal, a bad request, or a state the action itself reports, such as an operation that ended
 * Failed) will fail the same way again.
 */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof AzureOperationError)) return false
  const { status, unreachable } = e.details
  return status === undefined ? unreachable === true : isTransientStatus(status)
}

/** An error's message without its "What to do" line, for a caller that gives its own hint. */
export function errorSummary(e: unknown): string {
  return e instanceof AzureOperationError || e instanceof ConflictError ? e.text : errorMessage(e)
}

/** The action's own advice for an error, if it has any. */
export function errorHint(e: unknown): string | undefined {
  if (e instanceof AzureOperationError) return e.details.hint || undefined
  if (e instanceof ConflictError) return e.hint || undefined
  return undefined
}

/** A failure as the log and the summary report it: what happened, and apart from it the action's advice. */
export interface Failure {
  text: string
  hint?: string
}

/**
 * The error with a line of the action's own added to what it says, before its hint (the summary renders
 * the text and the hint apart, so the line must be in the text, not only in the message).
 */
export function withLine(e: unknown, line: string): Error {
  if (e instanceof AzureOperationError || e instanceof ConflictError) {
    e.text = `${e.text}\n${line}`
    e.message = failureMessage({ text: e.text, hint: errorHint(e) })
    return e
  }
  if (e instanceof Error) {
    e.message = `${e.message}\n${line}`
    return e
  }
  return new Error(`${errorMessage(e)}\n${line}`)
}

export function failureOf(e: unknown): Failure {
  const hint = errorHint(e)
  return hint ? { text: errorSummary(e), hint } : { text: errorSummary(e) }
}

/** A failure as one message: its text, then "What to do: …" on a line of its own. */
export function failureMessage(f: Failure): string {
  return f.hint ? `${f.text}\nWhat to do: ${f.hint}` : f.text
}

function formatAzureError(d: AzureErrorDetails, serviceMessage: string): string {
  // The code and the request id come from the answer too: each stays on its line.
  const head = [d.status, d.code && serviceText(d.code, 200)]
    .filter(v => v !== undefined && v !== '')
    .join(' ')
  const lines = [`${d.service}: ${d.operation} failed${head ? ` (${head})` : ''}: ${serviceMessage}`]
  if (d.requestId) lines.push(`Azure request id: ${serviceText(d.requestId, 200)}`)
  if (d.hint) lines.push(`What to do: ${d.hint}`)
  return lines.join('\n')
}

/** Any thrown value as a message; never "[object Object]" and never an empty string. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name
  if (typeof e === 'string') return e
  try {
    return JSON.stringify(e)
  } catch {
    return String(e)
  }
}

export function isUserFacing(e: unknown): boolean {
  return (
    e instanceof ConfigurationError ||
    e instanceof ConfigurationErrors ||
    e instanceof AzureOperationError ||
    e instanceof ConflictError
  )
}
