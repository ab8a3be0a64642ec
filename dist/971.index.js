export const id = 971;
export const ids = [971];
export const modules = {

/***/ 4377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OUTAGE_HINT: () => (/* binding */ OUTAGE_HINT),
/* harmony export */   PERMISSION_HINT: () => (/* binding */ PERMISSION_HINT),
/* harmony export */   fetchGitHubIdToken: () => (/* binding */ fetchGitHubIdToken),
/* harmony export */   isTransient: () => (/* binding */ isTransient)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1827);
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8978);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3641);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3091);
/**
 * The GitHub ID token, asked of the runner's token service (ACTIONS_ID_TOKEN_REQUEST_URL) directly rather
 * than through core.getIDToken: that retries only 502-504, for about ten seconds without pause, ignores
 * Retry-After, and hides the status and the service's message an outage report needs. Here 408, 429, 5xx
 * and broken connections are retried with backoff inside a fixed budget; a refusal is never retried.
 */






const SERVICE = 'GitHub OIDC';
const OPERATION = 'get an ID token';
const PERMISSION_HINT = "give the job 'permissions: id-token: write' (and 'contents: read'); " +
    'pull requests from forks get no ID token, so run this action on push, schedule or workflow_dispatch';
const OUTAGE_HINT = "GitHub's token service kept failing after retries (https://www.githubstatus.com); rerun the job later";
const DEFAULTS = {
    delaysMs: [1000, 2000, 4000],
    budgetMs: 30_000,
    requestTimeoutMs: 15_000,
    sleep: _shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy
};
/** A GitHub ID token for `audience`; throws an AzureOperationError naming status, code and what to do. */
async function fetchGitHubIdToken(audience, options = {}) {
    const opts = { ...DEFAULTS, ...options };
    const { url, requestToken } = runnerEndpoint();
    const target = `${url}${url.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
    const deadline = Date.now() + opts.budgetMs;
    _shared_log_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`GitHub OIDC: ID token url is ${target}`);
    try {
        return await (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .retrying */ .R$)(async () => {
            const outcome = await requestOnce(target, requestToken, opts.requestTimeoutMs);
            if (typeof outcome === 'string')
                return outcome;
            throw new Failed(outcome);
        }, {
            retriable: e => e instanceof Failed && isTransient(e.failure),
            delayMs: (n, e) => {
                const planned = opts.delaysMs[n - 1];
                return planned === undefined ? undefined : (e.failure.retryAfterMs ?? planned);
            },
            deadline,
            onRetry: (e, wait) => _shared_log_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`GitHub OIDC: ${describe(e.failure)}; retrying in ${wait / 1000} s`),
            sleep: opts.sleep
        });
    }
    catch (e) {
        throw e instanceof Failed ? failureError(e.failure) : e;
    }
}
/** One attempt's failure, carried through the retry loop. */
class Failed extends Error {
    failure;
    constructor(failure) {
        super(failure.message);
        this.failure = failure;
    }
}
function describe(f) {
    const head = [f.status, f.code].filter(Boolean).join(' ');
    return head ? `${head}: ${f.message}` : f.message;
}
/** The runner sets both variables only for a job with `id-token: write`. */
function runnerEndpoint() {
    const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    const missing = !url
        ? 'ACTIONS_ID_TOKEN_REQUEST_URL'
        : !requestToken
            ? 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
            : '';
    if (missing)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AzureOperationError */ .XP({ service: SERVICE, operation: OPERATION, hint: PERMISSION_HINT }, `the runner offers this job no ID token (${missing} is not set)`);
    return { url: url, requestToken: requestToken };
}
/**
 * The token request's pipeline: no retry policy (fetchGitHubIdToken retries, within its budget) and no redirect
 * (the runner's token service answers itself), the proxy as every Azure request of the run has it (HTTPS_PROXY
 * and NO_PROXY, core-rest-pipeline's rules), over the run's shared connections. Not @actions/http-client: its
 * module loads the bundled undici at every start (about a tenth of a CPU-second) for this one request.
 */
let pipeline;
function tokenPipeline() {
    if (!pipeline) {
        pipeline = (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__.createEmptyPipeline)();
        pipeline.addPolicy((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__.proxyPolicy)());
    }
    return pipeline;
}
/** One GET of the token: the token, or why there is none. */
async function requestOnce(url, requestToken, timeoutMs) {
    // AbortSignal.timeout: a deadline on Node's own timers, whatever a test's clock does to setTimeout.
    const deadline = AbortSignal.timeout(timeoutMs);
    const request = (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__.createPipelineRequest)({
        url,
        method: 'GET',
        abortSignal: deadline,
        headers: (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__.createHttpHeaders)({
            accept: 'application/json',
            authorization: `Bearer ${requestToken}`,
            'user-agent': 'actions/oidc-client'
        }),
        // The runner's URL is HTTPS; a plain one (a local token service) is used as given, as the toolkit does.
        allowInsecureConnection: url.startsWith('http:')
    });
    try {
        const res = await tokenPipeline().sendRequest((0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.sharedHttpClient)(), request);
        const body = res.bodyAsText ?? '';
        if (res.status === 200)
            return tokenIn(body) ?? { message: 'the answer (200) carries no token' };
        return {
            status: res.status,
            ...describeAnswer(res.status, body),
            retryAfterMs: (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRetryAfter */ .mu)(res.headers.get('retry-after'))
        };
    }
    catch (e) {
        if (deadline.aborted)
            return { code: 'ETIMEDOUT', message: `no answer within ${timeoutMs / 1000} s`, transport: true };
        return { code: e.code, message: (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e), transport: true };
    }
}
function tokenIn(body) {
    const value = parseJson(body)?.value;
    return typeof value === 'string' && value ? value : undefined;
}
/** Retried: no answer, a timeout, throttling or a server error. 401/403/404 and the rest are final. */
function isTransient(f) {
    if (f.transport)
        return true;
    const s = f.status ?? 0;
    return s === 408 || s === 429 || s >= 500;
}
/**
 * Code and message of an error answer: GitHub's ({message, typeKey}, as Azure DevOps answers) or Azure's
 * ({error: {code, message}}); otherwise the status text and the start of the body.
 */
function describeAnswer(status, body) {
    const json = parseJson(body);
    const inner = (json?.error && typeof json.error === 'object' ? json.error : json);
    const text = (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const reason = node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status] ?? 'Error';
    return {
        code: text(inner?.code) ?? text(json?.typeKey) ?? reason.replace(/[^A-Za-z]/g, ''),
        // A body that is not JSON (a proxy's or gateway's page) is quoted, shortened, as the message.
        message: text(inner?.message) ?? (json ? undefined : text(body)?.replace(/\s+/g, ' ').slice(0, 300)) ?? reason
    };
}
function failureError(f) {
    const hint = f.status === 401 || f.status === 403 ? PERMISSION_HINT : isTransient(f) ? OUTAGE_HINT : undefined;
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AzureOperationError */ .XP({ service: SERVICE, operation: OPERATION, status: f.status, code: f.code, hint }, (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .serviceText */ .Lo)(f.message));
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  start: () => (/* binding */ start)
});

// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(6910);
// EXTERNAL MODULE: ./node_modules/@azure/identity/dist/esm/index.js + 155 modules
var esm = __webpack_require__(3952);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
;// CONCATENATED MODULE: ./src/auth/entra-answers.ts
function recordEntraAnswers() {
    const failures = new Map();
    const policy = {
        name: 'recordEntraAnswers',
        async sendRequest(request, next) {
            const scopes = scopesOf(request);
            // A request in flight makes the previous answer stale, whatever comes back (or if nothing does).
            for (const s of scopes)
                failures.delete(s);
            const response = await next(request);
            if (response.status >= 400) {
                const failure = failureOf(response);
                for (const s of scopes)
                    failures.set(s, failure);
            }
            return response;
        }
    };
    return { policy, failureFor: scopes => failures.get([scopes].flat()[0] ?? '') };
}
/** The scopes of a token request (a form-encoded POST); none for metadata and discovery requests. */
function scopesOf(request) {
    if (request.method !== 'POST' || typeof request.body !== 'string')
        return [];
    return (new URLSearchParams(request.body).get('scope') ?? '').split(' ').filter(Boolean);
}
function failureOf(response) {
    let body = {};
    try {
        const parsed = JSON.parse(response.bodyAsText ?? '');
        if (parsed && typeof parsed === 'object')
            body = parsed;
    }
    catch {
        // Not JSON (a gateway's HTML page): the status and headers still say enough.
    }
    const text = (v) => (typeof v === 'string' && v ? v : undefined);
    return {
        status: response.status,
        error: text(body.error),
        requestId: response.headers.get('x-ms-request-id') ?? text(body.trace_id) ?? text(body.correlation_id)
    };
}

// EXTERNAL MODULE: ./src/auth/github-oidc.ts
var github_oidc = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/auth/data-plane-auth.ts
var data_plane_auth = __webpack_require__(6326);
// EXTERNAL MODULE: ./src/shared/connections.ts + 1 modules
var connections = __webpack_require__(3641);
;// CONCATENATED MODULE: ./src/auth/credential.ts
/**
 * Sign-in with GitHub OIDC workload identity federation: no stored secret. The assertion callback asks the
 * runner for a fresh GitHub ID token every time Entra needs one, so a 30-minute HSM creation never outlives
 * its (short-lived) GitHub token.
 */








function signIn(opts) {
    let early = opts.idToken;
    const presented = {};
    // Identity wraps whatever the callback throws; keep ours so the user sees it, not the wrapper.
    let assertionError;
    // MSAL asks for an assertion twice per token, even when it then answers from its cache. A GitHub token
    // fetched moments ago is reused while it is young and has minutes to live, so every assertion Entra sees
    // is fresh enough, however long the run, without a runner round trip per question.
    let recent;
    const fetchAssertion = async () => {
        const now = Date.now();
        if (recent &&
            now - recent.fetchedAt < ASSERTION_REUSE_MS &&
            recent.expiresAt - now > ASSERTION_MIN_LIFE_MS)
            return recent.token;
        let token;
        try {
            const asked = early ?? (0,github_oidc.fetchGitHubIdToken)(opts.audience);
            early = undefined;
            token = await asked;
            assertionError = undefined;
        }
        catch (e) {
            assertionError =
                e instanceof errors/* AzureOperationError */.XP
                    ? e
                    : new errors/* AzureOperationError */.XP({ service: 'GitHub OIDC', operation: 'get an ID token' }, (0,errors/* serviceText */.Lo)((0,errors/* errorMessage */.gJ)(e)));
            throw assertionError;
        }
        mask(token);
        const claims = claimsOf(token);
        Object.assign(presented, claims);
        const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now;
        recent = { token, fetchedAt: now, expiresAt: exp };
        return token;
    };
    // Concurrent sign-ins (one per service) share one request to the runner.
    let inflight;
    const getAssertion = () => {
        inflight ??= fetchAssertion().finally(() => {
            inflight = undefined;
        });
        return inflight;
    };
    const entra = recordEntraAnswers();
    const inner = new esm/* ClientAssertionCredential */.XI(opts.tenantId, opts.clientId, getAssertion, {
        authorityHost: opts.cloud.authorityHost,
        httpClient: (0,connections.sharedHttpClient)(),
        additionalPolicies: [{ policy: entra.policy, position: 'perCall' }]
    });
    let oid;
    // One token per scope for the run: @azure/identity loses its cache when several services sign in at
    // once, and each pipeline asks again. A claims challenge (CAE) always goes to Entra.
    const tokens = new Map();
    const cachedToken = async (scopes, options) => {
        // A token is for one tenant: a challenge naming another must not be answered from the sign-in's.
        const key = `${(options?.tenantId ?? opts.tenantId).toLowerCase()} ${[scopes].flat().join(' ')}`;
        const hit = options?.claims ? undefined : tokens.get(key);
        const held = hit && (await hit.catch(() => null));
        if (held && held.expiresOnTimestamp - Date.now() > TOKEN_MIN_LIFE_MS)
            return held;
        const fresh = inner.getToken(scopes, options);
        if (!options?.claims)
            tokens.set(key, fresh);
        fresh.catch(() => tokens.delete(key));
        return fresh;
    };
    const credential = {
        async getToken(scopes, options) {
            try {
                const token = await cachedToken(scopes, options);
                if (!token)
                    throw new Error('Entra ID returned no access token');
                mask(token.token);
                // Every access token names the same principal: remember it instead of asking for one more token.
                const claimed = claimsOf(token.token).oid;
                if (typeof claimed === 'string')
                    oid ??= claimed;
                return token;
            }
            catch (e) {
                const tenantId = options?.tenantId ?? opts.tenantId;
                if (tenantId.toLowerCase() !== opts.tenantId.toLowerCase())
                    throw otherTenantError(tenantId, opts.tenantId, opts.clientId, scopes);
                throw (assertionError ??
                    explainSignInFailure(e, {
                        clientId: opts.clientId,
                        tenantId,
                        presented,
                        scopes,
                        answer: entra.failureFor(scopes)
                    }));
            }
        }
    };
    // The data planes' authentication policies, one per host, on this sign-in's tenant and cloud.
    credential.dataPlaneAuth = new data_plane_auth/* DataPlaneAuth */.$m(credential, opts.tenantId, opts.cloud);
    let principal;
    return {
        credential,
        principalId() {
            // CAE on, as the SDK pipelines ask, so this is the ARM token they use too (not a second one).
            principal ??= oid
                ? Promise.resolve(oid)
                : credential.getToken((0,clouds/* scopeFor */.aN)(opts.cloud.resourceManager), { enableCae: true }).then(() => {
                    if (!oid)
                        throw new Error('the ARM access token has no oid claim');
                    return oid;
                });
            return principal;
        },
        prefetch(resources) {
            // Independent sign-ins at once; the clients' challenge policies then find the tokens cached.
            return Promise.all(resources.map(r => credential.getToken((0,clouds/* scopeFor */.aN)(r), { enableCae: true }))).then(() => undefined);
        }
    };
}
/**
 * A data-plane challenge named a tenant other than tenant-id: @azure/identity refuses to sign in there
 * unless told to (additionallyAllowedTenants), and so does this action, so a token never goes to a tenant
 * the workflow did not name.
 */
function otherTenantError(wanted, signedIn, clientId, scopes) {
    // It comes from a service's answer: shown only when it has the form of a tenant id or domain.
    wanted = /^[0-9A-Za-z.-]{1,100}$/.test(wanted) ? wanted : '(not a tenant id)';
    return new errors/* AzureOperationError */.XP({
        service: 'Entra ID',
        operation: `sign in as ${clientId} in tenant ${wanted} for ${[scopes].flat().join(' ')}`,
        hint: `the resource belongs to tenant ${wanted}, but tenant-id is ${signedIn}: set tenant-id to the resource's tenant, or use a resource in tenant ${signedIn}`
    }, `the service asked for a token issued by tenant ${wanted}; this action signs in to tenant-id ${signedIn} only`);
}
/** Decodes a JWT's payload without verifying it: only to read non-secret claims. */
function claimsOf(jwt) {
    try {
        const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        const aud = Array.isArray(payload.aud) ? payload.aud.join(',') : payload.aud;
        return {
            ...payload,
            issuer: String(payload.iss ?? ''),
            subject: String(payload.sub ?? ''),
            audience: String(aud ?? '')
        };
    }
    catch {
        return {};
    }
}
/**
 * The runner then hides the token in the step log, and the log module and the summary print it as `***`,
 * should anything ever hold it (an error that quotes the request); each token is registered once.
 */
function mask(token) {
    (0,log/* mask */.dK)(token);
}
/** How long a fetched GitHub ID token may be reused, and how much life it must have left. */
const ASSERTION_REUSE_MS = 60_000;
const ASSERTION_MIN_LIFE_MS = 120_000;
/** An access token is reused while it has at least this long to live. */
const TOKEN_MIN_LIFE_MS = 5 * 60_000;
const AADSTS_HINTS = {
    '70021': (p, c) => federatedHint(p, c),
    '700211': (p, c) => federatedHint(p, c),
    '700212': (p, c) => federatedHint(p, c),
    '700213': (p, c) => subjectHint(p, c),
    '7002138': (p, c) => `${subjectHint(p, c)} Matching is case-sensitive: copy the subject exactly.`,
    '700024': () => 'the GitHub ID token had expired when Entra checked it; the action fetches a new one per sign-in, so check the runner clock and rerun',
    '700016': (_p, c) => `no application with client id ${c} exists in this tenant; check client-id and tenant-id`,
    '90002': () => 'the tenant was not found; check tenant-id (and cloud)'
};
function federatedHint(p, clientId) {
    return (`add a federated credential to the app registration ${clientId} with issuer '${p.issuer ?? '?'}', ` +
        `subject '${p.subject ?? '?'}' and audience '${p.audience ?? '?'}' (the values this run presented)`);
}
/**
 * A subject no credential matches. A job without `environment:` presents its branch, tag or pull request as
 * the subject; trusting that widens the credential to whoever can push there, so the first advice is to run
 * the job in an environment (whose protection rules then guard the sign-in) and trust that.
 */
function subjectHint(p, clientId) {
    const m = /^(repo:[^:]+\/[^:]+):(ref|pull_request)\b/.exec(p.subject ?? '');
    if (!m || (p.subject ?? '').includes(':environment:'))
        return federatedHint(p, clientId);
    return (`this job has no 'environment:', so it presented subject '${p.subject ?? '?'}', which names a ` +
        `${m[2] === 'ref' ? 'branch or tag' : 'pull request'} and not an environment. First give the job ` +
        `'environment: NAME' (with the environment's protection rules) and add a federated credential to the app ` +
        `registration ${clientId} with subject '${m[1]}:environment:NAME', issuer '${p.issuer ?? '?'}' and audience ` +
        `'${p.audience ?? '?'}'; only if this job must run without an environment, ${federatedHint(p, clientId)}`);
}
const ENTRA_OUTAGE_HINT = 'Entra ID kept failing after retries (https://azure.status.microsoft); rerun the job later (every step is safe to rerun)';
/**
 * `Entra ID: sign in as … failed (<status> <code>): <message>`. The code is the AADSTS code of a refusal
 * (what the README and Microsoft's docs explain), or the OAuth error of an outage (429, 5xx), where the
 * AADSTS number says nothing a user can act on and no configuration hint applies.
 */
function explainSignInFailure(e, c) {
    if (e instanceof errors/* AzureOperationError */.XP)
        return e;
    const message = (0,errors/* errorMessage */.gJ)(e);
    const status = c.answer?.status ?? statusCodeOf(e);
    const outage = status !== undefined && (status === 429 || status >= 500);
    const aadsts = /AADSTS(\d+)/.exec(message)?.[1];
    const code = !outage && aadsts ? `AADSTS${aadsts}` : (c.answer?.error ?? (aadsts && `AADSTS${aadsts}`));
    const hint = outage
        ? ENTRA_OUTAGE_HINT
        : aadsts
            ? AADSTS_HINTS[aadsts]?.(c.presented, c.clientId)
            : undefined;
    return new errors/* AzureOperationError */.XP({
        service: 'Entra ID',
        operation: `sign in as ${c.clientId} in tenant ${c.tenantId} for ${[c.scopes].flat().join(' ')}`,
        status,
        code: code || undefined,
        requestId: c.answer?.requestId ?? /Trace ID: ([0-9a-f]{8}-[0-9a-f-]+)/i.exec(message)?.[1],
        hint
    }, (0,errors/* serviceText */.Lo)(serviceMessage(message)));
}
/**
 * Entra's own text (`AADSTS…: …`, or the description MSAL quotes) without the ids and timestamps MSAL
 * repeats around it; the request id has its own line.
 */
function serviceMessage(message) {
    const text = /AADSTS\d+:[^\r\n]*/.exec(message)?.[0] ??
        / - Description: (.*?) - Correlation ID: /.exec(message)?.[1] ??
        message.split('\n')[0];
    return text.replace(/\s+Trace ID:.*$/, '').trim() || message.trim();
}
/** The HTTP status @azure/identity's AuthenticationError carries (other credential types throw it). */
function statusCodeOf(e) {
    const status = e?.statusCode;
    return typeof status === 'number' && status > 0 ? status : undefined;
}

// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 38 modules
var dist_esm = __webpack_require__(8978);
// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./src/azure/origin.ts
var origin = __webpack_require__(5177);
// EXTERNAL MODULE: ./src/azure/sdk.ts
var sdk = __webpack_require__(575);
;// CONCATENATED MODULE: ./src/azure/managed-hsm-arm.ts






/** The api-version the Azure CLI uses and whose responses were checked against recorded live traffic. */
const ARM_API_VERSION = '2024-11-01';
const SERVICE = 'Azure Resource Manager';
class ManagedHsmArm {
    credential;
    subscriptionId;
    endpoint;
    managedHsmSuffix;
    /** Made on first use: the ARM SDK loads lazily (a run that fails before its first ARM call never loads it). */
    management;
    constructor(credential, subscriptionId, endpoint, 
    /** The cloud's Managed HSM DNS suffix: an HSM's URI must be `https://{name}.{suffix}/`. */
    managedHsmSuffix) {
        this.credential = credential;
        this.subscriptionId = subscriptionId;
        this.endpoint = endpoint;
        this.managedHsmSuffix = managedHsmSuffix;
    }
    client() {
        this.management ??= (0,sdk/* armKeyVault */.Yb)().then(({ KeyVaultManagementClient }) => {
            const client = new KeyVaultManagementClient(this.credential, this.subscriptionId, {
                endpoint: this.endpoint,
                apiVersion: ARM_API_VERSION,
                ...(0,connections.clientOptions)()
            });
            // The SDK's pollers and pagers follow URLs from ARM's answers: none leaves ARM's origin.
            (0,origin/* keepToOrigin */.He)(client.pipeline, this.endpoint);
            (0,connections.preconnectFirst)(client.pipeline);
            return client;
        });
        return this.management;
    }
    resourceId(resourceGroup, name) {
        return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${name}`;
    }
    async get(resourceGroup, name, opts = {}) {
        const hsm = await (0,call/* absentOn404 */.lz)(async () => {
            return await (0,call/* azureCall */.WG)(SERVICE, `read Managed HSM '${name}'`, async () => (await this.client()).managedHsms.get(resourceGroup, name, {
                onResponse: r => opts.onHeaders?.(h => r.headers.get(h) ?? undefined)
            }));
        });
        const uri = hsm?.properties?.hsmUri;
        if (uri !== undefined && !isHsmUri(uri, name, this.managedHsmSuffix))
            throw new errors/* AzureOperationError */.XP({
                service: SERVICE,
                operation: `read Managed HSM '${name}'`,
                code: 'UnexpectedHsmUri',
                hint: 'ARM never names another host for an HSM: check what stands between the runner and Azure ' +
                    '(HTTPS_PROXY, a TLS-inspecting proxy) and the cloud input; nothing was sent to that URI'
            }, `ARM named ${(0,errors/* serviceText */.Lo)(uri, 300)} as the HSM's URI (properties.hsmUri), not ` +
                `https://${name.toLowerCase()}.${this.managedHsmSuffix}/: the run sends its data-plane token and ` +
                'the security domain only to that host, so it stops here');
        return hsm;
    }
    /** Every Managed HSM in the resource group (the clean-up by pattern reads their tags). */
    async listInGroup(resourceGroup) {
        return (0,call/* azureCall */.WG)(SERVICE, `list the Managed HSMs of resource group '${resourceGroup}'`, async () => {
            const all = [];
            for await (const h of (await this.client()).managedHsms.listByResourceGroup(resourceGroup))
                all.push(h);
            return all;
        });
    }
    /** The soft-deleted HSM holding this name in this subscription, if any. */
    async findDeleted(name) {
        return (0,call/* azureCall */.WG)(SERVICE, 'list deleted Managed HSMs', async () => {
            const found = await this.findInList('deletedManagedHSMs', name);
            // Plain JSON, not the SDK's deserializer: its dates arrive as strings.
            const p = found?.properties;
            if (!found || !p)
                return found;
            const date = (d) => (d === undefined ? undefined : new Date(d));
            return {
                ...found,
                properties: {
                    ...p,
                    deletionDate: date(p.deletionDate),
                    scheduledPurgeDate: date(p.scheduledPurgeDate)
                }
            };
        });
    }
    /**
     * The HSM of this name anywhere in the subscription (any resource group), if any: the list is
     * subscription-wide, so this needs read access at subscription scope, like findDeleted.
     */
    async findInSubscription(name) {
        return (0,call/* azureCall */.WG)(SERVICE, "list the subscription's Managed HSMs", () => this.findInList('managedHSMs', name));
    }
    /**
     * The first entry of a subscription-wide list named `name`, page by page. Pages are read with plain GETs:
     * the SDK's pager drops ARM's error body (a 403 reads "Pagination failed with unexpected statusCode
     * 403"), and the body names the missing permission and its scope.
     */
    async findInList(list, name) {
        let url = `${this.endpoint}/subscriptions/${this.subscriptionId}/providers/Microsoft.KeyVault/${list}?api-version=${ARM_API_VERSION}`;
        while (url) {
            const page = (await this.getJson(url));
            const found = page?.value?.find(h => h.name?.toLowerCase() === name.toLowerCase());
            if (found)
                return found;
            url = page?.nextLink ?? undefined;
        }
        return undefined;
    }
    /** GET through the client's pipeline (credential, retries); a non-200 answer throws a RestError with its body. */
    async getJson(url) {
        const r = await (await this.client()).pipeline.sendRequest((0,connections.sharedHttpClient)(), (0,dist_esm.createPipelineRequest)({ url, method: 'GET' }));
        if (r.status !== 200) {
            const err = new dist_esm.RestError(`GET answered ${r.status}`, { statusCode: r.status, response: r });
            err.details = safeJson(r.bodyAsText);
            throw err;
        }
        return safeJson(r.bodyAsText);
    }
    async nameAvailability(name) {
        const r = await (0,call/* azureCall */.WG)(SERVICE, `check that the name '${name}' is available`, async () => (await this.client()).managedHsms.checkMhsmNameAvailability({ name }));
        return { available: r.nameAvailable !== false, reason: r.reason, message: r.message };
    }
    /** Sends the PUT; the caller waits by reading the resource. */
    async submitCreate(resourceGroup, name, body) {
        await (0,call/* azureCall */.WG)(SERVICE, `create Managed HSM '${name}'`, async () => (await this.client()).managedHsms.createOrUpdate(resourceGroup, name, body).submitted(), createHint);
    }
    /** Sends the PATCH with only what should change; the caller waits by reading the resource. */
    async submitUpdate(resourceGroup, name, patch) {
        await (0,call/* azureCall */.WG)(SERVICE, `update Managed HSM '${name}'`, async () => (await this.client()).managedHsms.update(resourceGroup, name, patch).submitted());
    }
    /** Deletes the HSM (it becomes soft-deleted) and waits for ARM to finish. */
    async delete(resourceGroup, name) {
        await (0,call/* azureCall */.WG)(SERVICE, `delete Managed HSM '${name}'`, async () => (await this.client()).managedHsms
            .delete(resourceGroup, name, { updateIntervalInMs: 5000 })
            .pollUntilDone());
    }
    /**
     * The region's default (shared) Microsoft Azure Attestation provider, as `az keyvault key create
     * --default-cvm-policy` looks it up: its attestUri is the release policy's authority.
     */
    async defaultAttestationAuthority(location) {
        const path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Attestation/Locations/${location}/defaultProvider`;
        const res = await (0,call/* azureCall */.WG)(SERVICE, `look up the default attestation provider of ${location}`, async () => (await this.getJson(`${this.endpoint}${path}?api-version=2020-10-01`)), 'set attestation-authority to your attestation provider URL');
        const uri = res?.properties?.attestUri;
        if (!uri)
            throw new Error(`the default attestation provider of ${location} has no attestUri`);
        return uri;
    }
    async purgeDeleted(name, location) {
        await (0,call/* azureCall */.WG)(SERVICE, `purge deleted Managed HSM '${name}'`, async () => (await this.client()).managedHsms
            .purgeDeleted(name, location, { updateIntervalInMs: 5000 })
            .pollUntilDone(), code => code?.includes('PurgeProtection') || code === 'Conflict'
            ? 'purge protection keeps this name until its scheduled purge date; choose another hsm-name or use on-soft-deleted: undelete'
            : undefined);
    }
}
function createHint(code, status) {
    if (code === 'ResourceGroupNotFound')
        return 'create the resource group first (az group create) or fix resource-group';
    if (status === 409)
        return 'the name is held by another HSM (possibly soft-deleted); see on-soft-deleted, or choose another hsm-name';
    if (code === 'QuotaExceeded' || code === 'InsufficientCapacity' || status === 503)
        return 'Managed HSM capacity or quota is exhausted in this region; try another location or ask Azure support for quota';
    if (status === 403)
        return "the signed-in identity needs 'Contributor' (or 'Managed HSM Contributor') on the resource group";
    return undefined;
}
/**
 * `https://{name}.{suffix}` with at most the trailing `/` Azure puts on it: no user name, port, other path,
 * query or fragment, and the host exactly the HSM's (case aside).
 */
function isHsmUri(uri, name, suffix) {
    const authority = /^https:\/\/([^/?#\\]+)\/?$/i.exec(uri)?.[1];
    return authority?.toLowerCase() === `${name}.${suffix}`.toLowerCase();
}
function safeJson(text) {
    try {
        return text ? JSON.parse(text) : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var src_config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/run/reads.ts
var reads = __webpack_require__(696);
// EXTERNAL MODULE: ./src/modes/index.ts + 6 modules
var modes = __webpack_require__(6643);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/posture/index.ts + 6 modules
var posture = __webpack_require__(5999);
// EXTERNAL MODULE: ./src/steps/index.ts + 19 modules
var steps = __webpack_require__(2265);
;// CONCATENATED MODULE: ./src/engine/prefetch.ts






function prefetchReads(ctx) {
    const { config, reads } = ctx;
    if ((0,src_config/* isSingleMode */.Gl)(config.mode))
        return;
    warmUpSdk(config);
    // Inputs only: the HSM, in verify the posture's reads that need no more, and each step's own (in step order).
    const hsm = reads.prefetch('hsm', () => ctx.arm.get(config.resourceGroup, config.hsmName));
    if (src_config/* MODE_TABLE */.TL[config.mode].proves)
        (0,posture/* prefetchPostureEarly */.HF)(ctx, hsm);
    const onActive = config.steps.flatMap(name => {
        const then = quietly(() => steps/* STEPS */.U[name].prefetch?.(ctx));
        return then ? [then] : [];
    });
    // The data-plane reads, for an HSM shown active (each posture area knows whether it applies to it), once.
    let started = false;
    const readDataPlane = (h) => {
        (0,posture/* prefetchPosture */.YQ)(ctx, h);
        const uri = h.properties?.hsmUri;
        if (started || !uri || !(0,posture/* hsmActive */.Pf)(h))
            return;
        started = true;
        const early = {
            uri,
            plane: () => (0,context/* planeOf */.iO)(ctx, h),
            keys: () => (0,context/* keysOf */.YD)(ctx, h)
        };
        for (const then of onActive)
            quietly(() => then(early));
    };
    const expected = expectedHsm(ctx);
    if (expected && src_config/* MODE_TABLE */.TL[config.mode].proves)
        readDataPlane(expected);
    else if (expected && ctx.signIn.credential.dataPlaneAuth) {
        // Any other mode holds the requests until ARM shows the HSM active (held, below). A credential without the
        // run's data-plane policies would send a first request without its token to learn the challenge: not held.
        const active = hsm.then(h => !!h && (0,posture/* hsmActive */.Pf)(h));
        ctx.facts.hsmCredential = held(ctx.signIn.credential, active);
        // What these reads find counts only once ARM shows the HSM active; when it does not, none is handed out.
        ctx.reads.hold(active);
        readDataPlane(expected);
    }
    // Once ARM has answered: its own areas (network, regions, ...), and the data plane if not started yet; reads
    // already in flight are joined, not sent again (run/reads.ts).
    void hsm.then(h => h && readDataPlane(h)).catch(() => undefined);
}
/**
 * The HSM as the run expects it, active at the one URI ARM may name for it (managed-hsm-arm.ts refuses any
 * other, isHsmUri), so that the data-plane reads need only the inputs. verify expects an HSM that exists and is
 * active: its reads start beside ARM's read rather than a round trip after it, and one made for an HSM that is
 * not is only a request spent on a run that fails anyway. apply and plan may find no HSM, or one still to
 * activate: their reads start too, but each request waits at its token (held) until ARM shows the HSM active,
 * with its connection opened meanwhile (shared/connections.ts counts it from the front of its pipeline); none is
 * sent before. Either way ARM's answer decides: the steps and the posture read the HSM from ARM before they use a
 * data-plane read, and an HSM ARM does not show active gets no data-plane check. No tenant: the data-plane
 * clients ask for the sign-in tenant's token and follow a challenge for another (auth/data-plane-auth.ts).
 */
function expectedHsm(ctx) {
    const { config, cloud } = ctx;
    if (!modes/* MODES */.F[config.mode].dataPlane(config) || !/^[a-z0-9-]+$/i.test(config.hsmName))
        return undefined;
    return {
        properties: {
            hsmUri: `https://${config.hsmName.toLowerCase()}.${cloud.managedHsmSuffix}/`,
            provisioningState: 'Succeeded',
            securityDomainProperties: { activationStatus: 'Active' }
        }
    };
}
/** Why a held request was never sent (it fails quietly: the read is made again in its step's turn). */
class HsmNotShownActive extends Error {
    constructor() {
        super('not sent: ARM does not show the HSM active');
    }
}
/**
 * `credential`, except that a token asked for before `active` settles waits for it, and is refused when ARM does
 * not show the HSM active. A token asked for later is not held: the steps' own requests, after provisioning and
 * activation, pass as with the sign-in's credential.
 */
function held(credential, active) {
    let answered = false;
    const settled = active.then(ok => ((answered = true), ok), () => ((answered = true), false));
    const holding = {
        async getToken(scopes, options) {
            if (!answered && !(await settled))
                throw new HsmNotShownActive();
            return credential.getToken(scopes, options);
        }
    };
    // The sign-in's data-plane policies (the token on the first request, no bodiless one to learn a challenge).
    holding.dataPlaneAuth = credential.dataPlaneAuth?.withCredential(holding);
    return holding;
}
/**
 * The SDK chunks the later reads need, loaded (read from disk, compiled) while sign-in and the ARM read are
 * in flight rather than after them, when they would hold back the data-plane wave.
 */
function warmUpSdk(config) {
    const { securityDomainStores, wrappingKeyStores } = config.activation;
    const kinds = new Set([...securityDomainStores, ...wrappingKeyStores].map(t => t.kind));
    if (config.keyBackup)
        kinds.add(config.keyBackup.kind);
    if (config.steps.includes('key') || (config.steps.includes('des') && config.des))
        void (0,sdk/* keyVaultKeys */.AV)().catch(() => undefined);
    if (kinds.has('key-vault-secret'))
        void (0,sdk/* keyVaultSecrets */.$F)().catch(() => undefined);
    if (kinds.has('blob'))
        void (0,sdk/* storageBlob */.pu)().catch(() => undefined);
}
/** A hook that cannot start its reads leaves them to its step, which reads (and reports) in its turn. */
function quietly(hook) {
    try {
        return hook();
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/engine/needs.ts
var engine_needs = __webpack_require__(1731);
;// CONCATENATED MODULE: ./src/engine/start.ts
/**
 * A run's start: sign in, build the run context, and start every read the inputs already name (the tokens,
 * then the steps' reads) so the steps find them in flight.
 */









/** `idToken`: the GitHub ID token main.ts asked for early, if it did. */
async function start(config, idToken) {
    const cloud = (0,clouds/* cloudEndpoints */.So)(config.cloud);
    const needs = (0,engine_needs/* needsOf */.hN)(config, cloud, modes/* MODES */.F[config.mode].dataPlane(config));
    // The connections the run will need, opened while the GitHub and Entra tokens are fetched (each request before
    // them needs one of those), so the first request to each host finds its connection ready.
    (0,connections.preconnect)((0,engine_needs/* hostsFor */.zC)(needs, config, cloud));
    const auth = signIn({
        tenantId: config.tenantId,
        clientId: config.clientId,
        audience: config.audience,
        cloud,
        idToken
    });
    const ctx = {
        config,
        cloud,
        signIn: auth,
        arm: new ManagedHsmArm(auth.credential, config.subscriptionId, cloud.resourceManager, cloud.managedHsmSuffix),
        deadline: Date.now() + config.timeoutMinutes * 60_000,
        facts: {},
        // The single-purpose modes write between their reads: they read as they go.
        reads: new reads/* Reads */.c(!(0,src_config/* isSingleMode */.Gl)(config.mode))
    };
    // Sign in for every service the run will call at once, rather than one after another as each is
    // first reached; a failure here is left to the first real call, which explains it in context.
    const signedIn = auth.prefetch((0,engine_needs/* resourcesFor */.jh)(needs, cloud)).catch(() => undefined);
    // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
    prefetchReads(ctx);
    await signedIn;
    return ctx;
}


/***/ }),

/***/ 6643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ MODES)
});

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/steps/key/roles-record.ts
var roles_record = __webpack_require__(5526);
// EXTERNAL MODULE: ./src/report/findings.ts
var findings = __webpack_require__(9334);
// EXTERNAL MODULE: ./src/steps/index.ts + 19 modules
var steps = __webpack_require__(2265);
// EXTERNAL MODULE: ./src/run/timed.ts
var timed = __webpack_require__(3962);
;// CONCATENATED MODULE: ./src/modes/run-steps.ts
/**
 * One implementation behind the three modes: every step plans (reads Azure, compares with the inputs);
 * apply then runs the changes, plan prints them, verify reports them as drift and adds the read-only
 * proofs. So verify can never disagree with apply about what "converged" means.
 */





/** apply: changes what differs. Throws on the first failing step (later steps depend on it). */
async function applyStep(ctx, name, results) {
    await (0,timed/* timed */.a)(name, results, async (result) => {
        const step = steps/* STEPS */.U[name];
        const plan = await step.plan(ctx);
        record(result, plan.changes, [...plan.notes, ...(plan.warnings ?? [])], plan.info);
        for (const note of plan.notes)
            log/* warning */.$e(`${name}: ${note}`);
        if (plan.changes.length === 0)
            log/* info */.pq(`${name}: nothing to change`);
        for (const change of plan.changes) {
            log/* info */.pq(`${name}: ${change.summary}`);
            for (const d of change.details)
                log/* info */.pq(`  - ${d}`);
            // What was read before a write may no longer hold: later steps read again.
            ctx.reads.forget();
            try {
                await change.apply();
            }
            finally {
                ctx.reads.forget();
            }
        }
        await step.finish(ctx, plan.changes.length > 0);
        result.info = [...(result.info ?? []), ...(step.report?.(ctx) ?? [])];
        result.status =
            plan.changes.length === 0 ? 'unchanged' : creates(name, plan.changes) ? 'created' : 'updated';
    });
}
/**
 * plan and verify: read only. A step that cannot be planned because an earlier step has yet to create
 * what it needs is reported as such, not as a failure; verify turns every difference into a check.
 */
async function readOnlyStep(ctx, name, results, mode) {
    const earlierWillCreate = results.some(r => r.status === 'planned' || r.status === 'drift');
    await (0,timed/* timed */.a)(name, results, async (result) => {
        const step = steps/* STEPS */.U[name];
        let plan;
        try {
            plan = await step.plan(ctx);
        }
        catch (e) {
            if (e instanceof errors/* DriftError */.ul) {
                result.status = 'drift';
                // What differs, and where; the hint is kept apart (never read back from the message's lines).
                result.checks.push({ id: e.checkId, status: 'drift', actual: e.text, hint: e.hint });
                log/* warning */.$e(`${name}: drift: ${e.message}`);
                return;
            }
            if (earlierWillCreate && e instanceof errors/* ConflictError */.fK) {
                result.status = 'skipped';
                result.notes.push(`not checked: it depends on what earlier steps would create (${e.message.split('\n')[0]})`);
                log/* info */.pq(`${name}: ${result.notes[0]}`);
                return;
            }
            throw e;
        }
        record(result, plan.changes, [...plan.notes, ...(plan.warnings ?? [])], plan.info, name);
        const checks = [
            ...plan.changes.map(c => changeCheck(name, c)),
            ...plan.notes.map((n, i) => ({ id: `${name}.note.${i + 1}`, status: 'drift', actual: n }))
        ];
        // The step's own comparison found nothing: said as its ok check, beside the read-only proofs of verify.
        if (checks.length === 0)
            checks.push({ id: name, status: 'ok' });
        if (mode === 'verify' && step.verify)
            checks.push(...(await step.verify(ctx)));
        result.checks.push(...checks);
        const differs = checks.some(c => c.status === 'drift');
        result.status =
            mode === 'plan' ? (plan.changes.length > 0 ? 'planned' : 'unchanged') : differs ? 'drift' : 'unchanged';
        for (const c of plan.changes) {
            log/* info */.pq(`${name}: ${mode === 'plan' ? 'would ' : 'drift: '}${c.summary}`);
            for (const d of c.details)
                log/* info */.pq(`  - ${d}`);
        }
        for (const n of plan.notes)
            log/* warning */.$e(`${name}: ${n}`);
        for (const c of checks.filter(x => x.status !== 'ok' && !x.id.startsWith(`${name}.change`)))
            if (!plan.notes.includes(String(c.actual)))
                log/* warning */.$e(`${name}: ${(0,findings/* finding */.gk)({ ...c, step: name }, mode).text}`);
        if (plan.changes.length === 0 && !differs) {
            log/* info */.pq(`${name}: in step with the inputs`);
            await step
                .finish(ctx, false)
                .catch(e => log/* debug */.Yz(`${name}: could not read outputs: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }
    });
}
function changeCheck(step, c) {
    return {
        id: c.id ?? `${step}.${c.kind}`,
        status: 'drift',
        desired: c.summary,
        actual: c.details.length ? c.details : undefined
    };
}
function record(result, changes, notes, info = [], name = result.step) {
    result.changes = changes.flatMap(c => [c.summary, ...c.details.map(d => `  ${d}`)]);
    result.creates = creates(name, changes);
    result.notes = [...result.notes, ...notes];
    result.info = [...(result.info ?? []), ...info];
}
/**
 * Whether the step creates what it is about (the HSM, its activation, the key, the set; every role assignment of
 * rbac): a key whose policy is updated is "updated" even when a backup or a grant is created beside it.
 */
function creates(name, changes) {
    const own = new Set(['provision.hsm.exists', 'activate.activationStatus', 'key.exists', 'des.exists']);
    return changes.some(c => c.kind === 'purge' || (c.kind === 'create' && (name === 'rbac' || own.has(c.id ?? ''))));
}

// EXTERNAL MODULE: ./src/run/runner-access.ts + 2 modules
var runner_access = __webpack_require__(5869);
// EXTERNAL MODULE: ./src/modes/posture-run.ts
var posture_run = __webpack_require__(7024);
// EXTERNAL MODULE: ./src/shared/markdown.ts
var markdown = __webpack_require__(1680);
;// CONCATENATED MODULE: ./src/modes/mode.ts
/**
 * What a mode is to the engine: one object that does the mode's work and says its result in one line. The
 * engine (engine/execute.ts) signs in, runs MODES[mode] and reports; what differs between modes lives here.
 */



/**
 * Runs one unit of work (a step, or a single-purpose mode), recording its failure; false when the run stops
 * here: at the first failure when `stop` (apply: later steps build on it), and after a failed sign-in, which
 * every later step would only repeat.
 */
async function attempt(run, name, stop, body) {
    try {
        await body();
        return true;
    }
    catch (e) {
        if (!(0,errors/* isUserFacing */.Qx)(e) && e instanceof Error && e.stack)
            log/* debug */.Yz(e.stack);
        run.signInFailed ||= isSignInFailure(e);
        run.failures.push((0,errors/* failureOf */.g5)(e));
        if (stop || run.signInFailed)
            return false;
        log/* error */.z3(`${name}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        return true;
    }
}
/** A failure to get a token (from GitHub's OIDC service or Entra ID), not a failure of the step's own work. */
function isSignInFailure(e) {
    if (e instanceof errors/* AzureOperationError */.XP)
        return /^(GitHub OIDC|Entra ID)$/.test(e.details.service);
    return /^(GitHub OIDC|Entra ID): /.test((0,errors/* errorMessage */.gJ)(e));
}
/** "2 created", or '' when no step has the status. */
function count(results, status, words) {
    const n = results.filter(s => s.status === status).length;
    return n ? `${n} ${words}` : '';
}
function names(results) {
    return results.map(s => (0,markdown/* escapeMarkdown */.FV)(s.step)).join(', ');
}
function failedSteps(r) {
    return r.results.filter(s => s.status === 'failed');
}

;// CONCATENATED MODULE: ./src/modes/apply.ts
/** apply: runs the chosen steps in order, changing what differs, then records the key's roles and judges the posture. */








const APPLY = {
    async run(ctx, run) {
        const { config } = ctx;
        let reached = false;
        for (const name of config.steps) {
            // Before the first data-plane step: the runner gets through the HSM's firewall, or the run says how to.
            if (name !== 'provision' && !reached) {
                reached = true;
                if (!(await attempt(run, 'network access', true, () => (0,runner_access.ensureRunnerAccess)(ctx))))
                    break;
            }
            if (!(await attempt(run, name, true, () => applyStep(ctx, name, run.results))))
                break;
        }
        // The key's role assignments beside its backup, once every step has granted its own: recover names from
        // this record what the inputs do not list.
        if (run.failures.length === 0 && config.keyBackup && config.steps.includes('key'))
            try {
                await log/* group */.Os('key role assignments record', () => (0,roles_record/* recordKeyRoles */.of)(ctx));
            }
            catch (e) {
                run.failures.push((0,errors/* failureOf */.g5)(e));
            }
        // An apply that failed says where it stopped instead.
        if (run.failures.length)
            return;
        await (0,posture_run/* postureInto */.D)(ctx, run, 'apply');
        const critical = run.posture?.checks.filter(c => c.severity === 'critical') ?? [];
        if (critical.length && run.failures.length === 0)
            run.failures.push({
                text: [
                    `apply made its changes, but ${critical.length} critical finding(s) remain: someone outside the inputs can take or change the key, or the escrow is not this HSM's:`,
                    ...critical.map(c => `- ${String(c.actual ?? c.id)
                        .split('\n')
                        .join('; ')}`)
                ].join('\n'),
                hint: [...new Set(critical.map(c => c.hint).filter(Boolean))].join('; ') ||
                    'see the posture table of the job summary'
            });
    },
    headline(r) {
        const { results } = r;
        const failed = failedSteps(r);
        if (failed.length)
            return `❌ ${names(failed)} failed.`;
        const changed = results.filter(s => s.status === 'created' || s.status === 'updated').length;
        const done = [
            count(results, 'created', 'created'),
            count(results, 'updated', 'updated'),
            count(results, 'unchanged', 'unchanged')
        ].filter(Boolean);
        return changed
            ? `✅ Applied: ${done.join(', ')} (of ${r.config.steps.length} step(s)).`
            : '✅ Already in step with the inputs: nothing changed.';
    },
    dataPlane: config/* stepsUseDataPlane */.hb
};

// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./src/azure/backup-manifests.ts
var backup_manifests = __webpack_require__(8658);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/azure/managed-hsm-regions.ts
var managed_hsm_regions = __webpack_require__(4687);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/run/key-roles.ts
var key_roles = __webpack_require__(7890);
// EXTERNAL MODULE: ./src/modes/rehearsal-state.ts
var rehearsal_state = __webpack_require__(3303);
;// CONCATENATED MODULE: ./src/modes/restore-drill-plan.ts
/**
 * plan with rehearsal-hsm-name: what the recover rehearsal (and, with the backup inputs, its restore drill)
 * would do, said beside the steps' plan, from reads only. The drill's workflow with `mode: plan` instead of
 * `mode: recover` shows it before a second HSM bills: whether the name is free, which backup it would restore
 * (from the manifests), what it would compare in production, and that it deletes and purges the HSM after.
 * Plan reads no private key, so the quorum that opens the security domain is proven only by the drill itself.
 */









/** The summary's row name: the drill when the backup inputs are given, else the rehearsal alone. */
const drillPlanName = (ctx) => ctx.config.backup ? 'restore drill' : 'recover (rehearsal)';
async function planRestoreDrill(ctx, results) {
    await (0,timed/* timed */.a)(drillPlanName(ctx), results, async (result) => {
        const { config, arm } = ctx;
        const name = config.rehearsalHsmName;
        const would = [];
        const stops = [];
        const existing = await arm.get(config.resourceGroup, name);
        const deleted = existing ? undefined : await arm.findDeleted(name);
        const ours = (tags) => tags?.[rehearsal_state/* REHEARSAL_TAG */.th] === config.hsmName;
        if (existing && !ours(existing.tags))
            stops.push(`Managed HSM '${name}' exists and is not a rehearsal HSM of '${config.hsmName}': the rehearsal would refuse to start (choose another rehearsal-hsm-name)`);
        else if (deleted && (!ours(deleted.properties?.tags) || deleted.properties?.purgeProtectionEnabled))
            stops.push(`the name '${name}' is held by a soft-deleted Managed HSM that is not a purgeable rehearsal HSM of '${config.hsmName}': the rehearsal would refuse to start`);
        else if (existing || deleted)
            would.push(`delete and purge the rehearsal HSM '${name}' an earlier run left behind`);
        const hours = Math.round((config.expiresAfterMs ?? rehearsal_state/* REHEARSAL_LIFETIME_MS */.Rx) / 3_600_000);
        would.push(`create the throw-away Managed HSM '${name}' in ${config.location} (${rehearsal_state/* REHEARSAL_RETENTION_DAYS */.vd}-day retention, no purge protection, tags ${rehearsal_state/* REHEARSAL_TAG */.th}: ${config.hsmName} and expires-at in ${hours}h)`, 'upload the escrowed security domain into it, once a quorum of wrapping private keys (wrapping-key-store or wrapping-private-key-files) opens it: plan reads no private key', ...(config.keyBackup ? ['restore the escrowed key backups (key-backup-store) into it'] : []), "apply the inputs' role assignments to it");
        const production = await (0,context/* readHsm */.B9)(ctx);
        if (!production?.properties?.hsmUri)
            stops.push(`Managed HSM '${config.hsmName}' does not exist: there is nothing to rehearse or drill yet`);
        // The region list is not in the security domain: the rehearsal HSM has one region, as a recovered HSM would.
        const regions = (0,managed_hsm_regions/* extendedRegions */.pi)(production).map(r => r.name);
        if (regions.length)
            would.push(`leave '${name}' with one region: production's extended region ${regions.join(', ')} is not rehearsed (after a real recovery, replica-region adds it again)`);
        const backup = config.backup;
        if (backup && production?.properties?.hsmUri) {
            const { manifests } = await new backup_manifests/* BackupManifests */.tD(backup.accountUrl, backup.container, ctx.signIn.credential).list(config.hsmName);
            const newest = manifests.find(m => m.hsmName.toLowerCase() === config.hsmName.toLowerCase() &&
                m.folderUrl.startsWith(`${backup.containerUrl}/`));
            would.push(`attach the backup identity ${backup.identity} to '${name}' and take the full backup of it into ${backup.containerUrl} that a restore requires`);
            if (newest)
                would.push(`restore the newest full backup of '${config.hsmName}' into '${name}': ${newest.folderUrl} (finished ${newest.endTime}, ${(0,wait/* formatDuration */.a3)(Math.max(0, Date.now() - Date.parse(newest.endTime)))} ago)`);
            else
                stops.push(`no full backup of '${config.hsmName}' is recorded in ${backup.containerUrl}: the drill would fail (run the backup step first: mode: apply, steps: backup)`);
            const keyName = config.key.name;
            const versions = await (await (0,context/* keysClient */.yx)(ctx)).versions(keyName).catch((e) => {
                if ((0,call/* statusOf */.c2)(e) === 404)
                    return [];
                throw e;
            });
            const roles = await (0,key_roles/* readKeyAssignments */.yf)(ctx);
            if (versions.length === 0)
                stops.push(`production has no key '${keyName}' to compare with: the drill would fail (check key-name)`);
            else
                would.push(`compare key '${keyName}' with production's: its ${versions.length} version(s) (public key n and e, release policy, exportable) and the ${roles.length} role assignment(s) that reach it`);
        }
        would.push(`delete and purge '${name}' afterwards, also when it fails or the run is cancelled (post phase): a second HSM bills for about an hour`);
        result.changes = would;
        result.notes.push(...stops);
        result.creates = true;
        // What would stop it is said as notes (warnings): plan's 'drift' status means 'would stop apply'.
        result.status = 'planned';
        result.checks.push(...would.map((w, i) => ({
            id: `rehearsal.plan.${i + 1}`,
            status: 'drift',
            desired: w
        })), ...stops.map((n, i) => ({ id: `rehearsal.stop.${i + 1}`, status: 'drift', actual: n })));
        log/* info */.pq(`${result.step}: mode: recover with these inputs would:`);
        for (const w of would)
            log/* info */.pq(`  - would ${w}`);
        for (const n of stops)
            log/* warning */.$e(`${result.step}: ${n}`);
    });
}

;// CONCATENATED MODULE: ./src/modes/read-only.ts
/**
 * plan and verify: the chosen steps read only. plan lists what apply would change; verify turns every
 * difference into a drift finding and adds the read-only proofs. Both judge the posture beside the steps.
 */





async function readSteps(ctx, run, kind) {
    // Every step is reported, except after a failed sign-in, which every later step would only repeat.
    for (const name of ctx.config.steps)
        if (!(await attempt(run, name, false, () => readOnlyStep(ctx, name, run.results, kind))))
            break;
    // plan with rehearsal-hsm-name: what mode: recover with the same inputs (the drill) would do.
    if (kind === 'plan' && ctx.config.rehearsalHsmName && !run.signInFailed)
        await attempt(run, drillPlanName(ctx), false, () => planRestoreDrill(ctx, run.results));
    if (!run.signInFailed)
        await (0,posture_run/* postureInto */.D)(ctx, run, kind);
}
const dataPlane = config/* stepsUseDataPlane */.hb;
const PLAN = {
    run: (ctx, run) => readSteps(ctx, run, 'plan'),
    drift: 'plan',
    dataPlane,
    headline(r) {
        const { results } = r;
        const failed = failedSteps(r);
        if (failed.length)
            return `❌ Plan incomplete: ${names(failed)} could not be planned.`;
        const would = results.filter(s => s.status === 'planned');
        const creating = would.filter(s => s.creates).length;
        const counts = [
            creating && `${creating} would create`,
            would.length - creating && `${would.length - creating} would update`,
            count(results, 'unchanged', 'unchanged'),
            count(results, 'drift', 'would stop apply (see its row)'),
            count(results, 'skipped', 'not checked yet (they depend on what earlier steps create)')
        ].filter(Boolean);
        const rehearsal = r.config.rehearsalHsmName
            ? ` and the ${r.config.backup ? 'restore drill' : 'rehearsal'}`
            : '';
        const of = `${counts.join(', ')} (of ${r.config.steps.length} step(s)${rehearsal})`;
        return would.length
            ? `📝 Plan: ${of}; nothing was changed. Run mode: apply to make these changes.`
            : results.some(s => s.status === 'drift')
                ? `⚠️ Plan: ${of}; nothing was changed.`
                : '✅ Plan: nothing to change.';
    }
};
const VERIFY = {
    run: (ctx, run) => readSteps(ctx, run, 'verify'),
    drift: 'verify',
    dataPlane,
    headline(r) {
        const report = r.drift;
        if (failedSteps(r).length || report?.status === 'error')
            return '❌ Verify incomplete: some checks could not be made.';
        const critical = report?.counts.critical ?? 0;
        const n = report?.counts.drift ?? 0;
        if (critical)
            return `❌ Critical: ${critical} finding(s) where someone outside the inputs can take or change the key, or the escrow is not this HSM's${n ? `; ${n} more where Azure differs from the inputs` : ''}.`;
        return n
            ? `⚠️ Drift: ${n} finding(s) where Azure differs from the inputs.`
            : '✅ In sync with the inputs.';
    }
};

// EXTERNAL MODULE: ./src/run/step.ts
var step = __webpack_require__(4335);
;// CONCATENATED MODULE: ./src/modes/single.ts
/**
 * The single-purpose modes: each runs instead of the steps, as one unit of work with its own result. Each
 * loads its own code when it runs (a dynamic import, so a chunk of dist/ of its own): apply, plan and verify
 * never compile or evaluate teardown's or recover's modules.
 */


const TEARDOWN = {
    run: async (ctx, run) => void (await attempt(run, 'teardown', false, async () => (await __webpack_require__.e(/* import() */ 856).then(__webpack_require__.bind(__webpack_require__, 1856))).teardown(ctx, run.results))),
    headline(r) {
        const failed = failedSteps(r);
        if (failed.length)
            return `❌ ${names(failed)} failed.`;
        // A delete that purge protection holds keeps the name and may keep billing: not a green result.
        const label = r.results[0]?.label ?? 'done';
        return `${label.includes(step/* HELD */._) ? '⚠️' : '✅'} Teardown: ${label}.`;
    },
    dataPlane: () => false
};
const VERIFY_SECURITY_DOMAIN = {
    run: async (ctx, run) => void (await attempt(run, 'verify-security-domain', false, async () => (await __webpack_require__.e(/* import() */ 331).then(__webpack_require__.bind(__webpack_require__, 2331))).verifySecurityDomain(ctx, run.results))),
    headline(r) {
        const failed = failedSteps(r);
        if (failed.length)
            return `❌ ${names(failed)} failed.`;
        return r.results[0]?.status === 'unchanged'
            ? '✅ Every quorum subset of the keys recovers the escrowed security domain.'
            : '⚠️ Some quorum subsets of the keys do not recover the escrowed security domain.';
    },
    // It opens the escrow locally.
    dataPlane: () => false,
    drift: 'verify'
};
const RECOVER = {
    run: async (ctx, run) => void (await attempt(run, 'recover', false, async () => (await __webpack_require__.e(/* import() */ 836).then(__webpack_require__.bind(__webpack_require__, 8836))).recover(ctx, run.results))),
    headline: recoverHeadline,
    // It restores into an HSM.
    dataPlane: () => true
};
/**
 * recover: what the user now has (the same KEK_KID, what is missing), not a count of steps; a rehearsal
 * passed or failed. The label is the action's own words.
 */
function recoverHeadline(r) {
    const failed = failedSteps(r);
    const recovered = r.results.find(s => s.step.startsWith('recover'));
    if (r.config.rehearsalHsmName) {
        const drill = !!r.config.backup;
        // The escrow restored (recover.ts labels it before the drill) and the drill then failed.
        if (drill && recovered?.status === 'failed' && recovered.label?.startsWith('rehearsal passed')) {
            const removed = failed.some(s => s !== recovered) ? '' : '; the temporary HSM was removed';
            return `❌ Rehearsal failed: the escrow restored into the temporary HSM, but the restore drill failed (its check is named above)${removed}.`;
        }
        if (!recovered || recovered.status === 'failed')
            return `❌ Rehearsal failed: ${failed.length ? names(failed) : 'recover'} failed; the escrow did not restore into the temporary HSM.`;
        return failed.length
            ? `⚠️ Rehearsal passed, but ${names(failed)} failed: the temporary HSM bills until it is removed.`
            : drill
                ? '✅ Rehearsal passed: the escrow and the newest full backup restored into a temporary HSM (restore drill passed), which was then removed.'
                : '✅ Rehearsal passed: the escrow restored into a temporary HSM, which was then removed.';
    }
    if (failed.length)
        return `❌ ${names(failed)} failed.`;
    const label = recovered?.label ?? 'recovered';
    return `${/missing/.test(label) ? '⚠️' : '✅'} ${label.charAt(0).toUpperCase()}${label.slice(1)}.`;
}

;// CONCATENATED MODULE: ./src/modes/index.ts



const MODES = {
    apply: APPLY,
    plan: PLAN,
    verify: VERIFY,
    'verify-security-domain': VERIFY_SECURITY_DOMAIN,
    teardown: TEARDOWN,
    recover: RECOVER
};


/***/ }),

/***/ 7024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ postureInto),
/* harmony export */   I: () => (/* binding */ postureResult)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _posture_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5999);
/** The posture in a step mode's run: after apply's writes (so it judges what the user now has), beside plan's and verify's steps. */



/** Assesses the posture into the run; an error here is one the run reports, not one that stops the summary. */
async function postureInto(ctx, run, kind) {
    const r = await runPosture(ctx, kind);
    run.posture = r.posture;
    if (r.error)
        run.failures.push({ text: r.error });
}
/** The posture, in its own log group. */
async function runPosture(ctx, mode) {
    try {
        return await _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('posture', async () => {
            const posture = await (0,_posture_index_js__WEBPACK_IMPORTED_MODULE_2__/* .assessPosture */ .HZ)(ctx, mode);
            if (posture.areas.length === 0)
                _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz('posture: nothing to assess');
            else {
                const n = (0,_posture_index_js__WEBPACK_IMPORTED_MODULE_2__/* .strangers */ .ob)(posture.holders).length;
                _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`posture: ${posture.areas.join(', ')} assessed` +
                    (posture.holders
                        ? `; ${posture.holders.length} role assignment(s) reach the key, ${n} not intended`
                        : ''));
                (0,_posture_index_js__WEBPACK_IMPORTED_MODULE_2__/* .logPosture */ .D4)(posture);
            }
            return { posture };
        });
    }
    catch (e) {
        return { error: `posture: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}` };
    }
}
/** The posture's checks as the drift report holds a step's. */
function postureResult(p) {
    const differs = p.checks.some(c => c.status !== 'ok');
    return {
        step: 'posture',
        status: differs ? 'drift' : 'unchanged',
        changes: [],
        notes: [],
        checks: p.checks,
        durationMs: 0
    };
}


/***/ }),

/***/ 4089:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ CUSTODIAN_RECOVERY_NOT_PROVEN)
/* harmony export */ });
/**
 * What the escrow checks say in words, apart from the checks: the job summary needs the words without
 * loading the security-domain parsing and the stores (a bad input's summary loads no Azure SDK).
 */
/**
 * With custodians' certificates no private key is within CI's reach, so no run can open the escrowed security
 * domain: what it checks (the shares' certificates, the quorum) is said apart from what it cannot.
 */
const CUSTODIAN_RECOVERY_NOT_PROVEN = "recovery itself is not proven in this run: prove it offline with mode: verify-security-domain and the custodians' key files";


/***/ }),

/***/ 5999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HZ: () => (/* binding */ assessPosture),
  Pf: () => (/* reexport */ types/* hsmActive */.P),
  D4: () => (/* binding */ logPosture),
  YQ: () => (/* binding */ prefetchPosture),
  HF: () => (/* binding */ prefetchPostureEarly),
  ob: () => (/* binding */ strangers)
});

// UNUSED EXPORTS: itemCheck

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/posture/access.ts
var access = __webpack_require__(4156);
// EXTERNAL MODULE: ./src/posture/audit.ts
var audit = __webpack_require__(6903);
;// CONCATENATED MODULE: ./src/posture/hsm-exposure.ts

const hsmExposure = {
    name: 'exposure',
    applies: () => true,
    async assess(ctx) {
        const hsm = await (0,context/* readHsm */.B9)(ctx);
        if (!hsm)
            return { items: [] };
        return {
            items: [
                purgeProtection(ctx, hsm),
                retention(hsm),
                network(ctx, hsm),
                await administrators(ctx, hsm)
            ].filter((i) => i !== undefined)
        };
    }
};
function purgeProtection(ctx, hsm) {
    const base = { id: 'hsm.purgeProtection', setting: 'HSM purge protection' };
    if (hsm.properties?.enablePurgeProtection === true)
        return { ...base, state: 'on (permanent)', severity: 'ok' };
    return {
        ...base,
        state: 'off',
        severity: 'info',
        finding: 'HSM purge protection is off: whoever may delete the HSM may also purge it, with every key, before its retention ends',
        todo: ctx.config.purgeProtection
            ? 'run mode: apply (the provision step turns it on)'
            : 'set purge-protection: true (with confirm-purge-protection) when the HSM holds keys that matter; it is permanent'
    };
}
function retention(hsm) {
    const days = hsm.properties?.softDeleteRetentionInDays;
    if (days === undefined)
        return undefined;
    return {
        id: 'hsm.softDeleteRetention',
        setting: 'HSM soft-delete retention',
        state: `${days} days (a deleted HSM can be recovered, and keeps its name, this long)`,
        severity: 'ok'
    };
}
function network(ctx, hsm) {
    const p = hsm.properties ?? {};
    const base = { id: 'hsm.network', setting: 'HSM data plane network access' };
    if (p.publicNetworkAccess === 'Disabled')
        return { ...base, state: 'public network access Disabled (private endpoints only)', severity: 'ok' };
    const acls = p.networkAcls;
    const todo = ctx.config.publicNetworkAccess === 'Disabled'
        ? 'run mode: apply (the provision step disables public network access)'
        : 'set public-network-access: Disabled and reach the HSM through a private endpoint, or limit its network rules (networkAcls) to your addresses';
    if (acls?.defaultAction === 'Deny') {
        const ips = acls.ipRules?.length ?? 0;
        const vnets = acls.virtualNetworkRules?.length ?? 0;
        const trusted = acls.bypass === 'AzureServices' ? ', and trusted Azure services' : '';
        return {
            ...base,
            state: `reachable from ${ips} IP range(s) and ${vnets} virtual network subnet(s)${trusted}`,
            severity: 'info',
            finding: `the HSM's data plane is reachable from the public network, limited to ${ips} IP range(s) and ${vnets} subnet(s)${trusted}`,
            todo
        };
    }
    return {
        ...base,
        state: 'reachable from any address (public network access Enabled, network rules allow all)',
        severity: 'info',
        finding: "the HSM's data plane is reachable from any address (public network access Enabled, no network rule)",
        todo
    };
}
async function administrators(ctx, hsm) {
    const actual = [...(hsm.properties?.initialAdminObjectIds ?? [])].map(a => a.toLowerCase()).sort();
    const state = `${actual.join(', ') || 'none'} (Managed HSM Administrator at / since creation)`;
    const base = { id: 'hsm.initialAdministrators', setting: 'HSM initial administrators', state };
    const desired = await (0,context/* desiredAdministrators */.r4)(ctx).catch(() => undefined);
    if (desired && desired.join() === actual.join())
        return { ...base, severity: 'ok' };
    return {
        ...base,
        severity: 'info',
        finding: `the HSM's initial administrators are ${actual.join(', ') || 'none'}, set at creation; they hold Managed HSM Administrator at / unless it was removed`,
        todo: 'initial administrators cannot change; remove their Administrator role assignment if they should no longer hold it'
    };
}

// EXTERNAL MODULE: ./src/posture/hsm-settings.ts + 1 modules
var hsm_settings = __webpack_require__(2157);
// EXTERNAL MODULE: ./src/azure/arm-reads.ts
var arm_reads = __webpack_require__(9577);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/posture/arm.ts
var arm = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/posture/stores.ts
/**
 * The escrow stores' own protections, read through ARM: each Key Vault the escrow uses has soft delete and
 * purge protection on; each storage account refuses public blob access and shared-key access, and its blob
 * service keeps versions and deleted blobs (or the escrow's container has an immutability policy). Without
 * them, whoever may delete or overwrite the store can destroy the only way to recover the HSM. A missing
 * protection is a warning naming the store and the setting; a store the identity may not read is said so.
 *
 * Finding a store: its URL names it, not its resource group. The read that needs least is a GET of the
 * resource in the HSM's resource group (Reader on the store alone is enough, one request, sent beside the
 * HSM's own ARM read); only a store elsewhere costs a subscription-wide list, which needs
 * read access at the subscription. Verify only.
 */



const TYPE = { vault: 'Microsoft.KeyVault/vaults', account: 'Microsoft.Storage/storageAccounts' };
const API = { vault: arm_reads/* API_VERSIONS */.B.vaults, account: arm_reads/* API_VERSIONS */.B.storage };
/** Every store the inputs name, once per vault or account. */
function escrowStores(ctx) {
    const { activation, keyBackup } = ctx.config;
    const byKey = new Map();
    const add = (targets, what) => {
        for (const t of targets) {
            const kind = t.kind === 'key-vault-secret' ? 'vault' : 'account';
            const name = new URL(t.serviceUrl).hostname.toLowerCase().split('.')[0];
            const key = `${kind}:${name}`;
            const s = byKey.get(key) ?? { kind, name, holds: new Set(), containers: new Set() };
            s.holds.add(what);
            if (t.container)
                s.containers.add(t.container);
            byKey.set(key, s);
        }
    };
    add(activation.securityDomainStores, 'the security domain');
    add(activation.wrappingKeyStores, 'wrapping keys');
    if (keyBackup)
        add([keyBackup], 'key backups');
    return [...byKey.values()];
}
function label(s) {
    return `escrow ${s.kind === 'vault' ? 'vault' : 'storage account'} '${s.name}'`;
}
/** Where the store is looked for first: the HSM's resource group. */
function guessId(ctx, s) {
    return `/subscriptions/${ctx.config.subscriptionId}/resourceGroups/${ctx.config.resourceGroup}/providers/${TYPE[s.kind]}/${s.name}`;
}
function readResource(ctx, what, id, api) {
    return ctx.reads.once(`arm:${id.toLowerCase()}`, () => (0,arm/* armReader */.SH)(ctx).get(what, id, api));
}
function prefetchResource(ctx, what, id, api) {
    void ctx.reads.prefetch(`arm:${id.toLowerCase()}`, () => (0,arm/* armReader */.SH)(ctx).get(what, id, api));
}
const blobServiceId = (accountId) => `${accountId}/blobServices/default`;
const containerId = (accountId, c) => `${blobServiceId(accountId)}/containers/${c}`;
async function find(ctx, s) {
    const id = guessId(ctx, s);
    try {
        const r = await readResource(ctx, label(s), id, API[s.kind]);
        if (r)
            return { resource: { ...r, id: r.id ?? id } };
    }
    catch (e) {
        if ((0,arm/* denied */.wk)(e))
            return { missing: 'denied' };
        throw e;
    }
    // Not in the HSM's resource group: the subscription's list of that type says where.
    try {
        const all = await ctx.reads.once(`armList:${TYPE[s.kind]}`, () => (0,arm/* armReader */.SH)(ctx).listInSubscription(TYPE[s.kind], API[s.kind]));
        const r = all.find(x => x.name?.toLowerCase() === s.name);
        return r?.id ? { resource: { ...r, id: r.id } } : { missing: 'absent' };
    }
    catch (e) {
        if ((0,arm/* denied */.wk)(e))
            return { missing: 'list-denied' };
        throw e;
    }
}
const stores = {
    name: 'stores',
    applies: ctx => config/* MODE_TABLE */.TL[ctx.config.mode].proves && escrowStores(ctx).length > 0,
    // verify only (applies): every read needs only the inputs.
    early(ctx) {
        for (const s of escrowStores(ctx)) {
            const id = guessId(ctx, s);
            prefetchResource(ctx, label(s), id, API[s.kind]);
            if (s.kind !== 'account')
                continue;
            prefetchResource(ctx, `the blob service of ${label(s)}`, blobServiceId(id), API.account);
            for (const c of s.containers)
                prefetchResource(ctx, `container '${c}'`, containerId(id, c), API.account);
        }
    },
    async assess(ctx) {
        const all = await Promise.all(escrowStores(ctx).map(s => (s.kind === 'vault' ? vault(ctx, s) : account(ctx, s))));
        return { items: all.flat() };
    }
};
function holds(s) {
    return [...s.holds].join(', ');
}
function notFound(ctx, s, why) {
    const { resourceGroup: rg, subscriptionId: sub } = ctx.config;
    const base = {
        id: `store.${s.kind}.${s.name}`,
        setting: `${label(s)} protections`,
        severity: 'warning'
    };
    const kind = s.kind === 'vault' ? 'vault' : 'storage account';
    if (why === 'absent')
        return {
            ...base,
            state: `not checked: not found in subscription ${sub}`,
            finding: `${label(s)} (holds ${holds(s)}) is not in this subscription: its protections are not checked`,
            todo: `check its soft delete and purge protection (or shared-key access, versioning and blob soft delete) by hand, or keep the escrow stores in the HSM's subscription`
        };
    const needs = why === 'denied'
        ? `needs Reader on the ${kind}: ${TYPE[s.kind]}/read, looked for in resource group '${rg}'`
        : `not in resource group '${rg}'; needs Reader on the subscription to find it, or keep it in the HSM's resource group`;
    return {
        ...base,
        state: `not checked (${needs})`,
        finding: `${label(s)} (holds ${holds(s)}): its protections are not checked (${needs})`,
        todo: `grant the identity Reader on the ${kind} (docs/setup.md, 'Permissions by mode')`
    };
}
async function vault(ctx, s) {
    const found = await find(ctx, s);
    if ('missing' in found)
        return [notFound(ctx, s, found.missing)];
    const p = found.resource.properties ?? {};
    const id = `store.vault.${s.name}`;
    const softDelete = p.enableSoftDelete === true
        ? {
            id: `${id}.softDelete`,
            setting: `${label(s)} soft delete`,
            state: `on (${p.softDeleteRetentionInDays ?? 90} days)`,
            severity: 'ok'
        }
        : {
            id: `${id}.softDelete`,
            setting: `${label(s)} soft delete`,
            state: 'off',
            severity: 'warning',
            finding: `${label(s)} (holds ${holds(s)}) has no soft delete: a deleted secret is gone at once`,
            todo: `create a vault with soft delete (it cannot be turned on later for a vault without it) and escrow there`
        };
    const purge = p.enablePurgeProtection === true
        ? { id: `${id}.purgeProtection`, setting: `${label(s)} purge protection`, state: 'on', severity: 'ok' }
        : {
            id: `${id}.purgeProtection`,
            setting: `${label(s)} purge protection`,
            state: 'off',
            severity: 'warning',
            finding: `${label(s)} (holds ${holds(s)}) has no purge protection: whoever may delete the vault or its secrets can destroy the escrow for good, and with it the only way to recover the HSM`,
            todo: `turn it on: az keyvault update --name ${s.name} --enable-purge-protection true (permanent: deleted secrets then stay until their retention ends)`
        };
    return [softDelete, purge];
}
async function account(ctx, s) {
    const found = await find(ctx, s);
    if ('missing' in found)
        return [notFound(ctx, s, found.missing)];
    const acct = found.resource;
    const p = acct.properties ?? {};
    const id = `store.account.${s.name}`;
    const name = label(s);
    const items = [];
    items.push(p.allowBlobPublicAccess === true
        ? {
            id: `${id}.publicBlobAccess`,
            setting: `${name} public blob access`,
            state: 'allowed',
            severity: 'warning',
            finding: `${name} (holds ${holds(s)}) allows public blob access: one container made public exposes its blobs to anyone`,
            todo: `az storage account update --name ${s.name} --allow-blob-public-access false`
        }
        : {
            id: `${id}.publicBlobAccess`,
            setting: `${name} public blob access`,
            state: 'refused',
            severity: 'ok'
        });
    // Azure's default (null) allows shared-key requests.
    items.push(p.allowSharedKeyAccess === false
        ? {
            id: `${id}.sharedKeyAccess`,
            setting: `${name} shared-key access`,
            state: 'refused',
            severity: 'ok'
        }
        : {
            id: `${id}.sharedKeyAccess`,
            setting: `${name} shared-key access`,
            state: p.allowSharedKeyAccess === true ? 'allowed' : "allowed (Azure's default)",
            severity: 'warning',
            finding: `${name} (holds ${holds(s)}) accepts shared-key requests: whoever holds an account key or a SAS made from it can read, overwrite or delete the escrow, whatever the role assignments say`,
            todo: `az storage account update --name ${s.name} --allow-shared-key-access false`
        });
    let service;
    try {
        service = await readResource(ctx, `the blob service of ${name}`, blobServiceId(acct.id), API.account);
    }
    catch (e) {
        if (!(0,arm/* denied */.wk)(e))
            throw e;
        items.push({
            id: `${id}.blobService`,
            setting: `${name} versioning and blob soft delete`,
            state: `not checked (needs Reader on the storage account: ${TYPE.account}/blobServices/read)`,
            severity: 'warning',
            todo: `grant the identity Reader on the storage account (docs/setup.md, 'Permissions by mode')`
        });
        return items;
    }
    const immutable = await immutableContainers(ctx, s, acct.id);
    const allImmutable = s.containers.size > 0 && immutable.length === s.containers.size;
    const covered = `container ${immutable.map(c => `'${c}'`).join(', ')} has an immutability policy`;
    const sp = service?.properties ?? {};
    const elsewhere = ' (or an immutability policy on the container; full HSM backups cannot be written to immutable storage, keep them in another account)';
    items.push(sp.isVersioningEnabled === true
        ? { id: `${id}.versioning`, setting: `${name} blob versioning`, state: 'on', severity: 'ok' }
        : allImmutable
            ? {
                id: `${id}.versioning`,
                setting: `${name} blob versioning`,
                state: `off; ${covered}`,
                severity: 'ok'
            }
            : {
                id: `${id}.versioning`,
                setting: `${name} blob versioning`,
                state: 'off',
                severity: 'warning',
                finding: `${name} (holds ${holds(s)}) keeps no earlier blob versions: an overwritten escrow object cannot be brought back`,
                todo: `az storage account blob-service-properties update --account-name ${s.name} --enable-versioning true${elsewhere}`
            });
    const retention = sp.deleteRetentionPolicy;
    items.push(retention?.enabled === true
        ? {
            id: `${id}.blobSoftDelete`,
            setting: `${name} blob soft delete`,
            state: `on (${retention.days ?? '?'} days)`,
            severity: 'ok'
        }
        : allImmutable
            ? {
                id: `${id}.blobSoftDelete`,
                setting: `${name} blob soft delete`,
                state: `off; ${covered}`,
                severity: 'ok'
            }
            : {
                id: `${id}.blobSoftDelete`,
                setting: `${name} blob soft delete`,
                state: 'off',
                severity: 'warning',
                finding: `${name} (holds ${holds(s)}) has no blob soft delete: a deleted escrow blob is gone at once`,
                todo: `az storage account blob-service-properties update --account-name ${s.name} --enable-delete-retention true --delete-retention-days 30${elsewhere}`
            });
    return items;
}
/** The escrow's containers in this account that have an immutability policy (a container not readable counts as none). */
async function immutableContainers(ctx, s, accountId) {
    const read = await Promise.all([...s.containers].map(async (c) => {
        const r = await readResource(ctx, `container '${c}'`, containerId(accountId, c), API.account).catch((e) => {
            if ((0,arm/* denied */.wk)(e))
                return undefined;
            throw e;
        });
        const p = r?.properties;
        return p?.hasImmutabilityPolicy === true || p?.immutableStorageWithVersioning?.enabled === true
            ? c
            : undefined;
    }));
    return read.filter((c) => c !== undefined);
}

// EXTERNAL MODULE: ./src/posture/escrow-words.ts
var escrow_words = __webpack_require__(4089);
// EXTERNAL MODULE: ./src/escrow/escrow.ts
var escrow = __webpack_require__(304);
// EXTERNAL MODULE: ./src/shared/hash.ts
var hash = __webpack_require__(9913);
// EXTERNAL MODULE: ./src/escrow/key-bundle.ts
var key_bundle = __webpack_require__(45);
// EXTERNAL MODULE: ./src/security-domain/index.ts + 7 modules
var security_domain = __webpack_require__(115);
// EXTERNAL MODULE: ./src/posture/types.ts
var types = __webpack_require__(6869);
;// CONCATENATED MODULE: ./src/posture/escrow-identity.ts
/**
 * The escrow is this HSM's escrow. The sha256 tag beside an escrowed security domain proves only that nobody
 * altered it after tagging: whoever can write the store can put another HSM's security domain there with a
 * matching tag, and the escrow is then worthless without anyone knowing until the disaster. So the escrowed
 * file itself is judged: each share wrapped to one of this custody's keys (the custodians' certificates, or
 * the certificates escrowed with the generated wrapping keys), the quorum as configured, and its SHA-256 the
 * one pinned in the workflow (expected-security-domain-sha256), which is the only defence against a security
 * domain of the attacker's own HSM wrapped to the custodians' public certificates.
 *
 * No read of its own: it parses what the activate step reads (the same `escrow:URL` reads, see
 * steps/activate/escrow.ts prefetchEscrow), so the nightly verify makes no extra request.
 */







const PIN = 'expected-security-domain-sha256';
/**
 * Judges an escrowed security domain against the custody (undefined: the wrapping keys were not read, so
 * only the quorum is judged) and the configured quorum. Never quotes the file (format errors name a path).
 */
function judgeSecurityDomain(text, custody, quorum) {
    let sd;
    try {
        sd = (0,security_domain/* parseSecurityDomain */.Gh)(text);
    }
    catch (e) {
        if (e instanceof security_domain/* SecurityDomainFormatError */.su)
            return { problems: [`it is not a security domain file (${e.message})`] };
        throw e;
    }
    const problems = [];
    const { required, enc_shares: shares } = sd.SharedKeys;
    if (required !== quorum)
        problems.push(`it needs ${required} shares to recover, but quorum is ${quorum}`);
    const thumbprints = shares.map(s => s.x5t_256);
    const repeated = new Set(thumbprints.filter((t, i) => thumbprints.indexOf(t) !== i));
    if (repeated.size > 0)
        problems.push(`${repeated.size} certificate(s) hold more than one of its shares, which no download does`);
    if (!custody)
        return { problems };
    const foreign = new Set(thumbprints.filter(t => !custody.thumbprints.has(t)));
    if (foreign.size > custody.unread)
        problems.push(`${foreign.size} of its ${shares.length} shares are wrapped to certificates other than ${custody.whose}`);
    else if (foreign.size > 0)
        return {
            problems,
            unsure: `${foreign.size} of its ${shares.length} shares match none of the wrapping keys read, and ${custody.unread} escrowed wrapping key(s) could not be read`
        };
    return { problems };
}
function escrowRead(ctx, store) {
    return ctx.reads.once(`escrow:${store.url}`, () => (0,escrow/* checkEscrow */.Q5)(store));
}
function sdStores(ctx) {
    return (0,escrow/* storesFor */.iT)(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
}
/** The generated wrapping keys' stores, read only by verify (its escrow proof reads them anyway). */
function keyStores(ctx, kind) {
    const a = ctx.config.activation;
    if (kind !== 'verify' || a.certificates.length > 0 || a.wrappingKeyStores.length === 0)
        return [];
    return (0,escrow/* storesFor */.iT)((0,escrow/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
}
/** This custody's keys: the custodians' certificates, or those escrowed with the generated keys (verify only). */
async function custodyOf(ctx, mode) {
    const a = ctx.config.activation;
    if (a.certificates.length > 0)
        return {
            thumbprints: new Set(a.certificates.map(c => (0,security_domain/* parseCertificate */.hB)(c).x5tS256)),
            whose: "the custodians' certificates (wrapping-certificates)",
            unread: 0,
            custodians: true
        };
    const stores = keyStores(ctx, mode);
    if (stores.length === 0)
        return undefined;
    const read = await Promise.all(stores.map(s => escrowRead(ctx, s)));
    const thumbprints = new Set(read.flatMap(k => (k.state === 'ok' && k.content ? thumbprintOf(k.content) : [])));
    return {
        thumbprints,
        whose: 'the certificates of the escrowed wrapping keys (wrapping-key-store)',
        unread: Math.max(0, a.keyCount - thumbprints.size)
    };
}
function thumbprintOf(content) {
    const bundle = (0,key_bundle/* parseKeyBundle */.d)(content.toString('utf8'));
    if (!bundle)
        return [];
    try {
        return [(0,security_domain/* parseCertificate */.hB)(bundle.certificatePem).x5tS256];
    }
    catch (e) {
        if (e instanceof security_domain/* CertificateError */.EE)
            return [];
        throw e;
    }
}
const escrowIdentity = {
    name: 'escrow-identity',
    applies: (ctx, hsm) => ctx.config.steps.includes('activate') &&
        ctx.config.activation.securityDomainStores.length > 0 &&
        (0,types/* hsmActive */.P)(hsm),
    prefetch(ctx) {
        const kind = config/* MODE_TABLE */.TL[ctx.config.mode].proves ? 'verify' : 'apply';
        for (const s of [...sdStores(ctx), ...keyStores(ctx, kind)])
            void ctx.reads.prefetch(`escrow:${s.url}`, () => (0,escrow/* checkEscrow */.Q5)(s));
    },
    async assess(ctx, mode) {
        const a = ctx.config.activation;
        const [checks, custody] = await Promise.all([
            Promise.all(sdStores(ctx).map(s => escrowRead(ctx, s))),
            custodyOf(ctx, mode)
        ]);
        // Missing, altered or unreadable copies are the activate step's findings; the intact ones are judged here.
        const copies = checks.flatMap(c => c.state === 'ok' && c.content
            ? [
                {
                    url: c.store.url,
                    sha256: (0,hash/* sha256Hex */.f)(c.content),
                    judged: judgeSecurityDomain(c.content.toString('utf8'), custody, a.quorum)
                }
            ]
            : []);
        if (copies.length === 0)
            return { items: pinItems(ctx, copies) };
        const identity = identityItem(copies, custody, a.quorum);
        // The output names the escrow only once it is judged this HSM's (and the pinned one, when pinned).
        const hashes = [...new Set(copies.map(c => c.sha256))];
        const pinned = a.expectedSecurityDomainSha256;
        if (identity.severity === 'ok' && hashes.length === 1 && (!pinned || hashes[0] === pinned))
            ctx.facts.securityDomainSha256 = hashes[0];
        return { items: [identity, ...pinItems(ctx, copies)] };
    }
};
function identityItem(copies, custody, quorum) {
    const setting = "escrowed security domain is this HSM's";
    const foreign = copies.filter(c => c.judged.problems.length > 0);
    if (foreign.length > 0)
        return {
            id: 'escrow.identity',
            setting,
            state: `not this HSM's in ${foreign.length} of ${copies.length} store(s)`,
            severity: 'critical',
            finding: "escrowed security domain not this HSM's, although its sha256 tag matches (whoever can write the store " +
                'can replace both): the escrow cannot be trusted to recover this HSM',
            details: foreign.map(c => `${c.url} (SHA-256 ${c.sha256}): ${c.judged.problems.join('; ')}`),
            todo: "put this HSM's own security domain back from a good copy (another store, or the object's version history; " +
                'its SHA-256 is the one its activation logged, and expected-security-domain-sha256 when pinned), ' +
                'and find out who could write the store; if quorum or wrapping-certificates changed after the activation, ' +
                'set them back: a security domain keeps the quorum and certificates it was downloaded with'
        };
    const unsure = copies.filter(c => c.judged.unsure);
    if (unsure.length > 0)
        return {
            id: 'escrow.identity',
            setting,
            state: 'partly checked: wrapping keys missing',
            severity: 'warning',
            finding: "escrowed security domain could not be fully matched to this HSM's wrapping keys",
            details: unsure.map(c => `${c.url} (SHA-256 ${c.sha256}): ${String(c.judged.unsure)}`),
            todo: 'restore the missing escrowed wrapping keys (see the activate step), then verify again'
        };
    return {
        id: 'escrow.identity',
        setting,
        state: custody
            ? `yes: every share wrapped to one of ${custody.whose}, quorum ${quorum} as configured` +
                (custody.custodians ? `; ${escrow_words/* CUSTODIAN_RECOVERY_NOT_PROVEN */.K}` : '')
            : `quorum ${quorum} as configured (verify also matches its shares to the escrowed wrapping keys)`,
        severity: 'ok'
    };
}
/** The pin: compared when set; a warning when not (the escrow is then only as safe as the store's writers). */
function pinItems(ctx, copies) {
    const pinned = ctx.config.activation.expectedSecurityDomainSha256;
    const setting = `escrow pinned (${PIN})`;
    if (!pinned) {
        return [
            {
                id: 'escrow.pin',
                setting,
                state: 'not set',
                severity: 'warning',
                finding: `the escrowed security domain is not pinned (${PIN} is empty): which security domain it is rests on write access to security-domain-store alone`,
                details: copies.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
                todo: `set ${PIN} in the workflow file (a reviewed commit) to the SHA-256 the activating run gave ` +
                    '(its SECURITY_DOMAIN_SHA256 output and log), not to a value read back from the store'
            }
        ];
    }
    if (copies.length === 0)
        return [];
    const other = copies.filter(c => c.sha256 !== pinned);
    if (other.length === 0)
        return [{ id: 'escrow.pin', setting, state: `matches (SHA-256 ${pinned})`, severity: 'ok' }];
    const downloaded = ctx.facts.escrowed?.securityDomain?.sha256;
    return [
        {
            id: 'escrow.pin',
            setting,
            state: `differs in ${other.length} of ${copies.length} store(s)`,
            severity: 'critical',
            finding: `escrowed security domain is not the pinned one: ${PIN} is ${pinned}`,
            details: other.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
            todo: downloaded && other.every(c => c.sha256 === downloaded)
                ? `this run activated the HSM and escrowed a new security domain (SHA-256 ${downloaded}): set ${PIN} to it in a reviewed commit`
                : `put the pinned security domain (SHA-256 ${pinned}) back from another store or the object's version history; ` +
                    `change ${PIN} only in a reviewed commit, and only if this HSM was activated again`
        }
    ];
}

// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./src/azure/keys.ts
var azure_keys = __webpack_require__(187);
// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(6910);
// EXTERNAL MODULE: ./src/policy/index.ts + 15 modules
var src_policy = __webpack_require__(264);
// EXTERNAL MODULE: ./src/run/key-policy.ts
var key_policy = __webpack_require__(2829);
// EXTERNAL MODULE: ./src/run/key-versions.ts
var key_versions = __webpack_require__(8390);
;// CONCATENATED MODULE: ./src/posture/key-rotation.ts
/**
 * The key's rotation policy (Key Vault's GetKeyRotationPolicy, which Managed HSM serves too). A lifetime action
 * `Rotate` makes the service create new versions of the key on its own: versions this action did not create,
 * whose release policy it never compared when they appeared, and which move KEK_KID and every workload that
 * follows the latest version. Verify says so, as a warning with what to do; apply never changes the policy
 * (who rotates the key is the owner's decision, not the inputs').
 */

/** An ISO 8601 duration as the policy writes its triggers (P90D, P1Y2M, PT12H); anything else is not echoed. */
const DURATION = /^P(?!$)(\d{1,5}Y)?(\d{1,5}M)?(\d{1,5}W)?(\d{1,5}D)?(T(?=\d)(\d{1,5}H)?(\d{1,5}M)?(\d{1,5}S)?)?$/;
const read = (ctx, keys) => ctx.reads.once(`rotationPolicy:${ctx.config.key.name}`, () => keys.rotationPolicy(ctx.config.key.name));
/** Starts the read early (prefetch); never throws. */
function prefetchRotationPolicy(ctx, keys) {
    void ctx.reads.prefetch(`rotationPolicy:${ctx.config.key.name}`, () => keys.rotationPolicy(ctx.config.key.name));
}
/** The trigger of a Rotate action, in words; Azure's text only when it is a plain duration. */
function trigger(a) {
    const ok = (v) => typeof v === 'string' && DURATION.test(v);
    if (ok(a.timeAfterCreate))
        return `${a.timeAfterCreate} after each version is created`;
    if (ok(a.timeBeforeExpiry))
        return `${a.timeBeforeExpiry} before each version expires`;
    return 'on a trigger that is not a plain duration';
}
/** One posture item: the policy rotates the key (warning), does not (ok), or could not be read. */
async function rotationPolicyItem(ctx, keys) {
    const name = ctx.config.key.name;
    const base = { id: 'keyRotationPolicy', setting: `rotation policy of key '${name}'` };
    let policy;
    try {
        policy = await read(ctx, keys);
    }
    catch (e) {
        if ((0,call/* statusOf */.c2)(e) !== 403)
            throw e;
        return {
            ...base,
            state: `not checked (needs to read the rotation policy of /keys/${name}: Managed HSM Crypto User or Crypto Auditor)`,
            severity: 'warning'
        };
    }
    // No key yet: the key step creates it (plan) or says why it could not.
    if (!policy)
        return undefined;
    const rotates = (policy.lifetimeActions ?? []).filter(a => String(a.action).toLowerCase() === 'rotate');
    if (rotates.length === 0)
        return { ...base, state: 'no automatic rotation', severity: 'ok' };
    const when = rotates.map(trigger);
    return {
        ...base,
        state: `rotates the key automatically (${when.join('; ')})`,
        severity: 'warning',
        finding: `key '${name}' has a rotation policy that rotates it automatically: Azure creates versions this action did not make, and KEK_KID and the workloads that follow the latest version move to them`,
        details: when.map(w => `lifetime action Rotate, ${w}`),
        todo: `remove the Rotate lifetime action from the key's rotation policy (az keyvault key rotation-policy update --hsm-name ${ctx.config.hsmName} --name ${name} --value <policy without Rotate>), then rerun verify; new versions are this action's to make`
    };
}

;// CONCATENATED MODULE: ./src/posture/key-versions.ts
/**
 * Every enabled version of the key, its rotation policy (key-rotation.ts), and the HSM's other exportable keys. A VM pinned to an older version gets
 * the key under that version's release policy, whatever the latest says: an older version whose policy is
 * weaker than the inputs' (the rules refuse it, or it releases to a VM the inputs' policy refuses) is
 * critical, one that only differs is a warning. The judgement is run/key-versions.ts's, the one the key
 * step's apply acts on. Exportable keys the action does not manage are read where /keys is readable: one
 * whose policy the rules refuse is a warning (they serve other purposes, so they are not held to the inputs).
 */










const DISABLE = 'disable-older-key-versions';
/** What a read of the key's versions needs. */
const NEEDS_VERSIONS = (name) => `not checked (needs keys/read on /keys/${name}: Managed HSM Crypto User or Crypto Auditor)`;
const NEEDS_KEYS = 'not checked (needs keys/read on /keys: Managed HSM Crypto User or Crypto Auditor at /keys)';
const keyVersions = {
    name: 'key versions',
    applies: (ctx, hsm) => (0,types/* hsmActive */.P)(hsm) && ctx.config.steps.includes('key') && !!ctx.config.key.policy,
    prefetch(ctx, hsm) {
        const keys = (0,context/* keysOf */.YD)(ctx, hsm);
        if (!keys)
            return;
        (0,key_versions/* prefetchKeyVersions */.qS)(ctx, keys);
        prefetchRotationPolicy(ctx, keys);
        const plane = (0,context/* planeOf */.iO)(ctx, hsm);
        if (!plane)
            return;
        void ctx.reads
            .prefetch('keyItems', () => (0,azure_keys/* listKeyItems */.oj)(plane))
            .then(items => {
            for (const name of unmanagedExportable(ctx, items ?? []))
                void ctx.reads.prefetch(`keyLatest:${name}`, () => keys.read(name));
        });
    },
    async assess(ctx) {
        const keys = await (0,context/* keysClient */.yx)(ctx);
        const [versions, rotation, others] = await Promise.all([
            versionItems(ctx, keys),
            rotationPolicyItem(ctx, keys),
            unmanagedItems(ctx, keys)
        ]);
        return { items: [...versions, ...(rotation ? [rotation] : []), ...others] };
    }
};
async function versionItems(ctx, keys) {
    const k = ctx.config.key;
    let read;
    try {
        read = await (0,key_versions/* readKeyVersions */.FA)(ctx, keys);
    }
    catch (e) {
        if ((0,call/* statusOf */.c2)(e) !== 403)
            throw e;
        return [
            {
                id: 'keyVersions',
                setting: `versions of key '${k.name}'`,
                state: NEEDS_VERSIONS(k.name),
                severity: 'warning'
            }
        ];
    }
    // No key yet: the key step creates it (plan) or says why it could not.
    if (!read.current)
        return [];
    const { policy } = await (0,key_policy/* desiredPolicy */.Rt)(ctx);
    const judge = (v) => (0,key_versions/* judgeKeyVersion */.br)(v, policy, k, ctx.config.cloud);
    const items = read.others.map(v => versionItem(ctx, v, judge(v), false));
    // The version in effect is the key step's to compare; a weaker one is critical here as well.
    const inEffect = judge(read.current);
    items.unshift(inEffect.verdict === 'weaker'
        ? versionItem(ctx, read.current, inEffect, true)
        : {
            id: `keyVersion.${(0,key_versions/* versionOf */.E4)(read.current)}`,
            setting: `key '${k.name}' version ${(0,key_versions/* versionOf */.E4)(read.current)}`,
            state: 'in effect (KEK_KID); compared with the inputs by the key step',
            severity: 'ok'
        });
    return items;
}
function versionItem(ctx, v, j, inEffect) {
    const name = ctx.config.key.name;
    const id = (0,key_versions/* versionOf */.E4)(v);
    const setting = `key '${name}' version ${id}`;
    const which = inEffect ? 'in effect' : 'an older version, enabled';
    if (j.verdict === 'same')
        return { id: `keyVersion.${id}`, setting, state: `${which}; as the inputs ask`, severity: 'ok' };
    const weaker = j.verdict === 'weaker';
    const policyFixable = j.policyDiffers && !j.immutable;
    const disable = inEffect
        ? "create a new version with the inputs' policy (a rerun of apply with a new key-name, or az keyvault key rotate) and move workloads to it"
        : `disable the version once no VM is pinned to it (${DISABLE}: true does, except where a Disk Encryption Set points at it)`;
    const todo = policyFixable
        ? `run mode: apply: it brings the version's release policy to the inputs'; or ${disable}`
        : j.immutable && j.policyDiffers
            ? `its release policy is immutable (AKV.SKR.1020): ${disable}`
            : disable;
    return {
        id: `keyVersion.${id}`,
        setting,
        state: `${which}; ${weaker ? "release policy weaker than the inputs'" : 'differs from the inputs'}${j.immutable ? ' (immutable policy)' : ''}`,
        severity: weaker ? 'critical' : 'warning',
        finding: weaker
            ? `key '${name}' version ${id} (${which}) has a release policy weaker than the inputs': a VM the inputs' policy refuses can get the key through it`
            : `key '${name}' version ${id} (${which}) differs from the inputs`,
        details: j.reasons,
        todo
    };
}
/** Exportable keys other than the managed one (the latest version as /keys lists it; disabled ones skipped). */
function unmanagedExportable(ctx, items) {
    const own = ctx.config.key.name.toLowerCase();
    return items
        .filter(i => i.attributes?.enabled !== false && i.attributes?.exportable !== false)
        .map(i => (0,azure_keys/* keyNameOf */.aD)(i.kid))
        .filter(n => n && n.toLowerCase() !== own);
}
async function unmanagedItems(ctx, keys) {
    const setting = 'exportable keys this action does not manage';
    let items;
    try {
        const plane = await (0,context/* dataPlane */.nB)(ctx);
        items = await ctx.reads.once('keyItems', () => (0,azure_keys/* listKeyItems */.oj)(plane));
    }
    catch (e) {
        if ((0,call/* statusOf */.c2)(e) !== 403)
            throw e;
        return [{ id: 'unmanagedKeys', setting, state: NEEDS_KEYS, severity: 'warning' }];
    }
    const names = unmanagedExportable(ctx, items);
    const read = await Promise.all(names.map(name => ctx.reads
        .once(`keyLatest:${name}`, () => keys.read(name))
        .then(key => ({ name, key }), (e) => {
        if ((0,call/* statusOf */.c2)(e) !== 403)
            throw e;
        return { name, key: undefined, denied: true };
    })));
    const out = [];
    const attestation = (0,clouds/* attestationDomain */.L3)(ctx.config.cloud);
    let exportable = 0;
    for (const r of read) {
        if ('denied' in r) {
            out.push({
                id: `unmanagedKey.${r.name}`,
                setting: `key '${r.name}' (not managed by this action)`,
                state: `not checked (needs keys/read on /keys/${r.name})`,
                severity: 'warning'
            });
            continue;
        }
        if (!r.key || r.key.properties.exportable !== true || r.key.properties.enabled === false)
            continue;
        exportable++;
        const problems = policyProblems(r.key, attestation);
        if (problems.length === 0)
            continue;
        out.push({
            id: `unmanagedKey.${r.name}`,
            setting: `key '${r.name}' (exportable, not managed by this action)`,
            state: 'release policy the release-policy rules refuse',
            severity: 'warning',
            finding: `exportable key '${r.name}', which this action does not manage, has a release policy the release-policy rules refuse: it could be released to the wrong VM`,
            details: problems,
            todo: 'tighten its release policy (or disable the key if nothing needs it); this action leaves it alone'
        });
    }
    if (out.length === 0)
        out.push({
            id: 'unmanagedKeys',
            setting,
            state: exportable ? `${exportable} checked, none with a policy the rules refuse` : 'none',
            severity: 'ok'
        });
    return out;
}
function policyProblems(key, attestation) {
    let policy;
    try {
        policy = (0,key_versions/* versionPolicy */.zt)(key);
    }
    catch (e) {
        return [`its release policy cannot be read (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]})`];
    }
    if (policy === undefined)
        return [];
    const lint = (0,src_policy/* lintPolicy */.GF)(policy, { attestation });
    return [
        ...lint.errors.map(f => `the release-policy rules refuse it ([${f.rule}] at ${f.path})`),
        ...lint.permissive.map(f => `it could release the key to the wrong VM ([${f.rule}] at ${f.path})`)
    ];
}

;// CONCATENATED MODULE: ./src/posture/assessors.ts
/** The posture areas, in the order their findings are listed. */







const ASSESSORS = [
    access/* access */.T_,
    keyVersions,
    escrowIdentity,
    hsm_settings/* hsmSettings */._r,
    hsmExposure,
    audit/* audit */.sb,
    stores
];

;// CONCATENATED MODULE: ./src/posture/index.ts
/**
 * Runs the posture assessors that apply to this run, together, and turns what they find into drift-report
 * checks: `posture.<id>`, with the item's severity. A failed assessor is one check that could not be made.
 */





/** verify: starts the reads of every area that need only the inputs, beside the HSM's ARM read (`hsm`). */
function prefetchPostureEarly(ctx, hsm) {
    for (const a of ASSESSORS)
        a.early?.(ctx, hsm);
}
/** Starts the applicable assessors' reads, once ARM has answered for the HSM. */
function prefetchPosture(ctx, hsm) {
    for (const a of ASSESSORS)
        if (a.applies(ctx, hsm))
            a.prefetch?.(ctx, hsm);
}
/** Every applicable area of the HSM as it is now (none when it does not exist). */
async function assessPosture(ctx, mode) {
    const hsm = await (0,context/* readHsm */.B9)(ctx);
    const applicable = hsm ? ASSESSORS.filter(a => a.applies(ctx, hsm)) : [];
    const settled = await Promise.all(applicable.map(a => a.assess(ctx, mode).then(p => ({ name: a.name, posture: p }), (e) => ({ name: a.name, error: (0,errors/* errorMessage */.gJ)(e) }))));
    const result = { items: [], checks: [], areas: applicable.map(a => a.name) };
    for (const s of settled) {
        if ('error' in s) {
            result.checks.push({ id: `posture.${s.name}`, status: 'error', actual: s.error });
            continue;
        }
        if (s.posture.holders)
            result.holders = [...(result.holders ?? []), ...s.posture.holders];
        result.items.push(...s.posture.items);
        result.checks.push(...s.posture.items.map(itemCheck));
    }
    if (result.checks.length === 0 && applicable.length > 0)
        result.checks.push({ id: 'posture', status: 'ok' });
    return result;
}
/** The drift-report check of one posture item. */
function itemCheck(i) {
    const check = { id: `posture.${i.id}`, status: i.severity === 'ok' ? 'ok' : 'drift' };
    if (i.severity !== 'ok') {
        check.severity = i.severity;
        check.actual = [i.finding ?? `${i.setting}: ${i.state}`, ...(i.details ?? [])].join('\n');
        if (i.todo)
            check.hint = i.todo;
    }
    else
        check.actual = `${i.setting}: ${i.state}`;
    return check;
}
/** The log's account of the posture: each finding at its level, the criticals first. */
function logPosture(p) {
    const order = ['critical', 'drift', 'warning', 'info'];
    for (const sev of order)
        for (const c of p.checks.filter(x => x.status === 'drift' && (x.severity ?? 'drift') === sev)) {
            const text = String(c.actual ?? c.id).split('\n');
            const line = `posture (${sev}): ${text.join('; ')}`;
            if (sev === 'info')
                log/* info */.pq(line);
            else
                log/* warning */.$e(line);
        }
    for (const c of p.checks.filter(x => x.status === 'error'))
        log/* error */.z3(`posture: could not be checked: ${String(c.actual)}`);
}
/** The holders that are not intended, gravest first. */
function strangers(holders) {
    return (holders ?? []).filter(h => !h.intendedAs);
}


/***/ }),

/***/ 9334:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ APPLY_REPAIRS),
/* harmony export */   H6: () => (/* binding */ whatToDo),
/* harmony export */   bX: () => (/* binding */ escrowProofs),
/* harmony export */   gk: () => (/* binding */ finding),
/* harmony export */   r_: () => (/* binding */ sides)
/* harmony export */ });
/**
 * The drift report in words, for people: each finding says what differs, which side is Azure and which the
 * inputs, and what to do. The check ids stay in the JSON for machines; the log and the summary use these.
 */
/** Said for every difference a run of apply puts right. */
const APPLY_REPAIRS = 'run mode: apply to repair, or change the inputs if the change was intended';
const IMMUTABLE = 'apply cannot change this: change the inputs to match Azure, or recreate the resource if it matters';
/** What kind of thing a check id is about, in words (the id is never shown to people). */
const TITLES = [
    [/^provision\.hsm\.exists$/, 'Managed HSM missing'],
    [/^provision\.hsm\.properties$/, 'Managed HSM settings differ'],
    [/^provision\.provisioningState$/, 'Managed HSM in a failed state'],
    [/^provision\.location$/, 'Managed HSM in another location'],
    [/^provision\.auditLog\.exists$/, 'audit log diagnostic setting missing'],
    [/^provision\.auditLog$/, 'audit log diagnostic setting differs'],
    [/^rbac\.assignment\..+$/, 'role assignment missing'],
    [/^rbac\.prune\..+$/, 'role assignment not intended'],
    [/^rbac\.setting\.(.+)$/, 'Managed HSM setting $1 differs'],
    [/^key\.exists$/, 'key missing'],
    [/^key\.properties$/, 'key settings differ'],
    [/^key\.version\..+$/, 'older enabled key version differs'],
    [/^key\.access$/, 'key access for the signed-in identity missing'],
    [/^key\.attestation$/, 'key attestation'],
    [/^key\.backup.*$/, 'key backup missing or out of date'],
    [/^activate\.activationStatus$/, 'Managed HSM not activated'],
    [/^activate\.escrow\.present$/, 'escrowed security domain missing'],
    [/^activate\.escrow\.integrity$/, 'escrowed security domain altered'],
    [/^activate\.escrow\.recoverable$/, 'escrow no longer recovers the security domain'],
    [/^activate\.escrow\.custody$/, 'escrow custody'],
    [/^activate\.wrappingKey\.(\d+)$/, 'escrowed wrapping key $1'],
    [/^des\.exists$/, 'disk encryption set missing'],
    [/^des\.grant\..+$/, 'role assignment missing'],
    [/^des\..+$/, 'disk encryption set differs'],
    [/^security-domain\.subset\.(.+)$/, 'key subset $1 does not recover the security domain']
];
/** The words for one check that is not ok. `plan` words a change as what apply would do. */
function finding(c, kind) {
    const actual = lines(c.actual);
    if (c.status === 'error')
        return {
            text: `${c.step}: could not be checked: ${actual[0] ?? 'unknown error'}`,
            details: [],
            todo: c.hint ?? ''
        };
    // A posture finding is said by its assessor in a sentence of its own, its lines after the first the details.
    if (c.id.startsWith('posture.')) {
        const [text = c.id, ...more] = actual;
        return { text, details: more, todo: c.hint ?? '' };
    }
    if (/\.note\.\d+$/.test(c.id)) {
        const note = actual[0] ?? '';
        return { text: note, details: [], todo: IMMUTABLE };
    }
    const entry = TITLES.find(([re]) => re.test(c.id));
    const title = entry ? c.id.replace(entry[0], entry[1]) : `${c.step} differs`;
    // A change apply would make: its summary says what, its details field by field.
    if (typeof c.desired === 'string' &&
        !c.id.startsWith('activate.wrappingKey.') &&
        !c.id.includes('.subset.')) {
        const what = c.desired.replace(/^assign (.+?) to (.+?) at scope /, '$1 for $2 at ');
        const text = kind === 'plan'
            ? `would ${c.desired}`
            : `${title}: ${/^assign /.test(c.desired) ? what : `the inputs ask to ${c.desired}`}`;
        return { text, details: values(c.actual).map(sides), todo: c.hint ?? APPLY_REPAIRS };
    }
    // A difference the step reported in a sentence of its own (DriftError, the escrow proofs), its lines
    // after the first being the details (a list of stores, say).
    const [said = String(c.desired ?? ''), ...more] = actual;
    return {
        text: `${title}: ${said}`,
        details: more.map(l => l.replace(/^- /, '')),
        todo: c.hint ?? APPLY_REPAIRS
    };
}
/** "field: a -> b" (Azure's value, then the inputs') as "field: Azure a, inputs b". */
function sides(detail) {
    const m = /^(.+?): ([\s\S]*) -> ([\s\S]*)$/.exec(detail.trim());
    return m ? `${m[1]}: Azure ${m[2]}, inputs ${m[3]}` : detail.trim();
}
/** What to do about a set of findings, each distinct advice once. */
function whatToDo(findings) {
    return [...new Set(findings.map(f => f.todo).filter(Boolean))].join('; ');
}
/** The escrow proofs among the checks that passed, in words, for an in-sync report. */
function escrowProofs(checks) {
    return checks
        .filter(c => c.status === 'ok' && /^activate\.(wrappingKey\.\d+|escrow\.recoverable)$/.test(c.id))
        .map(c => {
        const key = /^activate\.wrappingKey\.(\d+)$/.exec(c.id);
        return key
            ? `escrowed wrapping key ${key[1]}: ${String(c.desired ?? 'present')}`
            : `escrow recovers the security domain: ${String(c.actual ?? 'proven')}`;
    });
}
function values(v) {
    if (v === undefined || v === null)
        return [];
    return (Array.isArray(v) ? v.map(String) : [String(v)]).filter(Boolean);
}
/** A message's lines (its first is what happened); the advice is the check's hint, never one of these. */
function lines(v) {
    return values(v).flatMap(s => s.split('\n'));
}


/***/ }),

/***/ 2829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rt: () => (/* binding */ desiredPolicy),
/* harmony export */   cN: () => (/* binding */ prefetchDefaultAuthority),
/* harmony export */   dG: () => (/* binding */ releasePolicyOf)
/* harmony export */ });
/* unused harmony exports checkedDefaultAuthority, readDefaultAuthority */
/* harmony import */ var _auth_clouds_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6910);
/* harmony import */ var _policy_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(264);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8382);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(670);
/**
 * The release policy the inputs ask for: release-policy as given, or the preset bound to attestation-authority
 * or to the region's default provider (read from ARM once per run). One answer per run, shared by the key
 * step (which binds the key to it) and the key-versions posture (which judges every version against it).
 */




const resolved = new WeakMap();
/** The policy the key must carry (a preset without an authority takes the region's default provider). */
function desiredPolicy(ctx) {
    let p = resolved.get(ctx);
    if (!p) {
        p = resolve(ctx);
        resolved.set(ctx, p);
    }
    return p;
}
async function resolve(ctx) {
    const p = ctx.config.key.policy;
    if (!p)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('release-policy', 'or release-policy-preset is required for the key step');
    if (p.kind === 'inline')
        return { policy: p.policy };
    if (p.authority)
        return { policy: (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .presetPolicy */ .W)(p.preset, p.authority) };
    const location = ctx.config.location || (await hsmLocation(ctx));
    const authority = checkedDefaultAuthority(await readDefaultAuthority(ctx, location), ctx.config.cloud, location);
    return { policy: (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .presetPolicy */ .W)(p.preset, authority), defaultAuthority: authority };
}
/**
 * What Azure answered for the region's default provider is held to the same rule as the input: the key is never
 * bound to a foreign authority, whatever ARM (or something posing as it) says.
 */
function checkedDefaultAuthority(authority, cloud, location) {
    const problem = (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .attestationAuthorityProblem */ .ty)(authority, (0,_auth_clouds_js__WEBPACK_IMPORTED_MODULE_0__/* .attestationDomain */ .L3)(cloud));
    if (problem)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK(`the default attestation provider Azure named for ${location} is not usable: its attestUri ${problem.message}`, 'set attestation-authority to your attestation provider URL');
    return authority;
}
/** The region's default attestation provider (needs only the location, so it is read early). */
function readDefaultAuthority(ctx, location) {
    return ctx.reads.once(defaultProviderRead(location), () => ctx.arm.defaultAttestationAuthority(location));
}
/** Starts the read readDefaultAuthority joins, when the inputs name a preset without an authority. */
function prefetchDefaultAuthority(ctx) {
    const { key, location } = ctx.config;
    if (key.policy?.kind !== 'preset' || key.policy.authority || !location)
        return;
    void ctx.reads.prefetch(defaultProviderRead(location), () => ctx.arm.defaultAttestationAuthority(location));
}
const defaultProviderRead = (location) => `defaultProvider:${location}`;
async function hsmLocation(ctx) {
    const hsm = await (0,_context_js__WEBPACK_IMPORTED_MODULE_3__/* .readHsm */ .B9)(ctx);
    return (hsm?.location ?? '').toLowerCase().replace(/\s+/g, '');
}
/** The release_policy of a key create or update: the policy as the service stores it. */
function releasePolicyOf(policy, immutable) {
    return {
        contentType: 'application/json; charset=utf-8',
        encodedPolicy: new Uint8Array(Buffer.from((0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .toServiceJson */ .Fy)(policy), 'utf8')),
        immutable
    };
}


/***/ }),

/***/ 8390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E4: () => (/* binding */ versionOf),
/* harmony export */   FA: () => (/* binding */ readKeyVersions),
/* harmony export */   LL: () => (/* binding */ readCurrentKey),
/* harmony export */   W5: () => (/* binding */ prefetchCurrentKey),
/* harmony export */   br: () => (/* binding */ judgeKeyVersion),
/* harmony export */   hD: () => (/* binding */ fixedDifferences),
/* harmony export */   qS: () => (/* binding */ prefetchKeyVersions),
/* harmony export */   zt: () => (/* binding */ versionPolicy)
/* harmony export */ });
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8795);
/* harmony import */ var _auth_clouds_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6910);
/* harmony import */ var _policy_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(264);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/**
 * Every enabled version of the key, and one judgement of each against the inputs, shared by the key step
 * (apply repairs the release policy of older versions, or disables them on request) and the key-versions
 * posture (verify reports them): a VM pinned to an older version gets that version's policy, not the latest's.
 *
 * Reads: the version in effect (`key:NAME`, as the key step reads it), the list of versions and, for each
 * other enabled version, the version itself (the list carries neither the release policy nor the key type
 * and size). Started as soon as ARM names the HSM (prefetchKeyVersions), so they cost one round trip after
 * the key's own read.
 */




/** The key's version in effect (see ManagedHsmKeys.current), one read per run. */
function readCurrentKey(ctx, keys) {
    const name = ctx.config.key.name;
    return ctx.reads.once(`key:${name}`, () => keys.current(name));
}
/** Starts the read readCurrentKey joins (the key step's early read, and the versions' below). */
function prefetchCurrentKey(ctx, keys) {
    const name = ctx.config.key.name;
    return ctx.reads.prefetch(`key:${name}`, () => keys.current(name));
}
async function listVersions(keys, name) {
    return (await (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_0__/* .absentOn404 */ .lz)(() => keys.versions(name))) ?? [];
}
/** Enabled versions other than the one in effect. */
function otherEnabled(list, current) {
    const inEffect = current?.properties.version?.toLowerCase();
    return list
        .filter(v => v.enabled !== false && v.version && v.version.toLowerCase() !== inEffect)
        .map(v => v.version);
}
/** The newest versions by created time (Azure's latest is one of them; a tie keeps them all). */
function newest(list) {
    const t = (v) => v.createdOn?.getTime() ?? 0;
    const max = Math.max(...list.map(t));
    return list.filter(v => v.version && t(v) === max).map(v => v.version.toLowerCase());
}
/** The key's enabled versions (the reads prefetchKeyVersions started are joined). */
async function readKeyVersions(ctx, keys) {
    const name = ctx.config.key.name;
    const [{ key: current }, list] = await Promise.all([
        readCurrentKey(ctx, keys),
        ctx.reads.once(`keyVersions:${name}`, () => listVersions(keys, name))
    ]);
    const read = await Promise.all(otherEnabled(list, current).map(v => ctx.reads.once(`keyVersion:${name}/${v.toLowerCase()}`, () => keys.read(name, v))));
    const others = read.filter((k) => !!k && k.properties.enabled !== false);
    return { current, latest: newest(list), others };
}
/** Starts the reads of readKeyVersions; never throws (the reader reports what failed). */
function prefetchKeyVersions(ctx, keys) {
    const name = ctx.config.key.name;
    const current = prefetchCurrentKey(ctx, keys);
    const list = ctx.reads.prefetch(`keyVersions:${name}`, () => listVersions(keys, name));
    void Promise.all([current, list]).then(([c, l]) => {
        if (!c || !l)
            return;
        for (const v of otherEnabled(l, c.key))
            void ctx.reads.prefetch(`keyVersion:${name}/${v.toLowerCase()}`, () => keys.read(name, v));
    });
}
/**
 * What cannot change on an existing key version and differs from the inputs: exportability, type, size or
 * curve. Empty when they match.
 */
function fixedDifferences(key, k) {
    const out = [];
    if (key.properties.exportable !== true)
        out.push('it is not exportable, and exportability cannot change after creation');
    const kty = String(key.keyType ?? '');
    if (kty.replace(/-HSM$/, '') !== k.type.replace(/-HSM$/, ''))
        out.push(`its type is ${kty}, not ${k.type}`);
    const bits = key.key?.n ? key.key.n.length * 8 : undefined;
    if (k.type === 'RSA-HSM' && bits && k.size && bits !== k.size)
        out.push(`its size is ${bits} bits, not ${k.size}`);
    if (k.type === 'EC-HSM' && key.key?.crv && key.key.crv !== k.curve)
        out.push(`its curve is ${key.key.crv}, not ${k.curve}`);
    return out;
}
/** The release policy a version carries, in 1.0.0 form; undefined when it has none. Throws when unreadable. */
function versionPolicy(key) {
    const encoded = key.properties.releasePolicy?.encodedPolicy;
    return encoded ? (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .toPolicyValue */ .fe)(Buffer.from(encoded).toString('utf8')) : undefined;
}
/** One version of the key against the inputs: exportability, type, size, and the release policy. */
function judgeKeyVersion(key, desired, k, cloud) {
    const immutable = key.properties.releasePolicy?.immutable === true;
    const fixed = fixedDifferences(key, k);
    const reasons = [...fixed];
    let policy;
    try {
        policy = versionPolicy(key);
    }
    catch (e) {
        // Whatever the service holds but cannot be read could release to anyone: never taken as harmless.
        return {
            verdict: 'weaker',
            policyDiffers: true,
            immutable,
            reasons: [...reasons, `its release policy cannot be read (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e).split('\n')[0]})`],
            fixed
        };
    }
    if (policy === undefined) {
        if (key.properties.exportable === true) {
            fixed.push('it has no release policy, so it cannot be released');
            reasons.push(fixed[fixed.length - 1]);
        }
        return { verdict: reasons.length ? 'different' : 'same', policyDiffers: false, immutable, reasons, fixed };
    }
    if ((0,_policy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .policiesEqual */ .jL)(policy, desired)) {
        const mutableOnly = k.immutable && !immutable;
        if (mutableOnly)
            reasons.push('its release policy is mutable; the inputs ask for an immutable one');
        return {
            verdict: reasons.length ? 'different' : 'same',
            policyDiffers: mutableOnly,
            immutable,
            reasons,
            fixed
        };
    }
    const weakness = (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .policyWeakness */ .G_)(policy, desired, {
        attestation: (0,_auth_clouds_js__WEBPACK_IMPORTED_MODULE_1__/* .attestationDomain */ .L3)(cloud),
        acceptPermissive: k.permissiveAccepted.length > 0
    });
    if (weakness.length > 0)
        return { verdict: 'weaker', policyDiffers: true, immutable, reasons: [...weakness, ...reasons], fixed };
    return {
        verdict: 'different',
        policyDiffers: true,
        immutable,
        reasons: [...(0,_policy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .describePolicyDifference */ .du)(policy, desired).map(d => `release policy: ${d}`), ...reasons],
        fixed
    };
}
/** The version id of a key bundle, lower case. */
function versionOf(key) {
    return (key.properties.version ?? key.id?.split('/').pop() ?? '').toLowerCase();
}


/***/ }),

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

/***/ 1680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   fl: () => (/* binding */ codeMarkdown),
/* harmony export */   k9: () => (/* binding */ linkMarkdown)
/* harmony export */ });
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3260);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1827);
/**
 * The one escaping of values from outside (inputs, files, Azure, error messages) for the job summary,
 * which GitHub renders as Markdown with inline HTML. A value stays text: it cannot open a tag, a link, an
 * image, emphasis, a table cell, a heading, a mention, an autolink or a math block, nor end the line it is in.
 * A registered secret is `***` before anything else, and control and format characters are shown as the
 * log shows them.
 */


/** `<`, `>` and `&` as entities; the Markdown punctuation that can start markup backslash-escaped. */
const HTML = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
const MARKUP = /[\\`*_[\]|~#$!]/g;
/**
 * GitHub's renderer (cmark-gfm) finds e-mail addresses, `mailto:` and `xmpp:` links in text after it has
 * merged escaped characters and entities back into the text around them, so neither `\@` nor `&#64;` keeps
 * `a@b.example` from becoming a link. An empty `<wbr>` element (allowed by GitHub's sanitizer, invisible)
 * right after the `@` ends the text node there: no address has a domain after its `@`, and no mention a name.
 */
const AT = /@/g;
/** Every line break Markdown or a browser honours (a lone CR ends a line in Markdown too). */
const BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Where GitHub would turn text into a link by itself (GFM autolinks): a scheme's `://` and a `www.`. */
const AUTOLINK = /:(?=\/\/)|(?<=\bwww)\./gi;
/** A value as inline Markdown text: line breaks become `<br>`, other control characters visible. */
function escapeMarkdown(value) {
    return (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .showFormat */ .dV)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .hideSecrets */ .s)(value))
        .replace(/[<>&]/g, c => HTML[c])
        .replace(MARKUP, '\\$&')
        .replace(AT, '@<wbr>')
        .replace(AUTOLINK, c => `&#${c.charCodeAt(0)};`)
        .replace(BREAK, '<br>')
        .replace(CONTROL, _log_js__WEBPACK_IMPORTED_MODULE_1__/* .controlPicture */ .ov);
}
/** A value in a code face: `<code>` around the escaped value (a backtick in the value cannot close it). */
function codeMarkdown(value) {
    return `<code>${escapeMarkdown(value)}</code>`;
}
/**
 * A link whose URL may hold text from outside (a resource id): https only, every character that could end
 * the destination or the link percent-encoded. Anything else is shown as text, not linked.
 */
function linkMarkdown(text, url) {
    if (!/^https:\/\/[^\s]/i.test(url))
        return escapeMarkdown(text);
    const safe = url.replace(/[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/g, c => [...Buffer.from(c, 'utf8')].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
    return `[${escapeMarkdown(text)}](${safe})`;
}


/***/ }),

/***/ 2265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ STEPS)
});

// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/escrow/escrow.ts
var escrow = __webpack_require__(304);
// EXTERNAL MODULE: ./src/run/escrow-proof.ts
var escrow_proof = __webpack_require__(1705);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/shared/runner.ts
var runner = __webpack_require__(4331);
// EXTERNAL MODULE: ./src/azure/security-domain-api.ts
var security_domain_api = __webpack_require__(4223);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/escrow/stores/index.ts + 2 modules
var stores = __webpack_require__(7235);
// EXTERNAL MODULE: ./src/shared/run-url.ts
var run_url = __webpack_require__(8664);
;// CONCATENATED MODULE: ./src/escrow/activation-lease.ts
// escrow/: the secrets kept outside the HSM: escrow writes and checks, stores, activation lease, rescue file, masks.
/**
 * Taking turns before a security-domain download. Azure activates an HSM with the first download, so two
 * runs that start together (a deploy and a nightly job) must not both download: the second would escrow a
 * security domain the HSM does not hold. The run about to download holds a lease, a small JSON object next
 * to the first security-domain store (a blob when there is one, since Blob storage writes atomically), and
 * renews it while it works; another run waits for that download to show in Azure, and takes over a lease
 * nobody renewed (a cancelled run). The object holds no secret.
 */





/** A lease not renewed for this long belongs to a run that stopped. */
const LEASE_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** Where the lease lives: beside the first blob target, else beside the first target. */
function leaseStore(targets, credential) {
    const home = targets.find(t => t.kind === 'blob') ?? targets[0];
    return (0,stores/* openStore */.Ch)((0,stores/* withSuffix */.oF)(home, '-activation-lease'), credential);
}
/** True when the record was renewed recently enough and not released. */
function isLive(record, now = Date.now()) {
    return !!record && !record.released && now - Date.parse(record.renewedAt) < LEASE_TTL_MS;
}
async function readLease(store) {
    return parse((await store.get())?.content);
}
/** Takes the lease unless another run holds a live one. */
async function tryTakeLease(store, hsm) {
    const current = await store.get();
    const record = parse(current?.content);
    if (isLive(record))
        return { held: false, holder: record };
    const mine = { holder: (0,external_node_crypto_.randomUUID)(), hsm, run: (0,run_url/* runUrl */.V)(), renewedAt: new Date().toISOString() };
    if (!(await write(store, current?.version ?? 'absent', mine))) {
        const winner = await readLease(store);
        return { held: false, holder: winner ?? mine };
    }
    return { held: true, lease: renewing(store, mine) };
}
function renewing(store, mine) {
    let lost = false;
    const ours = async () => {
        const current = await store.get();
        const record = parse(current?.content);
        if (record?.holder !== mine.holder)
            lost = true;
        return lost ? undefined : { version: current?.version };
    };
    const renew = async () => {
        try {
            const at = await ours();
            if (at?.version)
                await write(store, at.version, { ...mine, renewedAt: new Date().toISOString() });
        }
        catch (e) {
            // A missed renewal only risks another run taking over, which stillHeld() then reports.
            log/* debug */.Yz(`activation lease renewal failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    };
    const timer = setInterval(() => void renew(), RENEW_EVERY_MS);
    timer.unref();
    return {
        async stillHeld() {
            return !lost && (await ours()) !== undefined;
        },
        async release() {
            clearInterval(timer);
            try {
                const at = await ours();
                if (at?.version)
                    await write(store, at.version, { ...mine, released: true });
            }
            catch (e) {
                log/* debug */.Yz(`activation lease release failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        }
    };
}
function write(store, version, record) {
    return store.replaceIf(version, Buffer.from(JSON.stringify(record), 'utf8'), { kind: 'activation-lease', hsm: record.hsm }, 'application/json');
}
function parse(content) {
    if (!content)
        return undefined;
    try {
        const r = JSON.parse(content.toString('utf8'));
        return typeof r.holder === 'string' && typeof r.renewedAt === 'string' ? r : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/run/hsm-active.ts
var hsm_active = __webpack_require__(3880);
// EXTERNAL MODULE: ./src/escrow/rescue.ts
var escrow_rescue = __webpack_require__(3174);
// EXTERNAL MODULE: ./src/security-domain/index.ts + 7 modules
var security_domain = __webpack_require__(115);
// EXTERNAL MODULE: ./src/shared/hash.ts
var hash = __webpack_require__(9913);
// EXTERNAL MODULE: ./src/steps/activate/escrow.ts
var activate_escrow = __webpack_require__(9662);
// EXTERNAL MODULE: ./src/escrow/key-bundle.ts
var key_bundle = __webpack_require__(45);
;// CONCATENATED MODULE: ./src/steps/activate/wrapping-keys.ts
/**
 * The activation's wrapping keys: reused from an interrupted run's escrow or generated, escrowed and read back;
 * and the offline proof that every quorum subset of them recovers the downloaded security domain.
 */









/** Key pairs for activation: reuse any an interrupted run escrowed, generate the rest, escrow them. */
async function wrappingKeys(ctx, keyStores) {
    const a = ctx.config.activation;
    const found = await Promise.all(keyStores.map(s => s.get()));
    const foreign = (0,activate_escrow/* foreignKeysError */.Vh)(ctx, keyStores, found.map(f => f?.metadata));
    if (foreign)
        throw foreign;
    const reused = found.map(f => (f ? (0,key_bundle/* parseKeyBundle */.d)(f.content.toString('utf8')) : undefined));
    const missing = reused.filter(r => !r).length;
    const started = Date.now();
    const generated = missing > 0 ? await (0,security_domain/* generateWrappingKeys */.gq)({ count: missing, bits: a.keySize }) : [];
    // Masked before the next line is printed (reused keys were masked as they were read from the store).
    for (const k of generated)
        (0,escrow/* maskSecret */.$l)(k.privateKeyPem);
    if (missing > 0)
        log/* info */.pq(`  generated ${missing} RSA-${a.keySize} wrapping key pair(s) with certificates in ${(0,wait/* formatDuration */.a3)(Date.now() - started)}`);
    if (missing < keyStores.length)
        log/* info */.pq(`  reusing ${keyStores.length - missing} wrapping key(s) escrowed by an earlier, unfinished run`);
    const keys = reused.map(r => r ?? generated.shift());
    await Promise.all(keys.map(async (k, i) => {
        const bundle = Buffer.from(`${k.privateKeyPem.trim()}\n${k.certificatePem.trim()}\n`, 'utf8');
        const metadata = {
            kind: 'wrapping-key',
            hsm: ctx.config.hsmName,
            sha256: (0,hash/* sha256Hex */.f)(bundle),
            index: `${i + 1}/${keys.length}`,
            x5tS256: (0,security_domain/* parseCertificate */.hB)(k.certificatePem).x5tS256
        };
        await (0,escrow/* escrowTo */.ZZ)(keyStores[i], bundle, metadata, escrow/* KEY_CONTENT_TYPE */.v6);
        log/* info */.pq(`  wrapping key ${i + 1}/${keys.length} escrowed to ${keyStores[i].url} and read back`);
        escrowRecord(ctx).wrappingKeys[i] = { store: keyStores[i].url, sha256: metadata.sha256 };
    }));
    return keys;
}
/** This run's escrow record in the run facts, for the job summary. */
function escrowRecord(ctx) {
    const a = ctx.config.activation;
    ctx.facts.escrowed ??= {
        wrappingKeys: [],
        quorum: a.quorum,
        keyCount: a.certificates.length || a.keyCount,
        generated: a.certificates.length === 0
    };
    return ctx.facts.escrowed;
}
/** Proves every quorum subset recovers the security domain; returns how many subsets were tried. */
function proveRecovery(sdText, keys, quorum) {
    const proof = (0,escrow_proof/* proveEscrow */.GD)(sdText, keys.map((key, i) => ({ label: `wrapping key ${i + 1}`, key })));
    const failing = proof.subsets.filter(s => !s.ok);
    if (failing.length > 0 || proof.subsets.length === 0) {
        throw new errors/* ConflictError */.fK(`the downloaded security domain does not recover with ${failing.length} of ${proof.subsets.length} quorum subsets of the wrapping keys: ` +
            (failing[0]?.reason ?? 'no subset to try'), 'the security domain is escrowed; keep it and the keys, and report this: Azure returned a file these keys cannot open');
    }
    log/* info */.pq(`  proof: every ${quorum}-of-${keys.length} subset of the wrapping keys (${proof.subsets.length}) recovers the security domain offline`);
    return proof.subsets.length;
}

;// CONCATENATED MODULE: ./src/steps/activate/activation.ts
/**
 * Activation by download, so that nothing is ever lost. Order: prove a rescue location on disk and every
 * store writable; take turns with concurrent runs (one download per HSM); escrow generated wrapping keys
 * and read them back; download; escrow the security domain at once and read it back (or keep it in the
 * rescue file); prove offline that a quorum of keys recovers it; only then wait for Azure to report the
 * HSM active. Every failure after the download says where the security domain is.
 */















/**
 * One download per HSM. An activation already under way (a concurrent run, or a run that was stopped) is
 * waited for, never repeated; runs that start together take turns through a lease; after an activation
 * that ended Failed, that attempt's escrow is kept aside and the next download replaces it.
 */
async function activateNow(ctx, sdStores) {
    const a = ctx.config.activation;
    const keyStores = (0,escrow/* storesFor */.iT)((0,escrow/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
    // 1. Nothing changes in Azure unless the security domain has somewhere to go: a rescue location on
    // disk (the last resort if every store refuses it after the download) and every store.
    const rescue = (0,escrow_rescue/* prepareRescueLocation */.id)();
    if (rescue.skipped.length > 0)
        log/* warning */.$e(`the rescue location for the security domain is in ${rescue.base.name}, not RUNNER_TEMP: ${rescue.skipped.join('; ')}`);
    log/* info */.pq(`  preflight: rescue location ${rescue.dir} writable (used only if every store refuses the security domain)`);
    try {
        await (0,escrow/* preflight */.Mz)([...sdStores, ...keyStores]);
        log/* info */.pq(`  preflight: ${sdStores.length + keyStores.length} store target(s) writable`);
        await activateOnce(ctx, sdStores, keyStores, rescue);
    }
    finally {
        // Never the rescue file: an empty directory only.
        rescue.discardIfEmpty();
    }
}
async function activateOnce(ctx, sdStores, keyStores, rescue) {
    const a = ctx.config.activation;
    const dp = await (0,context/* dataPlane */.nB)(ctx);
    const leases = leaseStore(a.securityDomainStores, ctx.signIn.credential);
    for (;;) {
        if ((await earlierActivation(ctx, dp)) === 'underway')
            return joinActivation(ctx, sdStores);
        const taken = await tryTakeLease(leases, ctx.config.hsmName);
        if (!taken.held) {
            await waitForOtherRun(ctx, dp, leases, taken.holder);
            continue;
        }
        let downloaded;
        try {
            // Another run may have downloaded between the first read and the lease.
            const earlier = await earlierActivation(ctx, dp);
            if (earlier === 'underway') {
                await taken.lease.release();
                return joinActivation(ctx, sdStores);
            }
            downloaded = await downloadAndEscrow(ctx, sdStores, keyStores, earlier === 'failed', taken.lease, rescue);
        }
        finally {
            await taken.lease.release();
        }
        return confirmActivation(ctx, downloaded);
    }
}
/** What Azure says of earlier downloads: none, one under way (or done), or one whose activation failed. */
async function earlierActivation(ctx, dp) {
    const last = await (0,security_domain_api/* lastDownload */.DR)(dp);
    if (last?.status === 'InProgress' || last?.status === 'Success')
        return 'underway';
    if (last?.status === 'Failed' || ctx.facts.activationStatus === 'Failed')
        return 'failed';
    return 'none';
}
/** Another run holds the lease: wait until its download shows in Azure, or until its lease lapses. */
async function waitForOtherRun(ctx, dp, leases, holder) {
    log/* info */.pq(`  another run (${holder.run ?? 'run unknown'}) is activating Managed HSM '${ctx.config.hsmName}'; ` +
        'waiting for its download instead of starting a second one');
    await (0,wait/* waitUntil */.a0)(async () => {
        if ((await earlierActivation(ctx, dp)) === 'underway')
            return { value: undefined, done: true };
        const lease = await readLease(leases);
        return { value: undefined, done: !isLive(lease), status: 'the other run is preparing its download' };
    }, {
        what: 'the other run',
        service: 'escrow',
        deadline: Math.min(ctx.deadline, Date.now() + 10 * LEASE_TTL_MS),
        schedule: [3000]
    });
}
/**
 * An activation started elsewhere: wait for it, then hold its escrow to the same standard as a rerun does
 * (present, intact, copied where missing). A run that stopped between download and escrow cannot be
 * repaired here, and the escrow check says so.
 */
async function joinActivation(ctx, sdStores) {
    log/* info */.pq(`  an activation of Managed HSM '${ctx.config.hsmName}' is already under way (another run, or one that stopped): ` +
        'waiting for it instead of downloading again');
    await waitForActive(ctx);
    for (const change of (await (0,activate_escrow/* planActive */.wX)(ctx, sdStores)).changes)
        await change.apply();
}
/** Steps 2-4 under the lease: wrapping keys, download, escrow everywhere (or the rescue file). */
async function downloadAndEscrow(ctx, sdStores, keyStores, afterFailure, lease, rescue) {
    const { config } = ctx;
    const a = config.activation;
    // What the stores hold: nothing, or (after a failed activation) that attempt's security domain.
    const found = await Promise.all(sdStores.map(escrow/* checkEscrow */.Q5));
    (0,activate_escrow/* failIfUnreadable */.D$)(found);
    const occupied = found.filter(c => c.content);
    if (occupied.length > 0 && !afterFailure)
        throw (0,activate_escrow/* occupiedError */.pK)(ctx, occupied);
    // 2. Wrapping keys: custodians' certificates, or key pairs made (or found from an interrupted run) and escrowed.
    const keys = [];
    let certificates;
    if (a.certificates.length > 0) {
        certificates = a.certificates;
    }
    else {
        const made = await wrappingKeys(ctx, keyStores);
        keys.push(...made);
        certificates = made.map(k => String(k.certificatePem));
    }
    const jwks = certificates.map(c => (0,security_domain/* buildDownloadJwk */.Fg)((0,security_domain/* parseCertificate */.hB)(c)));
    // 3. Download: the security domain comes in the first answer.
    if (!(await lease.stillHeld()))
        throw new errors/* ConflictError */.fK(`another run took over the activation of Managed HSM '${config.hsmName}' while this one prepared it (this run paused for more than ${LEASE_TTL_MS / 1000} s)`, 'rerun: the rerun waits for that activation and checks its escrow');
    const dp = await (0,context/* dataPlane */.nB)(ctx);
    // From the download request until the escrow settles, the security domain is only in Azure's answer
    // and in memory: a cancelled job lets the download finish, saves it to the rescue location first, and
    // stops once the escrow has settled (the runner's SIGINT and SIGTERM come seconds before it kills).
    let sdText;
    let sha256 = '';
    const guard = (0,escrow_rescue/* guardSecurityDomain */.A3)(rescue, (path, error) => {
        if (path)
            (0,runner/* saveState */.LZ)(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
        log/* error */.z3(path
            ? `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed: a copy is saved in ${path} (mode 0600); the escrow goes on until it ends, see below`
            : `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed, and it could not be saved to disk (${(0,escrow_rescue/* fsErrorMessage */.hX)(error)}); the escrow goes on until it ends, see below`);
    });
    let results = [];
    try {
        sdText = await (0,security_domain_api/* downloadSecurityDomain */.tL)(dp, jwks, a.quorum);
        (0,escrow/* maskSecurityDomain */.DE)(sdText);
        sha256 = (0,hash/* sha256Hex */.f)(sdText);
        log/* info */.pq(`  security domain downloaded (${(Buffer.byteLength(sdText) / 1024).toFixed(1)} KB, SHA-256 ${sha256})`);
        guard.hold(sdText);
        // 4. Escrow it at once, everywhere; keep it on disk only if no store took it.
        const metadata = {
            kind: 'security-domain',
            hsm: config.hsmName,
            sha256,
            quorum: String(a.quorum),
            keys: String(jwks.length),
            created: new Date().toISOString(),
            ...((0,run_url/* runUrl */.V)() ? { run: (0,run_url/* runUrl */.V)() } : {})
        };
        const content = Buffer.from(sdText, 'utf8');
        results = await Promise.allSettled(sdStores.map((s, i) => found[i].content
            ? (0,activate_escrow/* supersede */.hh)(ctx, a.securityDomainStores[i], found[i], content, metadata)
            : (0,escrow/* escrowTo */.ZZ)(s, content, metadata, escrow/* SD_CONTENT_TYPE */.Xn)));
    }
    finally {
        const signal = guard.release();
        if (signal) {
            const held = sdStores.filter((_, i) => results[i]?.status === 'fulfilled').map(s => s.url);
            // Written in the handler, unless that failed: then once more, in a fresh location if need be.
            if (sdText !== undefined && held.length === 0 && !rescue.file) {
                const path = rescueFile(rescue, sdText);
                if (typeof path === 'string')
                    (0,runner/* saveState */.LZ)(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
            }
            log/* error */.z3(sdText === undefined
                ? 'cancelled: the download request failed, no security domain was received'
                : `cancelled: ${held.length > 0 ? whereabouts(sha256, held, rescue.file) : keptOnlyIn(sha256, rescue.file, sdStores)}`);
            process.kill(process.pid, signal);
        }
    }
    const held = sdStores.filter((_, i) => results[i].status === 'fulfilled');
    const failed = sdStores.flatMap((s, i) => {
        const r = results[i];
        return r.status === 'rejected' ? [{ s, reason: r.reason }] : [];
    });
    for (const s of held)
        log/* info */.pq(`  security domain escrowed to ${s.url} and read back (SHA-256 matches)`);
    escrowRecord(ctx).securityDomain = { sha256, stores: held.map(s => s.url) };
    if (held.length === 0) {
        const refusals = `no security-domain-store accepted it:\n${failed.map(f => `- ${f.s.url}: ${(0,errors/* errorSummary */.N5)(f.reason)}`).join('\n')}`;
        const path = rescueFile(rescue, sdText);
        if (typeof path !== 'string')
            throw new errors/* AzureOperationError */.XP({ service: 'escrow', operation: 'store the security domain', hint: lostHint(sha256) }, `${refusals}\nand it could not be saved to disk either: ${path.map(escrow_rescue/* fsErrorMessage */.hX).join('; ')}`);
        (0,runner/* saveState */.LZ)(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
        throw new errors/* AzureOperationError */.XP({
            service: 'escrow',
            operation: 'store the security domain',
            hint: (0,escrow_rescue/* rescueHint */.bn)(path, sha256, sdStores[0]?.url)
        }, refusals);
    }
    ctx.facts.securityDomainSha256 = sha256;
    return { sdText, sha256, keys, held, failed };
}
/** Steps 5-6: prove the escrow recovers the HSM, wait for Azure, report stores that missed the escrow. */
async function confirmActivation(ctx, d) {
    const a = ctx.config.activation;
    try {
        if (d.keys.length >= a.quorum)
            escrowRecord(ctx).proven = proveRecovery(d.sdText, d.keys, a.quorum);
        await waitForActive(ctx);
    }
    catch (e) {
        // Whatever failed, the person reading this needs to know where the security domain is.
        throw withWhereabouts(e, whereabouts(d.sha256, d.held.map(h => h.url)));
    }
    if (d.failed.length > 0) {
        throw new errors/* AzureOperationError */.XP({
            service: 'escrow',
            operation: 'store the security domain everywhere',
            hint: 'fix those stores and rerun: the rerun copies the escrow to them'
        }, `the HSM is active and its security domain (SHA-256 ${d.sha256}) is escrowed in ${d.held.map(h => h.url).join(', ')}, but not in:\n` +
            d.failed.map(f => `- ${f.s.url}: ${(0,errors/* errorSummary */.N5)(f.reason)}`).join('\n'));
    }
}
/** The rescue file's path, or why it could not be written (in the prepared directory, then in a fresh one). */
function rescueFile(rescue, sdText) {
    if (rescue.file)
        return rescue.file;
    const errors = [];
    try {
        return rescue.write(sdText);
    }
    catch (e) {
        errors.push(e);
    }
    try {
        const fresh = (0,escrow_rescue/* prepareRescueLocation */.id)();
        rescue.file = fresh.write(sdText);
        return rescue.file;
    }
    catch (e) {
        errors.push(e);
    }
    return errors;
}
function whereabouts(sha256, held, copy) {
    return (`the security domain (SHA-256 ${sha256}) is escrowed in ${held.join(', ')} (read back, SHA-256 matches)` +
        (copy ? `; a copy is in ${copy}` : ''));
}
function keptOnlyIn(sha256, path, sdStores) {
    return path ? (0,escrow_rescue/* rescueHint */.bn)(path, sha256, sdStores[0]?.url) : lostHint(sha256);
}
function lostHint(sha256) {
    return (`no copy of the security domain (SHA-256 ${sha256}) exists: the HSM becomes active but cannot be restored from a backup. ` +
        'While it holds no key you need, delete and purge it (mode: teardown), fix the stores and the runner disk, and rerun');
}
function withWhereabouts(e, where) {
    return (0,errors/* withLine */.$2)(e, `Where the security domain is: ${where}`);
}
async function waitForActive(ctx) {
    const dp = await (0,context/* dataPlane */.nB)(ctx);
    await (0,hsm_active/* waitUntilActive */._)(ctx, 'activation', async () => {
        const s = await (0,security_domain_api/* downloadStatus */.D_)(dp);
        if (s.status === 'Failed')
            return {
                failed: new errors/* AzureOperationError */.XP({
                    service: 'Managed HSM',
                    operation: 'activate',
                    hint: 'the security domain is escrowed; rerun to try the activation again'
                }, `activation failed: ${s.details ?? 'no details'}`)
            };
        // Success (or a status-less answer): ARM has the last word on activation.
        if (s.status !== 'Success' && s.status !== 'Unknown')
            return { pending: s.details ?? s.status };
        return { done: true };
    });
}

;// CONCATENATED MODULE: ./src/steps/activate/index.ts
/**
 * activate: download the security domain (which activates the HSM) so that nothing is ever lost. The
 * step itself: its plan (activate, or check and complete the escrow of an active HSM), its finish and its
 * verify checks. The download and the whole activation are in activation.ts; the escrow of an active HSM in activate-escrow.ts.
 */







const activate = {
    name: 'activate',
    // The escrow checks, once the HSM answers (an inactive one has no escrow to check yet).
    prefetch: ctx => () => (0,activate_escrow/* prefetchEscrow */.dW)(ctx),
    async plan(ctx) {
        const hsm = await (0,context/* knownHsm */.OC)(ctx);
        const sdStores = (0,escrow/* storesFor */.iT)(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
        if (hsm.activationStatus === 'Active')
            return (0,activate_escrow/* planActive */.wX)(ctx, sdStores);
        return { changes: [activationChange(ctx, sdStores)], notes: [] };
    },
    async finish(ctx, changed) {
        if (!changed && ctx.facts.activationStatus)
            return;
        const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName);
        ctx.facts.activationStatus = hsm?.properties?.securityDomainProperties?.activationStatus;
    },
    /** The escrowed wrapping keys are there and intact, and a quorum of them still opens the escrowed security domain. */
    async verify(ctx) {
        const a = ctx.config.activation;
        if (a.wrappingKeyStores.length === 0 || (await (0,context/* knownHsm */.OC)(ctx)).activationStatus !== 'Active')
            return [];
        const sdCheck = (await Promise.all((0,escrow/* storesFor */.iT)(a.securityDomainStores, ctx.signIn.credential).map(s => (0,activate_escrow/* readEscrow */.Yo)(ctx, s)))).find(c => c.state === 'ok');
        const keyStores = (0,escrow/* storesFor */.iT)((0,escrow/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
        const keyChecks = await Promise.all(keyStores.map(s => (0,activate_escrow/* readEscrow */.Yo)(ctx, s)));
        const checks = keyChecks.map((k, i) => ({
            id: `activate.wrappingKey.${i + 1}`,
            status: k.state === 'ok' ? 'ok' : k.state === 'unreadable' ? 'error' : 'drift',
            desired: `escrowed in ${k.store.url}, SHA-256 as recorded`,
            actual: k.state === 'ok'
                ? 'escrowed, SHA-256 as recorded'
                : `${k.state} in ${k.store.url}${k.detail ? `: ${k.detail}` : ''}`,
            hint: k.state === 'ok'
                ? undefined
                : `restore wrapping key ${i + 1} at ${k.store.url} from a backup; quorum still needs ${a.quorum} keys`
        }));
        const keys = keyChecks.flatMap(k => {
            const bundle = k.state === 'ok' && k.content ? (0,key_bundle/* parseKeyBundle */.d)(k.content.toString('utf8')) : undefined;
            return bundle ? [{ label: k.store.url, key: bundle }] : [];
        });
        if (!sdCheck?.content)
            return checks;
        const report = keys.length >= a.quorum ? (0,escrow_proof/* proveEscrow */.GD)(sdCheck.content.toString('utf8'), keys) : undefined;
        const ok = report?.recovering ?? 0;
        checks.push({
            id: 'activate.escrow.recoverable',
            status: report && ok > 0 ? 'ok' : 'drift',
            desired: `a quorum of ${a.quorum} escrowed wrapping keys recovers the escrowed security domain`,
            actual: report
                ? `${ok} of ${report.subsets.length} ${report.required}-key subsets recover it`
                : `only ${keys.length} readable wrapping key(s), quorum is ${a.quorum}`,
            hint: report && ok > 0
                ? undefined
                : 'the escrow cannot recover the HSM: restore the missing keys now, while the HSM still runs'
        });
        return checks;
    }
};
function activationChange(ctx, sdStores) {
    const a = ctx.config.activation;
    const generating = a.certificates.length === 0;
    return {
        kind: 'create',
        id: 'activate.activationStatus',
        summary: `activate Managed HSM '${ctx.config.hsmName}': download its security domain, quorum ${a.quorum} of ${a.keyCount} wrapping keys`,
        details: [
            generating
                ? `wrapping keys: ${a.keyCount} RSA-${a.keySize} key pairs generated here, escrowed to ${a.wrappingKeyStores.map(t => t.url).join(', ')}`
                : `wrapping keys: ${a.certificates.length} custodian certificates (private keys stay with the custodians)`,
            `security domain escrow: ${a.securityDomainStores.map(t => t.url).join(', ')}`,
            ...(a.sharedStores.length > 0 ? [(0,config/* custodyLine */.o)(a.sharedStores)] : [])
        ],
        apply: () => activateNow(ctx, sdStores)
    };
}

// EXTERNAL MODULE: ./src/azure/backup-manifests.ts
var backup_manifests = __webpack_require__(8658);
;// CONCATENATED MODULE: ./src/steps/backup/freshness.ts


/** A clock skew a manifest's finish time may show ahead of ours. */
const SKEW_MS = 5 * 60_000;
const RUN_HINT = 'run the backup step on a schedule (mode: apply, steps: backup, nightly; docs/backup.md), and look at its last runs: a failed backup writes no manifest';
async function freshnessCheck(manifests, cfg, hsmName, now = Date.now()) {
    const { manifests: found, listed } = await manifests.list(hsmName);
    const usable = found.filter(m => m.hsmName.toLowerCase() === hsmName.toLowerCase() &&
        m.folderUrl.startsWith(`${cfg.containerUrl}/`) &&
        Date.parse(m.endTime) <= now + SKEW_MS);
    const desired = `a full backup younger than ${cfg.maxAge} in ${cfg.containerUrl}`;
    const newest = usable[0];
    if (!newest) {
        return {
            id: 'backup.freshness',
            status: 'drift',
            desired,
            actual: listed === 0
                ? `no full backup of '${hsmName}' recorded in ${cfg.containerUrl} (no manifest under ${backup_manifests/* BackupManifests */.tD.prefix(hsmName)})`
                : `none of the ${listed} backup manifests under ${backup_manifests/* BackupManifests */.tD.prefix(hsmName)} is a usable record of a finished backup`,
            hint: RUN_HINT
        };
    }
    const ageMs = Math.max(0, now - Date.parse(newest.endTime));
    const actual = `newest full backup finished ${newest.endTime} (${(0,wait/* formatDuration */.a3)(ageMs)} ago): ${newest.folderUrl}`;
    if (ageMs > cfg.maxAgeMs)
        return {
            id: 'backup.freshness',
            status: 'drift',
            desired,
            actual: `${actual}, older than ${cfg.maxAge}`,
            hint: RUN_HINT
        };
    return { id: 'backup.freshness', status: 'ok', desired, actual };
}

// EXTERNAL MODULE: ./src/azure/arm-reads.ts
var arm_reads = __webpack_require__(9577);
// EXTERNAL MODULE: ./src/posture/arm.ts
var arm = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/steps/backup/immutability.ts



async function immutabilityCheck(ctx, cfg) {
    const account = new URL(cfg.accountUrl).hostname.split('.')[0];
    try {
        const reader = (0,arm/* armReader */.SH)(ctx);
        const accounts = await ctx.reads.once('armList:Microsoft.Storage/storageAccounts', () => reader.listInSubscription('Microsoft.Storage/storageAccounts', arm_reads/* API_VERSIONS */.B.storage));
        const id = accounts.find(a => a.name?.toLowerCase() === account)?.id;
        if (!id)
            return undefined;
        const c = await reader.get(`the backup container '${cfg.container}'`, `${id}/blobServices/default/containers/${cfg.container}`, arm_reads/* API_VERSIONS */.B.storage);
        const p = c?.properties;
        if (p?.hasImmutabilityPolicy !== true && p?.immutableStorageWithVersioning?.enabled !== true)
            return { id: 'backup.immutability', status: 'ok' };
        return {
            id: 'backup.immutability',
            status: 'drift',
            severity: 'warning',
            actual: `the backup container ${cfg.containerUrl} has an immutability policy: full HSM backups into it fail`,
            hint: 'keep the HSM backups in a container without an immutability policy (protect them with soft delete and versioning instead)'
        };
    }
    catch (e) {
        if (!(0,arm/* denied */.wk)(e))
            throw e;
        log/* debug */.Yz('backup: the backup container is not readable on ARM; its immutability is not judged');
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/steps/backup/identity.ts
var identity = __webpack_require__(854);
// EXTERNAL MODULE: ./src/steps/backup/run.ts
var run = __webpack_require__(2103);
;// CONCATENATED MODULE: ./src/steps/backup/index.ts
/**
 * backup: a full backup of the HSM (every key and version, role assignments, settings) into a Blob container,
 * written by the HSM's user-assigned managed identity. Not part of `steps: all`: a scheduled job asks for it
 * (`steps: backup`), since only one backup runs at a time and a backup slows the HSM. apply checks the identity
 * and Azure's pre-check before it starts the long wait, then backs up and writes a manifest; plan says what it
 * would do; verify backs nothing up and judges the newest backup's age (freshness.ts).
 */










function backup_config(ctx) {
    const cfg = ctx.config.backup;
    if (!cfg)
        throw new errors/* ConflictError */.fK('the backup step has no backup-container-url and backup-identity', 'set both inputs');
    return cfg;
}
const backup = {
    name: 'backup',
    async plan(ctx) {
        const cfg = backup_config(ctx);
        const traits = config/* MODE_TABLE */.TL[ctx.config.mode];
        if (traits.proves)
            return { changes: [], notes: [] };
        await (0,context/* knownHsm */.OC)(ctx);
        const principal = (0,identity/* attachedIdentity */.T)(await (0,context/* readHsm */.B9)(ctx), cfg, ctx.config.hsmName);
        if (traits.writes) {
            const pre = await (0,identity/* preCheck */.U)(await (0,context/* dataPlane */.nB)(ctx), cfg, principal, ctx.deadline);
            log/* info */.pq(pre === 'passed'
                ? 'backup: the pre-check passed (identity, roles, container)'
                : 'backup: no pre-check on this HSM (api-version 7.6 not served); the backup itself checks');
        }
        return {
            changes: [
                {
                    kind: 'create',
                    id: 'backup.full',
                    summary: `take a full backup of Managed HSM '${ctx.config.hsmName}' into ${cfg.containerUrl}`,
                    details: [
                        `written by the HSM's identity ${cfg.identity}`,
                        `then a manifest under ${backup_manifests/* BackupManifests */.tD.prefix(ctx.config.hsmName)} (what verify judges freshness by)`
                    ],
                    async apply() {
                        ctx.facts.backup = await (0,run/* takeBackup */.ay)(ctx, cfg);
                    }
                }
            ],
            notes: []
        };
    },
    async finish() { },
    /** What the summary row states once the backup is taken. */
    report(ctx) {
        const b = ctx.facts.backup;
        return b
            ? [`full backup finished ${b.finishedAt} after ${(0,wait/* formatDuration */.a3)(b.durationMs)}: ${b.folderUrl}`]
            : [];
    },
    async verify(ctx) {
        const cfg = backup_config(ctx);
        const checks = [];
        await (0,context/* knownHsm */.OC)(ctx);
        try {
            (0,identity/* attachedIdentity */.T)(await (0,context/* readHsm */.B9)(ctx), cfg, ctx.config.hsmName);
            checks.push({ id: 'backup.identity', status: 'ok' });
        }
        catch (e) {
            if (!(e instanceof errors/* ConflictError */.fK))
                throw e;
            checks.push({ id: 'backup.identity', status: 'drift', actual: e.text, hint: e.hint });
        }
        const manifests = new backup_manifests/* BackupManifests */.tD(cfg.accountUrl, cfg.container, ctx.signIn.credential);
        checks.push(await freshnessCheck(manifests, cfg, ctx.config.hsmName));
        const immutable = await immutabilityCheck(ctx, cfg);
        if (immutable)
            checks.push(immutable);
        return checks;
    }
};

// EXTERNAL MODULE: ./src/steps/des/index.ts
var des = __webpack_require__(100);
// EXTERNAL MODULE: ./src/steps/provision.ts + 6 modules
var provision = __webpack_require__(772);
// EXTERNAL MODULE: ./src/azure/keys.ts
var azure_keys = __webpack_require__(187);
// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(6910);
// EXTERNAL MODULE: ./src/policy/index.ts + 15 modules
var src_policy = __webpack_require__(264);
// EXTERNAL MODULE: ./src/run/key-policy.ts
var key_policy = __webpack_require__(2829);
// EXTERNAL MODULE: ./src/run/key-versions.ts
var key_versions = __webpack_require__(8390);
// EXTERNAL MODULE: ./src/run/disk-encryption-sets.ts + 2 modules
var disk_encryption_sets = __webpack_require__(6679);
;// CONCATENATED MODULE: ./src/steps/key/versions.ts




const DISABLE_INPUT = 'disable-older-key-versions';
async function planOlderVersions(ctx, keys, current, policy, authorized) {
    const k = ctx.config.key;
    const { others, latest } = await authorized('read the key versions', () => (0,key_versions/* readKeyVersions */.FA)(ctx, keys));
    if (others.length === 0)
        return { changes: [], notes: [] };
    const notes = [];
    const keep = new Set([(0,key_versions/* versionOf */.E4)(current), ...latest]);
    let pinned;
    if (k.disableOlderVersions) {
        try {
            pinned = pinnedVersions(ctx, await (0,disk_encryption_sets/* readAllDes */.Uv)(ctx), current);
        }
        catch (e) {
            notes.push(`${DISABLE_INPUT}: no older version of key '${k.name}' was disabled: which Disk Encryption Sets point at them could not be read (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]})`);
        }
    }
    const changes = [];
    for (const v of others) {
        const id = (0,key_versions/* versionOf */.E4)(v);
        const j = (0,key_versions/* judgeKeyVersion */.br)(v, policy, k, ctx.config.cloud);
        const sets = pinned?.get(id);
        if (pinned && !keep.has(id) && !sets) {
            changes.push(disableChange(ctx, keys, id, j, authorized));
            continue;
        }
        if (!j.policyDiffers)
            continue;
        const kept = sets ? `; kept enabled: disk encryption set ${sets.join(', ')} points at it` : '';
        if (j.immutable) {
            notes.push(`key '${k.name}' version ${id} (an older enabled version) has an immutable release policy ${j.verdict === 'weaker' ? 'weaker than' : 'different from'} the inputs': Azure refuses any change to it (AKV.SKR.1020)${kept}. ` +
                `${j.reasons.join('; ')}. Disable it once no VM is pinned to it (${DISABLE_INPUT}: true does, unless a Disk Encryption Set points at it)`);
            continue;
        }
        changes.push(policyChange(ctx, keys, id, j, policy, authorized, kept));
    }
    return { changes, notes };
}
function verdictLines(j) {
    const head = j.verdict === 'weaker' ? "weaker than the inputs' release policy:" : 'differs from the inputs:';
    return [head, ...j.reasons.map(r => `  ${r}`)];
}
function policyChange(ctx, keys, version, j, policy, authorized, kept) {
    const k = ctx.config.key;
    return {
        kind: 'update',
        id: `key.version.${version}`,
        summary: `update the release policy of key '${k.name}' version ${version} (an older enabled version) to the inputs' policy${kept}`,
        details: verdictLines(j),
        async apply() {
            await authorized('update the key version', () => keys.call(`update the release policy of key '${k.name}' version ${version}`, c => c.updateKeyProperties(k.name, version, { releasePolicy: (0,key_policy/* releasePolicyOf */.dG)(policy, k.immutable) })));
        }
    };
}
function disableChange(ctx, keys, version, j, authorized) {
    const name = ctx.config.key.name;
    return {
        kind: 'update',
        id: `key.version.${version}`,
        summary: `disable key '${name}' version ${version} (an older enabled version; ${DISABLE_INPUT})`,
        details: j.verdict === 'same' ? ['same as the inputs, but not the latest'] : verdictLines(j),
        async apply() {
            await authorized('disable the key version', () => keys.call(`disable key '${name}' version ${version}`, c => c.updateKeyProperties(name, version, { enabled: false })));
        }
    };
}
/**
 * The versions of this key the sets point at (their active key, and previous keys while a rotation runs),
 * each with the sets' names. A key URL without a version follows the latest, which is kept anyway.
 */
function pinnedVersions(ctx, sets, current) {
    const host = current.id ? new URL(current.id).host.toLowerCase() : '';
    const name = ctx.config.key.name.toLowerCase();
    const out = new Map();
    for (const s of sets) {
        const urls = [s.properties?.activeKey?.keyUrl, ...(s.properties?.previousKeys ?? []).map(p => p.keyUrl)];
        for (const url of urls) {
            const version = versionIn(url, host, name);
            if (!version)
                continue;
            const label = `'${s.name ?? s.id ?? '?'}'`;
            out.set(version, [...new Set([...(out.get(version) ?? []), label])]);
        }
    }
    return out;
}
function versionIn(url, host, name) {
    if (!url)
        return undefined;
    try {
        const u = new URL(url);
        const [, keys, key, version] = u.pathname.replace(/\/+$/, '').split('/');
        if (u.host.toLowerCase() !== host || keys?.toLowerCase() !== 'keys' || key?.toLowerCase() !== name)
            return undefined;
        return version?.toLowerCase() || undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/run/role-assignments.ts
var role_assignments = __webpack_require__(2866);
// EXTERNAL MODULE: ./src/steps/key/escrow.ts
var key_escrow = __webpack_require__(4112);
// EXTERNAL MODULE: ./src/run/authorized.ts
var run_authorized = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/escrow/key-backup-objects.ts
var key_backup_objects = __webpack_require__(7754);
// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
// EXTERNAL MODULE: ./src/shared/replication.ts
var replication = __webpack_require__(6575);
// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
;// CONCATENATED MODULE: ./src/steps/key/settle.ts
/**
 * Two runs that both find no key both create it, and Azure keeps both as versions of one key: each run
 * would hand a different KEK_KID to its deployment. Creating is not idempotent on Azure and the key step
 * may run without any store to hold a lease in, so a run that created the key settles afterwards on one
 * rule that every run computes the same way from the same list: the oldest version wins (created time,
 * then the version id). A run whose own version lost disables it (deleting would delete the whole key on a
 * Managed HSM) and tags it superseded-by the winner, so that later reads and verify pass over it; the run
 * then outputs the winner.
 *
 * The list is read once all versions created in the same second as this run's are visible: `created` has
 * one-second resolution, so a competitor stamped in that second could still sort first. Azure lists a
 * version as soon as its create answers, so waiting SETTLE_MS after this run's create answered is enough.
 *
 * On a multi-region HSM the region that answers the read may not have the new version yet (Microsoft Learn,
 * "Enable multi-region replication on Azure Managed HSM": writes reach both regions within up to 6 minutes;
 * one name serves both). The list is then read again until it holds this run's own version, for at most that
 * window (and the run's deadline), and the summary says the run waited; versions another region has not
 * shown yet cannot take part in the settling.
 */







const SETTLE_MS = 2000;
/** Oldest first: created time, then the version id (both runs see the same ids, so they agree on ties). */
function oldestFirst(a, b) {
    const t = (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0);
    if (t !== 0)
        return t;
    const [x, y] = [(a.version ?? '').toLowerCase(), (b.version ?? '').toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
}
/** The version every run settles on: the oldest one no run has marked superseded. */
function winningVersion(versions) {
    return versions.filter(v => !v.tags?.[azure_keys/* SUPERSEDED_BY_TAG */.kX]).sort(oldestFirst)[0];
}
/**
 * After this run created `created` for a key it found absent: the version every concurrent creator also
 * ends with. Disables this run's version, with a log line, when another run's is older.
 */
async function settleCreatedKey(ctx, keys, created, authorized, wait = retry/* sleep */.yy) {
    const name = ctx.config.key.name;
    const mine = created.properties.version ?? (created.id ? (0,key_backup_objects/* keyVersion */.Kc)(created.id) : '');
    await wait(SETTLE_MS);
    const versions = await listedWith(ctx, keys, mine, authorized, wait);
    const winner = winningVersion(versions);
    if (!winner?.version || winner.version.toLowerCase() === mine.toLowerCase())
        return created;
    const others = versions.filter(v => v.version !== mine).length;
    log/* info */.pq(`key: ${others} other version(s) of '${name}' were created by a concurrent run; the oldest, ${winner.version}, ` +
        `is kept: this run disables its own version ${mine} (tagged ${azure_keys/* SUPERSEDED_BY_TAG */.kX}: ${winner.version}) and uses ${winner.version}`);
    await authorized('disable the superseded key version', () => keys.call(`disable key '${name}' version ${mine}`, c => c.updateKeyProperties(name, mine, {
        enabled: false,
        tags: { ...(created.properties.tags ?? {}), [azure_keys/* SUPERSEDED_BY_TAG */.kX]: winner.version }
    })));
    const kept = await authorized('read the key', () => keys.read(name, winner.version));
    if (!kept?.id)
        throw new errors/* ConflictError */.fK(`key '${name}' version ${winner.version} (created by a concurrent run) is not readable`, 'rerun: the key step then reads the version in effect');
    return kept;
}
/** The key's versions once the list holds `mine`: read again while the answering region lags, bounded. */
async function listedWith(ctx, keys, mine, authorized, wait) {
    const name = ctx.config.key.name;
    const started = Date.now();
    const until = Math.min(ctx.deadline || Infinity, started + replication/* REPLICATION_WINDOW_MS */.pd);
    const listsMine = (vs) => vs.some(v => v.version?.toLowerCase() === mine.toLowerCase());
    for (let attempt = 0, pause = 2_000;; attempt++, pause = Math.min(pause * 2, 30_000)) {
        // A key whose every version is too new for the answering region is absent there (404).
        const versions = (await authorized('list the key versions', () => (0,call/* absentOn404 */.lz)(() => keys.versions(name)))) ?? [];
        if (listsMine(versions)) {
            if (attempt > 0)
                ctx.facts.keyReadBackWait =
                    `the HSM listed the new version ${mine} of '${name}' only after ${Math.round((Date.now() - started) / 1000)} s: ` +
                        'the region that answered had not received it yet (a multi-region HSM replicates writes within up to 6 minutes)';
            return versions;
        }
        if (Date.now() + pause > until)
            throw new errors/* ConflictError */.fK(`key '${name}': this run created version ${mine}, and the HSM still does not list it after ${Math.round((Date.now() - started) / 1000)} s`, 'a multi-region HSM shows a write in its other region within up to 6 minutes (Microsoft Learn): rerun, and the key step reads the key as it then is');
        log/* info */.pq(`key: the HSM does not list the new version ${mine} of '${name}' yet (the region answering may not have it: a multi-region HSM replicates writes within up to 6 minutes); reading again in ${pause / 1000} s`);
        await wait(pause);
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/azure/key-attestation.ts

/** The first api-version with key attestation (7.6-preview.1/.2 in the recordings). */
const ATTESTATION_API_VERSION = '7.6';
/** The attestation of `version`, or without one of the key's latest version (the path's version is optional). */
async function fetchKeyAttestation(plane, name, version) {
    const at = version === undefined ? '' : `/${encodeURIComponent(version)}`;
    const path = `/keys/${encodeURIComponent(name)}${at}/attestation`;
    try {
        const r = await plane.send('read the key attestation', 'GET', path, {
            query: { 'api-version': ATTESTATION_API_VERSION }
        });
        return { kind: 'answer', body: r.body };
    }
    catch (e) {
        // 400 (an api-version or path the service does not know) and 404 (no such route) say "no API here"; a 403
        // or a transient failure stays an error.
        if (e instanceof errors/* AzureOperationError */.XP && (e.details.status === 400 || e.details.status === 404))
            return { kind: 'unavailable', status: e.details.status, code: e.details.code };
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/attestation/errors.ts
/** A key attestation that does not verify, naming the check that failed. */
class AttestationError extends Error {
    check;
    constructor(
    /** The check, in words: 'root', 'certificate signature', 'blob signature', 'modulus', 'generated in the HSM'… */
    check, detail) {
        super(`key attestation: the ${check} check failed: ${detail}`);
        this.check = check;
        this.name = 'AttestationError';
    }
}

;// CONCATENATED MODULE: ./src/attestation/roots.ts
/**
 * The trust anchors of key attestation: Marvell's (formerly Cavium's) LiquidSecurity root certificates, the
 * roots of the HSM devices behind Azure Managed HSM. Compiled in, pinned by SHA-256 fingerprint: the action
 * reads no variable, input or file that could add an anchor. Source: the two roots Microsoft's validator
 * pins (Azure/azure-managed-hsm-key-attestation, src/vendor/marvell/marvell_validate_key_attestation.py,
 * MARVELL_HSM_ROOT_CERTIFICATE and MARVELL_LS2_HSM_ROOT_CERTIFICATE), which Marvell also publishes.
 * Certificates are public data.
 */

const LIQUIDSECURITY_ROOT = `-----BEGIN CERTIFICATE-----
MIIDvzCCAqegAwIBAgIBADANBgkqhkiG9w0BAQsFADCBkTELMAkGA1UEBhMCVVMx
EzARBgNVBAgMCkNhbGlmb3JuaWExETAPBgNVBAcMCFNhbiBKb3NlMRUwEwYDVQQK
DAxDYXZpdW0sIEluYy4xFzAVBgNVBAsMDkxpcXVpZFNlY3VyaXR5MSowKAYDVQQD
DCFsb2NhbGNhLmxpcXVpZHNlY3VyaXR5LmNhdml1bS5jb20wHhcNMjQwNzI1MjAy
OTIwWhcNMzQwNzIzMjAyOTIwWjCBkTELMAkGA1UEBhMCVVMxEzARBgNVBAgMCkNh
bGlmb3JuaWExETAPBgNVBAcMCFNhbiBKb3NlMRUwEwYDVQQKDAxDYXZpdW0sIElu
Yy4xFzAVBgNVBAsMDkxpcXVpZFNlY3VyaXR5MSowKAYDVQQDDCFsb2NhbGNhLmxp
cXVpZHNlY3VyaXR5LmNhdml1bS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAw
ggEKAoIBAQDckvqQM4cvZjdyqOLGMTjKJwvfxJOhVqw6pojgUMz10VU7z3CtJrwH
cESwEDUxUkMxzof55kForURLaVVCjedYauEisnZwwSWkAemp9GREm8iX6BXtoZ8V
DWoO2H0AJiHCM62qJeZVXhm8A/zWG0PyLrCINH0yz9ah6BcwdsZGLvQvkpUNJhwV
Mrb9nI9BlRmTWhoot1YSTf7jfibEkc/pN+0Ez30RFaL3MhyIaNJS22+10tny4sOU
TsPEtXKah5mPlHpnrGcB18z5Yxgr0vDNYx+FCPGo95XGrq9NYfNMlwsSeFSr8D1V
Q7HZmipeTB1hQTUQw/K/Rmtw5NiljkYTAgMBAAGjIDAeMA4GA1UdDwEB/wQEAwIC
hDAMBgNVHRMEBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQCYlr7aeTnbRfPJGc5Q
5LEVreY91mp0e5KN331iG3DXQ6x07RMY4PPN+MvVgIPD21Ix6Xtp6Vj9VcsBpV7h
+6X69s79Ix8j0XV+6+AnrLuftjUjNw7iI9shOYa9aSTg/R6YpwwpXH+L3SZZ+VEF
yBg5gM7az0aJvuF48fSxNNwel11VC6xkrUFTuzI13GqYe+2rWhc/4TWvs1PpSzA0
K0W7KYFX2jhGi7H1uOrVneJiaVgD9bgIao/UaQabjlLT62wE9DegpdKPOHbIiQp5
XOV1rIP/pAWSSiyY7BB7c1acC/3ucDoSjTNUEsVIk3Zsm2jiUy0XC/rZTxaZkHaH
Bux7
-----END CERTIFICATE-----`;
const LIQUIDSECURITY2_ROOT = `-----BEGIN CERTIFICATE-----
MIIFbTCCA1WgAwIBAgIBADANBgkqhkiG9w0BAQsFADBpMUMwCQYDVQQGEwJVUzAJ
BgNVBAgMAkNBMAsGA1UECwwEU1NCVTAOBgNVBAcMB1Nhbkpvc2UwDgYDVQQKDAdN
YXJ2ZWxsMSIwIAYDVQQDDBljYXZpdW0tbGlxdWlkc2VjdXJpdHktbHMyMB4XDTI0
MDcyMjIwMzQyM1oXDTM0MDcyMDIwMzQyM1owaTFDMAkGA1UEBhMCVVMwCQYDVQQI
DAJDQTALBgNVBAsMBFNTQlUwDgYDVQQHDAdTYW5Kb3NlMA4GA1UECgwHTWFydmVs
bDEiMCAGA1UEAwwZY2F2aXVtLWxpcXVpZHNlY3VyaXR5LWxzMjCCAiIwDQYJKoZI
hvcNAQEBBQADggIPADCCAgoCggIBAM8x8JJPLiULUzlmnDKTQpFvg0iy5Gajj7Vt
OU04sszOVxcFWM4aUIhGxq7bbKtX7SxMiuR7wfSIkTW+O5AR3kG+PxhPKycfKaAS
0HTO38eRmI1q94E26g/kn4+6H8ECWOcRm1UxNljEJNsHc6NCw3NotVFfefvEYgpj
2NS5RGcWs9IcPhXfz7uEdA60taEdyhvqetoPQoYUKFpWB3uuhOXuYUuNyiXqDem6
QLG1zlc7da9tZ9H/xZZUwfhPxDYhi7j6PQbgbookN/csVC29tNitTZ8CKFPxLoGD
JMKCoV87Kn9Uce8Q6+6x7uGvngpJuzTksX7F69hEPA+qwmPu5+NczaxNHtgffcsM
+1Yoz0HJF7EQwXb8eST729Y7KHOF/rMOv3pCpKVIVpMrlfPZrIsf8pEMDKGKyHnZ
27Vyd1YwkHGLpw5oEsbctlzz0YbKntj5srToQflRj/8Gb27W4SgFJ8FpaTnNnHrE
SUKrXgFgfShA7wOZbdPzgNbRD1kdeptqypwXYr2OGlqidWRFtoQsLjmy+DO7/Y8T
0KzI5WpNpS2fxP/JlW070mCW0BmvMZBy9QarJjhwOWKD2lRqDWCkguRJpjKnLBUU
jjnBWQuJnFYcLuM1IGvIBhRyMuvsuv+iwNwabIaAffb55NK52jR695XN53/VqrW/
GGXVRbXbAgMBAAGjIDAeMA4GA1UdDwEB/wQEAwIChDAMBgNVHRMEBTADAQH/MA0G
CSqGSIb3DQEBCwUAA4ICAQCNdyJeWTIyOQ6mymRYta5tXfzIdBUT01RYSkLmsCga
sLbSHAZlq8HOwmozEr8ZL39f2BQ798VFHvHwsjJJVbJNY6Y9CmXehssPWxFlNYTX
j4P4GIevp19St9VU1d9alThYDyP7ZHTZhMoqlZfvqYQ6pzdvI+R+9vhHumENn8Nm
0HBz7lwc0rwM1LpnfqD2k/dmCk1x943e5o+Rzi7kYzm4+gjtaEftbvTX5FZ/jTpv
dOOkGv50kn37JHaR/+FJwEmYQEbst7hVykyQO/FJ0wtkFkjNDpPqQyTeuWpAeTn8
xYe8zZ8UGiolqFGJO2SimLITCsbofoEUnnYr4Hp7z4N1vZIbg65GvVTdo8be8IDz
AKrK3fMOT+zsKjaGPhVCvMObfu3w+yQ6Xon8850BXIkQbizuLprEW/TwhTMAta4N
1c5rGEQf7Ew0NuO3kGyANWub63ZzAMaLCJ8hRKh6VdbtF16E/ShjmbvXXV6O0Sg5
B81l7Hads8Z/DWNTYpqyt4MqW0429+31VwZle4yryV8bfsRi7Yj7Y0FUxCQYeNc0
zJ+6GDHbEW5D+DB2S7Kyd4IK2WEg6HJZWS2EM6+oVEO9dBgKOAVMZL74ozlhRS7m
783mhtSNzDnJe2DHaTofytCJFWeIntMvl7KWljI9LBaJ3PczFfg2b0IbkFE/hMJI
sA==
-----END CERTIFICATE-----`;
/** The pinned roots and their SHA-256 fingerprints (as Node prints them), checked when first loaded. */
const PINNED = [
    [
        'Marvell LiquidSecurity root (CN=localca.liquidsecurity.cavium.com)',
        LIQUIDSECURITY_ROOT,
        '23:01:43:DF:00:E0:B4:52:74:3E:06:8A:5B:3F:C0:8D:F8:F0:6C:EF:C4:85:4E:A6:27:AE:B7:EB:D7:0E:E2:F4'
    ],
    [
        'Marvell LiquidSecurity 2 root (CN=cavium-liquidsecurity-ls2)',
        LIQUIDSECURITY2_ROOT,
        '17:64:4D:E0:D3:3B:C7:3B:2F:4E:F4:C2:0A:11:F6:C8:CC:1F:72:3A:4C:D8:3E:E6:00:36:1C:BB:24:D8:D2:E5'
    ]
];
let pinned;
/** The compiled-in Marvell roots; throws if a root no longer has its pinned fingerprint. */
function marvellRoots() {
    pinned ??= PINNED.map(([name, pem, fingerprint]) => {
        const certificate = new external_node_crypto_.X509Certificate(pem);
        if (certificate.fingerprint256 !== fingerprint)
            throw new Error(`the compiled-in ${name} does not have its pinned fingerprint`);
        return { name, certificate, pinned: true };
    });
    return pinned;
}
/**
 * Where a test preload (`node --import`, scripts/attestation-preload.ts) leaves the emulator's test root, as
 * PEM. Only code already running inside the process can set it, and such code can do anything the action
 * does: it adds no way in that a workflow's `env:`, an input or a file offers. The report names such an
 * anchor as a test root, never as Marvell's.
 */
const TEST_ANCHORS = Symbol.for('managed-hsm-skr.attestation.test-anchors');
/** The anchors a run trusts: the pinned Marvell roots, and a test root a preload put in this process. */
function trustAnchors() {
    const extra = globalThis[TEST_ANCHORS];
    const tests = Array.isArray(extra) ? extra.filter((p) => typeof p === 'string') : [];
    return [
        ...marvellRoots(),
        ...tests.map(pem => ({
            name: 'test root added by a preload (not Marvell)',
            certificate: new external_node_crypto_.X509Certificate(pem),
            pinned: false
        }))
    ];
}

// EXTERNAL MODULE: ./src/security-domain/base64url.ts
var base64url = __webpack_require__(3017);
;// CONCATENATED MODULE: ./src/attestation/blob.ts
/**
 * The key attestation blob of format MRVL-1 (Marvell LiquidSecurity), as the recorded Azure response holds it
 * (__tests__/attestation/fixtures, from Azure/azure-cli's test_keyvault_hsm_key_attestation.yaml) and as
 * Microsoft's validator reads it (Azure/azure-managed-hsm-key-attestation, src/vendor/marvell/):
 *
 *   0..15   reserved (zero)           16  u32 object length (12 + attribute area)
 *   20      u32 object handle         24  u32 attribute count     28  u32 attribute area length
 *   32..    attributes: u32 type, u32 length, value (PKCS#11 attribute numbers), then zero padding
 *   last    the partition key's RSA signature over every byte before it (its modulus length, 256 bytes)
 *
 * All integers are big-endian. The signature is PKCS#1 v1.5 (type 1) padding around either a bare SHA-256
 * digest (the recorded response: firmware 2.x) or a DigestInfo (firmware 3.x, in Microsoft's validator).
 */

/** PKCS#11 attribute numbers the report reads (CKA_*). */
const ATTR = {
    class: 0x0000,
    token: 0x0001,
    label: 0x0003,
    keyType: 0x0100,
    id: 0x0102,
    sensitive: 0x0103,
    encrypt: 0x0104,
    decrypt: 0x0105,
    wrap: 0x0106,
    unwrap: 0x0107,
    sign: 0x0108,
    verify: 0x010a,
    modulus: 0x0120,
    modulusBits: 0x0121,
    publicExponent: 0x0122,
    extractable: 0x0162,
    local: 0x0163,
    neverExtractable: 0x0164,
    alwaysSensitive: 0x0165,
    keyGenMechanism: 0x0166
};
/** CKO_* object classes. */
const CLASS = { publicKey: 2, privateKey: 3, secretKey: 4 };
class BlobFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BlobFormatError';
    }
}
const HEADER = 32;
const MAX_ATTRIBUTES = 256;
/** Splits a blob into its attributes and signature; `signatureLength` is the signing key's modulus in bytes. */
function parseBlob(blob, signatureLength) {
    if (blob.length < HEADER + signatureLength)
        throw new BlobFormatError(`${blob.length} bytes is too short`);
    const signed = blob.subarray(0, blob.length - signatureLength);
    const objectLength = signed.readUInt32BE(16);
    const count = signed.readUInt32BE(24);
    const areaLength = signed.readUInt32BE(28);
    if (objectLength !== areaLength + 12 || HEADER + areaLength > signed.length)
        throw new BlobFormatError('its lengths do not agree with its size');
    if (count > MAX_ATTRIBUTES)
        throw new BlobFormatError(`it claims ${count} attributes`);
    const attributes = new Map();
    const end = HEADER + areaLength;
    let o = HEADER;
    for (let i = 0; i < count; i++) {
        if (o + 8 > end)
            throw new BlobFormatError('an attribute runs past the attribute area');
        const type = signed.readUInt32BE(o);
        const length = signed.readUInt32BE(o + 4);
        if (o + 8 + length > end)
            throw new BlobFormatError('an attribute runs past the attribute area');
        attributes.set(type, signed.subarray(o + 8, o + 8 + length));
        o += 8 + length;
    }
    return { attributes, signed, signature: blob.subarray(blob.length - signatureLength) };
}
/** Which signature form matched, or undefined when the signature does not verify with `key`. */
function blobSignatureForm(parsed, key) {
    if ((0,external_node_crypto_.verify)('sha256', parsed.signed, key, parsed.signature))
        return 'PKCS#1 v1.5, SHA-256 DigestInfo';
    let recovered;
    try {
        recovered = (0,external_node_crypto_.publicDecrypt)({ key, padding: external_node_crypto_.constants.RSA_PKCS1_PADDING }, parsed.signature);
    }
    catch {
        return undefined;
    }
    const digest = (0,external_node_crypto_.createHash)('sha256').update(parsed.signed).digest();
    return recovered.length === digest.length && recovered.equals(digest)
        ? 'PKCS#1 v1.5, bare SHA-256'
        : undefined;
}
/** A boolean attribute (CK_BBOOL: one byte), undefined when absent or not one byte. */
function flag(attributes, type) {
    const v = attributes.get(type);
    return v?.length === 1 ? v[0] !== 0 : undefined;
}
/** An unsigned integer attribute, without leading zero bytes (for comparing RSA numbers). */
function unsigned(attributes, type) {
    const v = attributes.get(type);
    return v ? stripZeros(v) : undefined;
}
function stripZeros(b) {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0)
        i++;
    return b.subarray(i);
}
/** A text attribute (label, id) without its NUL padding. */
function blob_text(attributes, type) {
    const v = attributes.get(type);
    return v ? v.toString('latin1').replace(/\0+$/, '') : undefined;
}

;// CONCATENATED MODULE: ./src/attestation/der.ts
/**
 * Just enough DER to read what Node's X509Certificate does not expose: a certificate's version and its
 * extensions (basic constraints, key usage). The HSM device certificate is X.509 v1, without extensions, and
 * the chain check must tell "no basic constraints" from "basic constraints saying not a CA".
 */
class DerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DerError';
    }
}
function read(buf, offset) {
    if (offset + 2 > buf.length)
        throw new DerError('truncated DER');
    const tag = buf[offset];
    let len = buf[offset + 1];
    let start = offset + 2;
    if (len & 0x80) {
        const n = len & 0x7f;
        if (n < 1 || n > 4 || start + n > buf.length)
            throw new DerError('bad DER length');
        len = buf.readUIntBE(start, n);
        start += n;
    }
    const end = start + len;
    if (end > buf.length)
        throw new DerError('truncated DER');
    return { tag, value: buf.subarray(start, end), end };
}
function children(value) {
    const out = [];
    for (let o = 0; o < value.length;) {
        const t = read(value, o);
        out.push(t);
        o = t.end;
    }
    return out;
}
/** Dotted OID text of an OBJECT IDENTIFIER's contents. */
function oidText(value) {
    const parts = [];
    let n = 0;
    for (const b of value) {
        n = n * 128 + (b & 0x7f);
        if (!(b & 0x80)) {
            if (parts.length === 0)
                parts.push(Math.min(2, Math.floor(n / 40)), n - Math.min(2, Math.floor(n / 40)) * 40);
            else
                parts.push(n);
            n = 0;
        }
    }
    return parts.join('.');
}
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
/** Reads version and extensions from a certificate's DER. */
function certificateFields(der) {
    const cert = read(der, 0);
    const tbs = children(cert.value)[0];
    if (!tbs || tbs.tag !== 0x30)
        throw new DerError('no TBSCertificate');
    const parts = children(tbs.value);
    let version = 1;
    const first = parts[0];
    if (first?.tag === 0xa0)
        version = (read(first.value, 0).value[0] ?? 0) + 1;
    const extensions = new Map();
    const wrapper = parts.find(p => p.tag === 0xa3);
    if (wrapper) {
        for (const ext of children(read(wrapper.value, 0).value)) {
            const fields = children(ext.value);
            const oid = fields[0];
            const value = fields[fields.length - 1];
            if (oid?.tag !== 0x06 || value?.tag !== 0x04)
                throw new DerError('bad extension');
            extensions.set(oidText(oid.value), value.value);
        }
    }
    const out = { version, extensions };
    const bc = extensions.get(BASIC_CONSTRAINTS);
    if (bc) {
        const first = children(read(bc, 0).value)[0];
        out.ca = first?.tag === 0x01 && first.value[0] !== 0;
    }
    const ku = extensions.get(KEY_USAGE);
    if (ku) {
        const bits = read(ku, 0).value;
        // BIT STRING: first byte is the unused-bit count; keyCertSign is bit 5 of the first byte of flags.
        out.keyCertSign = ((bits[1] ?? 0) & 0x04) !== 0;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/attestation/chain.ts
/**
 * The certificate path of a key attestation: pinned root -> HSM device certificate -> partition certificate,
 * each link checked explicitly (issuer names the issuer certificate's subject, signature, validity), since a
 * generic path validator rejects the genuine chain: the device certificate is X.509 v1, without extensions.
 * A v1 (or extension-less) issuer is accepted only directly under a pinned root; basic constraints and key
 * usage are checked where present. The per-HSM certificate Microsoft issues (self-signed, certifying the same
 * partition key again) is reported, never used as an anchor.
 */



const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;
const MAX_CERTIFICATES = 16;
/** The certificates of a PEM bundle (only CERTIFICATE blocks; anything else in it is ignored). */
function parseBundle(pem) {
    const blocks = pem.match(PEM) ?? [];
    if (blocks.length === 0)
        throw new AttestationError('certificate bundle', 'it holds no certificate');
    if (blocks.length > MAX_CERTIFICATES)
        throw new AttestationError('certificate bundle', `it holds ${blocks.length} certificates`);
    return blocks.map((b, i) => {
        try {
            return new external_node_crypto_.X509Certificate(b);
        }
        catch {
            throw new AttestationError('certificate bundle', `certificate ${i + 1} does not parse`);
        }
    });
}
function oneLine(name) {
    return name.split('\n').join(', ');
}
function chain_link(role, c) {
    return {
        role,
        subject: oneLine(c.subject),
        fingerprint256: c.fingerprint256,
        notAfter: new Date(c.validTo).toISOString()
    };
}
function checkValid(c, what, now) {
    const from = new Date(c.validFrom);
    const to = new Date(c.validTo);
    if (!(from.getTime() <= now.getTime() && now.getTime() <= to.getTime()))
        throw new AttestationError('certificate validity', `the ${what} certificate (${oneLine(c.subject)}) is valid from ${from.toISOString()} to ${to.toISOString()}, not at ${now.toISOString()}`);
}
const issuedBy = (c, issuer) => c.issuer === issuer.subject && c.subject !== c.issuer;
/** Checks that `issuer` may issue certificates: a CA where it says so; v1 only when `directUnderRoot`. */
function checkIssuerCapable(issuer, what, directUnderRoot) {
    const f = certificateFields(Buffer.from(issuer.raw));
    if (f.ca === false)
        throw new AttestationError('basic constraints', `the ${what} certificate's basic constraints say it is no CA`);
    if (f.keyCertSign === false)
        throw new AttestationError('key usage', `the ${what} certificate's key usage does not allow signing certificates`);
    if (f.ca === undefined && !directUnderRoot)
        throw new AttestationError('basic constraints', `the ${what} certificate has no basic constraints and is not directly under a pinned root`);
}
/** The one certificate of `bundle` that `issuer` issued and signed, or the reason there is none. */
function issuedCertificate(bundle, issuer, what) {
    const named = bundle.filter(c => issuedBy(c, issuer));
    if (named.length === 0)
        throw new AttestationError('chain', `no ${what} certificate in the bundle names ${oneLine(issuer.subject)} as its issuer`);
    const signed = named.filter(c => c.verify(issuer.publicKey));
    if (signed.length === 0)
        throw new AttestationError('certificate signature', `the ${what} certificate's signature does not verify with its issuer's key`);
    if (signed.length > 1)
        throw new AttestationError('chain', `the bundle holds ${signed.length} ${what} certificates`);
    return signed[0];
}
/** Builds and checks the path from an anchor to the partition certificate. */
function verifyChain(bundle, anchors, now) {
    const candidates = anchors.filter(a => bundle.some(c => issuedBy(c, a.certificate)));
    if (candidates.length === 0)
        throw new AttestationError('root', `no certificate in the bundle is issued by a trusted root (${anchors.map(a => a.name).join('; ')})`);
    let first;
    for (const anchor of candidates) {
        try {
            return pathFrom(bundle, anchor, now);
        }
        catch (e) {
            first ??= e;
        }
    }
    throw first;
}
function pathFrom(bundle, anchor, now) {
    checkValid(anchor.certificate, 'root', now);
    const device = issuedCertificate(bundle, anchor.certificate, 'device');
    checkValid(device, 'device', now);
    checkIssuerCapable(device, 'device', true);
    const partition = issuedCertificate(bundle, device, 'partition');
    checkValid(partition, 'partition', now);
    const chain = {
        anchor,
        device,
        partition,
        links: [chain_link('root', anchor.certificate), chain_link('device', device), chain_link('partition', partition)]
    };
    const selfSigned = bundle.find(c => c.subject === c.issuer && c.verify(c.publicKey));
    const msLeaf = selfSigned &&
        bundle.find(c => c !== selfSigned && issuedBy(c, selfSigned) && c.verify(selfSigned.publicKey));
    if (selfSigned && msLeaf) {
        const der = (c) => c.publicKey.export({ type: 'spki', format: 'der' });
        chain.microsoft = {
            subject: oneLine(selfSigned.subject),
            fingerprint256: selfSigned.fingerprint256,
            sameKey: der(msLeaf).equals(der(partition))
        };
    }
    return chain;
}

;// CONCATENATED MODULE: ./src/attestation/verify.ts
/**
 * Verifies a Managed HSM key attestation (the `attributes.attestation` of GET /keys/{name}/{version}/attestation)
 * against a key's public numbers: the certificate path to a pinned root, each blob's signature by the partition
 * key, then what the blobs attest: the modulus and exponent equal the key's, the key object's class, and that
 * the HSM generated the key itself (CKA_LOCAL). Pure: no I/O; the anchors and the clock are given.
 *
 * It proves where the key was generated and shows its attributes (an exportable SKR key is extractable by
 * design: reported, not judged). It does not prove who may release the key, or under which policy.
 */




/** The formats this verifier knows; any other is reported as not verified. */
const SUPPORTED_FORMATS = ['MRVL-1'];
const SAFE_FORMAT = /^[A-Za-z0-9._-]{1,32}$/;
/** The attestation's format, for the report: the version text when it is short and plain, else undefined. */
function formatOf(version) {
    return typeof version === 'string' && SAFE_FORMAT.test(version) ? version : undefined;
}
function decodeField(value, what) {
    if (typeof value !== 'string' || value.length === 0)
        throw new AttestationError('format', `${what} is missing or not a string`);
    try {
        return (0,base64url/* b64urlDecode */.so)(value, what);
    }
    catch {
        throw new AttestationError('format', `${what} is not base64url`);
    }
}
/** Checks one blob: signature, object class, modulus, exponent, key path. Returns its attributes. */
function checkBlob(blob, which, chain, req) {
    const bits = chain.partition.publicKey.asymmetricKeyDetails?.modulusLength ?? 2048;
    let parsed;
    try {
        parsed = parseBlob(blob, Math.ceil(bits / 8));
    }
    catch (e) {
        if (e instanceof BlobFormatError)
            throw new AttestationError('blob format', `the ${which} key blob: ${e.message}`);
        throw e;
    }
    const form = blobSignatureForm(parsed, chain.partition.publicKey);
    if (!form)
        throw new AttestationError('blob signature', `the ${which} key blob's signature does not verify with the partition key`);
    const a = parsed.attributes;
    const cls = a.get(ATTR.class);
    const wanted = which === 'private' ? CLASS.privateKey : CLASS.publicKey;
    if (cls?.length !== 1 || cls[0] !== wanted)
        throw new AttestationError('object class', `the ${which} key blob does not attest a ${which} key object`);
    const n = unsigned(a, ATTR.modulus);
    if (!n || !n.equals(stripZeros(decodeField(req.key.n, 'the key modulus'))))
        throw new AttestationError('modulus', `the ${which} key blob attests another modulus than the key's`);
    const e = unsigned(a, ATTR.publicExponent);
    if (!e || !e.equals(stripZeros(decodeField(req.key.e, 'the key exponent'))))
        throw new AttestationError('exponent', `the ${which} key blob attests another public exponent than the key's`);
    const id = blob_text(a, ATTR.id) ?? '';
    const path = id.split('/');
    if (path.length !== 4 || path[1] !== 'keys' || path[3] !== req.expect.version)
        throw new AttestationError('key version', `the ${which} key blob names another key version than the one in use`);
    if (req.expect.name !== undefined && path[2] !== req.expect.name)
        throw new AttestationError('key name', `the ${which} key blob names another key than the one in use`);
    return { attributes: a, form };
}
/** Verifies an attestation; throws AttestationError naming the failed check. */
function verifyKeyAttestation(req) {
    const fields = (req.attestation ?? undefined);
    if (!fields || typeof fields !== 'object')
        return { status: 'not-verified', reason: 'the response carries no attestation' };
    const format = formatOf(fields.version);
    if (!format || !SUPPORTED_FORMATS.includes(format))
        return {
            status: 'not-verified',
            format,
            reason: `attestation format ${format ?? '(unreadable)'} is not one this action knows (${SUPPORTED_FORMATS.join(', ')})`
        };
    const pem = decodeField(fields.certificatePemFile, 'certificatePemFile').toString('latin1');
    const chain = verifyChain(parseBundle(pem), req.anchors, req.now);
    const priv = checkBlob(decodeField(fields.privateKeyAttestation, 'privateKeyAttestation'), 'private', chain, req);
    if (fields.publicKeyAttestation !== undefined && fields.publicKeyAttestation !== null)
        checkBlob(decodeField(fields.publicKeyAttestation, 'publicKeyAttestation'), 'public', chain, req);
    const a = priv.attributes;
    const local = flag(a, ATTR.local);
    if (local !== true)
        throw new AttestationError('generated in the HSM', 'the private key blob does not say the HSM generated the key (CKA_LOCAL)');
    const bits = a.get(ATTR.modulusBits);
    return {
        status: 'verified',
        format,
        root: {
            name: chain.anchor.name,
            pinned: chain.anchor.pinned,
            fingerprint256: chain.anchor.certificate.fingerprint256
        },
        chain: chain.links,
        microsoft: chain.microsoft,
        signature: priv.form,
        attributes: {
            local,
            extractable: flag(a, ATTR.extractable),
            neverExtractable: flag(a, ATTR.neverExtractable),
            sensitive: flag(a, ATTR.sensitive),
            alwaysSensitive: flag(a, ATTR.alwaysSensitive),
            modulusBits: bits?.length === 4 ? bits.readUInt32BE(0) : undefined,
            id: blob_text(a, ATTR.id)
        }
    };
}

;// CONCATENATED MODULE: ./src/attestation/index.ts
/** Key attestation: the pinned roots, the certificate path, the MRVL-1 blobs. Pure: no I/O. */




;// CONCATENATED MODULE: ./src/run/key-attestation.ts
/**
 * The key version's attestation: fetched from the HSM, verified to a pinned Marvell root (src/attestation/),
 * and kept as evidence under RUNNER_TEMP for users to archive (the service's answer as JSON, which Microsoft's
 * validator also reads), with its SHA-256. Azure's answer is evidence, not authority: a verdict comes only from
 * the verifier. An unknown format or an HSM without the API is said ("not verified"), never passed off as verified.
 */








const b64url = (v) => (v ? Buffer.from(v).toString('base64url') : '');
/** Where the evidence goes: RUNNER_TEMP (the runner's per-job folder), else the OS temporary folder. */
function evidenceFile(name, version) {
    const dir = (0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'managed-hsm-skr-attestation');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    // The version comes from Azure: only a plain one names a file.
    return (0,external_node_path_.join)(dir, `${name}-${/^[0-9a-z]{1,64}$/i.test(version) ? version : 'version'}.json`);
}
const attestationRead = (name, version) => `keyAttestation:${name}/${version.toLowerCase()}`;
/** The fetch of the key's latest version's attestation (the path without a version). */
const latestRead = (name) => `keyAttestation:${name}/latest`;
/**
 * Starts the fetch of the latest version's attestation beside the key's own read: the version in use is the
 * latest but after a concurrent first creation (steps/key/settle.ts), so this answer is almost always the one
 * attestKey needs, a round trip sooner than a fetch that waits for the key's read to name the version.
 */
function prefetchLatestAttestation(ctx, plane) {
    if (ctx.config.key.skipAttestation)
        return;
    const name = ctx.config.key.name;
    void ctx.reads.prefetch(latestRead(name), () => fetchKeyAttestation(plane, name));
}
/**
 * Starts the fetch attestKey joins, as soon as the key's read names the version in use: on the critical path it
 * would otherwise wait for the key step's turn, after every earlier step's checks. Only the fetch: the verdict is
 * still reached in the step's turn, from what the HSM answered. Not when the latest version's answer (above)
 * names this version.
 */
function prefetchAttestation(ctx, plane, key) {
    const version = key.properties.version;
    if (ctx.config.key.skipAttestation || !version || !key.key?.n || !key.key.e)
        return;
    const name = ctx.config.key.name;
    void fromLatest(ctx, version).then(answer => {
        if (!answer)
            void ctx.reads.prefetch(attestationRead(name, version), () => fetchKeyAttestation(plane, name, version));
    });
}
/** The latest version's answer when one was fetched (and nothing written since) and it is `version`'s. */
async function fromLatest(ctx, version) {
    const latest = ctx.reads.started(latestRead(ctx.config.key.name));
    const answer = await latest?.catch(() => undefined);
    if (answer?.kind !== 'answer')
        return undefined;
    const kid = answer.body?.key?.kid;
    const named = typeof kid === 'string' ? kid.split('/').pop() : undefined;
    return named?.toLowerCase() === version.toLowerCase() ? answer : undefined;
}
/** Fetches and verifies the attestation of `key` (the version in use); the record lands in ctx.facts. */
async function attestKey(ctx, key) {
    const version = key.properties.version ?? '';
    const record = await attest(ctx, key, version);
    ctx.facts.attestation = record;
    return record;
}
async function attest(ctx, key, version) {
    const name = ctx.config.key.name;
    if (ctx.config.key.skipAttestation)
        return { version, result: { status: 'skipped' } };
    // The verifier compares the attested modulus and exponent: RSA keys only (what Secure Key Release uses).
    if (!key.key?.n || !key.key.e)
        return {
            version,
            result: {
                status: 'not-verified',
                reason: `this action verifies the attestation of RSA keys only; key '${name}' is ${log/* oneLine */.TN(String(key.keyType ?? 'of another type'))}`
            }
        };
    const answer = (await fromLatest(ctx, version)) ??
        (await ctx.reads.once(attestationRead(name, version), async () => fetchKeyAttestation(await (0,context/* dataPlane */.nB)(ctx), name, version)));
    if (answer.kind === 'unavailable')
        return {
            version,
            result: {
                status: 'not-verified',
                reason: `the HSM offers no key attestation at api-version 7.6 (it answered ${answer.status}${answer.code ? ` ${log/* oneLine */.TN(answer.code).slice(0, 60)}` : ''}); set skip-key-attestation: true where the API is missing`
            }
        };
    const text = JSON.stringify(answer.body);
    const file = evidenceFile(name, version);
    (0,external_node_fs_.writeFileSync)(file, text);
    const sha256 = (0,hash/* sha256Hex */.f)(text);
    const attributes = answer.body?.attributes;
    try {
        const result = verifyKeyAttestation({
            attestation: attributes?.attestation,
            key: { n: b64url(key.key?.n), e: b64url(key.key?.e) },
            expect: { name, version },
            anchors: trustAnchors(),
            now: new Date()
        });
        return { version, result, sha256, file };
    }
    catch (e) {
        if (!(e instanceof AttestationError))
            throw e;
        return { version, result: { status: 'failed', check: e.check, reason: e.message }, sha256, file };
    }
}
/** The record in words, one line each, for the log (values from Azure pass through log.oneLine). */
function attestationLines(r) {
    const res = r.result;
    switch (res.status) {
        case 'skipped':
            return [
                'key attestation: not fetched (skip-key-attestation): where the key was generated is not checked'
            ];
        case 'failed':
            return [`key attestation of version ${r.version}: FAILED, ${log/* oneLine */.TN(res.reason)}`];
        case 'not-verified':
            return [`key attestation of version ${r.version}: not verified: ${log/* oneLine */.TN(res.reason)}`];
        case 'verified': {
            const a = res.attributes;
            return [
                `key attestation of version ${r.version}: verified (${res.format}) to ${res.root.name}, SHA-256 ${res.root.fingerprint256}`,
                `  generated inside the HSM: yes; extractable: ${a.extractable ? 'yes (an exportable SKR key, by design)' : 'no'}`,
                ...res.chain.map(l => `  ${l.role}: ${log/* oneLine */.TN(l.subject)} (SHA-256 ${l.fingerprint256})`),
                `  evidence: ${r.file} (SHA-256 ${r.sha256})`
            ];
        }
    }
}
/** What to do when an attestation fails a check. */
const ATTESTATION_FAILED_HINT = 'do not rely on this key version: the HSM could not show that it generated it. Keep the evidence file for ' +
    'investigation, check the HSM (and any proxy between the runner and Azure), then rerun mode: verify; ' +
    'open a support case with Microsoft if it fails again';
/** verify's finding for the record: ok, not verified (a warning), failed (critical), or not fetched (a warning). */
function attestationCheck(r) {
    const res = r.result;
    const id = 'key.attestation';
    const desired = 'the key version in use generated inside the HSM, attested to a pinned Marvell root';
    switch (res.status) {
        case 'verified':
            return { id, status: 'ok', desired, actual: attestationLines(r)[0] };
        case 'failed':
            return {
                id,
                status: 'drift',
                severity: 'critical',
                desired,
                actual: res.reason,
                hint: ATTESTATION_FAILED_HINT
            };
        case 'not-verified':
            return {
                id,
                status: 'drift',
                severity: 'warning',
                actual: `not verified: ${res.reason}`,
                hint: "keep the evidence file and check it with Microsoft's validator (Azure/azure-managed-hsm-key-attestation)"
            };
        case 'skipped':
            return {
                id,
                status: 'drift',
                severity: 'warning',
                actual: 'not fetched (skip-key-attestation): where the key was generated is not checked',
                hint: 'set skip-key-attestation: false where the cloud offers key attestation'
            };
    }
}

// EXTERNAL MODULE: ./src/steps/des/backing.ts
var backing = __webpack_require__(1833);
;// CONCATENATED MODULE: ./src/steps/key/index.ts
/**
 * key: the exportable key-encryption key bound to its release policy. Absent: created exportable with
 * the policy. Present: type, size and exportability are compared (they cannot change: a new key name is
 * the way out), the policy is compared by meaning (the service rewrites its text) and updated when it is
 * mutable, and an immutable policy that differs is explained (AKV.SKR.1020). The key's other enabled
 * versions are planned in key-versions.ts. Calls that need a role just granted are retried on 403 with
 * backoff to a bound, never after a fixed sleep.
 */
















const key = {
    name: 'key',
    // The region's default attestation provider at once; once the HSM answers, the key and the grant plan checks.
    prefetch(ctx) {
        (0,key_policy/* prefetchDefaultAuthority */.cN)(ctx);
        return hsm => {
            const plane = hsm.plane();
            const current = (0,key_versions/* prefetchCurrentKey */.W5)(ctx, hsm.keys());
            // apply and verify attest the version in use (plan does not): its fetch starts with the key's read.
            const traits = config/* MODE_TABLE */.TL[ctx.config.mode];
            if (traits.writes || traits.proves) {
                prefetchLatestAttestation(ctx, plane);
                void current.then(c => c?.key && prefetchAttestation(ctx, plane, c.key));
            }
            if (ctx.config.steps.includes('rbac'))
                return;
            (0,role_assignments/* prefetchRoleDefinitions */.sH)(ctx, plane);
            (0,role_assignments/* prefetchAssignments */.YB)(ctx, plane, (0,role_assignments/* implicitForKeyStep */.aJ)().map(w => w.principal));
        };
    },
    async plan(ctx) {
        const k = ctx.config.key;
        const { policy, defaultAuthority } = await (0,key_policy/* desiredPolicy */.Rt)(ctx);
        if (defaultAuthority)
            log/* info */.pq(`key: attestation authority ${defaultAuthority} (the region's default provider)`);
        checkPolicyTests(ctx, policy);
        for (const w of k.policyWarnings)
            log/* warning */.$e(`release-policy: ${w}`);
        // Accepted with allow-permissive-release-policy: said in the log and named in the summary, never silent.
        const warnings = k.permissiveAccepted.map(f => `release policy is permissive (accepted by allow-permissive-release-policy): ${f}`);
        for (const w of warnings)
            log/* warning */.$e(`key: ${w}`);
        for (const line of authorityLines(ctx, policy))
            log/* info */.pq(`key: ${line}`);
        // The identity that creates keys needs Crypto User; the rbac step grants it when it runs. Without it
        // the key cannot even be read, so the key's own plan is made once the grant is in place.
        if (!ctx.config.steps.includes('rbac')) {
            const grants = (await (0,role_assignments/* planAssignments */.oL)(ctx, (0,role_assignments/* implicitForKeyStep */.aJ)())).changes;
            if (grants.length > 0)
                return { changes: [...grants, afterGrant(ctx)], notes: [], warnings };
        }
        const changes = [];
        const keys = await (0,context/* keysClient */.yx)(ctx);
        const { key: current, superseded } = await (0,run_authorized/* untilAuthorized */.E)(ctx, 'read the key', () => readKey(ctx, keys));
        // A version disabled by a run that lost a concurrent first creation is a settled leftover, not drift.
        for (const s of superseded)
            log/* info */.pq(`key: version ${s.properties.version} of '${k.name}' is disabled, superseded by ${s.properties.tags?.[azure_keys/* SUPERSEDED_BY_TAG */.kX]} (two runs created the key at once); using that one`);
        ctx.facts.keySnapshot = current;
        const authorized = (what, fn) => (0,run_authorized/* untilAuthorized */.E)(ctx, what, fn);
        if (!current) {
            ctx.facts.keyPlanned = plannedKey(ctx, undefined, policy);
            changes.push(createChange(ctx, keys, policy));
            changes.push(...(await (0,key_escrow/* planKeyBackup */.pl)(ctx, keys, undefined, true, authorized)));
            return { changes, notes: [], warnings };
        }
        const plan = compare(ctx, keys, current, policy);
        const planned = plannedKey(ctx, current, policy);
        if (plan.changes.length > 0)
            ctx.facts.keyPlanned = planned;
        // The Disk Encryption Sets the key backs, whether or not des is among the steps: said, and a change they
        // cannot use refused before the key is written.
        const { hsmUri } = await (0,context/* knownHsm */.OC)(ctx);
        const sets = await checkBackedSets(ctx, hsmUri, plan.changes.length > 0 ? planned : undefined);
        warnings.push(...sets.warnings);
        // Every other enabled version: a VM pinned to one gets its policy, not the latest's. verify leaves them to
        // the key-versions posture, which tells weaker (critical) from merely different (a warning).
        const older = config/* MODE_TABLE */.TL[ctx.config.mode].proves
            ? { changes: [], notes: [] }
            : await planOlderVersions(ctx, keys, current, policy, authorized);
        // key-backup-store: escrowed after the key's own changes, so it holds the key as the step leaves it.
        const backup = await (0,key_escrow/* planKeyBackup */.pl)(ctx, keys, current, plan.changes.length > 0, authorized);
        return {
            changes: [...changes, ...plan.changes, ...older.changes, ...backup],
            notes: [...plan.notes, ...older.notes],
            warnings,
            info: sets.info
        };
    },
    /** The summary says when the read-back of a new version waited for a lagging region (settle.ts). */
    report: ctx => (ctx.facts.keyReadBackWait ? [ctx.facts.keyReadBackWait] : []),
    async finish(ctx, changed) {
        const keys = await (0,context/* keysClient */.yx)(ctx);
        const k = ctx.facts.keySettled ||
            (!changed && ctx.facts.keySnapshot) ||
            (await (0,run_authorized/* untilAuthorized */.E)(ctx, 'read the key', () => keys.get(ctx.config.key.name)));
        if (!k?.id)
            throw new errors/* ConflictError */.fK(`key '${ctx.config.key.name}' is not readable after the key step`);
        const { hsmResourceId } = await (0,context/* knownHsm */.OC)(ctx);
        ctx.facts.keyName = ctx.config.key.name;
        ctx.facts.kek = k;
        ctx.facts.kekKid = k.id;
        ctx.facts.kekResource = `${hsmResourceId}/keys/${ctx.config.key.name}`;
        // apply: the attestation of the version in use, fetched and verified in every run, converged or not: no
        // earlier run's record of it is trusted (docs/security.md, "Key attestation"). verify has its own check.
        const created = changed && ctx.facts.keySettled === k;
        if (config/* MODE_TABLE */.TL[ctx.config.mode].writes && ctx.facts.attestation?.version !== k.properties.version)
            await attestInUse(ctx, k, created);
    },
    /** The attestation of the version in use: generated inside the HSM, to a pinned Marvell root. */
    async verify(ctx) {
        const current = ctx.facts.keySnapshot;
        if (!current?.properties.version)
            return [];
        const record = await attestKey(ctx, current);
        const check = attestationCheck(record);
        if (check.status === 'ok')
            log/* lines */.Mn(attestationLines(record).map(l => `key: ${l}`));
        return [check];
    }
};
/**
 * Logs the attestation of the key version apply leaves in use; one that fails a check stops the run (the key is
 * there, unproven), whether this run created it or found it.
 */
async function attestInUse(ctx, k, created) {
    const record = await attestKey(ctx, k);
    const lines = attestationLines(record).map(l => `key: ${l}`);
    if (record.result.status === 'verified')
        log/* lines */.Mn(lines);
    else if (record.result.status !== 'failed')
        for (const l of lines)
            log/* warning */.$e(l);
    else
        throw new errors/* ConflictError */.fK(created
            ? `key '${ctx.config.key.name}' was created, but ${record.result.reason}`
            : `key '${ctx.config.key.name}' (version ${record.version}, in use): ${record.result.reason}`, ATTESTATION_FAILED_HINT);
}
/** The key as the step leaves it: the one in Azure (or a new one) with the inputs' policy and operations. */
function plannedKey(ctx, current, policy) {
    const k = ctx.config.key;
    const releasePolicy = (0,key_policy/* releasePolicyOf */.dG)(policy, k.immutable || current?.properties.releasePolicy?.immutable === true);
    return {
        ...(current ?? { name: k.name, keyType: k.type }),
        keyOperations: k.operations,
        properties: {
            ...(current?.properties ?? { name: k.name, vaultUrl: '' }),
            exportable: true,
            enabled: true,
            releasePolicy
        }
    };
}
/**
 * The sets of the subscription that use this key: named in the step's row, warned about when the HSM can be
 * purged, and a planned change of the key that one of them could not use is refused (DriftError: verify and
 * plan report it with its advice, apply stops before the key is written).
 */
async function checkBackedSets(ctx, hsmUri, planned) {
    const name = ctx.config.key.name;
    const found = await (0,backing/* setsBackedByKey */.M8)(ctx, hsmUri);
    if (found.unchecked) {
        const w = `the subscription's Disk Encryption Sets could not be listed (${found.unchecked}): whether a set uses key '${name}' was not checked; the identity needs Microsoft.Compute/diskEncryptionSets/read on the subscription (docs/setup.md)`;
        log/* warning */.$e(`key: ${w}`);
        return { info: [], warnings: [w] };
    }
    if (found.sets.length === 0)
        return { info: [], warnings: [] };
    const backs = `key '${name}' backs disk encryption set(s) ${found.sets.map(backing/* describeSet */.iG).join(', ')}; ${backing/* OTHER_SUBSCRIPTIONS */.g$}`;
    log/* info */.pq(`key: ${backs}`);
    const broken = planned ? (0,backing/* setsBrokenBy */.aI)(planned, found.sets) : [];
    if (broken.length > 0)
        throw new errors/* DriftError */.ul('key.des', `the inputs would change key '${name}' so that a disk encryption set using it stops working (refused; nothing is changed):\n${broken.map(b => `- ${log/* oneLine */.TN(b)}`).join('\n')}`, `keep the key as the set needs it: for a ${config/* CVM_ENCRYPTION_TYPE */.su} set use release-policy-preset: cvm-platform (or a release-policy that releases to the CVM platform token), and keep wrapKey and unwrapKey in key-operations; to move the set to another key, use a new key-name with disk-encryption-set`);
    const warnings = (await (0,backing/* purgeProtected */.Ag)(ctx))
        ? []
        : // The des step warns about its own set.
            found.sets
                .filter(s => !(ctx.config.steps.includes('des') && s.name === ctx.config.des?.name))
                .map(s => (0,backing/* unprotectedSetWarning */.WM)(ctx, [s]));
    for (const w of warnings)
        log/* warning */.$e(`key: ${w}`);
    return { info: [backs], warnings };
}
/** Plans and applies the key once a role granted in this run applies (the plan retries on 403 meanwhile). */
function afterGrant(ctx) {
    return {
        kind: 'update',
        id: 'key.access',
        summary: `then check key '${ctx.config.key.name}' and create or update it`,
        details: ['the signed-in identity could not read keys before the grant above'],
        async apply() {
            const plan = await key.plan(ctx);
            for (const note of plan.notes)
                log/* warning */.$e(`key: ${note}`);
            for (const change of plan.changes) {
                log/* info */.pq(`key: ${change.summary}`);
                for (const d of change.details)
                    log/* info */.pq(`  - ${d}`);
                await change.apply();
            }
        }
    };
}
/** One line per custom (not the region's shared) attestation provider the policy trusts. */
function authorityLines(ctx, policy) {
    const domain = (0,clouds/* attestationDomain */.L3)(ctx.config.cloud);
    const hosts = policy.anyOf.map(b => (0,src_policy/* authorityKind */.SA)(b.authority, domain)).filter(a => a.kind === 'custom');
    return [...new Set(hosts.map(h => h.host))].map(h => `attestation authority: custom provider ${h}`);
}
/**
 * What the release-policy rules say about the policy the key carries in Azure, for the drift details: the
 * authority rule and the permissive findings, by rule and JSONPath (never values from the policy).
 */
function azurePolicyProblems(ctx, value) {
    const lint = (0,src_policy/* lintPolicy */.GF)(value, { attestation: (0,clouds/* attestationDomain */.L3)(ctx.config.cloud) });
    const authority = lint.errors.filter(f => f.rule.startsWith('authority'));
    return [
        ...authority.map(f => `in Azure, trusts an authority that breaks the authority rule ([${f.rule}] at ${f.path})`),
        ...lint.permissive.map(f => `in Azure, could release the key to the wrong VM ([${f.rule}] at ${f.path})`)
    ];
}
/** The key as it is in effect (shared with the step's early read, prefetchCurrentKey). */
function readKey(ctx, keys) {
    return (0,key_versions/* readCurrentKey */.LL)(ctx, keys);
}
/** "Will my VM get the key?": the release-policy-test cases, evaluated offline before any write. */
function checkPolicyTests(ctx, policy) {
    const tests = ctx.config.key.policyTests;
    if (tests.length === 0)
        return;
    const report = (0,src_policy/* runPolicyTests */.h6)(policy, tests);
    for (const line of report.lines)
        log/* info */.pq(`key: release-policy-test ${line}`);
    if (!report.passed)
        throw new errors/* ConfigurationError */.j1('release-policy-test', `${report.failed} of ${report.total} expectations do not hold for the release policy:\n${report.lines.filter(l => l.startsWith('FAIL')).join('\n')}`);
}
function createChange(ctx, keys, policy) {
    const k = ctx.config.key;
    return {
        kind: 'create',
        id: 'key.exists',
        summary: `create exportable ${k.type} key '${k.name}' (${k.size ? `${k.size} bits` : k.curve}) bound to its release policy`,
        details: [
            `operations: ${k.operations.join(', ')}`,
            `release policy: ${policy.anyOf.map(b => b.authority).join(', ')}${k.immutable ? ' (immutable)' : ''}`,
            ...authorityLines(ctx, policy)
        ],
        async apply() {
            const created = await (0,run_authorized/* untilAuthorized */.E)(ctx, 'create the key', () => keys.call(`create key '${k.name}'`, c => c.createKey(k.name, k.type, {
                keySize: k.size && k.type !== 'EC-HSM' ? k.size : undefined,
                curve: k.curve,
                keyOps: k.operations,
                exportable: true,
                releasePolicy: (0,key_policy/* releasePolicyOf */.dG)(policy, k.immutable),
                tags: { 'managed-by': 'managed-hsm-skr-action' }
            })));
            // Another run may have found the key absent too and created its own version meanwhile.
            ctx.facts.keySettled = await settleCreatedKey(ctx, keys, created, (what, fn) => (0,run_authorized/* untilAuthorized */.E)(ctx, what, fn));
        }
    };
}
function compare(ctx, keys, current, policy) {
    const k = ctx.config.key;
    const p = current.properties;
    const fixed = (0,key_versions/* fixedDifferences */.hD)(current, k);
    if (fixed.length > 0)
        throw new errors/* DriftError */.ul('key.fixedProperties', `key '${k.name}' exists but ${fixed.join('; ')}`, 'these cannot change on an existing key: choose a new key-name (and move workloads to it), or align the inputs with the key');
    const notes = [];
    const details = [];
    const update = {};
    const currentPolicy = p.releasePolicy?.encodedPolicy
        ? (0,src_policy/* toPolicyValue */.fe)(Buffer.from(p.releasePolicy.encodedPolicy).toString('utf8'))
        : undefined;
    const currentImmutable = p.releasePolicy?.immutable === true;
    const samePolicy = currentPolicy !== undefined && (0,src_policy/* policiesEqual */.jL)(currentPolicy, policy);
    if (!samePolicy) {
        const diff = currentPolicy ? (0,src_policy/* describePolicyDifference */.du)(currentPolicy, policy) : ['no release policy set'];
        // A permissive policy in Azure is always a difference here (the desired one passed the same rules), so
        // verify reports it as drift; this says why it matters.
        if (currentPolicy)
            diff.push(...azurePolicyProblems(ctx, currentPolicy));
        if (currentImmutable)
            throw new errors/* DriftError */.ul('key.releasePolicy', `key '${k.name}' has an immutable release policy that differs from the desired one:\n${diff.map(d => `- ${log/* oneLine */.TN(d)}`).join('\n')}\n` +
                'Azure refuses any change to it (AKV.SKR.1020: Immutable Key Release Policy cannot be modified).', 'create the key under a new key-name with the desired policy and move workloads to it; the old key keeps its policy for good');
        update.releasePolicy = (0,key_policy/* releasePolicyOf */.dG)(policy, k.immutable);
        details.push(...diff.map(d => `release policy: ${d}`));
    }
    else if (k.immutable && !currentImmutable) {
        update.releasePolicy = (0,key_policy/* releasePolicyOf */.dG)(policy, true);
        details.push('release policy: mutable -> immutable (permanent)');
    }
    else if (!k.immutable && currentImmutable) {
        notes.push(`key '${k.name}' has an immutable release policy; immutable-release-policy: false cannot undo that`);
    }
    const ops = [...(current.keyOperations ?? [])].map(String).sort();
    if (ops.join() !== [...k.operations].sort().join()) {
        update.keyOps = k.operations;
        details.push(`operations: ${ops.join(', ') || '(none)'} -> ${k.operations.join(', ')}`);
    }
    if (p.enabled === false) {
        update.enabled = true;
        details.push('enabled: false -> true');
    }
    if (p.expiresOn && p.expiresOn.getTime() < Date.now())
        notes.push(`key '${k.name}' expired on ${p.expiresOn.toISOString()}: VMs cannot use it; rotate it`);
    if (details.length === 0)
        return { changes: [], notes };
    return {
        changes: [
            {
                kind: 'update',
                id: 'key.properties',
                summary: `update key '${k.name}'`,
                details,
                async apply() {
                    await (0,run_authorized/* untilAuthorized */.E)(ctx, 'update the key', () => keys.call(`update key '${k.name}'`, c => c.updateKeyProperties(k.name, update)));
                }
            }
        ],
        notes
    };
}

// EXTERNAL MODULE: ./src/steps/rbac.ts + 1 modules
var rbac = __webpack_require__(9139);
;// CONCATENATED MODULE: ./src/steps/index.ts






const STEPS = { provision: provision/* provision */.m, activate: activate, rbac: rbac/* rbac */.v, key: key, des: des/* des */.Fp, backup: backup };


/***/ })

};
