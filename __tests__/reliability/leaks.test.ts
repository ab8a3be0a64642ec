/**
 * Security: nothing secret reaches what a person can see, and tokens are what they should be.
 *
 * The action runs with step debug on (ACTIONS_STEP_DEBUG / RUNNER_DEBUG) and the Azure SDKs logging at
 * verbose (AZURE_LOG_LEVEL), through an apply, a rerun, verify, verify-security-domain and a failing run,
 * with a spy preloaded into its process that records the access tokens and client assertions it really
 * sent. Then stdout (without the `::add-mask::` commands the runner consumes), stderr, outputs, state and
 * summary are scanned for any fragment of: the security domain, the wrapping private keys, the access
 * tokens, the client assertions (GitHub ID tokens) and the runner's OIDC request token — and for anything
 * shaped like a JWT at all.
 *
 * Tokens: the action asks Entra only for the scopes of the services it calls and GitHub only for the
 * federation audience; the emulator checks audience and expiry, and the action explains each refusal.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import type { RunningEmulator } from '../../emulator/testing.js'
import { errorsOf } from '../../scripts/local-runner.js'
import { parseKeyBundle } from '../../src/escrow/key-bundle.js'
import {
  expectSuccess,
  Figures,
  fullInputs,
  readFullEscrow,
  recorded,
  suiteEmulator,
  run,
  spy,
  type ActionRunEx,
  type EmulatorInfo,
  type SpiedRequest
} from './harness.js'

let emu: RunningEmulator
let info: EmulatorInfo
const figures = new Figures('leaks')
const hsm = 'leak-e2e'

const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', AZURE_LOG_LEVEL: 'verbose' }
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g

const runs: Array<{ name: string; run: ActionRunEx }> = []
const sent: SpiedRequest[] = []

suiteEmulator(figures, {}, e => {
  emu = e
  info = e.info
})

beforeAll(async () => {
  const s = spy()
  const env = { ...DEBUG_ENV, ...s.env }
  const go = async (name: string, inputs: Record<string, string>, ok = true) => {
    const r = await run(info, inputs, { env })
    if (ok) expectSuccess(r)
    runs.push({ name, run: r })
  }
  await go('apply (creates everything)', fullInputs(info, hsm))
  await go('apply (rerun)', fullInputs(info, hsm))
  await go('verify', { ...fullInputs(info, hsm), mode: 'verify' })
  await go('verify-security-domain', { ...fullInputs(info, hsm), mode: 'verify-security-domain' })
  // A failing run: errors are where bodies and headers tend to end up in messages.
  await emu.setFaults([{ host: '\\.managedhsm\\.azure\\.net$', status: 503, retryAfter: 1 }])
  try {
    await go('apply (data plane down)', fullInputs(info, hsm), false)
  } finally {
    await emu.clearFaults()
  }
  expect(runs[runs.length - 1].run.code).toBe(1)
  sent.push(...s.read())
  s.dispose() // it holds live tokens
}, 240_000)

interface Finding {
  run: string
  /** What leaked, e.g. "access token 3" or "JWT-shaped string". */
  what: string
  sample: string
}

/** Findings grouped per run and kind of secret ("access token 3" counts as "access token"), readable in a failure. */
function summarise(found: Finding[]): string[] {
  const groups = new Map<string, { n: number; distinct: Set<string>; sample: string }>()
  for (const f of found) {
    const key = `${f.run}: ${f.what.replace(/ \d+$/, '')}`
    const g = groups.get(key) ?? { n: 0, distinct: new Set<string>(), sample: f.sample }
    g.n++
    g.distinct.add(f.what)
    groups.set(key, g)
  }
  return [...groups].map(([k, g]) => `${k}: ${g.distinct.size} distinct, ${g.n} hits (e.g. ${g.sample})`)
}

/** Distinctive 24-character pieces of a secret. */
function fragmentsOf(secret: string): string[] {
  return [
    ...new Set(
      secret
        .split(/[\s".,:{}[\]-]+/)
        .filter(f => !f.startsWith('eyJ')) // JWE/JWS protected headers are public
        .filter(f => f.length >= 24 && !/^(BEGIN|END|PRIVATE|CERTIFICATE)/.test(f))
        .flatMap(f => [f.slice(0, 24), f.slice(-24)])
    )
  ]
}

/**
 * Pieces of a JWT's signature: unique to the token (payload pieces are shared by every token with the same
 * audience and claims layout, so they would attribute one token's leak to others; the JWT-shaped scan below
 * catches a printed token whatever its parts).
 */
function jwtFragments(token: string): string[] {
  const signature = token.split('.')[2] ?? ''
  return [signature.slice(0, 24), signature.slice(-24)].filter(f => f.length === 24)
}

describe('leak scan (debug logging and SDK logging on)', () => {
  let secrets: Array<{ kind: string; fragments: string[] }>

  beforeAll(async () => {
    const escrow = await readFullEscrow(info, hsm)
    const keys = escrow.keys.map(k => parseKeyBundle(k.value ?? ''))
    const accessTokens = [
      ...new Set(
        sent.map(r => /^Bearer (.+)$/i.exec(r.authorization ?? '')?.[1]).filter((t): t is string => !!t)
      )
    ]
    const assertions = [
      ...new Set(
        sent
          .filter(r => /\/oauth2\/v2\.0\/token/.test(r.path))
          .map(r => new URLSearchParams(r.body).get('client_assertion'))
          .filter((t): t is string => !!t)
      )
    ]
    secrets = [
      { kind: 'security domain', fragments: fragmentsOf(escrow.blob.value ?? '') },
      ...keys.map((k, i) => ({
        kind: `wrapping private key ${i + 1}`,
        fragments: fragmentsOf(k?.privateKeyPem ?? '')
      })),
      ...accessTokens.map((t, i) => ({ kind: `access token ${i + 1}`, fragments: jwtFragments(t) })),
      ...assertions.map((t, i) => ({ kind: `client assertion ${i + 1}`, fragments: jwtFragments(t) })),
      { kind: 'runner OIDC request token', fragments: [info.oidcRequestToken] }
    ]
    figures.set('runsScanned', runs.length)
    figures.set('secretsChecked', secrets.length)
    figures.set(
      'fragmentsChecked',
      secrets.reduce((n, s) => n + s.fragments.length, 0)
    )
  })

  it('has real secrets to look for', () => {
    expect(secrets.find(s => s.kind === 'security domain')?.fragments.length).toBeGreaterThan(10)
    expect(
      secrets.filter(s => s.kind.startsWith('wrapping private key') && s.fragments.length > 10)
    ).toHaveLength(3)
    expect(secrets.filter(s => s.kind.startsWith('access token')).length).toBeGreaterThanOrEqual(4)
    expect(secrets.filter(s => s.kind.startsWith('client assertion')).length).toBeGreaterThanOrEqual(1)
    // The SDK logging really was on, so the scan covers it.
    expect(runs[0].run.stderr).toMatch(/azure:/)
    expect(runs[0].run.stdout).toMatch(/^::debug::/m)
  })

  it('finds no fragment of a secret in stdout, stderr, outputs, state or summary of any run', async () => {
    await recorded(figures, 'leak scan: secret fragments', async () => {
      const found: Finding[] = []
      for (const { name, run: r } of runs)
        for (const s of secrets)
          for (const f of s.fragments)
            if (r.everything.includes(f)) found.push({ run: name, what: s.kind, sample: f })
      // A leaked secret counts once, however many runs and fragments show it.
      const leaked = new Set(found.map(f => f.what))
      figures.add('leaksFound', leaked.size)
      figures.set('leakedFragmentHits', found.length)
      expect(summarise(found)).toEqual([])
    })
  })

  it('prints nothing shaped like a JWT', async () => {
    await recorded(figures, 'leak scan: JWT-shaped strings', async () => {
      const found: Finding[] = runs.flatMap(({ name, run: r }) =>
        (r.everything.match(JWT) ?? []).map(m => ({
          run: name,
          what: 'JWT-shaped string',
          sample: `${m.slice(0, 40)}...`
        }))
      )
      figures.set('jwtShapedStrings', found.length)
      expect(summarise(found)).toEqual([])
    })
  })
})

describe('tokens', () => {
  it('asks Entra only for the scopes of the services it calls, and GitHub only for the federation audience', async () => {
    await recorded(figures, 'token scopes and audience', async () => {
      const scopes = new Set(
        sent
          .filter(r => /\/oauth2\/v2\.0\/token/.test(r.path))
          .flatMap(r => (new URLSearchParams(r.body).get('scope') ?? '').split(' ').filter(Boolean))
      )
      expect([...scopes].sort()).toEqual(
        [
          'https://management.azure.com/.default',
          'https://managedhsm.azure.net/.default',
          'https://storage.azure.com/.default',
          'https://vault.azure.net/.default'
        ].sort()
      )
      const grants = new Set(
        sent
          .filter(r => /\/oauth2\/v2\.0\/token/.test(r.path))
          .map(r => new URLSearchParams(r.body).get('grant_type'))
      )
      expect([...grants]).toEqual(['client_credentials'])
      const audiences = new Set(
        sent
          .filter(r => /\/idtoken\?/.test(r.path))
          .map(r => new URL(r.path, 'https://x').searchParams.get('audience'))
      )
      expect([...audiences]).toEqual(['api://AzureADTokenExchange'])
    })
  })

  it('an expired GitHub token is refused by Entra, and the action says so', async () => {
    await recorded(figures, 'expired GitHub ID token explained', async () => {
      await emu.setSettings({ oidcTokenLifetimeSeconds: -60 })
      try {
        const r = await run(info, fullInputs(info, hsm))
        expect(r.code).toBe(1)
        expect(errorsOf(r).join('\n')).toMatch(
          /Entra ID: sign in [^\n]*AADSTS700024[\s\S]*What to do: .*expired/
        )
      } finally {
        await emu.setSettings({ oidcTokenLifetimeSeconds: 300 })
      }
    })
  })

  it('a GitHub token for another audience is refused by Entra, and the action names the audience', async () => {
    await recorded(figures, 'wrong audience explained', async () => {
      const r = await run(info, { ...fullInputs(info, hsm), audience: 'api://SomethingElse' })
      expect(r.code).toBe(1)
      const message = errorsOf(r).join('\n')
      expect(message).toMatch(/AADSTS700212/)
      expect(message).toMatch(/audience 'api:\/\/SomethingElse'/)
    })
  })

  it('expired access tokens are refused by the services, and the action says which and why', async () => {
    await recorded(figures, 'expired access token explained', async () => {
      await emu.setSettings({ accessTokenLifetimeSeconds: -600 })
      try {
        const r = await run(info, fullInputs(info, hsm))
        expect(r.code).toBe(1)
        expect(r.durationMs).toBeLessThan(90_000)
        expect(errorsOf(r).join('\n')).toMatch(/failed \(401 [A-Za-z]*Expired[A-Za-z]*\)[\s\S]*What to do: /)
      } finally {
        await emu.setSettings({ accessTokenLifetimeSeconds: 3599 })
      }
    })
  })
})
