/**
 * Test support: runs the setup script of docs/setup.md as written against the emulator. A small reader of
 * the bash it uses (comments, `\` continuations, quotes, `$VAR`/`${VAR}`, `NAME=value`,
 * `NAME=$(az … --query X -o tsv)`, `set`, `echo`) and, for every `az` subcommand the script uses, the
 * REST call the Azure CLI makes, sent through the emulator with the administrator's token (the emulator's
 * default app, Owner of the subscription, or another app the script created, for commands inside an HSM). `openssl` runs for real in the working directory. Anything
 * else fails the test, so the script cannot grow a command the test does not prove.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { EmulatorInfo } from '../../emulator/core/context.js'
import { rawRequest } from '../emulator/helpers.js'

const ARM = 'https://management.azure.com'
const GRAPH = 'https://graph.microsoft.com'
const MHSM = 'https://managedhsm.azure.net'
const MHSM_API = '7.5'

/** The first ```bash block after `heading` in a Markdown file. */
export function bashBlock(markdownPath: string, heading: string): string {
  const text = readFileSync(markdownPath, 'utf8')
  const at = text.indexOf(heading)
  if (at < 0) throw new Error(`${markdownPath} has no heading '${heading}'`)
  const m = /```bash\n([\s\S]*?)```/.exec(text.slice(at))
  if (!m) throw new Error(`no bash block after '${heading}'`)
  return m[1]
}

/** Stands for `\$` inside double quotes until expansion is done. */
const ESCAPED_DOLLAR = '\u{E000}'

type Segment = { text: string; quoted: boolean }

/** Splits the script into logical commands (continuations and multi-line quotes joined), comments dropped. */
export function commands(script: string): string[] {
  const out: string[] = []
  let cur = ''
  let quote: '' | "'" | '"' = ''
  let depth = 0
  for (let i = 0; i < script.length; i++) {
    const c = script[i]
    if (quote) {
      if (c === '\\' && quote === '"') {
        cur += c + script[++i]
        continue
      }
      if (c === quote) quote = ''
      cur += c
      continue
    }
    if (c === '#' && (cur === '' || /\s$/.test(cur))) {
      while (i < script.length && script[i] !== '\n') i++
      i--
      continue
    }
    if (c === '\\' && script[i + 1] === '\n') {
      i++
      cur += ' '
      continue
    }
    if (c === "'" || c === '"') quote = c
    if (c === '(' && cur.endsWith('$')) depth++
    if (c === ')' && depth > 0) depth--
    if (c === '\n' && depth === 0) {
      if (cur.trim()) out.push(cur.trim())
      cur = ''
      continue
    }
    cur += c
  }
  if (quote) throw new Error('unterminated quote in the setup script')
  if (cur.trim()) out.push(cur.trim())
  return out
}

function expand(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, a?: string, b?: string) => {
      const name = (a ?? b) as string
      if (!(name in vars)) throw new Error(`the setup script reads $${name} before setting it`)
      return vars[name]
    }
  )
}

/** Bash words: quotes removed, variables expanded (not inside single quotes). */
export function words(command: string, vars: Record<string, string>): string[] {
  const out: string[] = []
  let word: Segment[] | undefined
  const push = (text: string, quoted: boolean): void => {
    word ??= []
    word.push({ text, quoted })
  }
  for (let i = 0; i < command.length; i++) {
    const c = command[i]
    if (/\s/.test(c)) {
      if (word) out.push(word.map(s => s.text).join(''))
      word = undefined
      continue
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1)
      push(command.slice(i + 1, end), true)
      i = end
      continue
    }
    if (c === '"') {
      let j = i + 1
      let text = ''
      while (command[j] !== '"') {
        if (command[j] === '\\' && ['"', '\\', '$'].includes(command[j + 1])) {
          text += command[j + 1] === '$' ? ESCAPED_DOLLAR : command[j + 1]
          j += 2
        } else text += command[j++]
      }
      push(expand(text, vars).split(ESCAPED_DOLLAR).join('$'), true)
      i = j
      continue
    }
    let j = i
    while (j < command.length && !/[\s'"]/.test(command[j])) j++
    push(expand(command.slice(i, j), vars), false)
    i = j - 1
  }
  if (word) out.push(word.map(s => s.text).join(''))
  return out
}

/** `--name value` options of an az command (flags without a value read as 'true'). */
function options(args: string[]): Record<string, string> {
  const o: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) throw new Error(`unexpected argument '${args[i]}'`)
    const next = args[i + 1]
    if (next === undefined || next.startsWith('--')) o[args[i].slice(2)] = 'true'
    else o[args[i].slice(2)] = args[++i]
  }
  return o
}

/** `--query` as the script uses it: a dotted path into the answer. */
function query(result: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], result)
}

/** `az group create` for `az group create --name …`. */
const azName = (argv: string[]): string => {
  const end = argv.findIndex(a => a.startsWith('-'))
  return (end < 0 ? argv : argv.slice(0, end)).join(' ')
}

export interface SetupRun {
  vars: Record<string, string>
  /** Each az command run, as `az group create`, in order. */
  ran: string[]
}

export class AzSetup {
  private tokens: Record<string, string> = {}

  constructor(
    private readonly info: EmulatorInfo,
    private readonly cwd: string,
    /** The app to sign in as: the emulator's default app (Owner of the subscription) unless given. */
    private readonly clientId = info.clientId
  ) {}

  /** An access token of the app (the administrator) for `resource`. */
  private async token(resource: string): Promise<string> {
    if (this.tokens[resource]) return this.tokens[resource]
    const oidc = await rawRequest(
      this.info,
      `${this.info.oidcRequestUrl}&audience=api://AzureADTokenExchange`,
      {
        headers: { authorization: `Bearer ${this.info.oidcRequestToken}` }
      }
    )
    const assertion = (JSON.parse(oidc.body) as { value: string }).value
    const form = new URLSearchParams({
      client_id: this.clientId,
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: `${resource}/.default`
    })
    const res = await rawRequest(
      this.info,
      `https://login.microsoftonline.com/${this.info.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString()
      }
    )
    if (res.status !== 200) throw new Error(`token for ${resource}: ${res.status} ${res.body}`)
    return (this.tokens[resource] = (JSON.parse(res.body) as { access_token: string }).access_token)
  }

  private async call(method: string, url: string, body?: unknown): Promise<unknown> {
    const resource = url.startsWith(GRAPH)
      ? GRAPH
      : /^https:\/\/[^/]+\.managedhsm\.azure\.net\//.test(url)
        ? MHSM
        : ARM
    const res = await rawRequest(this.info, url, {
      method,
      headers: { authorization: `Bearer ${await this.token(resource)}` },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.body}`)
    return res.body ? JSON.parse(res.body) : undefined
  }

  /** An ARM request as the administrator; `path` starts with /subscriptions. */
  arm(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.call(method, `${ARM}${path}`, body)
  }

  armGet(path: string): Promise<unknown> {
    return this.arm('GET', path)
  }

  /** One more command in the script's language, with the script's variables. */
  async runCommand(line: string, vars: Record<string, string> = {}): Promise<string> {
    return this.command(words(line, vars))
  }

  private rg(o: Record<string, string>): string {
    return `${ARM}/subscriptions/${this.info.subscriptionId}/resourceGroups/${o['resource-group']}`
  }

  /** One az command: the REST call the CLI makes for it, and the JSON it prints. */
  async az(args: string[]): Promise<unknown> {
    const [group, ...rest] = args
    const verbAt = rest.findIndex(a => a.startsWith('--'))
    const path = [group, ...(verbAt < 0 ? rest : rest.slice(0, verbAt))].join(' ')
    const o = options(verbAt < 0 ? [] : rest.slice(verbAt))
    const sub = `${ARM}/subscriptions/${this.info.subscriptionId}`
    switch (path) {
      case 'account set':
        return undefined // the CLI's local default; every call below names the subscription
      case 'group create':
        return this.call('PUT', `${sub}/resourcegroups/${o.name}?api-version=2024-03-01`, {
          location: o.location
        })
      case 'keyvault create':
        return this.call(
          'PUT',
          `${this.rg(o)}/providers/Microsoft.KeyVault/vaults/${o.name}?api-version=2024-11-01`,
          {
            location: o.location,
            properties: {
              tenantId: this.info.tenantId,
              sku: { family: 'A', name: 'standard' },
              enableRbacAuthorization: o['enable-rbac-authorization'] === 'true',
              softDeleteRetentionInDays: Number(o['retention-days'] ?? 90),
              enablePurgeProtection: o['enable-purge-protection'] === 'true' ? true : undefined
            }
          }
        )
      case 'keyvault show':
        return this.call(
          'GET',
          `${this.rg(o)}/providers/Microsoft.KeyVault/vaults/${o.name}?api-version=2024-11-01`
        )
      case 'storage account create':
        return this.call(
          'PUT',
          `${this.rg(o)}/providers/Microsoft.Storage/storageAccounts/${o.name}?api-version=2023-05-01`,
          {
            location: o.location,
            sku: { name: o.sku ?? 'Standard_RAGRS' },
            kind: o.kind ?? 'StorageV2',
            properties: {
              minimumTlsVersion: o['min-tls-version'],
              allowBlobPublicAccess: o['allow-blob-public-access'] === 'true',
              allowSharedKeyAccess:
                o['allow-shared-key-access'] === undefined
                  ? undefined
                  : o['allow-shared-key-access'] === 'true'
            }
          }
        )
      case 'storage account show':
        return this.call(
          'GET',
          `${this.rg(o)}/providers/Microsoft.Storage/storageAccounts/${o.name}?api-version=2023-05-01`
        )
      case 'storage container-rm create':
        return this.call(
          'PUT',
          `${this.rg(o)}/providers/Microsoft.Storage/storageAccounts/${o['storage-account']}/blobServices/default/containers/${o.name}?api-version=2023-05-01`,
          { properties: { publicAccess: 'None' } }
        )
      case 'ad app create':
        return this.call('POST', `${GRAPH}/v1.0/applications`, { displayName: o['display-name'] })
      case 'ad sp create':
        return this.call('POST', `${GRAPH}/v1.0/servicePrincipals`, { appId: o.id })
      case 'ad app federated-credential create':
        return this.call(
          'POST',
          `${GRAPH}/v1.0/applications(appId='${o.id}')/federatedIdentityCredentials`,
          JSON.parse(o.parameters)
        )
      case 'keyvault role definition create':
        return this.hsmRole(o)
      case 'keyvault role assignment create':
        return this.hsmAssign(o)
      case 'role definition create':
        return this.createRole(JSON.parse(o['role-definition']) as Record<string, unknown>)
      case 'role assignment create':
        return this.assign(o)
      default:
        throw new Error(
          `the setup script runs 'az ${path}', which this test does not map to Azure's REST API`
        )
    }
  }

  /** As `az role definition create`: the CLI accepts Name/roleName, Actions/actions, … */
  private async createRole(def: Record<string, unknown>): Promise<unknown> {
    const get = (k: string): unknown => def[k] ?? def[k[0].toLowerCase() + k.slice(1)]
    const scopes = get('AssignableScopes') as string[]
    return this.call(
      'PUT',
      `${ARM}${scopes[0]}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}?api-version=2022-04-01`,
      {
        properties: {
          roleName: get('Name') ?? def.roleName,
          description: get('Description') ?? '',
          type: 'CustomRole',
          assignableScopes: scopes,
          permissions: [
            {
              actions: get('Actions') ?? [],
              notActions: get('NotActions') ?? [],
              dataActions: get('DataActions') ?? [],
              notDataActions: get('NotDataActions') ?? []
            }
          ]
        }
      }
    )
  }

  /** `az keyvault role definition create --hsm-name H --role-definition JSON`: a custom local role at `/`. */
  private hsmRole(o: Record<string, string>): Promise<unknown> {
    const def = JSON.parse(o['role-definition']) as Record<string, unknown>
    const list = (k: string): unknown => def[k] ?? []
    return this.call(
      'PUT',
      `https://${o['hsm-name']}.managedhsm.azure.net/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}?api-version=${MHSM_API}`,
      {
        properties: {
          roleName: def.roleName,
          description: def.description ?? '',
          type: 'CustomRole',
          assignableScopes: ['/'],
          permissions: [
            {
              actions: list('actions'),
              notActions: list('notActions'),
              dataActions: list('dataActions'),
              notDataActions: list('notDataActions')
            }
          ]
        }
      }
    )
  }

  /** `az keyvault role assignment create --hsm-name H --role NAME --assignee-object-id … --scope S`. */
  private async hsmAssign(o: Record<string, string>): Promise<unknown> {
    const base = `https://${o['hsm-name']}.managedhsm.azure.net`
    const scope = o.scope === '/' ? '' : o.scope
    const filter = encodeURIComponent(`roleName eq '${o.role}'`)
    const defs = (await this.call(
      'GET',
      `${base}/providers/Microsoft.Authorization/roleDefinitions?$filter=${filter}&api-version=${MHSM_API}`
    )) as { value: { id: string }[] }
    if (defs.value.length !== 1) throw new Error(`local role '${o.role}' not found on ${o['hsm-name']}`)
    return this.call(
      'PUT',
      `${base}${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=${MHSM_API}`,
      { properties: { roleDefinitionId: defs.value[0].id, principalId: o['assignee-object-id'] } }
    )
  }

  /** As `az role assignment create --assignee-object-id … --role NAME --scope S`: the role looked up by name at the scope. */
  private async assign(o: Record<string, string>): Promise<unknown> {
    const scope = o.scope
    const filter = encodeURIComponent(`roleName eq '${o.role}'`)
    const defs = (await this.call(
      'GET',
      `${ARM}${scope}/providers/Microsoft.Authorization/roleDefinitions?$filter=${filter}&api-version=2022-04-01`
    )) as { value: { id: string }[] }
    if (defs.value.length !== 1) throw new Error(`role '${o.role}' not found at ${scope}`)
    return this.call(
      'PUT',
      `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=2022-04-01`,
      {
        properties: {
          roleDefinitionId: defs.value[0].id,
          principalId: o['assignee-object-id'],
          principalType: o['assignee-principal-type']
        }
      }
    )
  }

  private async command(argv: string[]): Promise<string> {
    const [cmd, ...args] = argv
    if (cmd === 'set') return ''
    if (cmd === 'echo') return args.join(' ')
    if (cmd === 'openssl') {
      const r = await promisify(execFile)('openssl', args, { cwd: this.cwd })
      return r.stdout
    }
    if (cmd !== 'az') throw new Error(`the setup script runs '${cmd}', which this test does not know`)
    const queryAt = args.indexOf('--query')
    const q = queryAt >= 0 ? args[queryAt + 1] : undefined
    const rest = args.filter((_a, i) => queryAt < 0 || (i !== queryAt && i !== queryAt + 1))
    const outAt = rest.indexOf('-o')
    const azArgs = outAt >= 0 ? rest.filter((_a, i) => i !== outAt && i !== outAt + 1) : rest
    const result = await this.az(azArgs)
    const value = q ? query(result, q) : result
    return typeof value === 'string' ? value : JSON.stringify(value)
  }

  /** Runs the script; `overrides` replace the values of the named assignments (the placeholders). */
  async run(script: string, overrides: Record<string, string> = {}): Promise<SetupRun> {
    const vars: Record<string, string> = {}
    const ran: string[] = []
    for (const line of commands(script)) {
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(line)
      if (assign) {
        const [, name, value] = assign
        if (name in overrides) vars[name] = overrides[name]
        else if (value.startsWith('$(') && value.endsWith(')')) {
          const argv = words(value.slice(2, -1), vars)
          if (argv[0] === 'az') ran.push(azName(argv))
          vars[name] = (await this.command(argv)).trim()
        } else vars[name] = words(value, vars).join(' ')
        continue
      }
      const argv = words(line, vars)
      if (argv[0] === 'az') ran.push(azName(argv))
      await this.command(argv)
    }
    return { vars, ran }
  }
}
