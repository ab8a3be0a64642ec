/**
 * Azure SDK logging never prints a token: every line written through AzureLogger loses bearer tokens and
 * JWT-shaped strings, however the SDK serialised them (headers, raw socket buffers, form bodies).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createClientLogger, setLogLevel } from '@azure/logger'
import { installAzureLogRedaction, redactSecrets } from '../src/shared/log-redaction.js'

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU'

describe('redactSecrets', () => {
  it('redacts a bearer token whatever its shape', () => {
    expect(redactSecrets(`authorization: 'Bearer ${JWT}'`)).toBe("authorization: 'Bearer [redacted]'")
    expect(redactSecrets('Authorization: bearer opaque~token+/x==\r\n')).toBe(
      'Authorization: bearer [redacted]\r\n'
    )
  })

  it('redacts JWTs anywhere: bodies, JSON, URL-encoded forms', () => {
    expect(redactSecrets(`client_assertion=${JWT}&scope=x`)).toBe('client_assertion=[redacted JWT]&scope=x')
    expect(redactSecrets(`{"access_token":"${JWT}"}`)).toBe('{"access_token":"[redacted JWT]"}')
    expect(redactSecrets(`client_assertion%3D${JWT}`)).toBe('client_assertion%3D[redacted JWT]')
  })

  it('leaves ordinary log text alone', () => {
    const line = 'azure:core-rest-pipeline retryPolicy:info Retry 1: Received a response from request 42'
    expect(redactSecrets(line)).toBe(line)
  })
})

describe('installAzureLogRedaction', () => {
  let written: string[]
  let restore: () => void

  beforeAll(() => {
    written = []
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    restore = () => spy.mockRestore()
    setLogLevel('verbose')
    installAzureLogRedaction()
  })
  afterAll(() => {
    setLogLevel()
    restore()
  })

  it('filters what SDK loggers write, objects included', () => {
    const logger = createClientLogger('redaction-test')
    // What the pipeline's sanitizer printed behind a proxy: a socket's raw request header.
    const socket = { _header: `GET / HTTP/1.1\r\nAuthorization: Bearer ${JWT}\r\n` }
    logger.verbose('Request: %O', { socket })
    logger.info(`token body {"access_token":"${JWT}"}`)
    const out = written.join('')
    expect(out).toMatch(/azure:redaction-test:verbose Request:/)
    expect(out).toContain('Bearer [redacted]')
    expect(out).toContain('[redacted JWT]')
    expect(out).not.toContain(JWT.split('.')[2])
  })
})
