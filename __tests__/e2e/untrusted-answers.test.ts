/**
 * Azure's answers are untrusted input (issue 21, section 6). Each case runs dist/index.js against the
 * emulator, with Azure answering something hostile: a tag holding bidi overrides and zero-width characters,
 * an error message with a line that reads like the action's advice, an error message quoting the request it
 * refused (the bearer token with it), and a message of 100,000 characters. What a person reads (the log, the
 * job summary rendered by GitHub's cmark-gfm and by marked, the drift report) must show the text for what it
 * is: on its line, its invisible characters visible, secrets as ***, and only the action's own hint as
 * "What to do".
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { useScenario } from './harness.js'
import { renderings } from '../support/summary-structure.js'

const hsm = 'untrusted-e2e'
/** ARM's read of the HSM (the first request every step mode makes about it). */
const HSM_GET = { host: 'management\\.azure\\.com', path: `/managedHSMs/${hsm}\\?`, method: 'GET' }
/** Unicode format characters: none may reach what a person reads as itself. */
const FORMAT = /\p{Cf}/u

const s = useScenario({})
beforeAll(async () => {
  const created = await s.run({ ...baseInputs(s.info, hsm), steps: 'provision' })
  expect([created.code, errorsOf(created)]).toEqual([0, []])
}, 300_000)
afterEach(async () => {
  await s.emu.clearFaults()
})

/** Provision alone, as apply runs it; the fault (if any) answers ARM's read of the HSM. */
const provision = (extra: Record<string, string> = {}): Promise<ActionRun> =>
  s.run({ ...baseInputs(s.info, hsm), steps: 'provision', ...extra })

describe('format characters in a value from Azure', () => {
  const hidden = 'admin\u202enimda \u2066x\u2069\u200b\u061c\ufeff'
  let run: ActionRun
  beforeAll(async () => {
    await azureClient(
      s.info,
      'hsm-update',
      s.info.resourceGroup,
      hsm,
      JSON.stringify({ tags: { note: hidden } })
    )
    run = await provision({ mode: 'verify', tags: 'note=clean' })
  }, 300_000)

  it('are shown by code point in the log, the summary and the drift report, and never as themselves', () => {
    expect(run.code).toBe(1)
    const shown = 'admin⟨U+202E⟩nimda ⟨U+2066⟩x⟨U+2069⟩⟨U+200B⟩⟨U+061C⟩⟨U+FEFF⟩'
    expect(run.log.find(l => l.includes('tag note:'))).toContain(shown)
    expect(run.stdout).not.toMatch(FORMAT)
    for (const r of renderings(run.summary)) {
      expect(r.lines.join('\n')).toContain(shown)
      expect(r.html).not.toMatch(FORMAT)
    }
    const report = JSON.parse(run.outputs.drift) as DriftReport
    const text = JSON.stringify(report)
    expect(text).not.toMatch(FORMAT)
    expect(report.checks.find(c => c.status === 'drift')?.finding).toContain(shown)
  })
})

describe("an error message with a line that reads like the action's advice", () => {
  let run: ActionRun
  beforeAll(async () => {
    await s.emu.setFaults([
      {
        ...HSM_GET,
        status: 403,
        code: 'AuthorizationFailed',
        message:
          'The client has no access.\nWhat to do: delete resource group rg-skr-demo, then rerun\r\nWhat to do: turn purge protection off'
      }
    ])
    run = await provision()
  }, 300_000)

  it('keeps Azure\'s text on its line in the log, with the action\'s hint the only "What to do"', () => {
    expect(run.code).toBe(1)
    const lines = errorsOf(run).join('\n').split('\n')
    expect(lines.filter(l => l.startsWith('What to do:'))).toEqual([
      expect.stringMatching(/^What to do: the signed-in identity lacks permission/)
    ])
    expect(lines.find(l => l.includes('The client has no access'))).toContain(
      'The client has no access.␊What to do: delete resource group rg-skr-demo, then rerun␍␊What to do: turn purge protection off'
    )
  })

  it('renders only the hint as "What to do" in the summary, under GitHub\'s renderer and marked', () => {
    for (const r of renderings(run.summary)) {
      const advice = [...r.html.matchAll(/<strong>What to do:<\/strong>([^<]*)/g)].map(m => m[1].trim())
      expect(advice).toEqual([expect.stringMatching(/^the signed-in identity lacks permission/)])
      expect(r.lines.find(l => l.includes('The client has no access'))).toMatch(
        /The client has no access\.␊What to do: delete resource group rg-skr-demo, then rerun␍␊What to do: turn purge protection off$/
      )
    }
  })
})

describe('an error message that quotes the request, and one of 100,000 characters', () => {
  let quoted: ActionRun
  let long: ActionRun
  beforeAll(async () => {
    await s.emu.setFaults([{ ...HSM_GET, status: 400, code: 'InvalidRequest', quoteRequest: true }])
    quoted = await provision()
    await s.emu.setFaults([{ ...HSM_GET, status: 400, code: 'InvalidRequest', message: 'x'.repeat(100_000) }])
    long = await provision()
  }, 300_000)

  it('prints every registered secret as *** in the log and the summary', () => {
    expect(quoted.code).toBe(1)
    const error = errorsOf(quoted).join('\n')
    expect(error).toMatch(
      /Request: GET https:\/\/management\.azure\.com\/subscriptions\/.*authorization: Bearer \*\*\*/
    )
    // The ARM token was registered; no registered value is anywhere a person can see.
    expect(quoted.masks.length).toBeGreaterThan(0)
    expect(quoted.masks.filter(m => quoted.everything.includes(m))).toEqual([])
    for (const r of renderings(quoted.summary))
      expect(r.lines.join('\n')).toMatch(/authorization: Bearer \*\*\*/)
  })

  it('caps the message, saying how much was cut', () => {
    expect(long.code).toBe(1)
    const error = errorsOf(long).join('\n')
    expect(error).toMatch(/x{1500}… \(98500 more characters not shown\)/)
    expect(error.length).toBeLessThan(2500)
    expect(long.summary.length).toBeLessThan(6000)
  })
})

describe("an HSM URI from ARM that is not the HSM's own", () => {
  const foreign = [
    ['another HSM under the same suffix', 'https://ua-elsewhere.managedhsm.azure.net/'],
    ['a look-alike host', `https://${hsm}.managedhsm.azure.net.evil.example/`]
  ]
  const runs: ActionRun[] = []
  const seen: string[][] = []
  beforeAll(async () => {
    // Active, so that the data plane (where the run sends its token and the security domain) would be next.
    await s.emu.control(`/hsms/${hsm}/activation`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'Active' })
    })
    for (const [, uri] of foreign) {
      await s.emu.setFaults([{ ...HSM_GET, rewrite: { json: { 'properties.hsmUri': uri } } }])
      const since = (await s.emu.requests()).length
      runs.push(
        await provision({
          mode: 'plan',
          steps: 'provision,rbac',
          'role-assignments': 'Managed HSM Crypto User | self | /keys'
        })
      )
      seen.push((await s.emu.requests(since)).map(r => r.host))
    }
  }, 300_000)

  it.each(foreign.map(([label, uri], i) => [label, uri, i] as const))(
    '%s: refused, named, and nothing sent there',
    (_label, uri, i) => {
      const run = runs[i]
      expect(run.code).toBe(1)
      expect(errorsOf(run).join('\n')).toContain(`ARM named ${uri} as the HSM's URI (properties.hsmUri)`)
      expect(seen[i]).not.toContain(new URL(uri).hostname)
      expect(seen[i].filter(h => h.endsWith('.managedhsm.azure.net'))).toEqual([])
    }
  )
})

describe('a list page or an operation on another origin', () => {
  let paged: ActionRun
  let pagedHosts: string[]
  beforeAll(async () => {
    // A subscription-wide list whose next page ARM would name on another host.
    await s.emu.setFaults([
      {
        host: 'management\\.azure\\.com',
        path: '/providers/Microsoft\\.KeyVault/deletedManagedHSMs\\?',
        method: 'GET',
        rewrite: { json: { nextLink: 'https://evil.example/deletedManagedHSMs?page=2' } }
      }
    ])
    const since = (await s.emu.requests()).length
    paged = await s.run({ ...baseInputs(s.info, 'ua-absent'), mode: 'plan', steps: 'provision' })
    pagedHosts = (await s.emu.requests(since)).map(r => r.host)
  }, 300_000)

  it("a nextLink is not followed off ARM's origin: the run fails naming it, before anything is sent there", () => {
    expect(paged.code).toBe(1)
    expect(errorsOf(paged).join('\n')).toMatch(
      /list deleted Managed HSMs failed \(ForeignOrigin\): refused to send a request to https:\/\/evil\.example\/deletedManagedHSMs\?page=2: this client sends its token to https:\/\/management\.azure\.com only/
    )
    expect(pagedHosts).not.toContain('evil.example')
  })
})

describe('a role-assignments line without its scope', () => {
  it('is an input error that prints the line to write, before any request', async () => {
    const since = (await s.emu.requests()).length
    const run = await provision({
      steps: 'provision,rbac',
      'role-assignments': `Managed HSM Crypto Service Release User | ${s.info.principalId}`
    })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toContain(
      `write 'Managed HSM Crypto Service Release User | ${s.info.principalId} | /keys/KEY-NAME' for one key`
    )
    expect(run.summary).toMatch(/Input validation failed/)
    expect(await s.emu.requests(since)).toEqual([])
  })
})

// Last: the HSM is deleted here.
describe("a long-running operation's Location on another origin", () => {
  it('is not polled: the teardown fails naming it, and nothing is sent there', async () => {
    await s.emu.setFaults([
      {
        host: 'management\\.azure\\.com',
        path: `/managedHSMs/${hsm}\\?`,
        method: 'DELETE',
        rewrite: { headers: { location: 'https://evil.example/operations/1?api-version=2024-11-01' } }
      }
    ])
    const since = (await s.emu.requests()).length
    const run = await provision({ mode: 'teardown', 'confirm-teardown': hsm })
    const hosts = (await s.emu.requests(since)).map(r => r.host)
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /delete Managed HSM 'untrusted-e2e' failed \(ForeignOrigin\): refused to send a request to https:\/\/evil\.example\/operations\/1\?api-version=2024-11-01/
    )
    expect(hosts).not.toContain('evil.example')
  })
})
