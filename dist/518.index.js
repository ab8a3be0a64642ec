export const id = 518;
export const ids = [518];
export const modules = {

/***/ 8795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ME: () => (/* binding */ asAzureError),
/* harmony export */   WG: () => (/* binding */ azureCall),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   e8: () => (/* binding */ emptyErrorAnswerPolicy),
/* harmony export */   lz: () => (/* binding */ absentOn404)
/* harmony export */ });
/* unused harmony export authorizationHint */
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1818);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5177);
// azure/: thin clients for the Azure APIs the action calls, with their errors and long-operation waits.
/**
 * One place that turns a failed SDK call into an AzureOperationError naming the service, the operation,
 * Azure's status, code and request id, so no caller has to dig through RestError shapes.
 */



async function azureCall(service, operation, fn, hint) {
    try {
        return await fn();
    }
    catch (e) {
        throw asAzureError(service, operation, e, hint);
    }
}
function asAzureError(service, operation, e, hint) {
    if (e instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP)
        return e;
    if (e instanceof _origin_js__WEBPACK_IMPORTED_MODULE_2__/* .ForeignOriginError */ .HN)
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
            service,
            operation,
            code: 'ForeignOrigin',
            hint: `${service} answered with a URL on another origin, which Azure never does: check what stands between ` +
                'the runner and Azure (HTTPS_PROXY, a TLS-inspecting proxy) before you rerun'
        }, (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceText */ .Lo)(e.message));
    if ((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__/* .isRestError */ .T0)(e) && (e.statusCode === undefined || (e.response && notFromService(e.response))))
        return unreachableError(service, operation, e, hint);
    if ((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__/* .isRestError */ .T0)(e)) {
        const body = errorBody(e.details) ?? errorBody(safeJson(e.response?.bodyAsText ?? undefined));
        const code = body?.code ?? e.code;
        const status = e.statusCode;
        const requestId = e.response?.headers.get('x-ms-request-id') ??
            e.request?.headers.get('x-ms-client-request-id') ??
            undefined;
        const message = body?.message ?? e.message;
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
            service,
            operation,
            status,
            code: code === 'REQUEST_SEND_ERROR' ? undefined : code,
            requestId,
            hint: resolveHint(hint, code, status) ??
                (code === 'AuthorizationFailed' ? authorizationHint(message) : undefined) ??
                defaultHint(service, status)
        }, (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceText */ .Lo)(message));
    }
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({ service, operation, hint: resolveHint(hint, undefined, undefined) }, (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceText */ .Lo)((0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)));
}
/**
 * No answer from the service: what failed on the way, and no request id, since Azure saw nothing (the SDK's
 * client request id would send a support case looking for a request that never arrived).
 */
function unreachableError(service, operation, e, hint) {
    const host = hostOf(e.request?.url);
    const message = e.statusCode === undefined
        ? e.message || 'no answer'
        : `${host} did not answer: ${viaProxy() ? 'the HTTPS proxy' : 'something on the way'} answered ` +
            `${e.statusCode} with an empty body, as a proxy does for a host it cannot reach`;
    // "getaddrinfo ENOTFOUND host" names its code; "socket hang up" (ECONNRESET) does not.
    const code = e.code && e.code !== 'REQUEST_SEND_ERROR' && !message.includes(e.code) ? e.code : undefined;
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
        service,
        operation,
        code,
        unreachable: true,
        hint: resolveHint(hint, undefined, undefined) ??
            `check the URL and that the runner can reach ${host} (DNS name, firewall, HTTPS_PROXY); ` +
                `if ${service} was down, rerun the job later`
    }, (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceText */ .Lo)(message));
}
/**
 * An error answer with no body and no Azure request id comes from something on the way, not from the
 * service: proxies answer 502/503/504 so for a host that does not resolve or refuses connections.
 */
function notFromService(r) {
    return r.status >= 500 && bare(r);
}
/** No body and no Azure request id: not an answer an Azure service writes. */
function bare(r) {
    return !r.bodyAsText?.trim() && !r.headers.get('x-ms-request-id');
}
/**
 * Key Vault's SDK reads every error answer as Key Vault JSON and throws a TypeError ("Cannot read properties
 * of undefined (reading 'error')") on one without a body, such as a proxy's 502 for an unknown vault. This
 * policy (perCall: after the SDK's retries) raises such answers as a RestError the SDK passes through.
 */
const emptyErrorAnswerPolicy = {
    name: 'emptyErrorAnswerPolicy',
    async sendRequest(request, next) {
        const response = await next(request);
        if (response.status >= 400 && bare(response))
            throw new _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__/* .RestError */ .pj(`${request.method} answered ${response.status} with an empty body`, {
                statusCode: response.status,
                request,
                response
            });
        return response;
    }
};
function hostOf(url) {
    try {
        return new URL(url ?? '').host || 'the service';
    }
    catch {
        return 'the service';
    }
}
function viaProxy() {
    return !!(process.env.HTTPS_PROXY || process.env.https_proxy);
}
/** Status of a failed call, when the failure came from a response. */
function statusOf(e) {
    if (e instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP)
        return e.details.status;
    return (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__/* .isRestError */ .T0)(e) ? e.statusCode : undefined;
}
function resolveHint(hint, code, status) {
    return typeof hint === 'function' ? hint(code, status) : hint;
}
/**
 * ARM's AuthorizationFailed names the action and the scope it refused: the hint repeats the action (read from
 * Azure's words only when it has an action's shape) and names the role of docs/setup.md that holds it.
 */
function authorizationHint(message) {
    const m = /perform action '([A-Za-z0-9._/-]{1,200})' over scope '(\/[A-Za-z0-9._/-]{0,400})'/.exec(message);
    if (!m)
        return undefined;
    const [, action, scope] = m;
    const subscription = /^\/subscriptions\/[0-9a-fA-F-]{36}(\/providers\/[^/]+(\/.*)?)?$/.test(scope);
    return subscription
        ? `the workflow's identity may not perform ${action} at subscription scope: create and assign the custom role ` +
            `"Managed HSM SKR subscription operator" of docs/setup.md (setup script, step 4: the subscription-scope ` +
            `actions the action needs) at /subscriptions/SUBSCRIPTION-ID, then rerun (a new assignment can take a few minutes to apply)`
        : `the workflow's identity may not perform ${action} at ${scope}: assign the role docs/setup.md gives for ` +
            `that scope ("Permissions by mode"), then rerun (a new assignment can take a few minutes to apply)`;
}
function defaultHint(service, status) {
    if (status === 401)
        return 'the access token was refused; check tenant-id and that the app registration exists in it';
    if (status === 403)
        return 'the signed-in identity lacks permission for this operation; grant the role named in the message and rerun';
    if (status !== undefined && (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransientStatus */ .Dm)(status))
        return `${service} kept failing after retries; rerun the job later (every step is safe to rerun)`;
    return undefined;
}
function errorBody(v) {
    if (!v || typeof v !== 'object')
        return undefined;
    const o = v;
    const inner = (o.error && typeof o.error === 'object' ? o.error : o);
    const code = typeof inner.code === 'string' ? inner.code : undefined;
    const message = typeof inner.message === 'string' ? inner.message : undefined;
    return code || message ? { code, message } : undefined;
}
function safeJson(text) {
    if (!text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The value fn reads, or undefined when Azure answers 404 (not there); any other failure is thrown. */
async function absentOn404(fn) {
    try {
        return await fn();
    }
    catch (e) {
        if (statusOf(e) === 404)
            return undefined;
        throw e;
    }
}


/***/ }),

/***/ 3667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ DataPlaneAuth),
/* harmony export */   c$: () => (/* binding */ useAuthPolicy),
/* harmony export */   pn: () => (/* binding */ dataPlanePolicy)
/* harmony export */ });
/* unused harmony export preauthorizingPolicy */
/* harmony import */ var _azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(357);

/**
 * The SDK's policy, preceded by a token for `known` on every request until the service first answers 401
 * with a challenge. Without `known` it is the SDK's policy alone.
 */
function preauthorizingPolicy(credential, known) {
    const sdk = (0,_azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicy */ .sO)(credential);
    if (!known)
        return sdk;
    // The SDK policy's first challenge, once a challenge came. Its state machine assumes one first
    // request at a time, so requests wait for it before they go through the SDK policy.
    let handover;
    const afterHandover = async (request, next, first) => {
        await first.catch(() => undefined);
        return sdk.sendRequest(request, next);
    };
    return {
        name: _azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicyName */ .F4,
        async sendRequest(request, next) {
            if (handover)
                return afterHandover(request, next, handover);
            const token = await credential.getToken(known.scope, {
                abortSignal: request.abortSignal,
                tenantId: known.tenantId,
                // As the SDK's policy asks, so both find the same cached token.
                enableCae: true
            });
            if (token)
                request.headers.set('authorization', `Bearer ${token.token}`);
            const response = await next(request);
            const challenge = response.headers.get('www-authenticate');
            if (response.status !== 401 || !challenge)
                return response;
            request.headers.delete('authorization');
            if (handover)
                return afterHandover(request, next, handover);
            // A challenge naming a resource is the one the SDK's first (bodiless) request would have got: it
            // receives this one instead of asking again. Anything else (a claims challenge), it asks itself.
            if (!/\b(resource|scope)\s*=/i.test(challenge)) {
                handover = sdk.sendRequest(request, next);
            }
            else {
                let replayed = false;
                handover = sdk.sendRequest(request, async (again) => {
                    if (replayed)
                        return next(again);
                    replayed = true;
                    return response;
                });
            }
            return handover;
        }
    };
}
/**
 * One authentication policy per data-plane host for the run, on the sign-in's tenant and cloud. A host of
 * neither the cloud's Key Vault nor its Managed HSM suffix gets the SDK's challenge handling alone.
 */
class DataPlaneAuth {
    credential;
    tenantId;
    cloud;
    policies = new Map();
    constructor(credential, tenantId, cloud) {
        this.credential = credential;
        this.tenantId = tenantId;
        this.cloud = cloud;
    }
    /**
     * The policy for `url`'s host. `resourceTenant`: the tenant ARM reports the resource in, when it was
     * read; another than the sign-in's leaves the tenant to the challenge.
     */
    policyFor(url, resourceTenant) {
        const host = new URL(url).hostname.toLowerCase();
        const known = this.known(host, resourceTenant);
        // Unknown: the SDK's policy, one per client as the SDK makes it (its challenge state is not shared).
        if (!known)
            return preauthorizingPolicy(this.credential);
        let policy = this.policies.get(host);
        if (!policy) {
            policy = preauthorizingPolicy(this.credential, known);
            this.policies.set(host, policy);
        }
        return policy;
    }
    known(host, resourceTenant) {
        if (resourceTenant !== undefined && resourceTenant.toLowerCase() !== this.tenantId.toLowerCase())
            return undefined;
        const suffix = [this.cloud.managedHsmSuffix, this.cloud.keyVaultSuffix].find(s => host.endsWith(`.${s}`));
        return suffix ? { scope: `https://${suffix}/.default`, tenantId: this.tenantId } : undefined;
    }
}
/** The run's policy for this host, or the SDK's own policy for a credential without one. */
function dataPlanePolicy(credential, url, resourceTenant) {
    return credential.dataPlaneAuth?.policyFor(url, resourceTenant) ?? (0,_azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicy */ .sO)(credential);
}
/**
 * Puts `policy` in place of the one KeyClient / SecretClient built for themselves. They offer no option
 * for it: both keep their generated client, whose `pipeline` is public, in a field named `client` and
 * swap the default bearer policy for keyVaultAuthenticationPolicy by name, as done here. If a later SDK
 * moves that field, the client keeps the SDK's policy (a challenge per client again, nothing breaks);
 * __tests__/data-plane-auth.test.ts fails so it is noticed.
 */
function useAuthPolicy(sdkClient, policy) {
    const pipeline = sdkClient.client?.pipeline;
    if (!pipeline?.getOrderedPolicies().some(p => p.name === _azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicyName */ .F4))
        return false;
    pipeline.removePolicy({ name: _azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicyName */ .F4 });
    pipeline.addPolicy(policy);
    return true;
}


/***/ }),

/***/ 5177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ ForeignOriginError),
/* harmony export */   He: () => (/* binding */ keepToOrigin)
/* harmony export */ });
/* unused harmony exports sameOriginPolicyName, originOf, sameOriginPolicy */
const sameOriginPolicyName = 'sameOriginPolicy';
/** A request the client refused to send: its URL is not on the client's origin. */
class ForeignOriginError extends Error {
    url;
    origin;
    constructor(url, origin) {
        super(`refused to send a request to ${url}: this client sends its token to ${origin} only`);
        this.url = url;
        this.origin = origin;
        this.name = 'ForeignOriginError';
    }
}
/** The URL's origin (scheme, host, port), lower case; undefined when it is not a URL. */
function originOf(url) {
    try {
        return new URL(url).origin.toLowerCase();
    }
    catch {
        return undefined;
    }
}
function sameOriginPolicy(origin) {
    const allowed = originOf(origin);
    return {
        name: sameOriginPolicyName,
        sendRequest(request, next) {
            if (!allowed || originOf(request.url) !== allowed)
                return Promise.reject(new ForeignOriginError(request.url, allowed ?? origin));
            return next(request);
        }
    };
}
/**
 * Adds the policy after every other (after the Sign phase, where the token is set, and after the
 * redirect policy): whatever the SDK or a redirect made of the URL, it is checked as it would be sent.
 */
function keepToOrigin(pipeline, origin) {
    pipeline.addPolicy(sameOriginPolicy(origin), { afterPhase: 'Sign' });
}


/***/ }),

/***/ 575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $F: () => (/* binding */ keyVaultSecrets),
/* harmony export */   AV: () => (/* binding */ keyVaultKeys),
/* harmony export */   Yb: () => (/* binding */ armKeyVault),
/* harmony export */   pu: () => (/* binding */ storageBlob)
/* harmony export */ });
/**
 * The Azure SDK client packages, each loaded on first use. They are most of the bundle (the storage SDK
 * alone brings an XML parser), and a run needs only the ones its steps and stores use: a run escrowing to
 * Key Vault never loads the storage SDK, a verify of the HSM alone never loads the keys or secrets client.
 * A dynamic import is also what lets ncc put each package in a chunk of dist/ of its own, read from disk
 * only when imported. Types come from `import type`, which costs nothing at run time.
 */
/** The ARM client for the Managed HSM resource (create, read, update, delete, purge). */
const armKeyVault = () => __webpack_require__.e(/* import() */ 592).then(__webpack_require__.bind(__webpack_require__, 1592));
/** The Managed HSM keys client, for the steps and modes that read or write keys (key, des, recover). */
const keyVaultKeys = () => __webpack_require__.e(/* import() */ 90).then(__webpack_require__.bind(__webpack_require__, 1090));
/** The Key Vault secrets client, for escrow stores and key backups kept in Key Vault. */
const keyVaultSecrets = () => __webpack_require__.e(/* import() */ 341).then(__webpack_require__.bind(__webpack_require__, 9341));
/** The Blob storage client, for escrow stores and key backups kept in a storage account. */
const storageBlob = () => Promise.all(/* import() */[__webpack_require__.e(738), __webpack_require__.e(778)]).then(__webpack_require__.bind(__webpack_require__, 4778));


/***/ }),

/***/ 5818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a0: () => (/* binding */ waitUntil),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/* unused harmony exports POLL_SCHEDULE_MS, TRANSIENT_LIMIT */
/* harmony import */ var _report_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6472);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3091);
/**
 * Waiting on Azure's long operations at a sane rate: the first look after a few seconds (Azure can finish
 * fast), then after 25 s and every 15 s (at most four reads in any minute of a 20-minute creation), a Retry-After from the
 * service wins when it sends one, progress is logged when the status changes or once a minute, and the
 * run's deadline (operation-timeout-minutes) bounds it all. A read that fails past the client's own retries does not
 * end the wait: the operation goes on in Azure, so transient failures are polled through until they last
 * too long (TRANSIENT_LIMIT); any other failure ends the wait at once.
 */



const POLL_SCHEDULE_MS = [5_000, 25_000, 15_000];
/** Transient read failures in a row that end a wait: this many, or failing for longer than this. */
const TRANSIENT_LIMIT = { failures: 6, ms: 120_000 };
async function waitUntil(read, opts) {
    const schedule = opts.schedule ?? POLL_SCHEDULE_MS;
    const pause = opts.sleep ?? _shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy;
    const now = opts.now ?? Date.now;
    const started = now();
    let lastStatus;
    let lastLog = started;
    let failing;
    for (let attempt = 0;; attempt++) {
        const planned = schedule[Math.min(attempt, schedule.length - 1)];
        let poll;
        try {
            poll = await read();
            failing = undefined;
        }
        catch (e) {
            failing = tolerate(e, failing, now(), now() + planned > opts.deadline);
            _report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${opts.what}: a status read failed (${failureStatus(e)}); reading again in ${formatDuration(planned)} ` +
                `(${failing.count} of ${TRANSIENT_LIMIT.failures - 1} tolerated in a row)`);
            await pause(planned);
            continue;
        }
        if (poll.done)
            return poll.value;
        const elapsed = now() - started;
        if (poll.status !== lastStatus || now() - lastLog >= 60_000) {
            _report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${opts.what}: ${poll.status ?? 'in progress'} (${formatDuration(elapsed)} elapsed)`);
            lastStatus = poll.status;
            lastLog = now();
        }
        const delay = poll.retryAfterSeconds !== undefined ? poll.retryAfterSeconds * 1000 : planned;
        if (now() + delay > opts.deadline) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
                service: opts.service,
                operation: `wait for ${opts.what}`,
                hint: 'raise operation-timeout-minutes, or rerun the job later: the operation goes on in Azure and the next run picks it up'
            }, `still not done after ${formatDuration(elapsed)} (last status: ${poll.status ?? 'unknown'})`);
        }
        await pause(delay);
    }
}
/** Counts a failed read, or rethrows it: not transient, failing too long, or no time left for another read. */
function tolerate(e, before, now, pastDeadline) {
    const failing = { since: before?.since ?? now, count: (before?.count ?? 0) + 1 };
    const tooLong = failing.count >= TRANSIENT_LIMIT.failures || now - failing.since > TRANSIENT_LIMIT.ms;
    if (!(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg)(e) || tooLong || pastDeadline)
        throw e;
    return failing;
}
/** "503 ServiceUnavailable", or the first line of a failure without a status ("getaddrinfo ENOTFOUND …"). */
function failureStatus(e) {
    if (!(e instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP))
        return (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e).split('\n')[0];
    const { status, code } = e.details;
    if (status !== undefined)
        return [status, code].filter(Boolean).join(' ');
    return [code, e.serviceMessage.split('\n')[0]].filter(Boolean).join(': ');
}
function formatDuration(ms) {
    const s = Math.round(ms / 1000);
    if (s < 60)
        return `${s}s`;
    return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}


/***/ }),

/***/ 304:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* reexport safe */ _masks_js__WEBPACK_IMPORTED_MODULE_4__.$l),
/* harmony export */   DE: () => (/* reexport safe */ _masks_js__WEBPACK_IMPORTED_MODULE_4__.DE),
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   Pq: () => (/* binding */ unreadableHint),
/* harmony export */   Q5: () => (/* binding */ checkEscrow),
/* harmony export */   Xn: () => (/* binding */ SD_CONTENT_TYPE),
/* harmony export */   ZZ: () => (/* binding */ escrowTo),
/* harmony export */   cn: () => (/* binding */ describeCheck),
/* harmony export */   iT: () => (/* binding */ storesFor),
/* harmony export */   mh: () => (/* reexport safe */ _stores_targets_js__WEBPACK_IMPORTED_MODULE_5__.mh),
/* harmony export */   v6: () => (/* binding */ KEY_CONTENT_TYPE)
/* harmony export */ });
/* harmony import */ var _report_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6472);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3091);
/* harmony import */ var _stores_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6870);
/* harmony import */ var _stores_store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9551);
/* harmony import */ var _masks_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1682);
/* harmony import */ var _stores_targets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9728);
/**
 * Escrow of the security domain and of generated wrapping keys: write to every configured store, read
 * back and compare, and check what an earlier run stored. The security domain is never printed; its
 * SHA-256 is what logs, tags and summaries carry.
 */





const SD_CONTENT_TYPE = 'application/json';
const KEY_CONTENT_TYPE = 'application/x-pem-file';

function storesFor(targets, credential) {
    return targets.map(t => (0,_stores_index_js__WEBPACK_IMPORTED_MODULE_2__/* .openStore */ .Ch)(t, credential));
}

/** Proves every store is writable, all at once; the first failure stops activation before any change. */
async function preflight(stores) {
    await Promise.all(stores.map(s => s.probe()));
}
/**
 * Writes `content` to the store unless present, then reads it back and compares the SHA-256. Transient
 * failures are retried with backoff; a conflicting object never is.
 */
async function escrowTo(store, content, metadata, contentType, attempts = 3, wait = _shared_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .yy) {
    return (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .retrying */ .R$)(async () => {
        const result = await store.putIfAbsent(content, metadata, contentType);
        const back = await store.get();
        if (!back || (0,_stores_store_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256Hex */ .fg)(back.content) !== metadata.sha256)
            throw new Error(`read-back of ${store.url} did not return what was written`);
        return result;
    }, {
        retriable: _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg,
        delayMs: n => (n >= attempts ? undefined : 2000 * n),
        onRetry: (e, _delay, n) => _report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  escrow to ${store.url} failed (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e).split('\n')[0]}); retrying (${n}/${attempts - 1})`),
        sleep: wait
    });
}
/** Reads what an earlier run escrowed and checks it against the SHA-256 recorded with it. */
async function checkEscrow(store) {
    try {
        const obj = await store.get();
        if (!obj)
            return { store, state: 'missing' };
        const found = { store, content: obj.content, version: obj.version, metadata: obj.metadata };
        const actual = (0,_stores_store_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256Hex */ .fg)(obj.content);
        const recorded = obj.metadata.sha256;
        if (!recorded)
            return { ...found, state: 'mismatch', detail: 'no sha256 recorded with it' };
        if (recorded !== actual)
            return {
                ...found,
                state: 'mismatch',
                detail: `content SHA-256 ${actual} differs from the recorded ${_report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(recorded)}`
            };
        return { ...found, state: 'ok' };
    }
    catch (e) {
        return { store, state: 'unreadable', detail: (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorSummary */ .N5)(e), error: e };
    }
}
/**
 * One "What to do" for stores that could not be read, from their errors: the store's role when access was
 * refused (401/403), a rerun when its service failed (429/5xx), a look at the URL and the network when it
 * could not be reached. Never a permission hint for an outage.
 */
function unreadableHint(checks) {
    const hints = checks.map(c => c.error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP && c.error.details.hint
        ? c.error.details.hint
        : `check ${c.store.url} and rerun the job`);
    return [...new Set(hints)].join('; ');
}
/** A check in one line for notes and warnings: its state, what is wrong, and what to do if unreadable. */
function describeCheck(c) {
    const hint = c.state === 'unreadable' ? `; what to do: ${unreadableHint([c])}` : '';
    return `${c.store.url}: ${c.state}${c.detail ? ` (${c.detail}${hint})` : ''}`;
}


/***/ }),

/***/ 45:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseKeyBundle)
/* harmony export */ });
/** The escrowed form of a generated wrapping key: its private key and its certificate, PEM, in one object. */
/** The private key and the certificate of a bundle; undefined when either is missing. */
function parseKeyBundle(text) {
    const key = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA )?PRIVATE KEY-----/.exec(text)?.[0];
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text)?.[0];
    return key && cert ? { privateKeyPem: key, certificatePem: cert } : undefined;
}


/***/ }),

/***/ 1682:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   DE: () => (/* binding */ maskSecurityDomain),
/* harmony export */   Xk: () => (/* binding */ maskEscrowContent)
/* harmony export */ });
/* harmony import */ var _report_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6472);
/**
 * Secrets registered with the runner's masker (`::add-mask::`, through the log module, which then prints
 * them as `***` itself), each the moment it exists in this run: generated or read wrapping private keys, a downloaded or
 * read security domain, key backups. Nothing is logged between a secret's creation and its mask, so even a
 * line that escaped the log module could not race it. Access tokens and GitHub ID tokens are masked where
 * they are obtained (auth/credential.ts).
 */

/** Registers every line of a secret with the runner's masker, since a multi-line value is matched whole. */
function maskSecret(value) {
    for (const part of value.split(/[\r\n]+|\.(?=[A-Za-z0-9_-]{16})/)) {
        const t = part.trim();
        if (t.length >= 16 && !t.startsWith('-----'))
            (0,_report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)(t);
    }
}
/** Masks the encrypted parts of a security domain (compact JWEs) so no fragment reaches a log. */
function maskSecurityDomain(sdText) {
    for (const m of sdText.matchAll(/"(?:compact_jwe|enc_key)"\s*:\s*"([^"]+)"/g)) {
        for (const segment of m[1].split('.'))
            if (segment.length >= 16)
                (0,_report_log_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)(segment);
    }
}
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
/**
 * Whatever an escrow object holds, masked as it is read: the private keys of a wrapping-key bundle, the
 * encrypted parts of a security domain, a key backup. Applied to every object read from a store, intact or
 * not, before the caller can log anything about it.
 */
function maskEscrowContent(content, metadata = {}) {
    const text = content.toString('utf8');
    for (const key of text.match(PRIVATE_KEY) ?? [])
        maskSecret(key);
    if (/"(?:compact_jwe|enc_key)"/.test(text))
        maskSecurityDomain(text);
    if (metadata.kind === 'key-backup')
        maskSecret(content.toString('base64url'));
}


/***/ }),

/***/ 6870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ch: () => (/* binding */ openStore),
  oF: () => (/* reexport */ targets/* withSuffix */.oF)
});

// UNUSED EXPORTS: parseStoreTarget

// EXTERNAL MODULE: ./src/escrow/masks.ts
var masks = __webpack_require__(1682);
// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 37 modules
var esm = __webpack_require__(1818);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
;// CONCATENATED MODULE: ./src/azure/retry.ts
/**
 * Retries for a client whose SDK retries too little. The storage SDK retries only 500 and 503, at fixed
 * steps, and never reads Retry-After, so one 429 (Storage's ServerBusy) failed the run. withRetries
 * retries an SDK call on throttling, server errors and lost connections, waits at least as long as the
 * service asks, and gives up within a bounded time so a lasting fault still fails the run promptly.
 */



/** 1, 2, 4, 8, 16 s: about 31 s of patience, a minute at most when the service asks for longer waits. */
const DEFAULT_RETRY = {
    maxTries: 6,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    budgetMs: 60_000,
    sleep: retry/* sleep */.yy,
    now: Date.now
};
async function withRetries(fn, options = {}) {
    const o = { ...DEFAULT_RETRY, ...options };
    const backoff = (0,retry/* doubling */.Bf)(o.baseDelayMs, o.maxDelayMs);
    return (0,retry/* retrying */.R$)(fn, {
        retriable,
        delayMs: (n, e) => n >= o.maxTries ? undefined : Math.min(Math.max(backoff(n), retryAfterMs(e) ?? 0), o.maxDelayMs),
        deadline: o.now() + o.budgetMs,
        sleep: o.sleep,
        now: o.now
    });
}
/** A transient status, or no answer at all: a lost connection, before or while the body streamed. */
function retriable(e) {
    if ((0,esm/* isRestError */.T0)(e))
        return e.statusCode === undefined || (0,errors/* isTransientStatus */.Dm)(e.statusCode);
    const code = e?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
/** Retry-After in seconds or as an HTTP date, or Azure's retry-after-ms headers. */
function retryAfterMs(e) {
    const headers = (0,esm/* isRestError */.T0)(e) ? e.response?.headers : undefined;
    if (!headers)
        return undefined;
    for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
        const ms = Number(headers.get(name));
        if (headers.get(name) && Number.isFinite(ms) && ms >= 0)
            return ms;
    }
    return (0,retry/* parseRetryAfter */.mu)(headers.get('retry-after'));
}

// EXTERNAL MODULE: ./src/azure/sdk.ts
var sdk = __webpack_require__(575);
// EXTERNAL MODULE: ./src/escrow/stores/store.ts
var store = __webpack_require__(9551);
;// CONCATENATED MODULE: ./src/escrow/stores/blob.ts




const SERVICE = 'Blob storage';
class BlobStore {
    url;
    accountUrl;
    container;
    path;
    credential;
    retry;
    kind = 'blob';
    /** The escrow blob and its preflight sibling, made on first use (the storage SDK loads lazily). */
    clients;
    constructor(url, accountUrl, container, path, credential, retry = {}) {
        this.url = url;
        this.accountUrl = accountUrl;
        this.container = container;
        this.path = path;
        this.credential = credential;
        this.retry = retry;
    }
    blobs() {
        this.clients ??= (0,sdk/* storageBlob */.pu)().then(({ BlobServiceClient }) => {
            const service = new BlobServiceClient(this.accountUrl, this.credential, {
                userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
                // The SDK's retries skip 429 and ignore Retry-After: call() does the retrying, not on top of the SDK's.
                retryOptions: { maxTries: 1 }
            });
            const c = service.getContainerClient(this.container);
            return {
                blob: c.getBlockBlobClient(this.path),
                probeBlob: c.getBlockBlobClient(`${this.path}.preflight`)
            };
        });
        return this.clients;
    }
    async probe() {
        const { probeBlob } = await this.blobs();
        const body = `preflight ${new Date().toISOString()}`;
        await this.call(`write a preflight blob next to ${this.url}`, () => probeBlob.upload(body, Buffer.byteLength(body)));
        await this.call(`delete the preflight blob next to ${this.url}`, () => probeBlob.deleteIfExists());
    }
    async get() {
        return (0,call/* absentOn404 */.lz)(async () => {
            // One GET: the download answer carries the metadata too.
            const { blob } = await this.blobs();
            return await this.call(`read ${this.url}`, async () => {
                const r = await blob.download();
                const chunks = [];
                for await (const chunk of r.readableStreamBody ?? [])
                    chunks.push(Buffer.from(chunk));
                return { content: Buffer.concat(chunks), metadata: { ...(r.metadata ?? {}) }, version: r.etag };
            });
        });
    }
    async putIfAbsent(content, metadata, contentType) {
        const { blob } = await this.blobs();
        try {
            // A retry after a write that landed but whose answer was lost meets 409/412 below: compared, not failed.
            await this.call(`write ${this.url}`, () => blob.upload(content, content.length, {
                conditions: { ifNoneMatch: '*' },
                metadata: blobMetadata(metadata),
                blobHTTPHeaders: { blobContentType: contentType }
            }));
            return 'written';
        }
        catch (e) {
            if ((0,call/* statusOf */.c2)(e) !== 409 && (0,call/* statusOf */.c2)(e) !== 412)
                throw e;
            const existing = await this.get();
            if (existing && (0,store/* sha256Hex */.fg)(existing.content) === (0,store/* sha256Hex */.fg)(content))
                return 'present';
            throw new store/* EscrowConflictError */.ix(this.url);
        }
    }
    async replaceIf(version, content, metadata, contentType) {
        const { blob } = await this.blobs();
        try {
            await this.call(`write ${this.url}`, () => blob.upload(content, content.length, {
                conditions: version === 'absent' ? { ifNoneMatch: '*' } : { ifMatch: version },
                metadata: blobMetadata(metadata),
                blobHTTPHeaders: { blobContentType: contentType }
            }));
            return true;
        }
        catch (e) {
            if ((0,call/* statusOf */.c2)(e) !== 409 && (0,call/* statusOf */.c2)(e) !== 412)
                throw e;
            // A retried write whose first attempt landed meets its own ETag change: that one was ours.
            const now = await this.get();
            return !!now && (0,store/* sha256Hex */.fg)(now.content) === (0,store/* sha256Hex */.fg)(content);
        }
    }
    /** One operation, retried on throttling and outages (a whole download included), as a named error. */
    call(operation, fn) {
        return (0,call/* azureCall */.WG)(SERVICE, operation, () => withRetries(fn, this.retry), permissionHint);
    }
}
/** Blob metadata names must be C# identifiers. */
function blobMetadata(metadata) {
    return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.replace(/[^A-Za-z0-9_]/g, '_'), v]));
}
function permissionHint(_code, status) {
    return status === 401 || status === 403
        ? "grant the signed-in identity 'Storage Blob Data Contributor' on the container"
        : undefined;
}

// EXTERNAL MODULE: ./src/azure/data-plane-auth.ts
var data_plane_auth = __webpack_require__(3667);
;// CONCATENATED MODULE: ./src/escrow/stores/key-vault-secret.ts





const key_vault_secret_SERVICE = 'Key Vault';
class KeyVaultSecretStore {
    url;
    vaultUrl;
    name;
    credential;
    kind = 'key-vault-secret';
    /** Made on first use: the secrets SDK loads lazily. */
    secrets;
    constructor(url, vaultUrl, name, credential) {
        this.url = url;
        this.vaultUrl = vaultUrl;
        this.name = name;
        this.credential = credential;
    }
    client() {
        this.secrets ??= (0,sdk/* keyVaultSecrets */.$F)().then(({ SecretClient }) => {
            const client = new SecretClient(this.vaultUrl, this.credential, {
                userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
                additionalPolicies: [{ policy: call/* emptyErrorAnswerPolicy */.e8, position: 'perCall' }]
            });
            // The token on the first request, no challenge round trip (azure/data-plane-auth.ts).
            (0,data_plane_auth/* useAuthPolicy */.c$)(client, (0,data_plane_auth/* dataPlanePolicy */.pn)(this.credential, this.vaultUrl));
            return client;
        });
        return this.secrets;
    }
    async probe() {
        // A sibling secret, so the escrow name itself is never written by a probe.
        const probeName = `${this.name}-preflight`.slice(0, 127);
        const client = await this.client();
        await (0,call/* azureCall */.WG)(key_vault_secret_SERVICE, `write a preflight secret '${probeName}' in ${this.vaultUrl}`, () => client.setSecret(probeName, `preflight ${new Date().toISOString()}`, {
            contentType: 'text/plain',
            tags: { purpose: 'managed-hsm-skr-action preflight: proves the escrow vault is writable' }
        }), key_vault_secret_permissionHint);
        await this.get();
    }
    async get() {
        const client = await this.client();
        return (0,call/* absentOn404 */.lz)(async () => {
            const s = await (0,call/* azureCall */.WG)(key_vault_secret_SERVICE, `read secret ${this.url}`, () => client.getSecret(this.name), key_vault_secret_permissionHint);
            if (s.value === undefined)
                return undefined;
            // Binary-safe: the value is stored base64 when the content type says so.
            const content = s.properties.contentType?.includes('base64')
                ? Buffer.from(s.value, 'base64')
                : Buffer.from(s.value, 'utf8');
            return { content, metadata: { ...(s.properties.tags ?? {}) }, version: s.properties.version };
        });
    }
    async putIfAbsent(content, metadata, contentType) {
        const existing = await this.get();
        if (existing) {
            if ((0,store/* sha256Hex */.fg)(existing.content) === (0,store/* sha256Hex */.fg)(content))
                return 'present';
            throw new store/* EscrowConflictError */.ix(this.url);
        }
        await this.write(content, metadata, contentType);
        return 'written';
    }
    async replaceIf(version, content, metadata, contentType, settleMs = REPLACE_SETTLE_MS) {
        const current = await this.get();
        if ((current?.version ?? 'absent') !== version)
            return false;
        const written = await this.write(content, metadata, contentType);
        // Two writers that both saw `version` each add a version; after a pause both read the same latest one.
        await (0,retry/* sleep */.yy)(settleMs);
        return (await this.get())?.version === written;
    }
    /** Sets the secret (a new version); returns that version. */
    async write(content, metadata, contentType) {
        const text = content.toString('utf8');
        const binary = !Buffer.from(text, 'utf8').equals(content);
        const value = binary ? content.toString('base64') : text;
        if (Buffer.byteLength(value) > store/* SECRET_MAX_BYTES */.GW) {
            throw new Error(`${Buffer.byteLength(value)} bytes do not fit in a Key Vault secret (limit ${store/* SECRET_MAX_BYTES */.GW}); ` +
                'escrow to Blob storage instead (https://ACCOUNT.blob.core.windows.net/CONTAINER/PATH)');
        }
        const client = await this.client();
        const s = await (0,call/* azureCall */.WG)(key_vault_secret_SERVICE, `write secret ${this.url}`, () => client.setSecret(this.name, value, {
            contentType: binary ? `${contentType};base64` : contentType,
            tags: tagSafe(metadata)
        }), key_vault_secret_permissionHint);
        return s.properties.version;
    }
}
/** How long a Key Vault replaceIf waits before reading which write came last. */
const REPLACE_SETTLE_MS = 1500;
/** Key Vault tags: at most 15, values at most 256 characters. */
function tagSafe(metadata) {
    return Object.fromEntries(Object.entries(metadata)
        .slice(0, 15)
        .map(([k, v]) => [k, v.slice(0, 256)]));
}
function key_vault_secret_permissionHint(_code, status) {
    return status === 401 || status === 403
        ? "grant the signed-in identity 'Key Vault Secrets Officer' on the vault (or a get/set access policy)"
        : undefined;
}

// EXTERNAL MODULE: ./src/escrow/stores/targets.ts
var targets = __webpack_require__(9728);
;// CONCATENATED MODULE: ./src/escrow/stores/index.ts




function openStore(t, credential) {
    const store = t.kind === 'blob'
        ? new BlobStore(t.url, t.serviceUrl, t.container ?? '', t.name, credential)
        : new KeyVaultSecretStore(t.url, t.serviceUrl, t.name, credential);
    return maskingReads(store);
}
/** Every object read is masked before its reader sees it (see masks.ts), whatever the reader then logs. */
function maskingReads(store) {
    const get = store.get.bind(store);
    store.get = async () => {
        const obj = await get();
        if (obj)
            (0,masks/* maskEscrowContent */.Xk)(obj.content, obj.metadata);
        return obj;
    };
    return store;
}


/***/ }),

/***/ 3620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ CAPABILITY_WORDS),
/* harmony export */   JH: () => (/* binding */ ALL_CAPABILITIES),
/* harmony export */   R7: () => (/* binding */ capabilities),
/* harmony export */   vK: () => (/* binding */ CRITICAL_CAPABILITIES)
/* harmony export */ });
const P = 'microsoft.keyvault/managedhsm/';
/** The data actions of Managed HSM's local RBAC (the built-in roles' and the documented ones), by capability. */
const KNOWN = {
    'keys/release/action': 'release',
    // Export hands out key material under the key's release policy, as release does.
    'keys/export/action': 'release',
    'keys/write/action': 'change',
    'keys/create': 'change',
    'keys/create/action': 'change',
    'keys/import/action': 'change',
    'keys/rotate/action': 'change',
    'keys/delete': 'change',
    'keys/restore/action': 'change',
    'keys/deletedkeys/delete': 'change',
    'keys/deletedkeys/recover/action': 'change',
    'keys/rotationpolicies/write': 'change',
    // A full restore replaces every key of the HSM.
    'restore/start/action': 'change',
    'keys/encrypt/action': 'use',
    'keys/decrypt/action': 'use',
    'keys/wrap/action': 'use',
    'keys/unwrap/action': 'use',
    'keys/sign/action': 'use',
    'keys/verify/action': 'use',
    'keys/derive/action': 'use',
    'rng/action': 'use',
    'keys/read/action': 'read',
    'keys/deletedkeys/read/action': 'read',
    'keys/rotationpolicies/read': 'read',
    'roleassignments/read/action': 'read',
    'roledefinitions/read/action': 'read',
    'backup/status/action': 'read',
    'restore/status/action': 'read',
    'settings/read/action': 'read',
    'securitydomain/download/read': 'read',
    'securitydomain/upload/read': 'read',
    'securitydomain/transferkey/read': 'read',
    'keys/backup/action': 'backup',
    'backup/start/action': 'backup',
    'roleassignments/write/action': 'manage-roles',
    'roleassignments/delete/action': 'manage-roles',
    'roledefinitions/write/action': 'manage-roles',
    'roledefinitions/delete/action': 'manage-roles',
    'securitydomain/download/action': 'security-domain',
    // Uploading a security domain replaces the HSM's root of trust.
    'securitydomain/upload/action': 'security-domain',
    'settings/write/action': 'settings'
};
const ALL_CAPABILITIES = [
    'release',
    'change',
    'manage-roles',
    'security-domain',
    'use',
    'settings',
    'backup',
    'read'
];
/** The capabilities that let a holder take or change the key, or give itself that right. */
const CRITICAL_CAPABILITIES = new Set([
    'release',
    'change',
    'manage-roles',
    'security-domain'
]);
/** Each capability in words, as the findings and the summary's holder table say it. */
const CAPABILITY_WORDS = {
    release: 'release the key',
    change: 'change or delete the key',
    'manage-roles': 'grant any role (itself included)',
    'security-domain': 'download or replace the security domain',
    use: 'use the key (decrypt, unwrap, sign)',
    settings: "change the HSM's settings",
    backup: 'back up keys',
    read: 'read keys and roles'
};
/** The capabilities a role's permissions grant, in ALL_CAPABILITIES order. */
function capabilities(permissions) {
    const granted = new Set();
    for (const p of permissions ?? []) {
        const not = (p.notDataActions ?? []).map(a => a.toLowerCase());
        for (const raw of p.dataActions ?? []) {
            const action = raw.toLowerCase();
            if (action.includes('*')) {
                // Taken away only when a notDataAction names at least everything it could match.
                if (!not.some(n => covers(n, action)))
                    for (const c of ALL_CAPABILITIES)
                        granted.add(c);
                continue;
            }
            if (not.some(n => matches(n, action)))
                continue;
            const known = action.startsWith(P) ? KNOWN[action.slice(P.length)] : undefined;
            if (known)
                granted.add(known);
            else
                for (const c of ALL_CAPABILITIES)
                    granted.add(c);
        }
    }
    return ALL_CAPABILITIES.filter(c => granted.has(c));
}
/** A pattern (a trailing `*` matches any suffix) matches one action. */
function matches(pattern, action) {
    return pattern.endsWith('*') ? action.startsWith(pattern.slice(0, -1)) : pattern === action;
}
/** Pattern `outer` matches every action `inner` (itself possibly a pattern) could match. */
function covers(outer, inner) {
    if (!outer.endsWith('*'))
        return outer === inner;
    const prefix = outer.slice(0, -1);
    return inner.startsWith(prefix);
}


/***/ }),

/***/ 9616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KF: () => (/* binding */ CUSTODIAN_RECOVERY_NOT_PROVEN),
/* harmony export */   sH: () => (/* binding */ escrowIdentity)
/* harmony export */ });
/* unused harmony export judgeSecurityDomain */
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(304);
/* harmony import */ var _escrow_stores_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9551);
/* harmony import */ var _escrow_key_bundle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(45);
/* harmony import */ var _security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7252);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6869);





const PIN = 'expected-security-domain-sha256';
/**
 * With custodians' certificates no private key is within CI's reach, so no run can open the escrowed security
 * domain: what it checks (the shares' certificates, the quorum) is said apart from what it cannot.
 */
const CUSTODIAN_RECOVERY_NOT_PROVEN = "recovery itself is not proven in this run: prove it offline with mode: verify-security-domain and the custodians' key files";
/**
 * Judges an escrowed security domain against the custody (undefined: the wrapping keys were not read, so
 * only the quorum is judged) and the configured quorum. Never quotes the file (format errors name a path).
 */
function judgeSecurityDomain(text, custody, quorum) {
    let sd;
    try {
        sd = (0,_security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSecurityDomain */ .Gh)(text);
    }
    catch (e) {
        if (e instanceof _security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__/* .SecurityDomainFormatError */ .su)
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
    return ctx.reads.once(`escrow:${store.url}`, () => (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__/* .checkEscrow */ .Q5)(store));
}
function sdStores(ctx) {
    return (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__/* .storesFor */ .iT)(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
}
/** The generated wrapping keys' stores, read only by verify (its escrow proof reads them anyway). */
function keyStores(ctx, mode) {
    const a = ctx.config.activation;
    if (mode !== 'verify' || a.certificates.length > 0 || a.wrappingKeyStores.length === 0)
        return [];
    return (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__/* .storesFor */ .iT)((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__/* .keyTargets */ .mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
}
/** This custody's keys: the custodians' certificates, or those escrowed with the generated keys (verify only). */
async function custodyOf(ctx, mode) {
    const a = ctx.config.activation;
    if (a.certificates.length > 0)
        return {
            thumbprints: new Set(a.certificates.map(c => (0,_security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCertificate */ .hB)(c).x5tS256)),
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
    const bundle = (0,_escrow_key_bundle_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyBundle */ .d)(content.toString('utf8'));
    if (!bundle)
        return [];
    try {
        return [(0,_security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCertificate */ .hB)(bundle.certificatePem).x5tS256];
    }
    catch (e) {
        if (e instanceof _security_domain_index_js__WEBPACK_IMPORTED_MODULE_2__/* .CertificateError */ .EE)
            return [];
        throw e;
    }
}
const escrowIdentity = {
    name: 'escrow-identity',
    applies: (ctx, hsm) => ctx.config.steps.includes('activate') &&
        ctx.config.activation.securityDomainStores.length > 0 &&
        (0,_types_js__WEBPACK_IMPORTED_MODULE_4__/* .hsmActive */ .P)(hsm),
    prefetch(ctx) {
        const mode = ctx.config.mode === 'verify' ? 'verify' : 'apply';
        for (const s of [...sdStores(ctx), ...keyStores(ctx, mode)])
            void ctx.reads.prefetch(`escrow:${s.url}`, () => (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_0__/* .checkEscrow */ .Q5)(s));
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
                    sha256: (0,_escrow_stores_store_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Hex */ .fg)(c.content),
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
                (custody.custodians ? `; ${CUSTODIAN_RECOVERY_NOT_PROVEN}` : '')
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


/***/ }),

/***/ 6869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ hsmActive)
/* harmony export */ });
/** Whether the HSM answers on its data plane: provisioned and activated. */
function hsmActive(hsm) {
    return (hsm.properties?.provisioningState === 'Succeeded' &&
        hsm.properties.securityDomainProperties?.activationStatus === 'Active');
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
    [/^rbac\.assignment\..+$/, 'role assignment missing'],
    [/^rbac\.prune\..+$/, 'role assignment not intended'],
    [/^rbac\.setting\.(.+)$/, 'Managed HSM setting $1 differs'],
    [/^key\.exists$/, 'key missing'],
    [/^key\.properties$/, 'key settings differ'],
    [/^key\.version\..+$/, 'older enabled key version differs'],
    [/^key\.access$/, 'key access for the signed-in identity missing'],
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
function finding(c, mode) {
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
        const text = mode === 'plan'
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

/***/ 7751:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ runUrl)
/* harmony export */ });
/** The link to this workflow run, from the runner's environment; undefined outside Actions. */
function runUrl() {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
    return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}


/***/ }),

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeInputFailureSummary: () => (/* binding */ writeInputFailureSummary),
  Sy: () => (/* binding */ writeSummary)
});

// UNUSED EXPORTS: inputFailureMarkdown, summaryMarkdown

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/config/index.ts + 14 modules
var src_config = __webpack_require__(3252);
// EXTERNAL MODULE: ./src/run/step.ts
var step = __webpack_require__(4335);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/posture/capabilities.ts
var capabilities = __webpack_require__(3620);
// EXTERNAL MODULE: ./src/posture/escrow-identity.ts
var escrow_identity = __webpack_require__(9616);
// EXTERNAL MODULE: ./src/report/findings.ts
var report_findings = __webpack_require__(9334);
// EXTERNAL MODULE: ./src/shared/secrets.ts
var secrets = __webpack_require__(3260);
// EXTERNAL MODULE: ./src/report/log.ts
var log = __webpack_require__(6472);
;// CONCATENATED MODULE: ./src/report/markdown.ts
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
    return (0,log/* showFormat */.dV)((0,secrets/* hideSecrets */.s)(value))
        .replace(/[<>&]/g, c => HTML[c])
        .replace(MARKUP, '\\$&')
        .replace(AT, '@<wbr>')
        .replace(AUTOLINK, c => `&#${c.charCodeAt(0)};`)
        .replace(BREAK, '<br>')
        .replace(CONTROL, log/* controlPicture */.ov);
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

// EXTERNAL MODULE: ./src/report/run-url.ts
var run_url = __webpack_require__(7751);
;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: what the run did in one line, what failed and what to do, every step (ran or not run),
 * the drift findings, the escrow, the outputs and links. Never a secret. GitHub joins lines of a paragraph
 * or a table cell into one, so every line break is an explicit `<br>` or a new list item.
 */









const STATUS = {
    created: '🆕 created',
    updated: '✏️ updated',
    unchanged: '✅ unchanged',
    planned: '📝 would update',
    drift: '⚠️ drift',
    skipped: '⏭️ not checked yet',
    failed: '❌ failed'
};
const NOT_RUN = '⏹️ not run';
function summaryMarkdown(r) {
    // Every value from outside (names, messages, tags, URLs, outputs) goes through markdown.ts.
    const { config, results } = r;
    const md = [heading(config.hsmName, config.mode), `**${headline(r)}**`, ''];
    if (r.errors?.length)
        md.push(...caution(r.errors));
    const custody = (0,src_config/* reportedCustody */.Bc)(config);
    if (custody)
        md.push('> [!WARNING]', `> ${escapeMarkdown(custody)}`, '');
    if (config.mode === 'verify' && r.drift)
        md.push(...driftSection(r.drift));
    md.push(...stepTable(r));
    if (r.posture)
        md.push(...holderSection(r.posture), ...postureSection(r.posture));
    if (config.mode === 'verify-security-domain')
        md.push(...subsetSection(results));
    if (r.escrowed)
        md.push(...escrowSection(r.escrowed, r.posture));
    md.push(...warningSection(r));
    md.push('### Outputs', '', '| Output | Value |', '| --- | --- |');
    for (const [k, v] of Object.entries(r.outputs))
        md.push(`| ${codeMarkdown(k)} | ${codeMarkdown(v ?? '')} |`);
    const links = [];
    if (r.outputs.HSM_RESOURCE_ID)
        links.push(linkMarkdown('Managed HSM in the Azure portal', `${r.cloud.portal}/#resource${r.outputs.HSM_RESOURCE_ID}`));
    const run = (0,run_url/* runUrl */.V)();
    if (run)
        links.push(linkMarkdown('This run', run));
    if (links.length)
        md.push('', links.join(' · '));
    return md.join('\n') + '\n';
}
/**
 * The summary of a run whose inputs were refused: nothing was read or changed, no step ran. The names come
 * straight from the (refused) inputs, so they are escaped like any value from outside.
 */
function inputFailureMarkdown(hsmName, mode, steps, error) {
    return [
        heading(hsmName, mode),
        '**❌ Input validation failed: nothing was read or changed in Azure.**',
        '',
        ...caution([{ text: error }]),
        '### Steps',
        '',
        '| Step | Result | Details | Duration |',
        '| --- | --- | --- | --- |',
        ...steps.map(s => `| ${escapeMarkdown(s)} | ${NOT_RUN} | — | — |`),
        ''
    ].join('\n');
}
function heading(hsmName, mode) {
    return `## Managed HSM for Secure Key Release: ${codeMarkdown(hsmName || '(no hsm-name)')} (${escapeMarkdown(mode || 'apply')})\n`;
}
/** The run in one line, from its own words only (no value from outside). */
function headline(r) {
    const { results, config } = r;
    const failed = results.filter(s => s.status === 'failed');
    const changed = results.filter(s => s.status === 'created' || s.status === 'updated').length;
    if (r.signInFailed)
        return `❌ Sign-in to Azure failed: ${changed ? 'the steps before it ran as listed' : 'nothing was read or changed in Azure'}.`;
    const mode = config.mode;
    if (results.length === 0 && r.errors?.length && !(0,src_config/* isSingleMode */.Gl)(mode))
        return '❌ Refused before any step ran: nothing was changed in Azure.';
    const total = (0,src_config/* isSingleMode */.Gl)(mode) ? results.length : config.steps.length;
    if (mode === 'plan') {
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
        const of = `${counts.join(', ')} (of ${total} step(s))`;
        return would.length
            ? `📝 Plan: ${of}; nothing was changed. Run mode: apply to make these changes.`
            : results.some(s => s.status === 'drift')
                ? `⚠️ Plan: ${of}; nothing was changed.`
                : '✅ Plan: nothing to change.';
    }
    if (mode === 'verify') {
        const report = r.drift;
        if (failed.length || report?.status === 'error')
            return '❌ Verify incomplete: some checks could not be made.';
        const critical = report?.counts.critical ?? 0;
        const n = report?.counts.drift ?? 0;
        if (critical)
            return `❌ Critical: ${critical} finding(s) where someone outside the inputs can take or change the key, or the escrow is not this HSM's${n ? `; ${n} more where Azure differs from the inputs` : ''}.`;
        return n
            ? `⚠️ Drift: ${n} finding(s) where Azure differs from the inputs.`
            : '✅ In sync with the inputs.';
    }
    if (mode === 'recover')
        return recoverHeadline(r, failed);
    if (failed.length)
        return `❌ ${names(failed)} failed.`;
    if (mode === 'teardown') {
        // A delete that purge protection holds keeps the name and may keep billing: not a green result.
        const label = results[0]?.label ?? 'done';
        return `${label.includes(step/* HELD */._) ? '⚠️' : '✅'} Teardown: ${label}.`;
    }
    if (mode === 'verify-security-domain') {
        const s = results[0];
        return s?.status === 'unchanged'
            ? '✅ Every quorum subset of the keys recovers the escrowed security domain.'
            : '⚠️ Some quorum subsets of the keys do not recover the escrowed security domain.';
    }
    const done = [
        count(results, 'created', 'created'),
        count(results, 'updated', 'updated'),
        count(results, 'unchanged', 'unchanged')
    ].filter(Boolean);
    return changed
        ? `✅ Applied: ${done.join(', ')} (of ${total} step(s)).`
        : '✅ Already in step with the inputs: nothing changed.';
}
/** "2 created", or '' when no step has the status. */
function count(results, status, words) {
    const n = results.filter(s => s.status === status).length;
    return n ? `${n} ${words}` : '';
}
/**
 * recover: what the user now has (the same KEK_KID, what is missing), not a count of steps; a rehearsal
 * passed or failed. The label is the action's own words.
 */
function recoverHeadline(r, failed) {
    const recovered = r.results.find(s => s.step.startsWith('recover'));
    if (r.config.rehearsalHsmName) {
        if (!recovered || recovered.status === 'failed')
            return `❌ Rehearsal failed: ${failed.length ? names(failed) : 'recover'} failed; the escrow did not restore into the temporary HSM.`;
        return failed.length
            ? `⚠️ Rehearsal passed, but ${names(failed)} failed: the temporary HSM bills until it is removed.`
            : '✅ Rehearsal passed: the escrow restored into a temporary HSM, which was then removed.';
    }
    if (failed.length)
        return `❌ ${names(failed)} failed.`;
    const label = recovered?.label ?? 'recovered';
    return `${/missing/.test(label) ? '⚠️' : '✅'} ${label.charAt(0).toUpperCase()}${label.slice(1)}.`;
}
function names(results) {
    return results.map(s => escapeMarkdown(s.step)).join(', ');
}
/**
 * The failures as a caution: each line of a failure's text its own line, and the action's advice for it (the
 * hint, never a line of the text, which may hold Azure's words) a "What to do" paragraph of its own. The
 * lines join with `<br>` in one source line, so no line of a message can start Markdown's block markup.
 */
function caution(failures) {
    const paragraphs = failures.flatMap(f => {
        const lines = f.text.split(/\r\n|[\n\r\u2028\u2029\u0085]/).filter(l => l.trim());
        return [
            ...(lines.length ? [lines.map(escapeMarkdown).join('<br>')] : []),
            ...(f.hint ? [`**What to do:** ${escapeMarkdown(f.hint)}`] : [])
        ];
    });
    return ['> [!CAUTION]', paragraphs.map(p => `> ${p}`).join('\n>\n'), ''];
}
/** Every step of the run: the ones that ran with their result, the others as not run. */
function stepTable(r) {
    const { config, results } = r;
    const planned = (0,src_config/* isSingleMode */.Gl)(config.mode) ? [config.mode] : config.steps;
    const rows = results.map(s => stepRow(r, s));
    for (const name of planned)
        if (!results.some(s => s.step === name || s.step.startsWith(`${name} `)))
            rows.push(`| ${escapeMarkdown(name)} | ${NOT_RUN} | ${r.errors?.length ? 'stopped before this step' : '—'} | — |`);
    return ['### Steps', '', '| Step | Result | Details | Duration |', '| --- | --- | --- | --- |', ...rows, ''];
}
function stepRow(r, s) {
    const readOnly = r.config.mode === 'verify' || r.config.mode === 'plan';
    const lines = [
        ...s.changes.map(c => (c.startsWith('  ') ? `– ${readOnly ? (0,report_findings/* sides */.r_)(c) : c.trim()}` : c)),
        ...s.notes.map(n => `⚠️ ${n}`),
        ...(s.info ?? []).map(n => `ℹ️ ${n}`)
    ].map(escapeMarkdown);
    // A step stopped by a finding (plan, verify) says which, in its own row too.
    if (lines.length === 0)
        for (const c of s.checks.filter(x => x.status !== 'ok' && typeof x.actual === 'string'))
            lines.push(`⚠️ ${escapeMarkdown(String(c.actual).split('\n')[0])}`);
    if (lines.length === 0 && s.status === 'unchanged' && !s.error)
        lines.push('nothing to change');
    let result = s.label ? labelled(s) : STATUS[s.status];
    if (s.status === 'planned' && s.creates)
        result = '🆕 would create';
    if (s.status === 'unchanged' && r.config.mode === 'verify')
        result = '✅ in sync';
    if (s.error) {
        result = r.signInFailed ? `${NOT_RUN} (sign-in failed)` : STATUS.failed;
        // Said once: an error the caution block above already holds is pointed to, not repeated.
        const first = s.error.split('\n')[0];
        const above = r.errors?.some(f => f.text.split('\n')[0] === first);
        lines.push(r.signInFailed
            ? 'sign-in failed: see above'
            : above
                ? '❌ failed: see the error above'
                : `❌ ${escapeMarkdown(first)}`);
    }
    return `| ${escapeMarkdown(s.step)} | ${result} | ${lines.join('<br>') || '—'} | ${(0,wait/* formatDuration */.a3)(s.durationMs)} |`;
}
function labelled(s) {
    const label = s.label ?? '';
    const icon = s.status === 'failed'
        ? '❌'
        : s.status === 'drift'
            ? '⚠️'
            : label.includes(step/* HELD */._)
                ? '⚠️'
                : /delet|purg/.test(label)
                    ? '🗑️'
                    : /left alone/.test(label)
                        ? '⏸️'
                        : '✅';
    return `${icon} ${label}`;
}
/** verify: the findings in words (Azure's side and the inputs' side) and what to do; or in sync and the escrow proofs. */
function driftSection(report) {
    // Warnings and information are in the posture table; here, what makes the report drift or error.
    const bad = report.checks.filter(c => c.severity === 'critical' || c.severity === 'drift' || c.severity === 'error');
    if (bad.length === 0) {
        const proofs = (0,report_findings/* escrowProofs */.bX)(report.checks);
        return [
            '### In sync',
            '',
            `Azure matches the inputs: ${report.checks.length} check(s) passed.`,
            ...(proofs.length
                ? ['', 'Escrow proofs that passed:', '', ...proofs.map(p => `- ${escapeMarkdown(p)}`)]
                : []),
            ''
        ];
    }
    const findings = bad.map(c => (0,report_findings/* finding */.gk)(c, 'verify'));
    const todo = (0,report_findings/* whatToDo */.H6)(findings);
    return [
        '### Drift: Azure differs from the inputs',
        '',
        ...findings.flatMap((f, i) => [
            `- ${bad[i].severity === 'critical' ? '**Critical:** ' : ''}${escapeMarkdown(f.text)}`,
            ...f.details.map(d => `  - ${escapeMarkdown(d)}`)
        ]),
        '',
        ...(todo ? [`**What to do:** ${escapeMarkdown(todo)}`, ''] : [])
    ];
}
/** Every role assignment that reaches the key: principal, role, scope, what it allows, intended or not. */
function holderSection(p) {
    if (!p.holders)
        return [];
    const rows = [...p.holders]
        .sort((a, b) => rank(a) - rank(b))
        .map(h => {
        const intended = h.intendedAs
            ? `✅ ${escapeMarkdown(h.intendedAs)}`
            : h.severity === 'critical'
                ? '❌ not intended (critical)'
                : '⚠️ not intended';
        const role = `${escapeMarkdown(h.roleName)}${h.custom ? ' (custom)' : ''}`;
        const allows = h.allows.map(a => capabilities/* CAPABILITY_WORDS */.$f[a]).join(', ') || 'nothing on the key';
        return `| ${codeMarkdown(h.principalId)} | ${role} | ${codeMarkdown(h.scope)} | ${allows} | ${intended} |`;
    });
    return [
        '### Who can take the key',
        '',
        '| Principal | Role | Scope | Allows | Intended |',
        '| --- | --- | --- | --- | --- |',
        ...(rows.length ? rows : ['| — | — | — | nobody | — |']),
        ''
    ];
}
function rank(h) {
    return h.intendedAs ? 3 : h.severity === 'critical' ? 0 : 1;
}
const SEVERITY_SIGN = {
    ok: '✅ ok',
    critical: '❌ critical',
    drift: '⚠️ drift',
    warning: '⚠️ warning',
    info: 'ℹ️ info'
};
/** The HSM's settings, key versions, escrow and stores as assessed: state, severity, what to do. */
function postureSection(p) {
    const items = p.items.filter(i => !i.id.startsWith('access.'));
    const errors = p.checks.filter(c => c.status === 'error');
    if (items.length === 0 && errors.length === 0)
        return [];
    const order = ['critical', 'drift', 'warning', 'info', 'ok'];
    const rows = [...items]
        .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
        .map(i => `| ${escapeMarkdown(i.setting)} | ${[i.state, ...(i.details ?? [])].map(escapeMarkdown).join('<br>')} | ${SEVERITY_SIGN[i.severity]} | ${escapeMarkdown(i.todo ?? '') || '—'} |`);
    for (const e of errors)
        rows.push(`| ${escapeMarkdown(e.id.replace(/^posture\./, ''))} | could not be checked: ${escapeMarkdown(String(e.actual ?? '').split('\n')[0])} | ❌ error | — |`);
    return [
        '### Posture',
        '',
        '| Setting | State | Severity | What to do |',
        '| --- | --- | --- | --- |',
        ...rows,
        ''
    ];
}
/** verify-security-domain: which quorum subsets of the keys recover the security domain. */
function subsetSection(results) {
    const subsets = results.flatMap(s => s.checks).filter(c => Array.isArray(c.desired));
    if (subsets.length === 0)
        return [];
    return [
        '### Key subsets',
        '',
        '| Keys | Recovers the security domain |',
        '| --- | --- |',
        ...subsets.map(c => `| ${c.desired.map(l => codeMarkdown(l)).join(' + ')} | ${c.status === 'ok' ? '✅ yes' : `❌ no: ${escapeMarkdown(String(c.actual ?? ''))}`} |`),
        ''
    ];
}
/** The first activation: where the security domain and the wrapping keys are escrowed, their SHA-256, the quorum. */
function escrowSection(e, posture) {
    const rows = [
        ...(e.securityDomain?.stores ?? []).map(s => `| security domain | ${codeMarkdown(s)} | ${codeMarkdown(e.securityDomain?.sha256 ?? '')} |`),
        ...e.wrappingKeys.map((k, i) => `| wrapping key ${i + 1} | ${codeMarkdown(k.store)} | ${codeMarkdown(k.sha256)} |`)
    ];
    return [
        '### Escrow',
        '',
        e.generated
            ? `Quorum: ${e.quorum} of ${e.keyCount} wrapping keys recover the security domain` +
                (e.proven ? ` (all ${e.proven} quorum subsets proven offline in this run).` : '.')
            : custodianClaim(e, posture),
        '',
        '| Escrowed | Where | SHA-256 |',
        '| --- | --- | --- |',
        ...rows,
        ''
    ];
}
/**
 * Custodians' certificates: the run holds none of their private keys, so it says what it checked (the escrowed
 * copy's shares and quorum, judged by the posture's escrow identity) and that recovery is not proven.
 */
function custodianClaim(e, posture) {
    const identity = posture?.items.find(i => i.id === 'escrow.identity');
    const checked = identity?.severity === 'ok'
        ? `Checked in this run: every share of the escrowed security domain is wrapped to one of the ${e.keyCount} custodians' certificates (wrapping-certificates), and it needs ${e.quorum} of them, as quorum says.`
        : `Not checked in this run: whether the escrowed security domain's shares are wrapped to the ${e.keyCount} custodians' certificates with quorum ${e.quorum} (see the posture table).`;
    const proof = escrow_identity/* CUSTODIAN_RECOVERY_NOT_PROVEN */.KF.replace(/^r/, 'R');
    return `${checked}<br>${proof}.`;
}
/** apply that created something: the weaker choices this environment runs with, said once where they begin. */
function warningSection(r) {
    const { config } = r;
    if (config.mode !== 'apply' || !r.results.some(s => s.status === 'created'))
        return [];
    const warnings = [];
    if (r.escrowed?.generated)
        warnings.push('The wrapping keys were generated in this run: their private keys are in the escrow stores, reachable from CI. Custodians’ certificates (wrapping-certificates) keep the private keys off CI.');
    if (!config.purgeProtection && config.steps.includes('provision'))
        warnings.push('Purge protection is off: a deleted HSM can be purged at once, with its keys and security domain (purge-protection: true prevents it, permanently).');
    if (!config.keyBackup && config.steps.includes('key'))
        warnings.push('No key backup (key-backup-store): mode: recover can restore the security domain, but not this key.');
    if (warnings.length === 0)
        return [];
    return ['### Warnings', '', ...warnings.map(w => `- ⚠️ ${w}`), ''];
}
async function writeSummary(r) {
    if (!r.config.summary || !process.env.GITHUB_STEP_SUMMARY)
        return;
    await appendSummary(summaryMarkdown(r));
}
/**
 * Appends to the job summary file, as @actions/core's summary.write() does; written here so that a refused
 * input's summary does not load @actions/core (and its HTTP client) on the fast failure path.
 */
async function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        await (0,promises_.appendFile)(file, markdown, { encoding: 'utf8' });
}
/** The input-refused summary, unless the summary input says no (read leniently: the inputs were refused). */
async function writeInputFailureSummary(getInput, error) {
    if (!process.env.GITHUB_STEP_SUMMARY || getInput('summary').trim().toLowerCase() === 'false')
        return;
    const mode = getInput('mode').trim() || 'apply';
    await appendSummary(inputFailureMarkdown(getInput('hsm-name').trim(), mode, stepsAsked(getInput, mode), error));
}
/** The steps a refused run would have run, read leniently: the known names asked for, in their order. */
function stepsAsked(getInput, mode) {
    const known = src_config/* MODES */.FN.find(m => m === mode);
    if (known && (0,src_config/* isSingleMode */.Gl)(known))
        return [known];
    const asked = getInput('steps')
        .toLowerCase()
        .split(/[\s,]+/);
    const named = src_config/* STEP_NAMES */.KY.filter(s => asked.includes(s));
    if (named.length)
        return named;
    return src_config/* STEP_NAMES */.KY.filter(s => s !== 'des' || getInput('disk-encryption-set').trim());
}


/***/ }),

/***/ 4335:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ HELD)
/* harmony export */ });
/**
 * In a teardown's label: a delete that purge protection keeps, so the name stays taken and billing may go on
 * (the summary shows it as a warning, never as done).
 */
const HELD = 'held by purge protection';


/***/ }),

/***/ 7252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EE: () => (/* reexport */ certificates/* CertificateError */.EE),
  gN: () => (/* reexport */ RecoveryError),
  su: () => (/* reexport */ format_SecurityDomainFormatError),
  Fg: () => (/* reexport */ certificates/* buildDownloadJwk */.Fg),
  ui: () => (/* reexport */ buildRestoreBlob),
  So: () => (/* reexport */ decryptSecurityDomain),
  gq: () => (/* reexport */ generateWrappingKeys),
  hB: () => (/* reexport */ certificates/* parseCertificate */.hB),
  Gh: () => (/* reexport */ parseSecurityDomain),
  Gp: () => (/* reexport */ recoverableSubsets)
});

// UNUSED EXPORTS: Base64Error, JWE_ENC, JweError, MAX_REQUIRED, MAX_SHARE_X, MIN_REQUIRED, RestoreBlobError, SD_KDF_NAME, SD_VERSION, SHAMIR_ALGORITHM, SHAMIR_PRIME, SIZE_MARGIN, ShamirError, TRANSFER_KID, aes256CbcHs512Decrypt, aes256CbcHs512Encrypt, b64Decode, b64Encode, b64urlDecode, b64urlEncode, buildDownloadRequest, certificateDer, checkSecurityDomainRecovery, checkX5tS256, combineShares, comparePlaintexts, decodeShare, decryptCompactJwe, deriveItemKey, encodeShare, encryptCompactJwe, estimateSecurityDomainBytes, generateWrappingKey, openRestoreBlob, parseCompactJwe, parseEncData, parseJsonText, parseRestoreBlob, parseTransferKey, parseX5cCertificate, rsaPublicNumbers, sdSha256, serializeSecurityDomain, sp108_kdf, splitSecret, validateWrappingCertificates, x5tOf, x5tS256Of

// EXTERNAL MODULE: ./src/security-domain/base64url.ts
var base64url = __webpack_require__(3017);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/security-domain/kdf.ts
/**
 * NIST SP 800-108 key derivation in counter mode with HMAC-SHA-512 (the security domain's
 * "sp108_kdf"). Each EncData item's 64-byte content key is derived from the master secret with the
 * item's tag as label and an empty context.
 */

const SD_KDF_NAME = 'sp108_kdf';
const HMAC_BITS = 512;
function toBytes(value) {
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}
function be32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
}
/**
 * K(i) = HMAC-SHA-512(key, BE32(i) || label || 0x00 || context || BE32(L)) for i = 1..ceil(L/512),
 * concatenated and truncated to L bits. L must be a positive multiple of 8.
 */
function sp108_kdf(key, label, context, lengthBits) {
    if (!Number.isInteger(lengthBits) || lengthBits <= 0 || lengthBits % 8 !== 0 || lengthBits > 0xffffffff) {
        throw new RangeError('sp108_kdf: the output length must be a positive multiple of 8 bits');
    }
    if (key.length === 0)
        throw new RangeError('sp108_kdf: the key must not be empty');
    const fixed = Buffer.concat([toBytes(label), Buffer.from([0]), toBytes(context), be32(lengthBits)]);
    const blocks = [];
    const count = Math.ceil(lengthBits / HMAC_BITS);
    for (let i = 1; i <= count; i++) {
        blocks.push((0,external_node_crypto_.createHmac)('sha512', key).update(be32(i)).update(fixed).digest());
    }
    return Buffer.concat(blocks).subarray(0, lengthBits / 8);
}
/** The A256CBC-HS512 content key (64 bytes) of the EncData item tagged `tag`. */
function kdf_deriveItemKey(master, tag) {
    return sp108_kdf(master, tag, '', 512);
}

;// CONCATENATED MODULE: ./src/security-domain/jwe.ts
/**
 * Compact JWE (RFC 7516) limited to what security domains use: `enc` A256CBC-HS512 (RFC 7518
 * §5.2.5) with `alg` `dir`, `RSA-OAEP-256` or `RSA-OAEP`.
 *
 * Decryption always verifies the authentication tag, in constant time, before decrypting. (The
 * Azure CLI skips the check when a tag is not 32 bytes long; here such a tag is an error.)
 */


const JWE_ENC = 'A256CBC-HS512';
const CEK_BYTES = 64;
const HALF = 32;
const IV_BYTES = 16;
const TAG_BYTES = 32;
class jwe_JweError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.name = 'JweError';
        this.code = code;
    }
}
function checkCek(cek) {
    if (cek.length !== CEK_BYTES) {
        throw new jwe_JweError('KEY_MISMATCH', `A256CBC-HS512 needs a ${CEK_BYTES}-byte key, got ${cek.length} bytes`);
    }
}
/** HMAC-SHA-512 over AAD || IV || ciphertext || AL, truncated to 32 bytes (RFC 7518 §5.2.2.1). */
function computeTag(macKey, aad, iv, ciphertext) {
    const al = Buffer.alloc(8);
    al.writeBigUInt64BE(BigInt(aad.length) * 8n);
    return (0,external_node_crypto_.createHmac)('sha512', macKey)
        .update(aad)
        .update(iv)
        .update(ciphertext)
        .update(al)
        .digest()
        .subarray(0, TAG_BYTES);
}
/** AES_256_CBC_HMAC_SHA_512 encryption. MAC key = cek[0:32], AES key = cek[32:64]. */
function aes256CbcHs512Encrypt(cek, iv, plaintext, aad) {
    checkCek(cek);
    if (iv.length !== IV_BYTES)
        throw new jwe_JweError('MALFORMED', `the IV must be ${IV_BYTES} bytes`);
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-cbc', cek.subarray(HALF), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: computeTag(cek.subarray(0, HALF), aad, iv, ciphertext) };
}
/** AES_256_CBC_HMAC_SHA_512 decryption; throws JweError TAG_MISMATCH unless the tag verifies. */
function aes256CbcHs512Decrypt(cek, iv, ciphertext, aad, tag) {
    checkCek(cek);
    if (iv.length !== IV_BYTES)
        throw new jwe_JweError('MALFORMED', `the IV must be ${IV_BYTES} bytes, got ${iv.length}`);
    if (tag.length !== TAG_BYTES) {
        throw new jwe_JweError('MALFORMED', `the authentication tag must be ${TAG_BYTES} bytes, got ${tag.length}`);
    }
    if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
        throw new jwe_JweError('MALFORMED', 'the ciphertext length is not a positive multiple of the AES block size');
    }
    const expected = computeTag(cek.subarray(0, HALF), aad, iv, ciphertext);
    if (!(0,external_node_crypto_.timingSafeEqual)(expected, tag)) {
        throw new jwe_JweError('TAG_MISMATCH', 'authentication tag mismatch (data was altered or the key is wrong)');
    }
    try {
        const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-cbc', cek.subarray(HALF), iv);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    }
    catch {
        throw new jwe_JweError('DECRYPT_FAILED', 'the ciphertext authenticated but its padding is invalid');
    }
}
/** Splits and decodes a compact JWE without decrypting it; checks shapes only. */
function parseCompactJwe(compact) {
    if (typeof compact !== 'string')
        throw new jwe_JweError('MALFORMED', 'a compact JWE must be a string');
    const parts = compact.split('.');
    if (parts.length !== 5) {
        throw new jwe_JweError('MALFORMED', `a compact JWE has 5 dot-separated segments, this has ${parts.length}`);
    }
    const [hdr, ek, iv, ct, tag] = parts;
    let header;
    try {
        const decoded = (0,base64url/* b64urlDecode */.so)(hdr, 'JWE header');
        header = JSON.parse(decoded.toString('utf8'));
    }
    catch (e) {
        throw new jwe_JweError('MALFORMED', e instanceof base64url/* Base64Error */.qo ? e.message : 'the JWE header is not valid JSON');
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header)) {
        throw new jwe_JweError('MALFORMED', 'the JWE header is not a JSON object');
    }
    const h = header;
    if (typeof h.alg !== 'string' || typeof h.enc !== 'string') {
        throw new jwe_JweError('MALFORMED', 'the JWE header lacks string "alg" and "enc" members');
    }
    try {
        const result = {
            header: h,
            protectedHeader: hdr,
            encryptedKey: (0,base64url/* b64urlDecode */.so)(ek, 'JWE encrypted key'),
            iv: (0,base64url/* b64urlDecode */.so)(iv, 'JWE IV'),
            ciphertext: (0,base64url/* b64urlDecode */.so)(ct, 'JWE ciphertext'),
            tag: (0,base64url/* b64urlDecode */.so)(tag, 'JWE tag')
        };
        if (result.iv.length !== IV_BYTES)
            throw new jwe_JweError('MALFORMED', `the JWE IV must be ${IV_BYTES} bytes`);
        if (result.tag.length !== TAG_BYTES)
            throw new jwe_JweError('MALFORMED', `the JWE tag must be ${TAG_BYTES} bytes`);
        return result;
    }
    catch (e) {
        if (e instanceof jwe_JweError)
            throw e;
        throw new jwe_JweError('MALFORMED', e instanceof Error ? e.message : 'bad JWE segment');
    }
}
function oaepHash(alg) {
    if (alg === 'RSA-OAEP-256')
        return 'sha256';
    if (alg === 'RSA-OAEP')
        return 'sha1';
    return undefined;
}
/**
 * Produces a compact JWE. The header is serialized as {"alg","enc","kid"} in that order, compact,
 * which is how Azure writes it (the order does not matter to readers, only the exact bytes to the MAC).
 */
function encryptCompactJwe(plaintext, options) {
    const header = { alg: options.alg, enc: JWE_ENC };
    if (options.kid !== undefined)
        header.kid = options.kid;
    let cek;
    let encryptedKey;
    if (options.alg === 'dir') {
        cek = options.key;
        encryptedKey = Buffer.alloc(0);
    }
    else {
        const hash = oaepHash(options.alg);
        if (!hash)
            throw new jwe_JweError('UNSUPPORTED', 'unsupported key management algorithm');
        if (options.key.type !== 'public' || options.key.asymmetricKeyType !== 'rsa') {
            throw new jwe_JweError('KEY_MISMATCH', `${options.alg} needs an RSA public key`);
        }
        cek = options.cek ?? (0,external_node_crypto_.randomBytes)(CEK_BYTES);
        encryptedKey = (0,external_node_crypto_.publicEncrypt)({ key: options.key, padding: external_node_crypto_.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, cek);
    }
    checkCek(cek);
    const iv = options.iv ?? (0,external_node_crypto_.randomBytes)(IV_BYTES);
    const protectedHeader = (0,base64url/* b64urlEncode */.Mu)(JSON.stringify(header));
    const { ciphertext, tag } = aes256CbcHs512Encrypt(cek, iv, plaintext, Buffer.from(protectedHeader, 'ascii'));
    return [
        protectedHeader,
        (0,base64url/* b64urlEncode */.Mu)(encryptedKey),
        (0,base64url/* b64urlEncode */.Mu)(iv),
        (0,base64url/* b64urlEncode */.Mu)(ciphertext),
        (0,base64url/* b64urlEncode */.Mu)(tag)
    ].join('.');
}
/**
 * Decrypts a compact JWE. `key` is the 64-byte content key for `dir`, or an RSA private KeyObject
 * for the RSA-OAEP algorithms; a key of the wrong kind for the header's `alg` is refused rather than
 * guessed at. `expectedAlg` pins the algorithm (e.g. shares must be RSA-OAEP-256, not `dir`).
 */
function jwe_decryptCompactJwe(compact, key, options = {}) {
    const jwe = parseCompactJwe(compact);
    const { alg, enc } = jwe.header;
    if (enc !== JWE_ENC)
        throw new jwe_JweError('UNSUPPORTED', `unsupported JWE "enc" ${JSON.stringify(enc.slice(0, 40))}`);
    if (jwe.header.zip !== undefined)
        throw new jwe_JweError('UNSUPPORTED', 'compressed JWEs ("zip") are not supported');
    if (jwe.header.crit !== undefined)
        throw new jwe_JweError('UNSUPPORTED', 'JWE "crit" extensions are not supported');
    if (alg !== 'dir' && !oaepHash(alg)) {
        throw new jwe_JweError('UNSUPPORTED', `unsupported JWE "alg" ${JSON.stringify(alg.slice(0, 40))}`);
    }
    if (options.expectedAlg !== undefined) {
        const allowed = typeof options.expectedAlg === 'string' ? [options.expectedAlg] : options.expectedAlg;
        if (!allowed.includes(alg))
            throw new jwe_JweError('KEY_MISMATCH', `expected JWE alg ${allowed.join(' or ')}, found ${alg}`);
    }
    let cek;
    if (alg === 'dir') {
        if (!(key instanceof Uint8Array))
            throw new jwe_JweError('KEY_MISMATCH', 'a "dir" JWE needs the content key bytes');
        if (jwe.encryptedKey.length !== 0)
            throw new jwe_JweError('MALFORMED', 'a "dir" JWE must have an empty encrypted key');
        cek = Buffer.from(key);
    }
    else {
        if (key instanceof Uint8Array || key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
            throw new jwe_JweError('KEY_MISMATCH', `an ${alg} JWE needs an RSA private key`);
        }
        try {
            cek = (0,external_node_crypto_.privateDecrypt)({ key, padding: external_node_crypto_.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(alg) }, jwe.encryptedKey);
        }
        catch {
            throw new jwe_JweError('KEY_UNWRAP_FAILED', 'RSA-OAEP could not unwrap the content key (wrong private key or altered data)');
        }
        if (cek.length !== CEK_BYTES) {
            throw new jwe_JweError('KEY_UNWRAP_FAILED', `the unwrapped content key is ${cek.length} bytes, expected ${CEK_BYTES}`);
        }
    }
    const aad = Buffer.from(jwe.protectedHeader, 'ascii');
    const plaintext = aes256CbcHs512Decrypt(cek, jwe.iv, jwe.ciphertext, aad, jwe.tag);
    return { header: jwe.header, plaintext };
}

;// CONCATENATED MODULE: ./src/security-domain/shamir.ts
/**
 * Shamir secret sharing over GF(257) in the security domain's "shamir_share" encoding.
 *
 * Every secret byte is shared on its own polynomial of degree threshold-1 whose constant term is
 * the byte. Values live in [0, 256], so they need 9 bits; a share is an array of uint16 LE words
 * `(x << 9) | value`, one per secret byte, all with the share's x (1..126).
 */

const SHAMIR_PRIME = 257;
const MAX_SHARE_X = 126;
const SHAMIR_ALGORITHM = 'shamir_share';
class ShamirError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.name = 'ShamirError';
        this.code = code;
    }
}
const mod = (a) => ((a % SHAMIR_PRIME) + SHAMIR_PRIME) % SHAMIR_PRIME;
/** a^(p-2) mod p: the inverse by Fermat's little theorem (a ≠ 0). */
function inverse(a) {
    let result = 1;
    let base = mod(a);
    for (let e = SHAMIR_PRIME - 2; e > 0; e >>= 1) {
        if (e & 1)
            result = (result * base) % SHAMIR_PRIME;
        base = (base * base) % SHAMIR_PRIME;
    }
    return result;
}
function encodeShare(x, values) {
    if (!Number.isInteger(x) || x < 1 || x > MAX_SHARE_X) {
        throw new ShamirError('INVALID_ARGUMENT', `share x must be an integer in 1..${MAX_SHARE_X}`);
    }
    const out = Buffer.alloc(values.length * 2);
    values.forEach((v, j) => {
        if (!Number.isInteger(v) || v < 0 || v >= SHAMIR_PRIME) {
            throw new ShamirError('INVALID_ARGUMENT', `share value at byte ${j} is outside 0..256`);
        }
        out.writeUInt16LE((x << 9) | v, j * 2);
    });
    return out;
}
/** Decodes a share buffer; every word must carry the same non-zero x. */
function decodeShare(share) {
    if (share.length === 0 || share.length % 2 !== 0) {
        throw new ShamirError('MALFORMED_SHARE', 'a share is a non-empty array of 16-bit words');
    }
    const buf = Buffer.from(share.buffer, share.byteOffset, share.byteLength);
    const values = [];
    let x = -1;
    for (let j = 0; j < buf.length / 2; j++) {
        const word = buf.readUInt16LE(j * 2);
        const wx = word >> 9;
        const v = word & 0x1ff;
        if (x === -1)
            x = wx;
        else if (wx !== x)
            throw new ShamirError('MALFORMED_SHARE', `share words disagree on x (byte ${j})`);
        if (v >= SHAMIR_PRIME)
            throw new ShamirError('MALFORMED_SHARE', `share value at byte ${j} is outside 0..256`);
        values.push(v);
    }
    if (x < 1 || x > MAX_SHARE_X)
        throw new ShamirError('MALFORMED_SHARE', `share x ${x} is outside 1..${MAX_SHARE_X}`);
    return { x, values };
}
/**
 * Splits `secret` into `count` shares (x = 1..count, in order) of which any `threshold` recover it.
 * Coefficients are uniform in [0, 256] from the CSPRNG, as the format's reference encoder does.
 */
function splitSecret(secret, count, threshold) {
    if (secret.length === 0)
        throw new ShamirError('INVALID_ARGUMENT', 'the secret must not be empty');
    if (!Number.isInteger(count) || count < 2 || count > MAX_SHARE_X) {
        throw new ShamirError('INVALID_ARGUMENT', `the share count must be an integer in 2..${MAX_SHARE_X}`);
    }
    if (!Number.isInteger(threshold) || threshold < 2 || threshold > count) {
        throw new ShamirError('INVALID_ARGUMENT', 'the threshold must be an integer in 2..share count');
    }
    const shares = Array.from({ length: count }, () => []);
    for (const byte of secret) {
        const coefficients = [byte];
        for (let d = 1; d < threshold; d++)
            coefficients.push(randomInt(0, SHAMIR_PRIME));
        for (let i = 0; i < count; i++) {
            const x = i + 1;
            // Horner's rule, highest degree first.
            let y = 0;
            for (let d = threshold - 1; d >= 0; d--)
                y = (y * x + coefficients[d]) % SHAMIR_PRIME;
            shares[i].push(y);
        }
    }
    return shares.map((values, i) => encodeShare(i + 1, values));
}
/**
 * Recovers the secret from the first `threshold` shares by Lagrange interpolation at x = 0. Fails on
 * fewer shares than the threshold, repeated x, shares of different lengths, or an interpolated
 * value of 256 (which no byte can be, so the shares do not belong to the same secret).
 */
function combineShares(shares, threshold) {
    if (!Number.isInteger(threshold) || threshold < 2) {
        throw new ShamirError('INVALID_ARGUMENT', 'the threshold must be an integer ≥ 2');
    }
    if (shares.length < threshold) {
        throw new ShamirError('TOO_FEW_SHARES', `${shares.length} share(s) given, ${threshold} required`);
    }
    const used = shares.slice(0, threshold).map(s => (s instanceof Uint8Array ? decodeShare(s) : s));
    const xs = used.map(s => s.x);
    const seen = new Set();
    for (const x of xs) {
        if (seen.has(x))
            throw new ShamirError('DUPLICATE_X', `two shares have the same x (${x})`);
        seen.add(x);
    }
    const length = used[0].values.length;
    if (used.some(s => s.values.length !== length)) {
        throw new ShamirError('LENGTH_MISMATCH', 'the shares have different lengths');
    }
    // l_i(0) = Π_{j≠i} x_j / (x_j − x_i)
    const weights = xs.map((xi, i) => {
        let num = 1;
        let den = 1;
        xs.forEach((xj, j) => {
            if (j === i)
                return;
            num = (num * xj) % SHAMIR_PRIME;
            den = (den * mod(xj - xi)) % SHAMIR_PRIME;
        });
        return (num * inverse(den)) % SHAMIR_PRIME;
    });
    const secret = Buffer.alloc(length);
    for (let b = 0; b < length; b++) {
        let acc = 0;
        used.forEach((s, i) => {
            acc = (acc + s.values[b] * weights[i]) % SHAMIR_PRIME;
        });
        if (acc > 255) {
            throw new ShamirError('NOT_A_BYTE', `byte ${b} interpolates to 256: these shares do not belong together`);
        }
        secret[b] = acc;
    }
    return secret;
}

;// CONCATENATED MODULE: ./src/security-domain/format.ts
/**
 * The security-domain (SD) file, version 2, as returned (as a JSON string) in the `value` of
 * POST /securitydomain/download, and a strict parser for it.
 *
 * Parser errors name the JSON path and what is wrong with it, never the value found there: SD
 * text and key material must not reach logs through an error message.
 */


const SD_VERSION = 2;
/** The quorum limits the service and the Azure CLI enforce. */
const MIN_REQUIRED = 2;
const MAX_REQUIRED = 10;
class format_SecurityDomainFormatError extends Error {
    /** JSON path of the offending member, e.g. `SharedKeys.enc_shares[2].x5t_256`. */
    path;
    constructor(path, problem) {
        super(path ? `security domain: ${path} ${problem}` : `security domain: ${problem}`);
        this.name = 'SecurityDomainFormatError';
        this.path = path;
    }
}
const B64URL_SHA256 = /^[A-Za-z0-9_-]{43}$/;
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
function typeName(v) {
    if (v === undefined)
        return 'nothing';
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
function obj(v, path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new format_SecurityDomainFormatError(path, `must be an object, found ${typeName(v)}`);
    }
    return v;
}
function arr(v, path) {
    if (!Array.isArray(v))
        throw new format_SecurityDomainFormatError(path, `must be an array, found ${typeName(v)}`);
    return v;
}
function str(v, path) {
    if (typeof v !== 'string')
        throw new format_SecurityDomainFormatError(path, `must be a string, found ${typeName(v)}`);
    if (v.length === 0)
        throw new format_SecurityDomainFormatError(path, 'must not be empty');
    return v;
}
function exact(v, expected, path) {
    // Only a short, printable token is echoed, so an unexpected member can never leak a blob.
    if (v !== expected) {
        const found = typeof v === 'string' && /^[\w.-]{1,32}$/.test(v) ? `"${v}"` : typeName(v);
        throw new format_SecurityDomainFormatError(path, `must be "${expected}", found ${found}`);
    }
}
/** Parses JSON text without letting the engine's error (which quotes the input) escape. */
function format_parseJsonText(text, what = 'security domain') {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        const position = e instanceof Error ? /position (\d+)/.exec(e.message)?.[1] : undefined;
        throw new format_SecurityDomainFormatError('', `${what} is not valid JSON${position ? ` (at character ${position})` : ''}`);
    }
}
function format_parseEncData(v, path = 'EncData') {
    const encData = obj(v, path);
    exact(encData.kdf, SD_KDF_NAME, `${path}.kdf`);
    const rawItems = arr(encData.data, `${path}.data`);
    if (rawItems.length === 0)
        throw new format_SecurityDomainFormatError(`${path}.data`, 'must not be empty');
    const tags = new Set();
    const data = rawItems.map((raw, i) => {
        const p = `${path}.data[${i}]`;
        const item = obj(raw, p);
        const tag = str(item.tag, `${p}.tag`);
        if (tags.has(tag))
            throw new format_SecurityDomainFormatError(`${p}.tag`, 'repeats an earlier tag');
        tags.add(tag);
        const compact = str(item.compact_jwe, `${p}.compact_jwe`);
        if (!COMPACT_JWE.test(compact))
            throw new format_SecurityDomainFormatError(`${p}.compact_jwe`, 'is not a compact JWE');
        return { compact_jwe: compact, tag };
    });
    return { data, kdf: SD_KDF_NAME };
}
function format_checkX5tS256(v, path) {
    const t = str(v, path);
    if (!B64URL_SHA256.test(t))
        throw new format_SecurityDomainFormatError(path, 'is not a b64url SHA-256 thumbprint');
    return t;
}
/**
 * Strictly validates a parsed or textual SD and returns a clean copy holding only the known members
 * (unknown extra members are tolerated, as Azure may add some).
 */
function parseSecurityDomain(input) {
    const root = obj(typeof input === 'string' ? format_parseJsonText(input) : input, '');
    if (root.version !== SD_VERSION) {
        const found = typeof root.version === 'number' ? String(root.version) : typeName(root.version);
        throw new format_SecurityDomainFormatError('version', `must be ${SD_VERSION}, found ${found}`);
    }
    const encData = format_parseEncData(root.EncData);
    const shared = obj(root.SharedKeys, 'SharedKeys');
    exact(shared.key_algorithm, SHAMIR_ALGORITHM, 'SharedKeys.key_algorithm');
    const required = shared.required;
    if (typeof required !== 'number' || !Number.isInteger(required)) {
        throw new format_SecurityDomainFormatError('SharedKeys.required', `must be an integer, found ${typeName(required)}`);
    }
    if (required < MIN_REQUIRED || required > MAX_REQUIRED) {
        throw new format_SecurityDomainFormatError('SharedKeys.required', `must be ${MIN_REQUIRED}..${MAX_REQUIRED}, found ${required}`);
    }
    const rawShares = arr(shared.enc_shares, 'SharedKeys.enc_shares');
    if (rawShares.length > MAX_SHARE_X) {
        throw new format_SecurityDomainFormatError('SharedKeys.enc_shares', `has more than ${MAX_SHARE_X} entries`);
    }
    if (rawShares.length < required) {
        throw new format_SecurityDomainFormatError('SharedKeys.enc_shares', `has ${rawShares.length} entries, fewer than required (${required})`);
    }
    const encShares = rawShares.map((raw, i) => {
        const p = `SharedKeys.enc_shares[${i}]`;
        const share = obj(raw, p);
        const encKey = str(share.enc_key, `${p}.enc_key`);
        if (!COMPACT_JWE.test(encKey))
            throw new format_SecurityDomainFormatError(`${p}.enc_key`, 'is not a compact JWE');
        return { enc_key: encKey, x5t_256: format_checkX5tS256(share.x5t_256, `${p}.x5t_256`) };
    });
    return {
        EncData: encData,
        SharedKeys: { enc_shares: encShares, key_algorithm: SHAMIR_ALGORITHM, required },
        version: SD_VERSION
    };
}
/** The SD as Azure serializes it: compact JSON, members in the order EncData, SharedKeys, version. */
function serializeSecurityDomain(sd) {
    return JSON.stringify(parseSecurityDomain(sd));
}

;// CONCATENATED MODULE: ./src/security-domain/sha256.ts

/** Hex SHA-256 of the SD text (UTF-8), to identify an SD in logs and outputs without revealing it. */
function sdSha256(text) {
    return createHash('sha256')
        .update(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
        .digest('hex');
}

// EXTERNAL MODULE: ./src/security-domain/certificates.ts
var certificates = __webpack_require__(5189);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/node-forge/lib/index.js
var lib = __webpack_require__(8542);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/security-domain/wrapping-keys.ts
/**
 * Generates security-domain wrapping keys: RSA key pairs from Node's native (threaded) generator,
 * each with a self-signed certificate. node-forge builds the certificate structure (Node cannot),
 * but Node signs it: forge's pure-JS RSA takes ~0.3 s per 4096-bit signature on the main thread,
 * Node's takes milliseconds, and PKCS#1 v1.5 signatures are deterministic, so the result is the same.
 */




const generateKeyPairAsync = (0,external_node_util_.promisify)(external_node_crypto_.generateKeyPair);
/** getTBSCertificate is public in node-forge but missing from its type declarations. */
const forgePki = (lib_default()).pki;
/** A positive, minimally encoded 128-bit serial (RFC 5280 §4.1.2.2: ≤ 20 octets, positive). */
function randomSerialHex() {
    const bytes = (0,external_node_crypto_.randomBytes)(16);
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    return bytes.toString('hex');
}
function selfSignedCertificate(privateKeyPem, publicKeyPem, commonName, notBefore, notAfter) {
    const cert = lib_default().pki.createCertificate();
    cert.publicKey = lib_default().pki.publicKeyFromPem(publicKeyPem);
    cert.serialNumber = randomSerialHex();
    cert.validity.notBefore = notBefore;
    cert.validity.notAfter = notAfter;
    const name = [{ name: 'commonName', value: commonName }];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        {
            name: 'keyUsage',
            critical: true,
            digitalSignature: true,
            keyEncipherment: true,
            dataEncipherment: true
        },
        { name: 'subjectKeyIdentifier' }
    ]);
    // What forge's cert.sign(key, sha256) does, with the RSA operation done natively.
    const oid = (lib_default()).pki.oids.sha256WithRSAEncryption;
    cert.signatureOid = oid;
    cert.siginfo.algorithmOid = oid;
    const tbs = lib_default().asn1.toDer(forgePki.getTBSCertificate(cert)).getBytes();
    cert.signature = (0,external_node_crypto_.sign)('sha256', Buffer.from(tbs, 'binary'), privateKeyPem).toString('binary');
    return lib_default().pki.certificateToPem(cert);
}
/** Generates one wrapping key with certificate. */
async function generateWrappingKey(index, options = {}) {
    const bits = options.bits ?? 4096;
    const validityDays = options.validityDays ?? 365;
    if (!Number.isInteger(bits) || bits < 1024)
        throw new RangeError('wrapping keys need at least 1024 bits');
    if (!(validityDays > 0))
        throw new RangeError('validityDays must be positive');
    const notBefore = new Date(Math.floor((options.notBefore ?? new Date()).getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + validityDays * 86_400_000);
    const commonName = (options.commonName ?? (i => `SKR wrapping key ${i}`))(index);
    const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
        modulusLength: bits,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
    });
    const certificatePem = selfSignedCertificate(privateKey, publicKey, commonName, notBefore, notAfter);
    return {
        index,
        commonName,
        privateKeyPem: privateKey,
        certificatePem,
        x5tS256: (0,certificates/* x5tS256Of */.lK)((0,certificates/* certificateDer */.PK)(certificatePem))
    };
}
/** Generates `count` wrapping keys; the key pairs are generated in parallel on libuv's thread pool. */
async function generateWrappingKeys(options) {
    const { count, ...rest } = options;
    if (!Number.isInteger(count) || count < 1)
        throw new RangeError('count must be a positive integer');
    return Promise.all(Array.from({ length: count }, (_, i) => generateWrappingKey(i + 1, rest)));
}

;// CONCATENATED MODULE: ./src/security-domain/decrypt.ts
/**
 * The offline recovery check: given a security domain and some wrapping private keys with their
 * certificates, recover the master secret and authenticate every EncData item with it. Success is
 * proof that those keys can restore the HSM; nothing is sent anywhere.
 *
 * Keys are matched to shares only by certificate thumbprint (b64url SHA-256 of the DER equals
 * the share's x5t_256), as the Azure CLI does, so each private key needs its certificate.
 */






const SHARE_BYTES = 64;
const MAX_SUBSETS = 5000;
class RecoveryError extends Error {
    code;
    details;
    constructor(code, message, details = {}) {
        super(message);
        this.name = 'RecoveryError';
        this.code = code;
        this.details = details;
    }
}
function keyLabel(index, cert) {
    return cert ? `key #${index + 1} (${cert.subject || 'no subject'})` : `key #${index + 1}`;
}
function loadSd(sd) {
    try {
        return parseSecurityDomain(sd);
    }
    catch (e) {
        if (e instanceof format_SecurityDomainFormatError)
            throw new RecoveryError('INVALID_SD', e.message);
        throw e;
    }
}
function prepareKey(sd, input, index) {
    let cert;
    try {
        cert = (0,certificates/* parseCertificate */.hB)(input.certificatePem);
    }
    catch {
        throw new RecoveryError('INVALID_KEY', `${keyLabel(index)}: the certificate is not a valid X.509 certificate`, {
            keyIndex: index
        });
    }
    let privateKey;
    try {
        privateKey =
            typeof input.privateKeyPem === 'string' ? (0,external_node_crypto_.createPrivateKey)(input.privateKeyPem) : input.privateKeyPem;
    }
    catch {
        throw new RecoveryError('INVALID_KEY', `${keyLabel(index, cert)}: the private key cannot be read (PEM expected, unencrypted)`, {
            keyIndex: index
        });
    }
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
        throw new RecoveryError('INVALID_KEY', `${keyLabel(index, cert)}: not an RSA private key`, {
            keyIndex: index
        });
    }
    const derived = (0,external_node_crypto_.createPublicKey)(privateKey).export({ type: 'spki', format: 'der' });
    const certified = cert.publicKey.export({ type: 'spki', format: 'der' });
    if (!derived.equals(certified)) {
        throw new RecoveryError('KEY_CERT_MISMATCH', `${keyLabel(index, cert)}: the private key does not belong to this certificate`, {
            keyIndex: index
        });
    }
    const shareIndices = [];
    sd.SharedKeys.enc_shares.forEach((share, i) => {
        if (share.x5t_256 === cert.x5tS256)
            shareIndices.push(i);
    });
    return { index, cert, privateKey, shareIndices };
}
function decryptShare(sd, key, shareIndex) {
    const share = sd.SharedKeys.enc_shares[shareIndex];
    const where = `share #${shareIndex + 1} (SharedKeys.enc_shares[${shareIndex}])`;
    if (!share)
        throw new RecoveryError('SHARE_INVALID', `${where} does not exist`, { shareIndex });
    let plaintext;
    try {
        plaintext = jwe_decryptCompactJwe(share.enc_key, key.privateKey, {
            expectedAlg: ['RSA-OAEP-256', 'RSA-OAEP']
        }).plaintext;
    }
    catch (e) {
        const why = e instanceof jwe_JweError ? e.message : 'unexpected error';
        throw new RecoveryError('SHARE_DECRYPT_FAILED', `${where} could not be decrypted with ${keyLabel(key.index, key.cert)}: ${why}`, {
            shareIndex,
            keyIndex: key.index
        });
    }
    if (plaintext.length !== SHARE_BYTES) {
        throw new RecoveryError('SHARE_INVALID', `${where} decrypted to ${plaintext.length} bytes, expected ${SHARE_BYTES}`, {
            shareIndex,
            keyIndex: key.index
        });
    }
    try {
        return decodeShare(plaintext);
    }
    catch (e) {
        throw new RecoveryError('SHARE_INVALID', `${where} is not a valid Shamir share: ${e instanceof ShamirError ? e.message : 'bad encoding'}`, {
            shareIndex,
            keyIndex: key.index
        });
    }
}
function combine(shares, required, shareIndices) {
    try {
        return combineShares(shares, required);
    }
    catch (e) {
        const which = shareIndices.map(i => `#${i + 1}`).join(', ');
        throw new RecoveryError('COMBINE_FAILED', `shares ${which} do not combine: ${e instanceof ShamirError ? e.message : 'unexpected error'}`);
    }
}
function decryptItems(sd, master) {
    return sd.EncData.data.map((item, itemIndex) => {
        try {
            const { plaintext } = jwe_decryptCompactJwe(item.compact_jwe, kdf_deriveItemKey(master, item.tag), {
                expectedAlg: 'dir'
            });
            return { tag: item.tag, plaintext };
        }
        catch (e) {
            const why = e instanceof jwe_JweError ? e.message : 'unexpected error';
            throw new RecoveryError('ITEM_DECRYPT_FAILED', `EncData item "${item.tag}" (EncData.data[${itemIndex}]) failed under the recovered master secret: ${why}`, { itemIndex, tag: item.tag });
        }
    });
}
/**
 * Recovers the master secret with the supplied keys and decrypts and authenticates every EncData
 * item. Every share a supplied key matches is decrypted and checked (a damaged share is reported
 * even when enough others remain); the first `required` of them are interpolated, as the Azure CLI
 * does. Throws RecoveryError on any failure.
 */
function decryptSecurityDomain(sdInput, keys) {
    const sd = loadSd(sdInput);
    const required = sd.SharedKeys.required;
    const prepared = keys.map((k, i) => prepareKey(sd, k, i));
    const owner = new Map();
    for (const key of prepared)
        for (const s of key.shareIndices)
            if (!owner.has(s))
                owner.set(s, key);
    if (owner.size < required) {
        const unmatched = prepared.filter(k => k.shareIndices.length === 0).map(k => `#${k.index + 1}`);
        throw new RecoveryError('TOO_FEW_KEYS', `${owner.size} of the supplied key(s) match a share of this security domain, ${required} are required` +
            (unmatched.length ? ` (matching no share: key ${unmatched.join(', ')})` : ''), { required, matched: owner.size });
    }
    const shareOrder = [...owner.keys()].sort((a, b) => a - b);
    const decoded = shareOrder.map(s => decryptShare(sd, owner.get(s), s));
    const sharesUsed = shareOrder.slice(0, required);
    const master = combine(decoded.slice(0, required), required, sharesUsed);
    const items = decryptItems(sd, master);
    return {
        ok: true,
        master,
        required,
        matched: prepared.filter(k => k.shareIndices.length > 0).map(k => k.index),
        sharesUsed,
        items
    };
}
/** decryptSecurityDomain without throwing: failures come back as { ok: false, error }. */
function checkSecurityDomainRecovery(sd, keys) {
    try {
        return decryptSecurityDomain(sd, keys);
    }
    catch (e) {
        if (e instanceof RecoveryError)
            return { ok: false, error: e };
        throw e;
    }
}
function* combinations(n, k) {
    const idx = Array.from({ length: k }, (_, i) => i);
    if (k > n || k <= 0)
        return;
    for (;;) {
        yield [...idx];
        let i = k - 1;
        while (i >= 0 && idx[i] === n - k + i)
            i--;
        if (i < 0)
            return;
        idx[i] = idx[i] + 1;
        for (let j = i + 1; j < k; j++)
            idx[j] = idx[j - 1] + 1;
    }
}
function binomial(n, k) {
    let r = 1;
    for (let i = 1; i <= k; i++)
        r = (r * (n - k + i)) / i;
    return Math.round(r);
}
/**
 * Tries every subset of `required` supplied keys and reports which of them recover the SD (the
 * nightly "verify-security-domain" check). Each share is RSA-decrypted once; the subsets then cost
 * only interpolation and the item MACs. Throws RecoveryError only for an unreadable SD.
 */
function recoverableSubsets(sdInput, keys) {
    const sd = loadSd(sdInput);
    const required = sd.SharedKeys.required;
    if (binomial(keys.length, required) > MAX_SUBSETS) {
        throw new RangeError(`too many key subsets to try (${keys.length} keys, quorum ${required})`);
    }
    const keyProblems = [];
    // Per key: its decrypted shares (index → share), or the reason it contributes nothing.
    const perKey = keys.map((input, i) => {
        try {
            const key = prepareKey(sd, input, i);
            if (key.shareIndices.length === 0) {
                throw new RecoveryError('UNMATCHED_KEY', `${keyLabel(i, key.cert)}: matches no share of this security domain`, { keyIndex: i });
            }
            return new Map(key.shareIndices.map(s => [s, decryptShare(sd, key, s)]));
        }
        catch (e) {
            if (!(e instanceof RecoveryError))
                throw e;
            keyProblems.push({ keyIndex: i, code: e.code, reason: e.message });
            return e;
        }
    });
    const subsets = [];
    for (const subset of combinations(keys.length, required)) {
        const broken = subset.map(i => perKey[i]).find((p) => p instanceof RecoveryError);
        if (broken) {
            subsets.push({ keys: subset, ok: false, code: broken.code, reason: broken.message });
            continue;
        }
        const shares = new Map();
        for (const i of subset)
            for (const [s, share] of perKey[i])
                shares.set(s, share);
        if (shares.size < required) {
            subsets.push({
                keys: subset,
                ok: false,
                code: 'TOO_FEW_KEYS',
                reason: `these keys hold ${shares.size} distinct share(s), ${required} are required`
            });
            continue;
        }
        const order = [...shares.keys()].sort((a, b) => a - b).slice(0, required);
        try {
            const master = combine(order.map(s => shares.get(s)), required, order);
            decryptItems(sd, master);
            subsets.push({ keys: subset, ok: true });
        }
        catch (e) {
            if (!(e instanceof RecoveryError))
                throw e;
            subsets.push({ keys: subset, ok: false, code: e.code, reason: e.message });
        }
    }
    return { required, subsets, allRecover: subsets.length > 0 && subsets.every(s => s.ok), keyProblems };
}

;// CONCATENATED MODULE: ./src/security-domain/restore-blob.ts
/**
 * The restore blob uploaded to POST /securitydomain/upload to restore a security domain into a
 * new HSM. The recovered items are re-encrypted under a fresh master secret, and that secret is
 * wrapped to the new HSM's transfer key (GET /securitydomain/upload), so the original master never
 * leaves the machine that recovered it.
 */





const MASTER_BYTES = 32;
/** The transfer-key JWE `kid` the Azure CLI writes. */
const TRANSFER_KID = 'not used';
class RestoreBlobError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.name = 'RestoreBlobError';
        this.code = code;
    }
}
/**
 * Reads the transfer key: the `transfer_key` member of GET /securitydomain/upload is a JSON
 * *string* holding an RSA JWK with `x5c`. The certificate decides the thumbprint; if `n`/`e` are
 * present as well they must describe the same key, or the blob could be wrapped to the wrong one.
 */
function parseTransferKey(transferKey) {
    const bad = (why) => new RestoreBlobError('INVALID_TRANSFER_KEY', `transfer key: ${why}`);
    let jwk;
    try {
        jwk = typeof transferKey === 'string' ? format_parseJsonText(transferKey, 'transfer key') : transferKey;
    }
    catch {
        throw bad('is not valid JSON');
    }
    if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk))
        throw bad('is not a JSON object');
    const k = jwk;
    if (k.kty !== 'RSA' && k.kty !== 'RSA-HSM')
        throw bad('kty must be "RSA"');
    let fromJwk;
    if (k.n !== undefined || k.e !== undefined) {
        if (typeof k.n !== 'string' || typeof k.e !== 'string')
            throw bad('n and e must be strings');
        try {
            fromJwk = (0,external_node_crypto_.createPublicKey)({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' });
        }
        catch {
            throw bad('n/e do not form an RSA public key');
        }
    }
    let certificate;
    if (k.x5c !== undefined) {
        if (!Array.isArray(k.x5c) || typeof k.x5c[0] !== 'string')
            throw bad('x5c must be an array of base64 certificates');
        try {
            certificate = (0,certificates/* parseX5cCertificate */.V1)(k.x5c[0]);
        }
        catch {
            throw bad('x5c[0] is not a base64 DER X.509 certificate');
        }
        if (certificate.keyType !== 'rsa')
            throw bad('the x5c certificate does not hold an RSA key');
        if (fromJwk) {
            const a = fromJwk.export({ type: 'spki', format: 'der' });
            const b = certificate.publicKey.export({ type: 'spki', format: 'der' });
            if (!a.equals(b))
                throw bad('n/e do not match the x5c certificate');
        }
        return { publicKey: certificate.publicKey, x5tS256: certificate.x5tS256, certificate };
    }
    if (!fromJwk)
        throw bad('has neither x5c nor n/e');
    let x5tS256;
    try {
        x5tS256 = format_checkX5tS256(k['x5t#S256'], 'x5t#S256');
    }
    catch {
        throw bad('without x5c, an x5t#S256 thumbprint is needed');
    }
    return { publicKey: fromJwk, x5tS256 };
}
/** Builds the restore blob from recovered items (e.g. RecoveryResult.items). */
function buildRestoreBlob(items, transferKey, options = {}) {
    if (items.length === 0)
        throw new RestoreBlobError('INVALID_BLOB', 'there are no items to restore');
    if (new Set(items.map(i => i.tag)).size !== items.length) {
        throw new RestoreBlobError('INVALID_BLOB', 'item tags must be distinct');
    }
    const key = parseTransferKey(transferKey);
    const master = Buffer.from(options.master ?? (0,external_node_crypto_.randomBytes)(MASTER_BYTES));
    if (master.length !== MASTER_BYTES)
        throw new RestoreBlobError('INVALID_BLOB', 'the master secret must be 32 bytes');
    const data = items.map(({ tag, plaintext }) => ({
        compact_jwe: encryptCompactJwe(plaintext, { alg: 'dir', key: kdf_deriveItemKey(master, tag), kid: tag }),
        tag
    }));
    const blob = {
        EncData: { data, kdf: SD_KDF_NAME },
        WrappedKey: {
            enc_key: encryptCompactJwe(master, { alg: 'RSA-OAEP-256', key: key.publicKey, kid: TRANSFER_KID }),
            x5t_256: key.x5tS256
        }
    };
    return { blob, text: JSON.stringify(blob), master };
}
/** Strictly validates a restore blob (object or JSON text); errors name the path, never the data. */
function parseRestoreBlob(input) {
    try {
        const root = typeof input === 'string' ? parseJsonText(input, 'restore blob') : input;
        if (root === null || typeof root !== 'object' || Array.isArray(root)) {
            throw new SecurityDomainFormatError('', 'the restore blob must be a JSON object');
        }
        const r = root;
        const encData = parseEncData(r.EncData);
        const wk = r.WrappedKey;
        if (wk === null || typeof wk !== 'object' || Array.isArray(wk)) {
            throw new SecurityDomainFormatError('WrappedKey', 'must be an object');
        }
        const w = wk;
        if (typeof w.enc_key !== 'string' || w.enc_key.split('.').length !== 5) {
            throw new SecurityDomainFormatError('WrappedKey.enc_key', 'must be a compact JWE');
        }
        return {
            EncData: encData,
            WrappedKey: { enc_key: w.enc_key, x5t_256: checkX5tS256(w.x5t_256, 'WrappedKey.x5t_256') }
        };
    }
    catch (e) {
        if (e instanceof SecurityDomainFormatError) {
            throw new RestoreBlobError('INVALID_BLOB', e.message.replace(/^security domain: /, 'restore blob: '));
        }
        throw e;
    }
}
/**
 * Unwraps a restore blob with the transfer private key and authenticates and decrypts every item
 * (what the emulator's upload endpoint does). With `transferCertificate`, a blob wrapped to any
 * other transfer key is refused up front by its thumbprint.
 */
function openRestoreBlob(blobInput, transferPrivateKey, options = {}) {
    const blob = parseRestoreBlob(blobInput);
    if (options.transferCertificate !== undefined) {
        const expected = parseCertificate(options.transferCertificate).x5tS256;
        if (blob.WrappedKey.x5t_256 !== expected) {
            throw new RestoreBlobError('WRONG_TRANSFER_KEY', 'the blob is wrapped to a different transfer key (x5t_256 mismatch)');
        }
    }
    let key;
    try {
        key = typeof transferPrivateKey === 'string' ? createPrivateKey(transferPrivateKey) : transferPrivateKey;
    }
    catch {
        throw new RestoreBlobError('UNWRAP_FAILED', 'the transfer private key cannot be read');
    }
    let master;
    try {
        master = decryptCompactJwe(blob.WrappedKey.enc_key, key, {
            expectedAlg: ['RSA-OAEP-256', 'RSA-OAEP']
        }).plaintext;
    }
    catch (e) {
        throw new RestoreBlobError('UNWRAP_FAILED', `WrappedKey could not be unwrapped: ${e instanceof JweError ? e.message : 'unexpected error'}`);
    }
    if (master.length !== MASTER_BYTES) {
        throw new RestoreBlobError('UNWRAP_FAILED', `the wrapped master secret is ${master.length} bytes, expected ${MASTER_BYTES}`);
    }
    const items = blob.EncData.data.map((item, i) => {
        try {
            return {
                tag: item.tag,
                plaintext: decryptCompactJwe(item.compact_jwe, deriveItemKey(master, item.tag), {
                    expectedAlg: 'dir'
                }).plaintext
            };
        }
        catch (e) {
            throw new RestoreBlobError('ITEM_DECRYPT_FAILED', `EncData item "${item.tag}" (EncData.data[${i}]) failed: ${e instanceof JweError ? e.message : 'unexpected error'}`);
        }
    });
    return { master, items };
}
/**
 * Compares two item lists by tag (order-insensitive): the emulator accepts an upload only if it
 * carries exactly the blobs of the security domain it issued.
 */
function comparePlaintexts(expected, actual) {
    const want = new Map(expected.map(i => [i.tag, Buffer.from(i.plaintext)]));
    const got = new Map(actual.map(i => [i.tag, Buffer.from(i.plaintext)]));
    for (const tag of want.keys())
        if (!got.has(tag))
            return { equal: false, reason: `item "${tag}" is missing` };
    for (const tag of got.keys())
        if (!want.has(tag))
            return { equal: false, reason: `unexpected item "${tag}"` };
    for (const [tag, bytes] of want) {
        if (!bytes.equals(got.get(tag)))
            return { equal: false, reason: `item "${tag}" differs` };
    }
    return { equal: true };
}

;// CONCATENATED MODULE: ./src/security-domain/index.ts
/** Security-domain library: pure crypto and formats, no I/O. */













/***/ }),

/***/ 3091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bf: () => (/* binding */ doubling),
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/**
 * The one retry loop and the one Retry-After parser. Each caller says what is worth retrying, how long to wait before each retry and what to log;
 * the loop, the deadline check and the Retry-After arithmetic are here once. Azure SDK clients keep their
 * own pipeline retry policy where it does the job (managed-hsm-data.ts, rest.ts).
 */
const sleep = (ms) => new Promise(r => setTimeout(r, ms));
async function retrying(fn, loop) {
    const now = loop.now ?? Date.now;
    for (let n = 1;; n++) {
        try {
            return await fn();
        }
        catch (e) {
            if (!loop.retriable(e))
                throw e;
            const delay = loop.delayMs(n, e);
            if (delay === undefined || (loop.deadline !== undefined && now() + delay > loop.deadline))
                throw e;
            loop.onRetry?.(e, delay, n);
            await (loop.sleep ?? sleep)(delay);
        }
    }
}
/** base, 2 × base, 4 × base, … for retry n, capped at maxMs. */
function doubling(baseMs, maxMs) {
    return n => Math.min(baseMs * 2 ** (n - 1), maxMs);
}
/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now) {
    const v = Array.isArray(value) ? value[0] : value;
    if (!v?.trim())
        return undefined;
    const seconds = Number(v);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const at = Date.parse(v);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}


/***/ })

};
