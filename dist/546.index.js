export const id = 546;
export const ids = [546,641];
export const modules = {

/***/ 6326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ DataPlaneAuth),
/* harmony export */   c$: () => (/* binding */ useAuthPolicy),
/* harmony export */   pn: () => (/* binding */ dataPlanePolicy)
/* harmony export */ });
/* unused harmony export preauthorizingPolicy */
/* harmony import */ var _azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(357);
/* harmony import */ var _shared_replication_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6575);


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
    /** The same policies on another credential (one that holds the sign-in's tokens back: engine/prefetch.ts). */
    withCredential(credential) {
        return new DataPlaneAuth(credential, this.tenantId, this.cloud);
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
    const auth = credential.dataPlaneAuth?.policyFor(url, resourceTenant) ?? (0,_azure_keyvault_common__WEBPACK_IMPORTED_MODULE_0__/* .keyVaultAuthenticationPolicy */ .sO)(credential);
    // Every data-plane request passes here: the one place that sees the writes a second region replicates.
    return {
        name: auth.name,
        async sendRequest(request, next) {
            const response = await auth.sendRequest(request, next);
            (0,_shared_replication_js__WEBPACK_IMPORTED_MODULE_1__/* .noteDataPlaneRequest */ .oy)(request.method, request.url, response.status);
            return response;
        }
    };
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
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8978);
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
    if ((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.isRestError)(e) && (e.statusCode === undefined || (e.response && notFromService(e.response))))
        return unreachableError(service, operation, e, hint);
    if ((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.isRestError)(e)) {
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
            hint: 
            // A network refusal first: the caller's own hint for a 403 would name a missing role.
            networkHint(service, body?.inner) ??
                resolveHint(hint, code, status) ??
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
            throw new _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.RestError(`${request.method} answered ${response.status} with an empty body`, {
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
    return (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.isRestError)(e) ? e.statusCode : undefined;
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
    const nested = inner.innererror;
    const innerCode = nested && typeof nested.code === 'string' ? nested.code : undefined;
    return code || message ? { code, message, inner: innerCode } : undefined;
}
/** A data plane's network rules refused the runner (Key Vault's and Managed HSM's inner codes): what to do. */
function networkHint(service, inner) {
    const hsm = service === 'Managed HSM';
    if (inner === 'ForbiddenByFirewall')
        return hsm
            ? "the HSM's firewall refuses the runner's address: add it to allowed-ips, set jit-runner-access: 'true' (apply), or run from a network with a private path (docs/network.md)"
            : `the firewall of the ${service} resource refuses the runner's address (named above): allow it in that resource's network rules, or run from a network that reaches it privately`;
    if (inner === 'ForbiddenByConnection')
        return `public network access of the ${hsm ? 'HSM' : `${service} resource`} is Disabled: run from a network with a private path to it${hsm ? ' (docs/network.md)' : ''}`;
    return undefined;
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

/***/ 187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aD: () => (/* binding */ keyNameOf),
/* harmony export */   kX: () => (/* binding */ SUPERSEDED_BY_TAG),
/* harmony export */   m9: () => (/* binding */ ManagedHsmKeys),
/* harmony export */   oj: () => (/* binding */ listKeyItems)
/* harmony export */ });
/* unused harmony export supersededBy */
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8795);
/* harmony import */ var _managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4016);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(575);
/* harmony import */ var _auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6326);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3641);





/**
 * Tag on a key version a run disabled because another run created the key at the same time and its version
 * is the older one: the value is that version.
 */
const SUPERSEDED_BY_TAG = 'superseded-by';
const VERSION = /^[0-9a-f]{32}$/i;
/** The version a disabled, superseded key version defers to. */
function supersededBy(key) {
    const to = key.properties.tags?.[SUPERSEDED_BY_TAG];
    return key.properties.enabled === false && to && VERSION.test(to) ? to : undefined;
}
const KEY_HINT = (code, status) => {
    if (status === 403)
        return "the signed-in identity needs 'Managed HSM Crypto User' on /keys (the Administrator role cannot manage keys); the rbac step grants it";
    if (code === 'BadParameter')
        return undefined;
    return undefined;
};
class ManagedHsmKeys {
    credential;
    hsmUri;
    tenantId;
    /** Made on first use: the keys SDK loads lazily, only in runs that touch keys. */
    keyClient;
    /** `tenantId`: the HSM's tenant as ARM reports it. */
    constructor(credential, hsmUri, tenantId) {
        this.credential = credential;
        this.hsmUri = hsmUri;
        this.tenantId = tenantId;
    }
    client() {
        this.keyClient ??= (0,_sdk_js__WEBPACK_IMPORTED_MODULE_4__/* .keyVaultKeys */ .AV)().then(({ KeyClient }) => {
            const client = new KeyClient(new URL(this.hsmUri).origin, this.credential, {
                serviceVersion: _managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__/* .DATA_PLANE_API_VERSION */ .yk,
                ...(0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.clientOptions)()
            });
            (0,_auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__/* .useAuthPolicy */ .c$)(client, (0,_auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__/* .dataPlanePolicy */ .pn)(this.credential, this.hsmUri, this.tenantId));
            return client;
        });
        return this.keyClient;
    }
    /** The key's version in effect (see current), undefined when the key does not exist. */
    async get(name) {
        return (await this.current(name)).key;
    }
    /**
     * The key's version in effect: the latest one, unless it was disabled as the loser of two runs that
     * created the key at once (tagged superseded-by, see steps/key/settle.ts); then the version it names.
     * `superseded` lists the versions passed over, newest first.
     */
    async current(name) {
        const superseded = [];
        let key = await this.read(name);
        for (let hop = 0; key && hop < 3; hop++) {
            const next = supersededBy(key);
            const target = next ? await this.read(name, next) : undefined;
            if (!target)
                break;
            superseded.push(key);
            key = target;
        }
        return { key, superseded };
    }
    /** One version (or the latest); undefined on 404. */
    async read(name, version) {
        return (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .absentOn404 */ .lz)(async () => {
            return await (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .azureCall */ .WG)(_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__/* .SERVICE */ .YV, `read key '${name}'${version ? ` version ${version}` : ''}`, async () => (await this.client()).getKey(name, version ? { version } : {}), KEY_HINT);
        });
    }
    /** Every version's properties (GET /keys/{name}/versions, all pages). */
    async versions(name) {
        return this.call(`list the versions of key '${name}'`, async (c) => {
            const out = [];
            for await (const p of c.listPropertiesOfKeyVersions(name))
                out.push(p);
            return out;
        });
    }
    /** The key's rotation policy (GET /keys/{name}/rotationpolicy); undefined on 404 (no such key). */
    async rotationPolicy(name) {
        return (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .absentOn404 */ .lz)(() => this.call(`read the rotation policy of key '${name}'`, c => c.getKeyRotationPolicy(name)));
    }
    call(operation, fn, hint = KEY_HINT) {
        return (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .azureCall */ .WG)(_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__/* .SERVICE */ .YV, operation, async () => fn(await this.client()), hint);
    }
}
/**
 * Every key of the HSM (`GET /keys`, all pages), read over the data plane directly: the SDK's list drops the
 * `exportable` attribute that the REST answer carries (KeyItem.attributes is KeyAttributes). A nextLink is
 * followed only on the same HSM, by path and query.
 */
async function listKeyItems(hsm) {
    const operation = 'list the keys';
    const items = [];
    let r = await hsm.send(operation, 'GET', '/keys', {
        hint: KEY_HINT
    });
    items.push(...(r.body?.value ?? []));
    for (let page = 0; r.body?.nextLink && page < 200; page++) {
        const next = new URL(r.body.nextLink);
        if (next.origin !== hsm.origin)
            break;
        r = await hsm.send(operation, 'GET', next.pathname, {
            query: Object.fromEntries([...next.searchParams].filter(([k]) => k !== 'api-version')),
            hint: KEY_HINT
        });
        items.push(...(r.body?.value ?? []));
    }
    return items.filter(i => typeof i?.kid === 'string');
}
/** The key name of a key id (`https://HSM/keys/NAME[/VERSION]`). */
function keyNameOf(kid) {
    try {
        return decodeURIComponent(new URL(kid).pathname.split('/')[2] ?? '');
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 4016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YV: () => (/* binding */ SERVICE),
/* harmony export */   kl: () => (/* binding */ ManagedHsmDataPlane),
/* harmony export */   yk: () => (/* binding */ DATA_PLANE_API_VERSION)
/* harmony export */ });
/* harmony import */ var _auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6326);
/* harmony import */ var _rest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1293);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3641);



/** The data-plane api-version recorded against the live service for security domain, RBAC and keys. */
const DATA_PLANE_API_VERSION = '7.5';
const SERVICE = 'Managed HSM';
class ManagedHsmDataPlane {
    pipeline;
    client = (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_2__.sharedHttpClient)();
    /** Origin without the trailing slash Azure puts on hsmUri. */
    origin;
    /** `tenantId`: the HSM's tenant as ARM reports it. */
    constructor(credential, hsmUri, tenantId) {
        this.origin = new URL(hsmUri).origin;
        this.pipeline = (0,_rest_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonPipeline */ .rH)((0,_auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .dataPlanePolicy */ .pn)(credential, hsmUri, tenantId), this.origin);
    }
    /**
     * Sends one request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
     * `operation`. The body is parsed as JSON when it is JSON.
     */
    async send(operation, method, path, opts = {}) {
        const url = new URL(this.origin + path);
        url.searchParams.set('api-version', DATA_PLANE_API_VERSION);
        const label = `${method} ${path}`;
        const r = await (0,_rest_js__WEBPACK_IMPORTED_MODULE_1__/* .sendJson */ .jD)(this.pipeline, this.client, { service: SERVICE, operation, method, url, label, keepText: true }, opts);
        return r;
    }
}


/***/ }),

/***/ 4687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VP: () => (/* binding */ waitForRegion),
/* harmony export */   mk: () => (/* binding */ regionBusy),
/* harmony export */   o: () => (/* binding */ submitRegions),
/* harmony export */   pi: () => (/* binding */ extendedRegions)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5818);
/**
 * Multi-region replication of a Managed HSM on ARM: the extended region read from the HSM's
 * `properties.regions`, added or removed with a PATCH of the regions list (as `az keyvault region add|remove`
 * does: the list it read, plus or minus the one region), and the wait for the region to reach `Succeeded`
 * or to be gone. An extension can take up to 30 minutes (Microsoft Learn, "Enable multi-region replication
 * on Azure Managed HSM"): the wait is the shared one (polite polling, progress, the run's deadline).
 */



const SERVICE = 'Azure Resource Manager';
const norm = (name) => name.toLowerCase().replace(/\s+/g, '');
/** The extended (secondary) regions: every entry not marked primary and not the HSM's own location. */
function extendedRegions(hsm) {
    const location = norm(hsm?.location ?? '');
    return ((hsm?.properties?.regions ?? [])
        .filter(r => r.isPrimary !== true && r.name && norm(r.name) !== location)
        // Azure's strings are evidence: shown only once made one line.
        .map(r => ({
        name: _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(norm(r.name)),
        state: _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(r.provisioningState ?? 'unknown')
    })));
}
/** Still on its way (Preprovisioning, Provisioning) or on its way out (Deleting, Cleanup). */
function regionBusy(state) {
    return state !== 'Succeeded' && state !== 'Failed';
}
/** Sends the PATCH with the regions list ARM showed, plus `add` and minus `remove`. */
async function submitRegions(arm, resourceGroup, hsm, change) {
    const names = (hsm.properties?.regions ?? [])
        .map(r => norm(r.name ?? ''))
        .filter(n => n && n !== change.remove);
    if (change.add && !names.includes(change.add))
        names.push(change.add);
    await arm.submitUpdate(resourceGroup, hsm.name, {
        properties: { regions: names.map(name => ({ name })) }
    });
}
/** Waits until `region` is Succeeded (`until: 'ready'`) or no longer listed (`until: 'gone'`). */
async function waitForRegion(arm, resourceGroup, name, region, until, deadline) {
    return (0,_wait_js__WEBPACK_IMPORTED_MODULE_2__/* .waitUntil */ .a0)(async () => {
        const hsm = await arm.get(resourceGroup, name);
        if (!hsm)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Managed HSM '${name}' disappeared while its region ${region} changed`);
        const found = extendedRegions(hsm).find(r => r.name === region);
        if (until === 'gone')
            return { value: hsm, done: !found, status: found?.state ?? 'removed' };
        if (found?.state === 'Failed') {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`the extension of Managed HSM '${name}' into ${region} failed (region provisioningState Failed)`, `remove the failed region (set remove-replica-region: ${region}; it is purged at once), then rerun; ` +
                'if it fails again, the region may lack capacity: choose another replica-region');
        }
        return {
            value: hsm,
            done: found?.state === 'Succeeded',
            status: found ? _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(found.state) : 'not listed yet'
        };
    }, {
        what: `region ${region} of Managed HSM '${name}' ${until === 'ready' ? 'extension' : 'removal'}`,
        service: SERVICE,
        deadline
    });
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

/***/ 1293:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tj: () => (/* binding */ JsonApi),
/* harmony export */   jD: () => (/* binding */ sendJson),
/* harmony export */   rH: () => (/* binding */ jsonPipeline)
/* harmony export */ });
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8978);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8795);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5177);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3641);




/**
 * The pipeline every hand-written Azure client uses: the SDK's retry policy (it reads Retry-After), our user
 * agent, the authentication policy, and nothing sent (nor its token) to any origin but `origin`.
 */
function jsonPipeline(auth, origin) {
    const pipeline = (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.createPipelineFromOptions)({
        userAgentOptions: _shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.USER_AGENT,
        retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 }
    });
    pipeline.addPolicy(auth);
    (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.preconnectFirst)(pipeline);
    (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .keepToOrigin */ .He)(pipeline, origin);
    return pipeline;
}
/**
 * Sends one JSON request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
 * `operation`. A body that is not JSON is kept as text when `keepText` (the data plane's challenge answers
 * "OK"), else read as no body. `label` starts the status error's message.
 */
async function sendJson(pipeline, client, call, opts) {
    const { service, operation, method } = call;
    for (const [k, v] of Object.entries(opts.query ?? {}))
        call.url.searchParams.set(k, v);
    const request = (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.createPipelineRequest)({
        url: call.url.toString(),
        method,
        headers: (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.createHttpHeaders)({ accept: 'application/json' }),
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        abortSignal: opts.abortSignal
    });
    if (opts.body !== undefined)
        request.headers.set('content-type', 'application/json');
    let response;
    try {
        response = await pipeline.sendRequest(client, request);
    }
    catch (e) {
        throw (0,_call_js__WEBPACK_IMPORTED_MODULE_1__/* .asAzureError */ .ME)(service, operation, e, opts.hint);
    }
    const text = response.bodyAsText ?? '';
    let body = call.keepText ? text : undefined;
    try {
        body = text ? JSON.parse(text) : undefined;
    }
    catch {
        // not JSON: kept as text or dropped, as the caller chose
    }
    if (!(opts.ok ?? [200]).includes(response.status)) {
        const err = new _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.RestError(`${call.label} answered ${response.status}`, {
            statusCode: response.status,
            request,
            response
        });
        err.details = body;
        throw (0,_call_js__WEBPACK_IMPORTED_MODULE_1__/* .asAzureError */ .ME)(service, operation, err, opts.hint);
    }
    return {
        status: response.status,
        body: body,
        headers: { get: (n) => response.headers.get(n) ?? undefined }
    };
}
class JsonApi {
    endpoint;
    service;
    pipeline;
    client = (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.sharedHttpClient)();
    constructor(credential, 
    /** Origin without a trailing slash, e.g. https://management.azure.com */
    endpoint, service) {
        this.endpoint = endpoint;
        this.service = service;
        this.pipeline = jsonPipeline((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.bearerTokenAuthenticationPolicy)({ credential, scopes: `${endpoint.replace(/\/+$/, '')}/.default` }), endpoint);
    }
    async send(operation, method, path, opts = {}) {
        const url = new URL(this.endpoint.replace(/\/+$/, '') + path);
        return sendJson(this.pipeline, this.client, { service: this.service, operation, method, url, label: method, keepText: false }, opts);
    }
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
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
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
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${opts.what}: a status read failed (${failureStatus(e)}); reading again in ${formatDuration(planned)} ` +
                `(${failing.count} of ${TRANSIENT_LIMIT.failures - 1} tolerated in a row)`);
            await pause(planned);
            continue;
        }
        if (poll.done)
            return poll.value;
        const elapsed = now() - started;
        if (poll.status !== lastStatus || now() - lastLog >= 60_000) {
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${opts.what}: ${poll.status ?? 'in progress'} (${formatDuration(elapsed)} elapsed)`);
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

/***/ 670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B9: () => (/* binding */ readHsm),
/* harmony export */   OC: () => (/* binding */ knownHsm),
/* harmony export */   S9: () => (/* binding */ selfPrincipalId),
/* harmony export */   YD: () => (/* binding */ keysOf),
/* harmony export */   iO: () => (/* binding */ planeOf),
/* harmony export */   nB: () => (/* binding */ dataPlane),
/* harmony export */   r4: () => (/* binding */ desiredAdministrators),
/* harmony export */   yx: () => (/* binding */ keysClient)
/* harmony export */ });
/* harmony import */ var _azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4687);
/* harmony import */ var _azure_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4016);
/* harmony import */ var _azure_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(187);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4797);
/** What a run carries from step to step: the config, the sign-in, the Azure clients, the deadline. */





/** The HSM as ARM last reported it; read now when no earlier step (provision) has. */
async function knownHsm(ctx) {
    if (!ctx.facts.hsmUri) {
        const { config, arm } = ctx;
        const hsm = await readHsm(ctx);
        if (!hsm?.properties?.hsmUri)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`Managed HSM '${config.hsmName}' does not exist in resource group '${config.resourceGroup}'`, "add 'provision' to steps, or fix hsm-name / resource-group");
        ctx.facts.hsmResourceId = hsm.id ?? arm.resourceId(config.resourceGroup, config.hsmName);
        ctx.facts.hsmUri = hsm.properties.hsmUri;
        ctx.facts.hsmTenantId = hsm.properties.tenantId;
        ctx.facts.activationStatus = hsm.properties.securityDomainProperties?.activationStatus;
        ctx.facts.extendedRegions = (0,_azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_0__/* .extendedRegions */ .pi)(hsm).map(r => r.name);
    }
    return ctx.facts;
}
/** The HSM as ARM says now, or as this run last read it if nothing was written since. */
function readHsm(ctx) {
    return ctx.reads.once('hsm', () => ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName));
}
/** The credential the HSM's data-plane clients use. */
function hsmCredential(ctx) {
    return ctx.facts.hsmCredential ?? ctx.signIn.credential;
}
/**
 * The run's data-plane client for the HSM as `hsm` shows it (ARM's answer, or what the run expects before it:
 * engine/prefetch.ts), for reads started early; undefined without a URI. The same client dataPlane returns.
 */
function planeOf(ctx, hsm) {
    const uri = hsm.properties?.hsmUri;
    if (!uri)
        return undefined;
    return (ctx.facts.dataPlane ??= new _azure_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__/* .ManagedHsmDataPlane */ .kl(hsmCredential(ctx), uri, hsm.properties?.tenantId));
}
/** The run's keys client for the HSM as `hsm` shows it, like planeOf. The same client keysClient returns. */
function keysOf(ctx, hsm) {
    const uri = hsm.properties?.hsmUri;
    if (!uri)
        return undefined;
    return (ctx.facts.keys ??= new _azure_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .ManagedHsmKeys */ .m9(hsmCredential(ctx), uri, hsm.properties?.tenantId));
}
/** One data-plane client per run (it and the keys client share the HSM host's authentication policy). */
async function dataPlane(ctx) {
    const { hsmUri, hsmTenantId } = await knownHsm(ctx);
    ctx.facts.dataPlane ??= new _azure_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_1__/* .ManagedHsmDataPlane */ .kl(hsmCredential(ctx), hsmUri, hsmTenantId);
    return ctx.facts.dataPlane;
}
/** One keys client per run, on the data plane client of the HSM. */
async function keysClient(ctx) {
    const { hsmUri, hsmTenantId } = await knownHsm(ctx);
    await dataPlane(ctx);
    ctx.facts.keys ??= new _azure_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .ManagedHsmKeys */ .m9(hsmCredential(ctx), hsmUri, hsmTenantId);
    return ctx.facts.keys;
}
/**
 * The object id 'self' stands for: the signed-in identity, or the apply identity a read-only nightly verify
 * names in self-object-id.
 */
function selfPrincipalId(ctx) {
    const named = ctx.config.selfObjectId;
    return named ? Promise.resolve(named) : ctx.signIn.principalId();
}
/** The initial administrators as object ids ('self' resolved), sorted. */
async function desiredAdministrators(ctx) {
    const ids = await Promise.all(ctx.config.administrators.map(a => (a === _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .SELF */ .TK ? selfPrincipalId(ctx) : Promise.resolve(a))));
    return [...new Set(ids.map(i => i.toLowerCase()))].sort();
}


/***/ }),

/***/ 8753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ networkOf),
/* harmony export */   HC: () => (/* binding */ LEASE_TAG_PREFIX),
/* harmony export */   NH: () => (/* binding */ leasesOf),
/* harmony export */   WR: () => (/* binding */ leaseValue),
/* harmony export */   XK: () => (/* binding */ allLeases),
/* harmony export */   bC: () => (/* binding */ writeRules),
/* harmony export */   nO: () => (/* binding */ regionWaiter),
/* harmony export */   ni: () => (/* binding */ leaseTag)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_ipv4_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2146);
/* harmony import */ var _azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4687);
/* harmony import */ var _azure_wait_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5818);
/* harmony import */ var _config_network_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9264);
/**
 * The HSM's IP rules as a shared, read-modify-write resource. ARM has no conditional write for them here: two
 * jobs that read the same list and each write their own version lose one another's rule. So every write is
 * computed from a fresh read, and is followed by reads until this run's outcome holds (its rule there, or gone)
 * and every rule the write meant to keep is still there; a lost write is made again, a bounded number of times.
 *
 * Lease tags (`skr-jit-{address}` = `run={id};until={ISO time}`, written with the Tags API's Merge) say which
 * rules a run's just-in-time access added and until when it needs them: a hint for clean-up and for other
 * writers, never proof (anyone who may write tags can forge one).
 *
 * No rule is written while a region of a multi-region HSM is being added or removed (Microsoft Learn, "Enable
 * multi-region replication on Azure Managed HSM": no other operation on the HSM until the extended region is
 * Succeeded): the write waits for it when the caller can (`waitRegion`), and fails saying why otherwise.
 */






const LEASE_TAG_PREFIX = 'skr-jit-';
/** The network properties of the HSM as ARM reports them. */
function networkOf(hsm) {
    const p = hsm.properties ?? {};
    const acls = p.networkAcls ?? {};
    const rules = (acls.ipRules ?? []).map(r => (0,_shared_ipv4_js__WEBPACK_IMPORTED_MODULE_2__/* .normalCidr */ .Ip)(String(r.value ?? '')) ?? String(r.value ?? ''));
    return {
        publicNetworkAccess: p.publicNetworkAccess,
        bypass: acls.bypass,
        defaultAction: acls.defaultAction,
        rules: [...new Set(rules)]
    };
}
/** One tag per run and address: jobs behind one address (a shared NAT) each hold their own lease. */
function leaseTag(address, run) {
    return `${LEASE_TAG_PREFIX}${address}-${run}`;
}
function leaseValue(run, until) {
    return `run=${run};until=${new Date(until).toISOString()}`;
}
const LEASE_NAME = /^(\d{1,3}(?:\.\d{1,3}){3})(?:-[A-Za-z0-9._-]{1,64})?$/;
const LEASE_VALUE = /^run=([A-Za-z0-9._-]{1,64});until=([0-9T:.Z-]{10,30})$/;
/** Every well-formed lease the tags claim; unreadable ones are left out (never a reason to remove a rule). */
function allLeases(tags) {
    const out = [];
    for (const [tag, value] of Object.entries(tags ?? {})) {
        if (!tag.toLowerCase().startsWith(LEASE_TAG_PREFIX))
            continue;
        const address = LEASE_NAME.exec(tag.slice(LEASE_TAG_PREFIX.length))?.[1];
        const rule = address && (0,_shared_ipv4_js__WEBPACK_IMPORTED_MODULE_2__/* .normalCidr */ .Ip)(address);
        const m = LEASE_VALUE.exec(value);
        const until = m ? Date.parse(m[2]) : NaN;
        if (!rule || !m || Number.isNaN(until))
            continue;
        out.push({ rule, run: m[1], until, tag });
    }
    return out;
}
/** By rule, the lease that runs longest (a rule is needed while any of its leases runs). */
function leasesOf(tags) {
    const out = new Map();
    for (const l of allLeases(tags))
        if ((out.get(l.rule)?.until ?? -Infinity) < l.until)
            out.set(l.rule, l);
    return out;
}
/** The wait for a busy region of this run's HSM, bounded by the run's deadline. */
function regionWaiter(arm, resourceGroup, name, deadline) {
    return async (region, until) => {
        await (0,_azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_3__/* .waitForRegion */ .VP)(arm, resourceGroup, name, region, until, deadline);
    };
}
/**
 * Before a write: a region still being added or removed is waited for (true: the HSM must be read again), or,
 * when the caller cannot wait, the write fails with that reason.
 */
async function waitedForRegions(deps, hsm, what) {
    const busy = (0,_azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_3__/* .extendedRegions */ .pi)(hsm).filter(r => (0,_azure_managed_hsm_regions_js__WEBPACK_IMPORTED_MODULE_3__/* .regionBusy */ .mk)(r.state));
    if (busy.length === 0)
        return false;
    const said = busy.map(r => `${r.name} is ${r.state}`).join(', ');
    const why = `no other change to the HSM may be made until its regions are settled (Microsoft's multi-region replication guidance)`;
    if (!deps.waitRegion)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`cannot ${what} now: the region ${said}, and ${why}`, 'wait until the region is Succeeded (or gone), then rerun');
    for (const r of busy) {
        const gone = r.state === 'Deleting' || r.state === 'Cleanup';
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`network: waiting to ${what}: the region ${r.name} is ${r.state}, and ${why}; waiting until it is ${gone ? 'removed' : 'Succeeded'}`);
        await deps.waitRegion(r.name, gone ? 'gone' : 'ready');
    }
    return true;
}
const ATTEMPTS = 6;
/** Read, write if needed, read back until the outcome holds twice in a row; a lost write is retried. */
async function writeRules(deps, w) {
    const pause = deps.sleep ?? ((ms) => new Promise(r => setTimeout(r, ms)));
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        let hsm = await present(deps);
        let desired = w.desired(hsm);
        if (desired && (await waitedForRegions(deps, hsm, w.what))) {
            hsm = await present(deps);
            desired = w.desired(hsm);
        }
        if (desired) {
            if (desired.rules.length > _config_network_js__WEBPACK_IMPORTED_MODULE_5__/* .MAX_IP_RULES */ .lj)
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`cannot ${w.what}: the HSM would hold ${desired.rules.length} IP rules, and a Managed HSM holds at most ${_config_network_js__WEBPACK_IMPORTED_MODULE_5__/* .MAX_IP_RULES */ .lj} (${networkOf(hsm).rules.length} now)`, 'remove IP rules no longer needed, merge addresses into wider ranges in allowed-ips, or reach the HSM through a private endpoint');
            await deps.write(patchOf(desired));
        }
        // Twice, apart: a concurrent writer that read before our write may land its stale list just after it.
        const first = await settled(deps);
        if (w.holds(first)) {
            await pause(500 + Math.floor(Math.random() * 500));
            const second = await present(deps);
            if (w.holds(second))
                return second;
        }
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  network: another writer changed the IP rules at the same time; ${w.what} again (attempt ${attempt + 1})`);
        await pause(1000 + Math.floor(Math.random() * 2000));
    }
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`could not ${w.what}: the HSM's IP rules kept changing under concurrent writes (${ATTEMPTS} attempts)`, 'rerun; if other jobs change the rules all the time, serialise them (a concurrency group)');
}
function patchOf(s) {
    return {
        properties: {
            ...(s.publicNetworkAccess ? { publicNetworkAccess: s.publicNetworkAccess } : {}),
            networkAcls: {
                bypass: s.bypass,
                defaultAction: s.defaultAction,
                ipRules: s.rules.map(value => ({ value }))
            }
        }
    };
}
async function present(deps) {
    const hsm = await deps.read();
    if (!hsm)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK('the Managed HSM disappeared while its network rules were written');
    return hsm;
}
/** The HSM once ARM has finished the update (the PATCH answers 202 and runs on). */
async function settled(deps) {
    return (0,_azure_wait_js__WEBPACK_IMPORTED_MODULE_4__/* .waitUntil */ .a0)(async () => {
        const hsm = await present(deps);
        const state = hsm.properties?.provisioningState;
        return { value: hsm, done: state === undefined || state === 'Succeeded', status: state };
    }, {
        what: 'network rule update',
        service: 'Azure Resource Manager',
        deadline: deps.deadline,
        schedule: [2_000, 5_000]
    });
}


/***/ }),

/***/ 3641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Connections: () => (/* binding */ Connections),
  USER_AGENT: () => (/* binding */ USER_AGENT),
  announceRequest: () => (/* binding */ announceRequest),
  clientOptions: () => (/* binding */ clientOptions),
  preconnect: () => (/* binding */ preconnect),
  preconnectFirst: () => (/* binding */ preconnectFirst),
  sharedHttpClient: () => (/* binding */ sharedHttpClient),
  storageClientOptions: () => (/* binding */ storageClientOptions)
});

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/shared/proxy-env.ts
var proxy_env = __webpack_require__(4539);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js
var dist = __webpack_require__(3669);
;// CONCATENATED MODULE: ./src/shared/warm-agents.ts
/**
 * The two kinds of agent the run's HTTPS requests go through (connections.ts picks one per request, as the SDK's
 * proxy policy decided), each able to open a connection to a host ahead of its first request: a pre-connect. The
 * warm connection is made by the same agent, with the same TLS checks, as the request's own would be; the first
 * request to that host that needs a new connection takes it (once), and the agent then keeps it alive as any other.
 * A failed or abandoned pre-connect leaves the request to open its own, as it always did.
 */



/** A pre-connect not done by then is abandoned: a request that was waiting for it opens its own. */
const PRECONNECT_TIMEOUT_MS = 10_000;
const keyOf = (host, port) => `${host.toLowerCase()}:${Number(port) || 443}`;
/** The warm connections of one agent, per host and port, each handed out once. */
class WarmSockets {
    byKey = new Map();
    /** Opened and not handed out (being set up, or idle): what `close` ends. */
    unclaimed = new Set();
    /**
     * Starts a connection (`open`) and keeps it for the host's next new connection once its TLS is done. The answer
     * says why it failed, for the debug log; the connection is then simply not there for the request.
     */
    add(host, port, open) {
        const key = keyOf(host, port);
        let socket;
        let abandoned = false;
        const setUp = open().then(s => {
            socket = s;
            if (abandoned)
                socket.destroy();
            // Not yet handed out: it must not keep the process alive, nor crash it if it breaks while idle.
            socket.unref();
            socket.on('error', ignore);
            if (!abandoned)
                this.unclaimed.add(socket);
            return handshake(socket);
        });
        const ready = new Promise((resolve, reject) => {
            // A set-up that never ends (a proxy that never answers the CONNECT, a stalled handshake) is given up on.
            // A deadline on Node's own timers (unref'd), whatever a test's preload does to setTimeout.
            const limit = AbortSignal.timeout(PRECONNECT_TIMEOUT_MS);
            const giveUp = () => {
                abandoned = true;
                reject(new Error(`not set up within ${PRECONNECT_TIMEOUT_MS / 1000} s`));
            };
            limit.addEventListener('abort', giveUp, { once: true });
            setUp.then(resolve, reject).finally(() => limit.removeEventListener('abort', giveUp));
        });
        const warm = ready.then(s => {
            s.once('close', () => {
                this.unclaimed.delete(s);
                this.drop(key, warm);
            });
            return s;
        }, () => {
            if (socket) {
                socket.destroy();
                this.unclaimed.delete(socket);
            }
            this.drop(key, warm);
            return undefined;
        });
        this.byKey.set(key, [...(this.byKey.get(key) ?? []), warm]);
        return ready.then(() => undefined);
    }
    /** The host's next warm connection, if one was opened and not yet taken (it may still be on its way). */
    take(host, port) {
        const key = keyOf(host, port);
        const queue = this.byKey.get(key);
        const next = queue?.shift();
        if (queue?.length === 0)
            this.byKey.delete(key);
        if (!next)
            return undefined;
        // A request waits on it now: a handle keeps the process up until it is ready or given up (the set-up's own
        // limit ends that), as the request's own connection would.
        const hold = setInterval(ignore, PRECONNECT_TIMEOUT_MS);
        return next.then(socket => {
            clearInterval(hold);
            if (!socket || !this.unclaimed.delete(socket) || socket.destroyed || !socket.writable)
                return undefined;
            // The request's agent owns it from here: its own listeners and references, as on a fresh connection.
            socket.removeListener('error', ignore);
            socket.ref();
            return socket;
        });
    }
    /** How many connections to the host are being opened ahead or wait, ready, for a request. */
    pending(host, port) {
        return this.byKey.get(keyOf(host, port))?.length ?? 0;
    }
    /** Closes the connections nobody took (at exit; they hold no request). */
    close() {
        this.byKey.clear();
        for (const socket of this.unclaimed)
            socket.destroy();
        this.unclaimed.clear();
    }
    drop(key, warm) {
        const queue = this.byKey.get(key)?.filter(w => w !== warm);
        if (queue?.length)
            this.byKey.set(key, queue);
        else
            this.byKey.delete(key);
    }
}
function ignore() { }
/**
 * The connections an agent has to a host: carrying a request, idle (kept alive), or opened ahead. Node files both
 * pools under a name that begins `host:port:`. (A connection a request is opening on demand is that request's.)
 */
function connectionsTo(agent, host, port) {
    const prefix = `${host}:${port}:`;
    const count = (pool) => Object.entries(pool).reduce((n, [name, list]) => n + (name.startsWith(prefix) ? (list?.length ?? 0) : 0), 0);
    return count(agent.sockets) + count(agent.freeSockets) + agent.warm.pending(host, port);
}
/** Resolves when the TLS handshake is done; rejects if the connection fails or closes first. */
function handshake(socket) {
    return new Promise((resolve, reject) => {
        const failed = (e) => {
            socket.removeListener('close', closed);
            reject(e);
        };
        const closed = () => {
            socket.removeListener('error', failed);
            reject(new Error('the connection closed during its set-up'));
        };
        socket.once('secureConnect', () => {
            socket.removeListener('error', failed);
            socket.removeListener('close', closed);
            resolve(socket);
        });
        socket.once('error', failed);
        socket.once('close', closed);
    });
}
/**
 * An HTTPS proxy agent that keeps connections alive and can pre-connect. agent-base files an idle connection under
 * a name that says HTTPS only when Node's request options say so, else it guesses from the call stack, and the
 * guess differed between filing and lookup: no connection was ever reused. Every request this agent carries is
 * HTTPS (only https: URLs are given to it).
 */
class WarmProxyAgent extends dist.HttpsProxyAgent {
    tls;
    warm = new WarmSockets();
    /** `tls`: options of the TLS session with the host (tests give their own CA; the run gives none). */
    constructor(proxy, tls = {}) {
        super(proxy, { keepAlive: true });
        this.tls = tls;
    }
    isSecureEndpoint() {
        return true;
    }
    /** Opens a tunnel and a TLS session to `host` for its first request (no request is sent). */
    preconnect(host, port = 443) {
        const opts = { ...this.tls, host, port, servername: host, secureEndpoint: true };
        // The CONNECT's own events go to a stand-in for the request that is not made yet.
        const req = new external_node_events_.EventEmitter();
        let status;
        req.once('proxyConnect', (answer) => (status = answer.statusCode));
        return this.warm.add(host, port, async () => {
            const socket = await super.connect(req, opts);
            // A refused CONNECT comes back as a stand-in socket that replays the refusal to a request: none here.
            if (status !== 200) {
                socket.destroy();
                throw new Error(`the proxy answered the CONNECT with ${status ?? 'nothing'}`);
            }
            return socket;
        });
    }
    async connect(req, opts) {
        const socket = await this.warm.take(opts.host ?? '', opts.port);
        return socket ?? super.connect(req, { ...this.tls, ...opts });
    }
}
/** A kept-alive agent for direct HTTPS requests (no proxy for their host) that can pre-connect. */
class WarmHttpsAgent extends external_node_https_.Agent {
    warm = new WarmSockets();
    constructor(options = {}) {
        super({ ...options, keepAlive: true });
    }
    /** Opens a TLS session to `host` for its first request (no request is sent). */
    preconnect(host, port = 443) {
        const options = { ...this.options, host, port, servername: host };
        return this.warm.add(host, port, async () => super.createConnection(options));
    }
    /**
     * Node's agent asks for a new connection here; a warm one, when the host has one, is handed over through the
     * callback (which Node accepts in place of a returned socket).
     */
    createConnection(options, callback) {
        const warm = this.warm.take(options.host ?? '', options.port);
        if (!warm)
            return super.createConnection(options);
        void warm.then(socket => callback(null, socket ?? super.createConnection(options)));
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/shared/connections.ts




/** What every request of the action says it comes from. */
const USER_AGENT = { userAgentPrefix: 'managed-hsm-skr-action' };
/**
 * Options every Azure client of the action is made with. Not the storage clients: their options take the
 * older HTTP client type of @azure/core-http-compat, and they share the storage SDK's own cached client.
 */
function clientOptions() {
    return {
        userAgentOptions: USER_AGENT,
        httpClient: sharedHttpClient(),
        additionalPolicies: [{ policy: connections.policy(), position: 'perCall' }]
    };
}
/**
 * Options for a storage SDK client of `url` (their options cannot take our HTTP client): the agent our shared
 * client would use for that host, chosen by the SDK proxy policy's own rule (proxy-env.ts, NO_PROXY included),
 * so that its requests reuse the run's kept-alive connections, the one opened ahead included. The SDK's agent
 * policy sets it on each request, and its proxy policy leaves a request that has an agent alone.
 */
function storageClientOptions(url) {
    return { userAgentOptions: USER_AGENT, agent: connections.agentForUrl(url, process.env) };
}
const PRECONNECT_POLICY = 'preconnectPolicy';
/**
 * The run's agents: one kept-alive agent per proxy (as the proxy policy named it) and one for direct requests,
 * each able to pre-connect. `env` and `tls` are the process's own in a run; tests give theirs.
 */
class Connections {
    env;
    tls;
    proxyAgents = new Map();
    direct;
    /** Requests between the front of their pipeline and their answer, per host and port. */
    inFlight = new Map();
    /** The hosts the run named from its inputs (preconnect): the only ones a request may open ahead. */
    named = new Set();
    /**
     * Named hosts a connection opened ahead could not reach (an HSM still to be created has no name in DNS yet):
     * none is opened ahead to them again; their requests open their own.
     */
    unreachable = new Set();
    constructor(env = process.env, tls = {}) {
        this.env = env;
        this.tls = tls;
    }
    /** Opens one connection ahead to a named host through `agent`, unless that host proved unreachable. */
    openAhead(agent, host, port) {
        const key = `${host}:${port}`;
        if (this.unreachable.has(key))
            return Promise.resolve();
        return agent.preconnect(host, port).then(() => undefined, (e) => {
            this.unreachable.add(key);
            (0,log/* debug */.Yz)(`pre-connect to ${host}: ${(0,errors/* errorMessage */.gJ)(e)} (its requests open their own)`);
        });
    }
    /** The agent for an https: request the proxy policy sends through `proxy` (its URL), or directly (undefined). */
    agentFor(proxy) {
        if (!proxy)
            return (this.direct ??= new WarmHttpsAgent(this.tls));
        let agent = this.proxyAgents.get(proxy.href);
        if (!agent)
            this.proxyAgents.set(proxy.href, (agent = new WarmProxyAgent(proxy.href, this.tls)));
        return agent;
    }
    /** The agent a request to `url` goes through: the proxy the SDK's proxy policy would choose (proxy-env.ts), or none. */
    agentForUrl(url, env = this.env) {
        const proxy = (0,proxy_env/* sdkProxyFor */.s)(url, env);
        return this.agentFor(proxy ? new URL(proxy) : undefined);
    }
    /**
     * Opens connections to each URL's host, up to `count` of them (busy, idle or being opened), through the agent its requests will use: the proxy
     * the SDK's proxy policy would choose for it (the same rule: proxy-env.ts), else the direct one. Sends no
     * request; a connection that fails is only noted in the debug log, and the request then opens its own. Settles
     * when every one is ready or has failed; never rejects.
     */
    preconnect(urls) {
        const opening = urls.flatMap(({ url, count = 1 }) => {
            const { hostname: host, port } = new URL(url);
            this.named.add(`${host}:${Number(port) || 443}`);
            const agent = this.agentForUrl(url);
            // Up to `count` in all: main.ts may have opened some before the run's modules loaded.
            const missing = count - connectionsTo(agent, host, Number(port) || 443);
            return Array.from({ length: Math.max(0, missing) }, () => this.openAhead(agent, host, Number(port) || 443));
        });
        return Promise.all(opening).then(() => undefined);
    }
    /**
     * For the front of a pipeline, before its token is awaited: a request to one of the run's hosts (named by
     * `preconnect`) with fewer connections (busy, idle or opened ahead) than requests in flight opens one ahead.
     * A wave of reads that waits for its token then finds as many connections ready as it has reads; a request
     * that would find an idle one opens none.
     */
    policy() {
        return {
            name: PRECONNECT_POLICY,
            sendRequest: async (request, next) => {
                // This runs before the origin checks (azure/origin.ts, after the token): a URL from an answer (a nextLink,
                // an operation's Location) must not get a connection before they refuse it. Only the run's own hosts do.
                const leave = this.enter(request.url);
                try {
                    return await next(request);
                }
                finally {
                    leave();
                }
            }
        };
    }
    /**
     * A request to `url` that will be sent once something it needs arrives (its URL names the signed-in identity,
     * known from the token): counted in flight from now, as if it already waited at the front of its pipeline, so
     * its connection opens with its wave's instead of after the token. The returned function ends the count: call
     * it as the request is sent (it then counts as itself) or dropped. Only for the run's own hosts (preconnect).
     */
    announce(url) {
        return this.enter(url);
    }
    /**
     * Counts a request to `url` in flight, opening one more connection ahead when its host, one of the run's own,
     * has fewer (busy, idle or being opened) than requests in flight. Returns the end of the count (once).
     */
    enter(url) {
        const { protocol, hostname: host, port: p } = new URL(url);
        const port = Number(p) || 443;
        const key = `${host}:${port}`;
        if (protocol !== 'https:' || !this.named.has(key))
            return () => undefined;
        const inFlight = (this.inFlight.get(key) ?? 0) + 1;
        this.inFlight.set(key, inFlight);
        const agent = this.agentForUrl(url);
        if (connectionsTo(agent, host, port) < inFlight)
            void this.openAhead(agent, host, port);
        let ended = false;
        return () => {
            if (ended)
                return;
            ended = true;
            this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
        };
    }
    /** Closes the pre-opened connections no request took. */
    close() {
        this.direct?.warm.close();
        for (const agent of this.proxyAgents.values())
            agent.warm.close();
    }
    /**
     * The HTTP client every Azure client of the run shares: a request the proxy policy sends through a proxy goes
     * through our kept-alive agent for that proxy; one with no agent (direct) through our direct one, unless it
     * asks for TLS settings or no keep-alive, which the SDK's own client honours.
     */
    httpClient() {
        // Loaded on the first request, not with this module: main.ts pre-connects before the SDK's modules load.
        let inner;
        const client = () => (inner ??= __webpack_require__.e(/* import() */ 978).then(__webpack_require__.bind(__webpack_require__, 8978)).then(m => m.createDefaultHttpClient()));
        return {
            sendRequest: async (request) => {
                if (request.url.startsWith('https:')) {
                    // The proxy policy's agent names its proxy (credentials included, as the policy read them).
                    const proxy = request.agent?.proxy;
                    if (proxy instanceof URL)
                        request.agent = this.agentFor(proxy);
                    else if (!request.agent && !request.tlsSettings && !request.disableKeepAlive)
                        request.agent = this.agentFor(undefined);
                }
                return (await client()).sendRequest(request);
            }
        };
    }
}
const connections = new Connections();
// Unused warm connections are unref'd (they never hold the process); at its end they are closed.
process.once('exit', () => connections.close());
/** Pre-connects the run's hosts (Connections.preconnect) for the requests of the shared HTTP client. */
function preconnect(urls) {
    void connections.preconnect(urls);
}
/** Connections.announce, for the shared client's requests. */
function announceRequest(url) {
    return connections.announce(url);
}
/**
 * Puts the run's pre-connect policy (Connections.policy) at the front of a pipeline that sends through the shared
 * client, before the policy that waits for a token. (An SDK client adds clientOptions' policies after its own
 * token policy: this moves it.)
 */
function preconnectFirst(pipeline) {
    pipeline.removePolicy({ name: PRECONNECT_POLICY });
    pipeline.addPolicy(connections.policy(), { phase: 'Serialize' });
}
let shared;
function sharedHttpClient() {
    return (shared ??= connections.httpClient());
}


/***/ }),

/***/ 4539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ sdkProxyFor)
/* harmony export */ });
/**
 * Whether the Azure SDK sends a request to `url` through a proxy, by the rule of its proxy policy
 * (@typespec/ts-http-runtime, policies/proxyPolicy.js): HTTPS_PROXY, else ALL_PROXY, else HTTP_PROXY (upper case
 * first, then lower case), unless NO_PROXY names the host exactly or, for an entry with a leading dot, a domain it
 * is in (or the domain itself). The SDK decides each request; this answers only "who resolves the host's name".
 */
function sdkProxyFor(url, env = process.env) {
    const read = (name) => env[name] || env[name.toLowerCase()] || undefined;
    const proxy = read('HTTPS_PROXY') ?? read('ALL_PROXY') ?? read('HTTP_PROXY');
    if (!proxy)
        return undefined;
    const host = new URL(url).hostname;
    const bypassed = (read('NO_PROXY') ?? '')
        .split(',')
        .map(p => p.trim())
        .filter(Boolean)
        .some(p => (p.startsWith('.') ? host.endsWith(p) || host === p.slice(1) : host === p));
    return bypassed ? undefined : proxy;
}


/***/ }),

/***/ 6575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xq: () => (/* binding */ lastReplicatedWrite),
/* harmony export */   oy: () => (/* binding */ noteDataPlaneRequest),
/* harmony export */   pd: () => (/* binding */ REPLICATION_WINDOW_MS)
/* harmony export */ });
/**
 * The time of this run's last write that a multi-region HSM replicates to its other region: keys (create,
 * import, rotate, update, delete) and role definitions and assignments. Microsoft Learn ("Enable multi-region
 * replication on Azure Managed HSM", "Replication latency") says such writes may take up to 6 minutes to reach
 * both regions and advises waiting that long before using them. Noted by the data-plane pipelines' one auth
 * policy (auth/data-plane-auth.ts); read by the hand-off before the outputs (run/replication-hold.ts).
 */
/** Microsoft's replication window for keys, role definitions and role assignments. */
const REPLICATION_WINDOW_MS = 6 * 60 * 1000;
let last;
const REPLICATED = /\/(keys|providers\/Microsoft\.Authorization)(\/|$)/i;
/** Key operations that write nothing (release, crypto, backup of a key). */
const NOT_WRITES = /\/(release|encrypt|decrypt|wrapkey|unwrapkey|sign|verify|backup)$/i;
function noteDataPlaneRequest(method, url, status) {
    if (method === 'GET' || method === 'HEAD' || status < 200 || status >= 300)
        return;
    const path = new URL(url).pathname;
    if (REPLICATED.test(path) && !NOT_WRITES.test(path))
        last = Date.now();
}
function lastReplicatedWrite() {
    return last;
}


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
