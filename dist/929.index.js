export const id = 929;
export const ids = [929,357];
export const modules = {

/***/ 5869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ensureRunnerAccess: () => (/* binding */ ensureRunnerAccess),
  noPrivatePath: () => (/* binding */ noPrivatePath),
  probeDataPlane: () => (/* binding */ probeDataPlane),
  refuseWithoutPrivatePath: () => (/* binding */ refuseWithoutPrivatePath),
  removeRunnerRule: () => (/* binding */ removeRunnerRule)
});

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/shared/ipv4.ts
var ipv4 = __webpack_require__(2146);
// EXTERNAL MODULE: ./src/shared/runner.ts
var runner = __webpack_require__(4331);
// EXTERNAL MODULE: ./src/run/runner-rule-state.ts
var runner_rule_state = __webpack_require__(1106);
// EXTERNAL MODULE: ./src/azure/rest.ts
var rest = __webpack_require__(1293);
;// CONCATENATED MODULE: ./src/azure/tags-api.ts

const API_VERSION = '2021-04-01';
class TagsApi {
    api;
    constructor(credential, endpoint) {
        this.api = new rest/* JsonApi */.Tj(credential, endpoint, 'Azure Resource Manager');
    }
    /** Adds or changes `tags` on the resource, leaving its other tags as they are. */
    async merge(resourceId, tags) {
        await this.update(resourceId, 'Merge', tags);
    }
    /** Removes the tags named (whatever their values). */
    async remove(resourceId, names) {
        if (names.length === 0)
            return;
        await this.update(resourceId, 'Delete', Object.fromEntries(names.map(n => [n, ''])));
    }
    async update(resourceId, operation, tags) {
        await this.api.send(`${operation.toLowerCase()} tags of ${resourceId.split('/').pop()}`, 'PATCH', `${resourceId}/providers/Microsoft.Resources/tags/default`, {
            query: { 'api-version': API_VERSION },
            body: { operation, properties: { tags } },
            ok: [200, 202]
        });
    }
}

// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(610);
// EXTERNAL MODULE: ./src/shared/proxy-env.ts
var proxy_env = __webpack_require__(4539);
;// CONCATENATED MODULE: ./src/run/private-dns.ts
/**
 * The DNS evidence beside the preflight's refusal of an HSM with public access Disabled: the data-plane request
 * decides (it also works through a proxy); DNS says why. A runner that resolves the HSM itself follows the host's
 * CNAME chain: an HSM with a private endpoint is aliased to `<name>.privatelink.<managed HSM suffix>`, and a
 * runner whose DNS uses the privatelink zone gets the endpoint's private address at its end. Through a proxy the
 * runner resolves nothing itself, so DNS is the proxy's and only the request counts.
 */




const HOPS = 8;
/** The lookups' budget, in all: a resolver that hangs must not hold the refusal. */
const DNS_MS = 5000;
/** One sentence on what DNS says about the runner's private path to `hsmUri`'s host. */
async function privateDnsEvidence(hsmUri, managedHsmSuffix, o = {}) {
    const host = new URL(hsmUri).hostname.toLowerCase();
    const zone = `privatelink.${managedHsmSuffix.toLowerCase()}`;
    if ((0,proxy_env/* sdkProxyFor */.s)(hsmUri, o.env))
        return `DNS: the runner reaches ${host} through its HTTPS proxy, so the name is resolved by the proxy, not the runner; the refused request through the proxy decided`;
    const resolver = o.resolver ?? external_node_dns_.promises;
    // Names from DNS are outside text: kept short, one line.
    const show = (n) => log/* oneLine */.TN(n.slice(0, 120));
    const chain = [host];
    const deadline = Date.now() + (o.budgetMs ?? DNS_MS);
    let late = false;
    const bounded = (p, fallback) => within(p, fallback, deadline - Date.now(), () => (late = true));
    try {
        for (let i = 0; i < HOPS; i++) {
            const next = (await bounded(resolver.resolveCname(chain[chain.length - 1]), []))[0]
                ?.toLowerCase()
                .replace(/\.$/, '');
            if (!next || chain.includes(next))
                break;
            chain.push(next);
        }
    }
    catch {
        // ENODATA (no alias) or ENOTFOUND at some hop: the chain so far is the answer.
    }
    const addresses = await bounded(resolver.resolve4(chain[chain.length - 1]), []).catch(() => []);
    const path = chain.map(show).join(' -> ');
    const alias = chain.find(n => n.endsWith(`.${zone}`));
    const privateIp = addresses.find(a => {
        const c = (0,ipv4/* parseCidr */.GN)(a);
        return c !== undefined && (0,ipv4/* isNonPublic */.Ve)(c);
    });
    if (late && !alias && !privateIp)
        return `DNS: ${path} got no full answer from the runner's DNS within ${(o.budgetMs ?? DNS_MS) / 1000} s, so whether it resolves through a ${zone} alias is not known`;
    if (!alias)
        return `DNS: ${path} does not resolve through a ${zone} alias from this runner, so Azure DNS knows no private endpoint of this HSM, or the runner's DNS does not ask it`;
    if (privateIp)
        return `DNS: ${path} resolves through the ${zone} alias to the private address ${show(privateIp)}, so the runner's DNS points at a private endpoint: check the route to it (peering, network security groups) and that its connection is Approved`;
    return `DNS: ${path} goes through the ${zone} alias but not to a private address (${addresses.map(show).join(', ') || 'no address'}): the HSM has a private endpoint, and the runner's DNS does not use the ${zone} zone (link the zone to the runner's virtual network)`;
}
/** `p`, or `fallback` (and `onLate`) once `ms` have passed. */
function within(p, fallback, ms, onLate) {
    let timer;
    const late = new Promise(resolve => {
        timer = setTimeout(() => {
            onLate();
            resolve(fallback);
        }, Math.max(0, ms));
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

// EXTERNAL MODULE: ./src/run/network-rules.ts
var network_rules = __webpack_require__(8753);
;// CONCATENATED MODULE: ./src/run/runner-access.ts
/**
 * Whether this runner reaches the HSM's data plane, and just-in-time access when the firewall refuses it.
 *
 * The runner's address comes from Azure's own answer (the refusal's "Client address: …", else the
 * `x-ms-keyvault-network-info` header), never from a third-party "what is my IP" service. With
 * `jit-runner-access: true`, apply adds `<address>/32` (read-modify-write, run/network-rules.ts), waits until the
 * data plane answers (bounded), and records the rule in its post state; the post phase removes it, also after a
 * failure or a cancellation. A lease tag says the same on the HSM, for the next apply to clean up after a runner
 * that died before its post phase.
 */









/** How long one probe of the data plane may take: a private-only host that does not answer must not hang the run. */
const PROBE_MS = 20_000;
/** How long a new rule may take to reach the data plane before the run gives up. */
const OPEN_WAIT_MS = 10 * 60_000;
/** One authenticated read of the data plane: whether the network rules let this runner through. */
async function probeDataPlane(ctx) {
    const plane = await (0,context/* dataPlane */.nB)(ctx);
    const signal = AbortSignal.timeout(PROBE_MS);
    try {
        const r = await plane.send('check that the runner reaches the data plane', 'GET', '/providers/Microsoft.Authorization/roleDefinitions', { ok: [200, 400, 401, 403, 404], abortSignal: signal });
        const header = /(?:^|;)addr=([^;]{1,64})/.exec(r.headers.get('x-ms-keyvault-network-info') ?? '')?.[1];
        const body = typeof r.body === 'object' && r.body ? r.body : {};
        const said = /Client address: ?([0-9a-fA-F:.]{2,45})/.exec(body.error?.message ?? '')?.[1];
        const address = said ?? header;
        const inner = body.error?.innererror?.code;
        if (r.status === 403 && inner === 'ForbiddenByFirewall')
            return { kind: 'firewall', address };
        if (r.status === 403 && inner === 'ForbiddenByConnection')
            return { kind: 'no-public-access', address };
        return { kind: 'open', address };
    }
    catch (e) {
        if (signal.aborted)
            return { kind: 'unreachable', reason: `no answer in ${PROBE_MS / 1000} s` };
        if (e instanceof errors/* AzureOperationError */.XP && e.details.unreachable)
            return { kind: 'unreachable', reason: e.serviceMessage };
        throw e;
    }
}
const PRIVATE_PATHS = 'run from a network with a private path to the HSM: Azure private networking for GitHub-hosted runners, or a ' +
    'self-hosted runner in (or peered with) the virtual network of its private endpoint (docs/network.md)';
/** The data plane refuses the runner for want of a private path: the options (and what DNS says), before any change. */
function noPrivatePath(ctx, probe, dns) {
    const why = probe.kind === 'unreachable'
        ? `the runner cannot reach its data plane (${log/* oneLine */.TN(probe.reason.slice(0, 300))})`
        : `the data plane refuses the runner${probe.address ? ` (${log/* oneLine */.TN(probe.address)})` : ''} for want of a private endpoint`;
    return new errors/* ConflictError */.fK(`Managed HSM '${ctx.config.hsmName}' has public network access Disabled and ${why}${dns ? `. ${dns}` : ''}`, `${PRIVATE_PATHS}; or set public-network-access: Enabled with network: firewall and allowed-ips, or jit-runner-access`);
}
/**
 * Before the first data-plane step: makes sure the runner gets through, opening the firewall for it when the
 * inputs allow; otherwise fails with what to do.
 */
async function ensureRunnerAccess(ctx) {
    // ARM's word decides only whether to look: an open firewall needs no probe (and costs no request).
    const p = (await (0,context/* readHsm */.B9)(ctx))?.properties;
    if (!p?.hsmUri || (p.publicNetworkAccess !== 'Disabled' && p.networkAcls?.defaultAction !== 'Deny'))
        return;
    const probe = await probeDataPlane(ctx);
    if (probe.kind === 'open')
        return;
    if (probe.kind !== 'firewall')
        throw noPrivatePath(ctx, probe, await dnsSays(ctx, p.hsmUri));
    const address = probe.address ?? '';
    const { config } = ctx;
    const cidr = (0,ipv4/* parseCidr */.GN)(address);
    if (!config.network.jit)
        throw new errors/* ConflictError */.fK(`the firewall of Managed HSM '${config.hsmName}' refuses the runner's address${address ? ` ${log/* oneLine */.TN(address)}` : ''}`, `add it to allowed-ips (network: firewall), set jit-runner-access: 'true' for a rule that lasts this job, or ${PRIVATE_PATHS}`);
    if (!cidr)
        throw new errors/* ConflictError */.fK(`jit-runner-access: Azure names the runner's address as '${log/* oneLine */.TN(address || '(nothing)')}', not an IPv4 address: an IP rule holds IPv4 only`, PRIVATE_PATHS);
    if ((0,ipv4/* isNonPublic */.Ve)(cidr))
        throw new errors/* ConflictError */.fK(`jit-runner-access: Azure sees the runner at ${address}, a private address: no IP rule admits it (it is not ` +
            'what the public endpoint sees)', PRIVATE_PATHS);
    const rule = `${address}/32`;
    await openFor(ctx, rule);
}
async function openFor(ctx, rule) {
    const { config } = ctx;
    const hsmId = (await (0,context/* knownHsm */.OC)(ctx)).hsmResourceId;
    const tags = new TagsApi(ctx.signIn.credential, ctx.cloud.resourceManager);
    const runId = `${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}`;
    const tag = (0,network_rules/* leaseTag */.ni)(rule.replace(/\/32$/, ''), runId);
    const until = Date.now() + config.timeoutMinutes * 60_000 + 15 * 60_000;
    // The lease first, then the rule: a concurrent writer that sees the rule sees its lease too. A rule that is
    // there already (another job behind the same address) is leased as well, so that its job's post phase keeps it.
    await tags.merge(hsmId, { [tag]: (0,network_rules/* leaseValue */.WR)(runId, until) });
    // Saved before the write: a run killed during it still has its post phase try the removal.
    (0,runner/* saveState */.LZ)(runner_rule_state/* RUNNER_RULE_STATE */.i, JSON.stringify({ rule, tag, resourceGroup: config.resourceGroup, hsmName: config.hsmName }));
    log/* info */.pq(`network: the firewall refuses this runner; adding the temporary IP rule ${rule} (jit-runner-access)`);
    await (0,network_rules/* writeRules */.bC)(rulesDeps(ctx, true), {
        what: `add the runner's IP rule ${rule}`,
        desired: h => {
            const s = (0,network_rules/* networkOf */.Af)(h);
            return s.rules.includes(rule)
                ? undefined
                : { bypass: s.bypass, defaultAction: s.defaultAction, rules: [...s.rules, rule] };
        },
        holds: h => (0,network_rules/* networkOf */.Af)(h).rules.includes(rule)
    });
    ctx.reads.forget();
    await waitOpen(ctx, rule);
    log/* notice */.lm(`network: the runner's temporary IP rule ${rule} is in place; the post phase removes it`);
}
/** `wait`: a region being added or removed is waited for (the main phase); the post phase fails instead. */
function rulesDeps(ctx, wait = false) {
    const { config } = ctx;
    return {
        read: () => ctx.arm.get(config.resourceGroup, config.hsmName),
        write: patch => ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch),
        deadline: ctx.deadline,
        ...(wait ? { waitRegion: (0,network_rules/* regionWaiter */.nO)(ctx.arm, config.resourceGroup, config.hsmName, ctx.deadline) } : {})
    };
}
/** Until the data plane lets the runner through (a new rule takes a while to apply), bounded. */
async function waitOpen(ctx, rule) {
    const until = Math.min(ctx.deadline, Date.now() + OPEN_WAIT_MS);
    for (let pause = 1000;; pause = Math.min(pause * 2, 15_000)) {
        const probe = await probeDataPlane(ctx);
        if (probe.kind === 'open')
            return;
        if (Date.now() + pause > until)
            throw new errors/* ConflictError */.fK(`the data plane still refuses the runner after its IP rule ${rule} was added (${Math.round(OPEN_WAIT_MS / 60_000)} min)`, 'rerun: rules can take minutes to apply; the post phase removes the rule either way');
        log/* info */.pq(`  network: the data plane does not admit ${rule} yet; checking again in ${pause / 1000} s`);
        await new Promise(r => setTimeout(r, pause));
    }
}
/** The post phase: removes the rule the main phase added (and its lease tag), leaving every other rule. */
async function removeRunnerRule(ctx, saved) {
    const { rule, tag } = saved;
    if (!(0,ipv4/* parseCidr */.GN)(rule) || !tag.startsWith(network_rules/* LEASE_TAG_PREFIX */.HC))
        throw new Error('the saved runner rule is not one this action writes');
    // This run's lease goes first: a lease that still runs then belongs to another job behind the same address.
    const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName);
    try {
        if (hsm?.id)
            await new TagsApi(ctx.signIn.credential, ctx.cloud.resourceManager).remove(hsm.id, [tag]);
    }
    catch (e) {
        log/* warning */.$e(`post: the lease tag ${tag} stays (${(0,errors/* errorMessage */.gJ)(e)}); its expiry makes it harmless`);
    }
    const othersNeed = (h) => (0,network_rules/* allLeases */.XK)(h.tags).some(l => l.rule === rule && l.tag !== tag && l.until > Date.now());
    await (0,network_rules/* writeRules */.bC)(rulesDeps(ctx), {
        what: `remove the runner's IP rule ${rule}`,
        desired: h => {
            const s = (0,network_rules/* networkOf */.Af)(h);
            return s.rules.includes(rule) && !othersNeed(h)
                ? { bypass: s.bypass, defaultAction: s.defaultAction, rules: s.rules.filter(r => r !== rule) }
                : undefined;
        },
        holds: h => othersNeed(h) || !(0,network_rules/* networkOf */.Af)(h).rules.includes(rule)
    });
    const after = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName);
    log/* info */.pq(after && (0,network_rules/* networkOf */.Af)(after).rules.includes(rule)
        ? `post: kept the IP rule ${rule}: another job behind the same address holds a lease on it`
        : `post: removed the runner's temporary IP rule ${rule}`);
}
/**
 * Preflight, before any change: an HSM with public access Disabled, which the inputs keep so, that this runner reaches by no private path
 * (its data plane refuses it, or does not answer in time) fails now, with the options, instead of timing out in a
 * data-plane step after provision changed things.
 */
async function refuseWithoutPrivatePath(ctx) {
    // Only where the run keeps public access off: an apply that turns it on opens the way itself, and plan and
    // verify report the difference (and their data-plane reads say why they fail).
    if (ctx.config.publicNetworkAccess !== 'Disabled')
        return;
    // A read that fails here (sign-in, ARM) is the steps' to report, as their own read would have been.
    let uri = '';
    const probe = await (async () => {
        const p = (await (0,context/* readHsm */.B9)(ctx))?.properties;
        if (p?.publicNetworkAccess !== 'Disabled' || p.provisioningState !== 'Succeeded' || !p.hsmUri)
            return undefined;
        uri = p.hsmUri;
        return probeDataPlane(ctx);
    })().catch(() => undefined);
    if (probe?.kind === 'no-public-access' || probe?.kind === 'unreachable')
        throw noPrivatePath(ctx, probe, await dnsSays(ctx, uri));
}
/** DNS's word beside the refusal; a lookup that fails leaves the refusal as the request made it. */
const dnsSays = (ctx, uri) => privateDnsEvidence(uri, ctx.cloud.managedHsmSuffix).catch(() => undefined);


/***/ }),

/***/ 357:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sO: () => (/* reexport */ keyVaultAuthenticationPolicy),
  F4: () => (/* reexport */ keyVaultAuthenticationPolicyName),
  aB: () => (/* reexport */ parseKeyVaultIdentifier)
});

;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/parseWWWAuthenticate.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const validWWWAuthenticateProperties = [
    "authorization",
    "authorization_url",
    "resource",
    "scope",
    "tenantId",
    "claims",
    "error",
];
/**
 * Parses an WWW-Authenticate response header.
 * This transforms a string value like:
 * `Bearer authorization="https://some.url/tenantId", resource="https://some.url"`
 * into an object like:
 * `{ authorization: "https://some.url/tenantId", resource: "https://some.url" }`
 * @param headerValue - String value in the WWW-Authenticate header
 */
function parseWWWAuthenticateHeader(headerValue) {
    const pairDelimiter = /,? +/;
    const parsed = headerValue.split(pairDelimiter).reduce((kvPairs, p) => {
        if (p.match(/\w="/)) {
            // 'sampleKey="sample_value"' -> [sampleKey, "sample_value"] -> { sampleKey: sample_value }
            const [key, ...value] = p.split("=");
            if (validWWWAuthenticateProperties.includes(key)) {
                // The values will be wrapped in quotes, which need to be stripped out.
                return { ...kvPairs, [key]: value.join("=").slice(1, -1) };
            }
        }
        return kvPairs;
    }, {});
    // Finally, we pull the tenantId from the authorization header to support multi-tenant authentication.
    if (parsed.authorization) {
        try {
            const tenantId = new URL(parsed.authorization).pathname.substring(1);
            if (tenantId) {
                parsed.tenantId = tenantId;
            }
        }
        catch (_) {
            throw new Error(`The challenge authorization URI '${parsed.authorization}' is invalid.`);
        }
    }
    return parsed;
}
//# sourceMappingURL=parseWWWAuthenticate.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 4 modules
var esm = __webpack_require__(9105);
;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/tokenCycler.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

// Default options for the cycler if none are provided
const DEFAULT_CYCLER_OPTIONS = {
    forcedRefreshWindowInMs: 1000, // Force waiting for a refresh 1s before the token expires
    retryIntervalInMs: 3000, // Allow refresh attempts every 3s
    refreshWindowInMs: 1000 * 60 * 2, // Start refreshing 2m before expiry
};
/**
 * Converts an an unreliable access token getter (which may resolve with null)
 * into an AccessTokenGetter by retrying the unreliable getter in a regular
 * interval.
 *
 * @param getAccessToken - A function that produces a promise of an access token that may fail by returning null.
 * @param retryIntervalInMs - The time (in milliseconds) to wait between retry attempts.
 * @param refreshTimeout - The timestamp after which the refresh attempt will fail, throwing an exception.
 * @returns - A promise that, if it resolves, will resolve with an access token.
 */
async function beginRefresh(getAccessToken, retryIntervalInMs, refreshTimeout) {
    // This wrapper handles exceptions gracefully as long as we haven't exceeded
    // the timeout.
    async function tryGetAccessToken() {
        if (Date.now() < refreshTimeout) {
            try {
                return await getAccessToken();
            }
            catch {
                return null;
            }
        }
        else {
            const finalToken = await getAccessToken();
            // Timeout is up, so throw if it's still null
            if (finalToken === null) {
                throw new Error("Failed to refresh access token.");
            }
            return finalToken;
        }
    }
    let token = await tryGetAccessToken();
    while (token === null) {
        await (0,esm/* delay */.cb)(retryIntervalInMs);
        token = await tryGetAccessToken();
    }
    return token;
}
/**
 * Creates a token cycler from a credential, scopes, and optional settings.
 *
 * A token cycler represents a way to reliably retrieve a valid access token
 * from a TokenCredential. It will handle initializing the token, refreshing it
 * when it nears expiration, and synchronizes refresh attempts to avoid
 * concurrency hazards.
 *
 * @param credential - the underlying TokenCredential that provides the access
 * token
 * @param tokenCyclerOptions - optionally override default settings for the cycler
 *
 * @returns - a function that reliably produces a valid access token
 */
function createTokenCycler(credential, tokenCyclerOptions) {
    let refreshWorker = null;
    let token = null;
    let tenantId;
    const options = {
        ...DEFAULT_CYCLER_OPTIONS,
        ...tokenCyclerOptions,
    };
    /**
     * This little holder defines several predicates that we use to construct
     * the rules of refreshing the token.
     */
    const cycler = {
        /**
         * Produces true if a refresh job is currently in progress.
         */
        get isRefreshing() {
            return refreshWorker !== null;
        },
        /**
         * Produces true if the cycler SHOULD refresh (we are within the refresh
         * window and not already refreshing)
         */
        get shouldRefresh() {
            if (cycler.isRefreshing) {
                return false;
            }
            if (token?.refreshAfterTimestamp && token.refreshAfterTimestamp < Date.now()) {
                return true;
            }
            return (token?.expiresOnTimestamp ?? 0) - options.refreshWindowInMs < Date.now();
        },
        /**
         * Produces true if the cycler MUST refresh (null or nearly-expired
         * token).
         */
        get mustRefresh() {
            return (token === null || token.expiresOnTimestamp - options.forcedRefreshWindowInMs < Date.now());
        },
    };
    /**
     * Starts a refresh job or returns the existing job if one is already
     * running.
     */
    function refresh(scopes, getTokenOptions) {
        if (!cycler.isRefreshing) {
            // We bind `scopes` here to avoid passing it around a lot
            const tryGetAccessToken = () => credential.getToken(scopes, getTokenOptions);
            // Take advantage of promise chaining to insert an assignment to `token`
            // before the refresh can be considered done.
            refreshWorker = beginRefresh(tryGetAccessToken, options.retryIntervalInMs, 
            // If we don't have a token, then we should timeout immediately
            token?.expiresOnTimestamp ?? Date.now())
                .then((_token) => {
                refreshWorker = null;
                token = _token;
                tenantId = getTokenOptions.tenantId;
                return token;
            })
                .catch((reason) => {
                // We also should reset the refresher if we enter a failed state.  All
                // existing awaiters will throw, but subsequent requests will start a
                // new retry chain.
                refreshWorker = null;
                token = null;
                tenantId = undefined;
                throw reason;
            });
        }
        return refreshWorker;
    }
    return async (scopes, tokenOptions) => {
        //
        // Simple rules:
        // - If we MUST refresh, then return the refresh task, blocking
        //   the pipeline until a token is available.
        // - If we SHOULD refresh, then run refresh but don't return it
        //   (we can still use the cached token).
        // - Return the token, since it's fine if we didn't return in
        //   step 1.
        //
        const hasClaimChallenge = Boolean(tokenOptions.claims);
        const tenantIdChanged = tenantId !== tokenOptions.tenantId;
        if (hasClaimChallenge) {
            // If we've received a claim, we know the existing token isn't valid
            // We want to clear it so that that refresh worker won't use the old expiration time as a timeout
            token = null;
        }
        // If the tenantId passed in token options is different to the one we have
        // Or if we are in claim challenge and the token was rejected and a new access token need to be issued, we need to
        // refresh the token with the new tenantId or token.
        const mustRefresh = tenantIdChanged || hasClaimChallenge || cycler.mustRefresh;
        if (mustRefresh) {
            return refresh(scopes, tokenOptions);
        }
        if (cycler.shouldRefresh) {
            refresh(scopes, tokenOptions);
        }
        return token;
    };
}
//# sourceMappingURL=tokenCycler.js.map
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var dist_esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

const logger = (0,dist_esm/* createClientLogger */.KV)("keyvault-common");
//# sourceMappingURL=logger.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/keyVaultAuthenticationPolicy.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



function verifyChallengeResource(scope, request) {
    let scopeAsUrl;
    try {
        scopeAsUrl = new URL(scope);
    }
    catch (e) {
        throw new Error(`The challenge contains invalid scope '${scope}'`);
    }
    const requestUrl = new URL(request.url);
    if (!requestUrl.hostname.endsWith(`.${scopeAsUrl.hostname}`)) {
        throw new Error(`The challenge resource '${scopeAsUrl.hostname}' does not match the requested domain. Set disableChallengeResourceVerification to true in your client options to disable. See https://aka.ms/azsdk/blog/vault-uri for more information.`);
    }
}
/**
 * Name of the Key Vault authentication policy.
 */
const keyVaultAuthenticationPolicyName = "keyVaultAuthenticationPolicy";
/**
 * A custom implementation of the bearer-token authentication policy that handles Key Vault and CAE challenges.
 *
 * Key Vault supports other authentication schemes, but we ensure challenge authentication
 * is used by first sending a copy of the request, without authorization or content.
 *
 * when the challenge is received, it will be authenticated and used to send the original
 * request with authorization.
 *
 * Following the first request of a client, follow-up requests will get the cached token
 * if possible.
 *
 */
function keyVaultAuthenticationPolicy(credential, options = {}) {
    const { disableChallengeResourceVerification } = options;
    let challengeState = { status: "none" };
    const getAccessToken = createTokenCycler(credential);
    function requestToOptions(request) {
        return {
            abortSignal: request.abortSignal,
            requestOptions: {
                timeout: request.timeout > 0 ? request.timeout : undefined,
            },
            tracingOptions: request.tracingOptions,
        };
    }
    async function authorizeRequest(request) {
        const requestOptions = requestToOptions(request);
        switch (challengeState.status) {
            case "none":
                challengeState = {
                    status: "started",
                    originalBody: request.body,
                };
                request.body = null;
                break;
            case "started":
                break; // Retry, we should not overwrite the original body
            case "complete": {
                const token = await getAccessToken(challengeState.scopes, {
                    ...requestOptions,
                    enableCae: true,
                    tenantId: challengeState.tenantId,
                });
                if (token) {
                    request.headers.set("authorization", `Bearer ${token.token}`);
                }
                break;
            }
        }
    }
    async function handleChallenge(request, response, next) {
        // If status is not 401, this is a no-op
        if (response.status !== 401) {
            return response;
        }
        if (request.body === null && challengeState.status === "started") {
            // Reset the original body before doing anything else.
            // Note: If successful status will be "complete", otherwise "none" will
            // restart the process.
            request.body = challengeState.originalBody;
        }
        const getTokenOptions = requestToOptions(request);
        const challenge = response.headers.get("WWW-Authenticate");
        if (!challenge) {
            logger.warning("keyVaultAuthentication policy encountered a 401 response without a corresponding WWW-Authenticate header. This is unexpected. Not handling the 401 response.");
            return response;
        }
        const parsedChallenge = parseWWWAuthenticateHeader(challenge);
        const scope = parsedChallenge.resource
            ? parsedChallenge.resource + "/.default"
            : parsedChallenge.scope;
        if (!scope) {
            // Cannot handle this kind of challenge here (if scope is not present, may be a CAE challenge)
            return response;
        }
        if (!disableChallengeResourceVerification) {
            verifyChallengeResource(scope, request);
        }
        const accessToken = await getAccessToken([scope], {
            ...getTokenOptions,
            enableCae: true,
            tenantId: parsedChallenge.tenantId,
        });
        if (!accessToken) {
            // No access token provided, treat as no-op
            return response;
        }
        request.headers.set("Authorization", `Bearer ${accessToken.token}`);
        challengeState = {
            status: "complete",
            scopes: [scope],
            tenantId: parsedChallenge.tenantId,
        };
        // We have a token now, so try send the request again
        return next(request);
    }
    async function handleCaeChallenge(request, response, next) {
        // Cannot handle CAE challenge if a regular challenge has not been completed first
        if (challengeState.status !== "complete") {
            return response;
        }
        // If status is not 401, this is a no-op
        if (response.status !== 401) {
            return response;
        }
        const getTokenOptions = requestToOptions(request);
        const challenge = response.headers.get("WWW-Authenticate");
        if (!challenge) {
            return response;
        }
        const { claims: base64EncodedClaims, error } = parseWWWAuthenticateHeader(challenge);
        if (error !== "insufficient_claims" || base64EncodedClaims === undefined) {
            return response;
        }
        const claims = atob(base64EncodedClaims);
        const accessToken = await getAccessToken(challengeState.scopes, {
            ...getTokenOptions,
            enableCae: true,
            tenantId: challengeState.tenantId,
            claims,
        });
        request.headers.set("Authorization", `Bearer ${accessToken.token}`);
        return next(request);
    }
    async function sendRequest(request, next) {
        // Add token if possible
        await authorizeRequest(request);
        // Try send request (first attempt)
        let response = await next(request);
        // Handle standard challenge if present
        response = await handleChallenge(request, response, next);
        // Handle CAE challenge if present
        response = await handleCaeChallenge(request, response, next);
        return response;
    }
    return {
        name: keyVaultAuthenticationPolicyName,
        sendRequest,
    };
}
//# sourceMappingURL=keyVaultAuthenticationPolicy.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/parseKeyVaultIdentifier.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Parses a Key Vault identifier into its components.
 *
 * @param collection - The collection of the Key Vault identifier.
 * @param identifier - The Key Vault identifier to be parsed.
 */
function parseKeyVaultIdentifier(collection, identifier) {
    if (typeof collection !== "string" || !(collection = collection.trim())) {
        throw new Error("Invalid collection argument");
    }
    if (typeof identifier !== "string" || !(identifier = identifier.trim())) {
        throw new Error("Invalid identifier argument");
    }
    let baseUri;
    try {
        baseUri = new URL(identifier);
    }
    catch (e) {
        throw new Error(`Invalid ${collection} identifier: ${identifier}. Not a valid URI`);
    }
    // Path is of the form '/collection/name[/version]'
    const segments = (baseUri.pathname || "").split("/");
    if (segments.length !== 3 && segments.length !== 4) {
        throw new Error(`Invalid ${collection} identifier: ${identifier}. Bad number of segments: ${segments.length}`);
    }
    if (collection !== segments[1]) {
        throw new Error(`Invalid ${collection} identifier: ${identifier}. segment [1] should be "${collection}", found "${segments[1]}"`);
    }
    const vaultUrl = `${baseUri.protocol}//${baseUri.host}`;
    const name = segments[2];
    const version = segments.length === 4 ? segments[3] : undefined;
    return {
        vaultUrl,
        name,
        version,
    };
}
//# sourceMappingURL=parseKeyVaultIdentifier.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/keyvault-common/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


//# sourceMappingURL=index.js.map

/***/ })

};
