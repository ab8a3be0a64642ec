/**
 * teardown-creators and teardown-lifetime: what the scheduled clean-up (only-if-expired) may tear down,
 * said in the clean-up's own inputs. A tag on the HSM never decides it: anyone with Tag Contributor can
 * write tags without any other access to the HSM.
 */
import { GUID, parseDuration, splitList, type Reader } from './reader.js'
import { SELF, type Creator, type TeardownRule } from './types.js'

/** A user principal name as ARM records a user in systemData.createdBy: name@domain. */
const UPN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Reads both inputs in mode: teardown. Undefined without only-if-expired (the user named the HSM). */
export function parseTeardownRule(
  r: Reader,
  onlyIfExpired: boolean,
  clientId: string
): TeardownRule | undefined {
  const { get, fail } = r
  const lifetime = get('teardown-lifetime')
  const creatorsText = get('teardown-creators')
  if (!onlyIfExpired) {
    // Without only-if-expired nothing is checked: a lifetime or creators given here would protect nothing.
    for (const [input, value] of [
      ['teardown-lifetime', lifetime],
      ['teardown-creators', creatorsText]
    ])
      if (value)
        fail(
          input,
          "is read only with only-if-expired: 'true'; without it, teardown deletes the HSM named in hsm-name whoever created it and whenever"
        )
    return undefined
  }
  const lifetimeMs = parseDuration(lifetime)
  if (!lifetime)
    fail(
      'teardown-lifetime',
      "is required with only-if-expired: 'true': how long after Azure recorded an HSM's creation it may be torn down, such as 7d (an expires-at tag can only postpone it)"
    )
  else if (!lifetimeMs)
    fail('teardown-lifetime', `must be a duration such as 12h, 7d or 2w (got '${lifetime}')`)
  const creators: Creator[] = []
  for (const entry of splitList(creatorsText || SELF)) {
    // self stands for client-id, whose own problem is reported already.
    if (entry.toLowerCase() === SELF && !GUID.test(clientId)) continue
    const id = entry.toLowerCase() === SELF ? clientId : entry.toLowerCase()
    const kind = GUID.test(id) ? 'application' : UPN.test(id) ? 'user' : undefined
    if (!kind) {
      fail(
        'teardown-creators',
        `'${entry}' is not a client id (a GUID: an app registration or managed identity), a user principal name (name@domain) or '${SELF}'`
      )
      continue
    }
    if (!creators.some(c => c.id === id)) creators.push({ id, kind })
  }
  return { creators, lifetimeMs: lifetimeMs ?? 0, lifetime }
}
