/**
 * Managed HSM names: the naming rule, its error text, and the global name check
 * (checkMhsmNameAvailability), which also counts soft-deleted HSMs.
 */
import { isRecord, parseJsonBody } from '../../../core/http.js'
import { reply, type ArmRequest } from '../../arm/common.js'

export function validName(name: string): boolean {
  return /^[a-zA-Z][-a-zA-Z\d]{1,22}[a-zA-Z\d]$/.test(name) && !name.includes('--')
}

export const nameRules = (name: string): string =>
  `The managed HSM name '${name}' is invalid. A managed HSM's name must be between 3-24 alphanumeric characters. ` +
  'The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.'

export function checkName(r: ArmRequest): void {
  const body = parseJsonBody(r.ex.body)
  const name = isRecord(body) && typeof body.name === 'string' ? body.name : ''
  if (!validName(name))
    return reply(r, 200, { nameAvailable: false, reason: 'AccountNameInvalid', message: nameRules(name) })
  const key = name.toLowerCase()
  const data = r.ctx.state.data
  if (data.hsms[key] || data.deletedHsms[key]) {
    return reply(r, 200, {
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: `The name '${name}' is already in use.`
    })
  }
  reply(r, 200, { nameAvailable: true })
}
