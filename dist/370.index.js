export const id = 370;
export const ids = [370];
export const modules = {

/***/ 2370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute)
});

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./src/shared/log-redaction.ts
/**
 * The Azure SDKs log whole requests at verbose level (AZURE_LOG_LEVEL), and behind a proxy their sanitizer
 * walks into the agent's sockets, where the raw `Authorization: Bearer …` header and token bodies sit.
 * Every SDK log line passes through here before it is written and loses anything shaped like a bearer
 * token or a JWT. The runner masks registered tokens too, but only in its own log, and the SDK's stderr can
 * end up elsewhere (a local run, a log shipped as an artifact).
 */



/** `Bearer <token>` in a header, whatever the token's shape (an opaque token is secret too). */
const BEARER = /\b(Bearer\s+)[\w\-.~+/]+=*/gi;
/** A compact JWS or JWE (three or five base64url parts, the first a JSON header: `eyJ…`). */
const JWT = /eyJ[\w-]+(?:\.[\w-]*){2,4}/g;
function redactSecrets(text) {
    return text.replace(BEARER, '$1[redacted]').replace(JWT, '[redacted JWT]');
}
let installed = false;
/**
 * Routes every Azure SDK log line through redactSecrets and the log module's neutraliser (the runner reads
 * stderr for workflow commands as it reads stdout); the lines still go where they went before.
 */
function installAzureLogRedaction() {
    if (installed)
        return;
    installed = true;
    const write = esm/* AzureLogger */.i2.log.bind(esm/* AzureLogger */.i2);
    // One formatted string, so the original writer has no placeholders left to expand.
    esm/* AzureLogger */.i2.log = (...args) => write((0,log/* neutraliseLines */.UO)(redactSecrets((0,external_node_util_.format)(...args))));
}

// EXTERNAL MODULE: ./src/config/index.ts + 14 modules
var src_config = __webpack_require__(3252);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(1659);
;// CONCATENATED MODULE: ./src/report/outputs.ts
/** The action's outputs, named as the reference steps name their variables. */

const OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'HSM_NAME',
    'HSM_RESOURCE_ID',
    'HSM_URI',
    'KEY_NAME',
    'KEK_KID',
    'KEK_RESOURCE',
    'DES_ID',
    'DES_PRINCIPAL_ID',
    'SECURITY_DOMAIN_SHA256',
    'KEK_ATTESTATION_SHA256',
    'KEK_ATTESTATION_FILE'
]));
/** Set by plan and verify only: the drift report (see report/drift.ts). */
const DRIFT_OUTPUT = 'drift';
function outputsFrom(config, facts) {
    const o = { HSM_NAME: config.hsmName };
    if (facts.hsmResourceId)
        o.HSM_RESOURCE_ID = facts.hsmResourceId;
    // Kept exactly as Azure returns properties.hsmUri, trailing slash included (as `az keyvault show` prints it).
    if (facts.hsmUri)
        o.HSM_URI = facts.hsmUri;
    if (facts.keyName)
        o.KEY_NAME = facts.keyName;
    if (facts.kekKid)
        o.KEK_KID = facts.kekKid;
    if (facts.kekResource)
        o.KEK_RESOURCE = facts.kekResource;
    if (facts.desId)
        o.DES_ID = facts.desId;
    if (facts.desPrincipalId)
        o.DES_PRINCIPAL_ID = facts.desPrincipalId;
    if (facts.securityDomainSha256)
        o.SECURITY_DOMAIN_SHA256 = facts.securityDomainSha256;
    // Evidence that verified, or whose format this action does not know (kept to check with other tools); never
    // evidence that failed a check.
    const a = facts.attestation;
    if (a?.sha256 && a.file && (a.result.status === 'verified' || a.result.status === 'not-verified')) {
        o.KEK_ATTESTATION_SHA256 = a.sha256;
        o.KEK_ATTESTATION_FILE = a.file;
    }
    return o;
}
/** Sets the outputs and, with export-variables, the same names as environment variables for later steps. */
function setOutputs(outputs, exportVariables) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        core.setOutput(name, value);
        if (exportVariables)
            core.exportVariable(name, value);
    }
}

// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var summary = __webpack_require__(9124);
// EXTERNAL MODULE: ./src/policy/index.ts + 15 modules
var src_policy = __webpack_require__(264);
;// CONCATENATED MODULE: ./src/steps/des/key-check.ts


const RSA_SIZES = [2048, 3072, 4096];
/** Every reason this key cannot back a set of this encryption type; empty when it can. */
function desKeyProblems(key, type) {
    const problems = [];
    const kty = String(key.keyType ?? '');
    const bits = key.key?.n ? key.key.n.length * 8 : undefined;
    if (!/^RSA(-HSM)?$/.test(kty))
        problems.push(`it is ${kty || 'of unknown type'}, and disks need an RSA key`);
    else if (bits !== undefined && !RSA_SIZES.includes(bits))
        problems.push(`it has ${bits} bits, and disks accept RSA keys of ${RSA_SIZES.join(', ')} bits`);
    const ops = (key.keyOperations ?? []).map(String);
    const missingOps = ['wrapKey', 'unwrapKey'].filter(o => !ops.includes(o));
    if (missingOps.length > 0)
        problems.push(`its operations lack ${missingOps.join(' and ')}`);
    if (key.properties.enabled === false)
        problems.push('it is disabled');
    if (key.properties.expiresOn && key.properties.expiresOn.getTime() < Date.now())
        problems.push(`it expired on ${key.properties.expiresOn.toISOString()}`);
    if (type !== src_config/* CVM_ENCRYPTION_TYPE */.su)
        return problems;
    if (key.properties.exportable !== true)
        problems.push(`it is not exportable, and ${src_config/* CVM_ENCRYPTION_TYPE */.su} needs an exportable key`);
    const encoded = key.properties.releasePolicy?.encodedPolicy;
    if (!encoded) {
        problems.push('it has no release policy, so the Confidential VM Orchestrator could never receive it');
        return problems;
    }
    let policy;
    try {
        policy = (0,src_policy/* toPolicyValue */.fe)(Buffer.from(encoded).toString('utf8'));
    }
    catch {
        policy = undefined;
    }
    if (!policy || !(0,src_policy/* releasesToCvmPlatform */.ZY)(policy))
        problems.push('its release policy does not release to a compliant confidential-VM platform token (top-level claim x-ms-compliance-status equals azure-compliant-cvm), the token the Confidential VM Orchestrator presents; a guest-attestation policy such as sev-snp-cvm is not enough');
    return problems;
}

// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 37 modules
var dist_esm = __webpack_require__(1818);
// EXTERNAL MODULE: ./node_modules/@azure/keyvault-common/dist/esm/index.js + 5 modules
var keyvault_common_dist_esm = __webpack_require__(357);
;// CONCATENATED MODULE: ./src/auth/data-plane-auth.ts

/**
 * The SDK's policy, preceded by a token for `known` on every request until the service first answers 401
 * with a challenge. Without `known` it is the SDK's policy alone.
 */
function preauthorizingPolicy(credential, known) {
    const sdk = (0,keyvault_common_dist_esm/* keyVaultAuthenticationPolicy */.sO)(credential);
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
        name: keyvault_common_dist_esm/* keyVaultAuthenticationPolicyName */.F4,
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
    return credential.dataPlaneAuth?.policyFor(url, resourceTenant) ?? (0,keyvault_common_dist_esm/* keyVaultAuthenticationPolicy */.sO)(credential);
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
    if (!pipeline?.getOrderedPolicies().some(p => p.name === keyvault_common_dist_esm/* keyVaultAuthenticationPolicyName */.F4))
        return false;
    pipeline.removePolicy({ name: keyvault_common_dist_esm/* keyVaultAuthenticationPolicyName */.F4 });
    pipeline.addPolicy(policy);
    return true;
}

;// CONCATENATED MODULE: ./src/azure/origin.ts
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

;// CONCATENATED MODULE: ./src/azure/call.ts
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
    if (e instanceof errors/* AzureOperationError */.XP)
        return e;
    if (e instanceof ForeignOriginError)
        return new errors/* AzureOperationError */.XP({
            service,
            operation,
            code: 'ForeignOrigin',
            hint: `${service} answered with a URL on another origin, which Azure never does: check what stands between ` +
                'the runner and Azure (HTTPS_PROXY, a TLS-inspecting proxy) before you rerun'
        }, (0,errors/* serviceText */.Lo)(e.message));
    if ((0,dist_esm/* isRestError */.T0)(e) && (e.statusCode === undefined || (e.response && notFromService(e.response))))
        return unreachableError(service, operation, e, hint);
    if ((0,dist_esm/* isRestError */.T0)(e)) {
        const body = errorBody(e.details) ?? errorBody(safeJson(e.response?.bodyAsText ?? undefined));
        const code = body?.code ?? e.code;
        const status = e.statusCode;
        const requestId = e.response?.headers.get('x-ms-request-id') ??
            e.request?.headers.get('x-ms-client-request-id') ??
            undefined;
        const message = body?.message ?? e.message;
        return new errors/* AzureOperationError */.XP({
            service,
            operation,
            status,
            code: code === 'REQUEST_SEND_ERROR' ? undefined : code,
            requestId,
            hint: resolveHint(hint, code, status) ??
                (code === 'AuthorizationFailed' ? authorizationHint(message) : undefined) ??
                defaultHint(service, status)
        }, (0,errors/* serviceText */.Lo)(message));
    }
    return new errors/* AzureOperationError */.XP({ service, operation, hint: resolveHint(hint, undefined, undefined) }, (0,errors/* serviceText */.Lo)((0,errors/* errorMessage */.gJ)(e)));
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
    return new errors/* AzureOperationError */.XP({
        service,
        operation,
        code,
        unreachable: true,
        hint: resolveHint(hint, undefined, undefined) ??
            `check the URL and that the runner can reach ${host} (DNS name, firewall, HTTPS_PROXY); ` +
                `if ${service} was down, rerun the job later`
    }, (0,errors/* serviceText */.Lo)(message));
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
            throw new dist_esm/* RestError */.pj(`${request.method} answered ${response.status} with an empty body`, {
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
    if (e instanceof errors/* AzureOperationError */.XP)
        return e.details.status;
    return (0,dist_esm/* isRestError */.T0)(e) ? e.statusCode : undefined;
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
    if (status !== undefined && (0,errors/* isTransientStatus */.Dm)(status))
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

;// CONCATENATED MODULE: ./src/azure/rest.ts



/**
 * The pipeline every hand-written Azure client uses: the SDK's retry policy (it reads Retry-After), our user
 * agent, the authentication policy, and nothing sent (nor its token) to any origin but `origin`.
 */
function jsonPipeline(auth, origin) {
    const pipeline = (0,dist_esm/* createPipelineFromOptions */.Fp)({
        userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
        retryOptions: { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 }
    });
    pipeline.addPolicy(auth);
    keepToOrigin(pipeline, origin);
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
    const request = (0,dist_esm/* createPipelineRequest */.G6)({
        url: call.url.toString(),
        method,
        headers: (0,dist_esm/* createHttpHeaders */.Nc)({ accept: 'application/json' }),
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
    });
    if (opts.body !== undefined)
        request.headers.set('content-type', 'application/json');
    let response;
    try {
        response = await pipeline.sendRequest(client, request);
    }
    catch (e) {
        throw asAzureError(service, operation, e, opts.hint);
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
        const err = new dist_esm/* RestError */.pj(`${call.label} answered ${response.status}`, {
            statusCode: response.status,
            request,
            response
        });
        err.details = body;
        throw asAzureError(service, operation, err, opts.hint);
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
    client = (0,dist_esm/* createDefaultHttpClient */.fl)();
    constructor(credential, 
    /** Origin without a trailing slash, e.g. https://management.azure.com */
    endpoint, service) {
        this.endpoint = endpoint;
        this.service = service;
        this.pipeline = jsonPipeline((0,dist_esm/* bearerTokenAuthenticationPolicy */.N$)({ credential, scopes: `${endpoint.replace(/\/+$/, '')}/.default` }), endpoint);
    }
    async send(operation, method, path, opts = {}) {
        const url = new URL(this.endpoint.replace(/\/+$/, '') + path);
        return sendJson(this.pipeline, this.client, { service: this.service, operation, method, url, label: method, keepText: false }, opts);
    }
}

;// CONCATENATED MODULE: ./src/azure/managed-hsm-data.ts
/**
 * The Managed HSM data plane for what @azure/keyvault-admin would do (it cannot be installed here): the
 * security domain and local RBAC. Requests go over @azure/core-rest-pipeline (proxy, retries with
 * Retry-After, request ids) with the run's authentication policy for the HSM host (data-plane-auth.ts:
 * the token goes on the first request; keyVaultAuthenticationPolicy from @azure/keyvault-common answers
 * any 401 challenge, as in Microsoft's own Key Vault clients). One instance per HSM host.
 */



/** The data-plane api-version recorded against the live service for security domain, RBAC and keys. */
const DATA_PLANE_API_VERSION = '7.5';
const SERVICE = 'Managed HSM';
class ManagedHsmDataPlane {
    pipeline;
    client = (0,dist_esm/* createDefaultHttpClient */.fl)();
    /** Origin without the trailing slash Azure puts on hsmUri. */
    origin;
    /** `tenantId`: the HSM's tenant as ARM reports it. */
    constructor(credential, hsmUri, tenantId) {
        this.origin = new URL(hsmUri).origin;
        this.pipeline = jsonPipeline(dataPlanePolicy(credential, hsmUri, tenantId), this.origin);
    }
    /**
     * Sends one request; statuses in `ok` come back, anything else becomes an AzureOperationError naming
     * `operation`. The body is parsed as JSON when it is JSON.
     */
    async send(operation, method, path, opts = {}) {
        const url = new URL(this.origin + path);
        url.searchParams.set('api-version', DATA_PLANE_API_VERSION);
        const label = `${method} ${path}`;
        const r = await sendJson(this.pipeline, this.client, { service: SERVICE, operation, method, url, label, keepText: true }, opts);
        return r;
    }
}

;// CONCATENATED MODULE: ./src/azure/sdk.ts
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
const storageBlob = () => __webpack_require__.e(/* import() */ 778).then(__webpack_require__.bind(__webpack_require__, 4778));

;// CONCATENATED MODULE: ./src/azure/keys.ts




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
        this.keyClient ??= keyVaultKeys().then(({ KeyClient }) => {
            const client = new KeyClient(new URL(this.hsmUri).origin, this.credential, {
                serviceVersion: DATA_PLANE_API_VERSION,
                userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
            });
            useAuthPolicy(client, dataPlanePolicy(this.credential, this.hsmUri, this.tenantId));
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
        return absentOn404(async () => {
            return await azureCall(SERVICE, `read key '${name}'${version ? ` version ${version}` : ''}`, async () => (await this.client()).getKey(name, version ? { version } : {}), KEY_HINT);
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
    call(operation, fn, hint = KEY_HINT) {
        return azureCall(SERVICE, operation, async () => fn(await this.client()), hint);
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

;// CONCATENATED MODULE: ./src/run/context.ts




/** The HSM as ARM last reported it; read now when no earlier step (provision) has. */
async function knownHsm(ctx) {
    if (!ctx.facts.hsmUri) {
        const { config, arm } = ctx;
        const hsm = await readHsm(ctx);
        if (!hsm?.properties?.hsmUri)
            throw new errors/* ConflictError */.fK(`Managed HSM '${config.hsmName}' does not exist in resource group '${config.resourceGroup}'`, "add 'provision' to steps, or fix hsm-name / resource-group");
        ctx.facts.hsmResourceId = hsm.id ?? arm.resourceId(config.resourceGroup, config.hsmName);
        ctx.facts.hsmUri = hsm.properties.hsmUri;
        ctx.facts.hsmTenantId = hsm.properties.tenantId;
        ctx.facts.activationStatus = hsm.properties.securityDomainProperties?.activationStatus;
    }
    return ctx.facts;
}
/** The HSM as ARM says now, or as this run last read it if nothing was written since. */
function readHsm(ctx) {
    return ctx.reads.once('hsm', () => ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName));
}
/** One data-plane client per run (it and the keys client share the HSM host's authentication policy). */
async function dataPlane(ctx) {
    const { hsmUri, hsmTenantId } = await knownHsm(ctx);
    ctx.facts.dataPlane ??= new ManagedHsmDataPlane(ctx.signIn.credential, hsmUri, hsmTenantId);
    return ctx.facts.dataPlane;
}
/** One keys client per run, on the data plane client of the HSM. */
async function keysClient(ctx) {
    const { hsmUri, hsmTenantId } = await knownHsm(ctx);
    await dataPlane(ctx);
    ctx.facts.keys ??= new ManagedHsmKeys(ctx.signIn.credential, hsmUri, hsmTenantId);
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
    const ids = await Promise.all(ctx.config.administrators.map(a => (a === src_config/* SELF */.TK ? selfPrincipalId(ctx) : Promise.resolve(a))));
    return [...new Set(ids.map(i => i.toLowerCase()))].sort();
}

;// CONCATENATED MODULE: ./src/azure/disk-encryption-sets.ts


const DES_API_VERSION = '2025-01-02';
const disk_encryption_sets_SERVICE = 'Azure Resource Manager';
const WRITE_HINT = (code, status) => {
    if (code === 'KeyVaultAccessForbidden')
        return "the set's identity needs 'Managed HSM Crypto Service Encryption User' on /keys/KEY-NAME of the HSM; the des step grants it, then retries";
    if (code === 'ResourceGroupNotFound')
        return 'create the resource group first, or fix disk-encryption-set-resource-group';
    if (status === 403)
        return "the signed-in identity needs 'Contributor' (or 'Disk Encryption Set Contributor'-level rights) on the resource group of the disk encryption set";
    return undefined;
};
class DiskEncryptionSets {
    subscriptionId;
    api;
    constructor(credential, subscriptionId, endpoint) {
        this.subscriptionId = subscriptionId;
        this.api = new JsonApi(credential, endpoint, disk_encryption_sets_SERVICE);
    }
    resourceId(resourceGroup, name) {
        return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${name}`;
    }
    async get(resourceGroup, name) {
        return absentOn404(async () => {
            const r = await this.api.send(`read disk encryption set '${name}'`, 'GET', this.resourceId(resourceGroup, name), { query: { 'api-version': DES_API_VERSION } });
            return r.body;
        });
    }
    /**
     * Every set of the subscription (DiskEncryptionSets_List), following nextLink on the resource manager's own
     * origin only.
     */
    async listInSubscription() {
        const sets = [];
        let path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/diskEncryptionSets`;
        let query = { 'api-version': DES_API_VERSION };
        for (let page = 0; page < 100; page++) {
            const r = await this.api.send('list the disk encryption sets of the subscription', 'GET', path, {
                query,
                hint: (_c, status) => status === 403
                    ? "the signed-in identity needs 'Reader' on the subscription to find the disk encryption sets that use the key"
                    : undefined
            });
            sets.push(...(r.body?.value ?? []));
            const next = r.body?.nextLink;
            if (!next)
                break;
            const url = new URL(next);
            if (url.origin !== new URL(this.api.endpoint).origin)
                throw new Error(`the disk encryption set list's nextLink leaves ${this.api.endpoint}: ${url.origin}`);
            path = url.pathname;
            query = Object.fromEntries(url.searchParams);
        }
        return sets;
    }
    /** Sends the PUT (create, or replace); the caller waits by reading the resource. */
    async submitPut(resourceGroup, name, body) {
        await this.api.send(`create disk encryption set '${name}'`, 'PUT', this.resourceId(resourceGroup, name), {
            body,
            ok: [200, 201, 202],
            query: { 'api-version': DES_API_VERSION },
            hint: WRITE_HINT
        });
    }
    /** Sends the PATCH with only what should change; the caller waits by reading the resource. */
    async submitPatch(resourceGroup, name, patch) {
        await this.api.send(`update disk encryption set '${name}'`, 'PATCH', this.resourceId(resourceGroup, name), {
            body: patch,
            ok: [200, 202],
            query: { 'api-version': DES_API_VERSION },
            hint: WRITE_HINT
        });
    }
    /** Sends the DELETE (204: already gone); the caller waits until a read answers 404. */
    async submitDelete(resourceGroup, name) {
        await this.api.send(`delete disk encryption set '${name}'`, 'DELETE', this.resourceId(resourceGroup, name), {
            ok: [200, 202, 204],
            query: { 'api-version': DES_API_VERSION },
            hint: (code, status) => status === 409 || code === 'DiskEncryptionSetInUse'
                ? 'disks, snapshots or VMs still use this disk encryption set; delete or re-key them first'
                : undefined
        });
    }
}

;// CONCATENATED MODULE: ./src/azure/graph.ts

const graph_SERVICE = 'Microsoft Graph';
async function servicePrincipalByAppId(credential, graphEndpoint, appId) {
    const api = new JsonApi(credential, graphEndpoint, graph_SERVICE);
    const r = await api.send(`look up the service principal of application ${appId}`, 'GET', '/v1.0/servicePrincipals', {
        query: { $filter: `appId eq '${appId}'`, $select: 'id,appId,displayName' },
        hint: (_code, status) => status === 403
            ? 'the signed-in app needs the Microsoft Graph application permission Application.Read.All (admin consent), or set cvm-orchestrator-object-id'
            : undefined
    });
    return r.body?.value?.find(sp => typeof sp.id === 'string');
}

;// CONCATENATED MODULE: ./src/run/disk-encryption-sets.ts
/**
 * Disk Encryption Sets as the run reads them: the des step's own set, every set of the subscription that
 * uses this HSM's key (posture/access.ts counts their identities as intended key holders), and the
 * Confidential VM Orchestrator that releases the key to confidential VMs.
 */



/** The Confidential VM Orchestrator's application id, the same in every tenant. */
const CVM_ORCHESTRATOR_APP_ID = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0';
function desClient(ctx) {
    return new DiskEncryptionSets(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager);
}
/** A set this action created for this HSM. */
function isManaged(des, hsmName) {
    return (des.tags?.[src_config/* MANAGED_BY_TAG */.dS] === src_config/* MANAGED_BY */.Kf &&
        des.tags?.[src_config/* MANAGED_HSM_TAG */.G9]?.toLowerCase() === hsmName.toLowerCase());
}
/** The set as ARM has it (shared with the des step's early read, prefetchDes). */
function readDes(ctx, client, d) {
    return ctx.reads.once(desRead(d), () => client.get(d.resourceGroup, d.name));
}
/** Starts the read readDes joins. */
function prefetchDes(ctx, d) {
    return ctx.reads.prefetch(desRead(d), () => desClient(ctx).get(d.resourceGroup, d.name));
}
const desRead = (d) => `des:${d.resourceGroup}/${d.name}`;
/** Every Disk Encryption Set of the subscription (one read per run). */
function readAllDes(ctx) {
    return ctx.reads.once('des:*', () => desClient(ctx).listInSubscription());
}
/** Microsoft Graph's service principal of the Confidential VM Orchestrator, by its well-known app id. */
function readOrchestrator(ctx) {
    return ctx.reads.once('orchestrator', () => orchestrator(ctx));
}
/** Starts the read readOrchestrator joins. */
function prefetchOrchestrator(ctx) {
    return ctx.reads.prefetch('orchestrator', () => orchestrator(ctx));
}
const orchestrator = (ctx) => servicePrincipalByAppId(ctx.signIn.credential, ctx.cloud.graph, CVM_ORCHESTRATOR_APP_ID);
/**
 * Whether a set uses key `keyName` of the HSM at `hsmUri` (its active key, any version), or was made by the
 * des step for this HSM.
 */
function usesKey(des, hsmUri, hsmName, keyName) {
    if (isManaged(des, hsmName))
        return true;
    const url = des.properties?.activeKey?.keyUrl;
    if (!url)
        return false;
    try {
        const u = new URL(url);
        const host = new URL(hsmUri).host.toLowerCase();
        const [, keys, name] = u.pathname.split('/');
        return u.host.toLowerCase() === host && keys === 'keys' && name?.toLowerCase() === keyName.toLowerCase();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/steps/des/backing.ts





/** Said wherever sets are listed: the list is of this subscription only. */
const OTHER_SUBSCRIPTIONS = 'sets in other subscriptions are not checked';
/** The subscription's sets that use key `keyName` of the HSM at `hsmUri` (one list read per run). */
async function setsBackedByKey(ctx, hsmUri) {
    const { hsmName, key } = ctx.config;
    let all;
    try {
        all = await readAllDes(ctx);
    }
    catch (e) {
        return { sets: [], unchecked: (0,errors/* errorMessage */.gJ)(e).split('\n')[0] };
    }
    const host = new URL(hsmUri).host.toLowerCase();
    const sets = all.filter(s => {
        const url = s.properties?.activeKey?.keyUrl;
        const named = url ? keyOf(url) : undefined;
        if (named)
            return named.host === host && named.name === key.name.toLowerCase();
        // A set of this action whose key URL is not (yet) set: it was made for this HSM's key.
        return isManaged(s, hsmName);
    });
    return { sets };
}
function keyOf(url) {
    try {
        const u = new URL(url);
        const [, keys, name] = u.pathname.split('/');
        return keys === 'keys' && name ? { host: u.host.toLowerCase(), name: name.toLowerCase() } : undefined;
    }
    catch {
        return undefined;
    }
}
/** A set's name and type for a sentence (the caller escapes it: it is Azure's text). */
function describeSet(s) {
    const group = /\/resourceGroups\/([^/]+)\//i.exec(s.id ?? '')?.[1];
    return `'${s.name ?? s.id ?? '?'}' (${s.properties?.encryptionType ?? 'unknown type'}${group ? `, resource group ${group}` : ''})`;
}
/** What a set's encryption type asks of its key; an unknown type is judged as the stricter confidential-VM one. */
function typeOf(s) {
    const t = s.properties?.encryptionType;
    return src_config/* DES_ENCRYPTION_TYPES */.XM.includes(t ?? '')
        ? t
        : src_config/* CVM_ENCRYPTION_TYPE */.su;
}
/** For each set the key as planned could no longer serve: the set and why. */
function setsBrokenBy(planned, sets) {
    return sets.flatMap(s => {
        const problems = desKeyProblems(planned, typeOf(s));
        return problems.length ? [`disk encryption set ${describeSet(s)}: ${problems.join('; ')}`] : [];
    });
}
/** The HSM has purge protection, or this run's provision step turns it on before the des step. */
async function purgeProtected(ctx) {
    const { config } = ctx;
    if (config.purgeProtection && config.steps.includes('provision'))
        return true;
    return (await readHsm(ctx))?.properties?.enablePurgeProtection === true;
}
/** The warning for a set that exists on an HSM without purge protection, said on every run. */
function unprotectedSetWarning(ctx, sets) {
    return (`Managed HSM '${ctx.config.hsmName}' has no purge protection, and disk encryption set(s) ${sets.map(describeSet).join(', ')} use its key: ` +
        'if the HSM is deleted and purged, every disk encrypted through them is unreadable for good. ' +
        `Set purge-protection: 'true' with confirm-purge-protection: ${ctx.config.hsmName} (permanent; a deleted HSM then keeps its name and bills until retention-days have passed)`);
}
/**
 * The action's own rule, checked before any write: a new Disk Encryption Set only on an HSM that cannot be
 * purged. A set that exists already is warned about instead (steps/des/index.ts), on every run.
 */
async function refuseUnprotectedNewSet(ctx) {
    const { config } = ctx;
    const d = config.des;
    // plan and verify change nothing: their des step reports the refusal as a finding (steps/des/index.ts).
    if (!d || !config.steps.includes('des') || !src_config/* MODE_TABLE */.TL[config.mode].writes)
        return;
    if (await purgeProtected(ctx))
        return;
    if (await readDes(ctx, desClient(ctx), d))
        return;
    throw unprotectedNewSet(ctx);
}
/** The refusal of a new set on an HSM that can be purged: whose rule, why, how, and what that costs. */
function unprotectedNewSet(ctx) {
    const { config } = ctx;
    const d = config.des;
    return new errors/* ConflictError */.fK(`Input 'purge-protection': this action creates disk encryption set '${d.name}' only on an HSM with purge protection, and Managed HSM '${config.hsmName}' has none${config.purgeProtection ? " (purge-protection: 'true' takes effect only with provision in steps)" : ''}. ` +
        "This is the action's own rule, not Azure's: once the HSM is purged, every disk encrypted through the set is unreadable for good. Nothing was changed.", `set purge-protection: 'true' and confirm-purge-protection: ${config.hsmName}, with provision in steps. What it costs: purge protection can never be turned off, and a deleted HSM then keeps its name and keeps billing until retention-days (${config.retentionDays}) have passed`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/azure/rbac-api.ts
const ROLE_HINT = (_c, status) => status === 403
    ? "managing role assignments needs 'Managed HSM Administrator' (or Crypto Officer / Policy Administrator) for the signed-in identity"
    : undefined;
function scopePath(scope) {
    return scope === '/' ? '' : scope.replace(/\/+$/, '');
}
async function listAll(hsm, operation, path, query) {
    const items = [];
    let r = await hsm.send(operation, 'GET', path, {
        query,
        hint: ROLE_HINT
    });
    items.push(...(r.body?.value ?? []));
    // Follow nextLink within the same HSM (paths only; the query carries the skip token).
    for (let page = 0; r.body?.nextLink && page < 100; page++) {
        const next = new URL(r.body.nextLink);
        r = await hsm.send(operation, 'GET', next.pathname, {
            query: Object.fromEntries([...next.searchParams].filter(([k]) => k !== 'api-version')),
            hint: ROLE_HINT
        });
        items.push(...(r.body?.value ?? []));
    }
    return items;
}
function listRoleDefinitions(hsm) {
    return listAll(hsm, 'list role definitions', '/providers/Microsoft.Authorization/roleDefinitions', {});
}
/** Assignments at exactly this scope. */
function listRoleAssignments(hsm, scope) {
    return listAll(hsm, `list role assignments at scope ${scope}`, `${scopePath(scope)}/providers/Microsoft.Authorization/roleAssignments`, {
        $filter: 'atScope()'
    });
}
/** Every assignment of one principal, at any scope. */
function listPrincipalAssignments(hsm, principalId) {
    return listAll(hsm, `list role assignments of ${principalId}`, '/providers/Microsoft.Authorization/roleAssignments', {
        $filter: `principalId eq '${principalId}'`
    });
}
/**
 * Creates the assignment under a client-chosen name. Returns 'exists' when the service says the same
 * role is already assigned to the principal at this scope (MatchingRoleAssignmentExists).
 */
async function createRoleAssignment(hsm, a) {
    try {
        await hsm.send(`assign role ${a.roleDefinitionId.split('/').pop()} to ${a.principalId} at ${a.scope}`, 'PUT', `${scopePath(a.scope)}/providers/Microsoft.Authorization/roleAssignments/${a.name}`, {
            body: { properties: { roleDefinitionId: a.roleDefinitionId, principalId: a.principalId } },
            ok: [200, 201],
            hint: ROLE_HINT
        });
        return 'created';
    }
    catch (e) {
        if (e.details?.code === 'MatchingRoleAssignmentExists')
            return 'exists';
        throw e;
    }
}
/** Removes one assignment; an assignment already gone is not an error. */
async function deleteRoleAssignment(hsm, a) {
    await hsm.send(`remove role assignment ${a.name} of ${a.principalId} at ${a.scope}`, 'DELETE', `${scopePath(a.scope)}/providers/Microsoft.Authorization/roleAssignments/${a.name}`, { ok: [200, 204, 404], hint: ROLE_HINT });
}

// EXTERNAL MODULE: ./src/azure/rbac-roles.ts
var rbac_roles = __webpack_require__(5051);
;// CONCATENATED MODULE: ./src/run/role-assignments.ts
/**
 * Managed HSM local role assignments as plans: roles resolved by listing the HSM's own definitions, assignment
 * names UUIDv5 of (HSM, scope, role, principal), so a rerun targets the same name. The rbac, key and des
 * steps and mode: recover plan their assignments here.
 */







/** Namespace of this action's assignment names (a fixed, random UUID). */
const ASSIGNMENT_NAMESPACE = 'b7d4f5e2-3c1a-4e8b-9f60-2a7c5d9e1b34';
function implicitForKeyStep() {
    return [{ role: rbac_roles/* CRYPTO_USER */.Mm, principal: src_config/* SELF */.TK, scope: '/keys' }];
}
async function planAssignments(ctx, wanted) {
    if (wanted.length === 0)
        return { changes: [], notes: [] };
    const hsm = await dataPlane(ctx);
    // Kept for the run (it never changes them); the first list may be the one prefetch.ts started.
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(hsm));
    const definitions = await ctx.facts.roleDefinitions;
    const desired = await Promise.all(wanted.map(w => resolve(ctx, w, definitions)));
    const unique = desired.filter((d, i) => desired.findIndex(o => o.name === d.name) === i);
    // Independent reads at once: every managed principal's assignments, at any scope.
    const principals = [...new Set(unique.map(d => d.principalId))];
    const existing = (await Promise.all(principals.map(p => readAssignments(ctx, hsm, p)))).flat();
    const matches = (e, d) => e.properties.principalId.toLowerCase() === d.principalId &&
        sameRole(e.properties.roleDefinitionId, d.roleDefinitionId) &&
        normaliseScope(e.properties.scope) === d.scope;
    const missing = unique.filter(d => !existing.some(e => matches(e, d)));
    for (const d of unique.filter(u => !missing.includes(u)))
        log/* info */.pq(`rbac: '${d.roleName}' for ${d.principalId} at ${d.scope} is in place`);
    return {
        changes: missing.map((d) => ({
            kind: 'create',
            id: `rbac.assignment.${d.name}`,
            summary: `assign '${d.roleName}' to ${d.principalId} at scope ${d.scope}`,
            details: [`assignment name ${d.name}`],
            async apply() {
                // Later calls that need this role retry on 403 while it propagates (see key.ts untilAuthorized).
                ctx.facts.rolesChanged = true;
                const r = await createRoleAssignment(hsm, d);
                if (r === 'exists')
                    log/* info */.pq(`  the same assignment already exists under another name (MatchingRoleAssignmentExists)`);
            }
        })),
        // Assignments the inputs do not ask for, whoever holds them: the posture's access area (posture/access.ts).
        notes: []
    };
}
/** A principal's assignments at any scope (shared with the steps' early reads, prefetchAssignments). */
function readAssignments(ctx, hsm, principalId) {
    const id = principalId.toLowerCase();
    return ctx.reads.once(`assignments:${id}`, () => listPrincipalAssignments(hsm, id));
}
/** Starts the read of the HSM's role definitions, which planAssignments joins (a step's early reads). */
function prefetchRoleDefinitions(ctx, hsm) {
    void ctx.reads.prefetch('roleDefinitions', () => listRoleDefinitions(hsm));
}
/** Starts the reads readAssignments joins for these principals (SELF: the signed-in identity, once known). */
function prefetchAssignments(ctx, hsm, principals) {
    const assignments = (principal) => {
        const id = principal?.toLowerCase();
        if (id)
            void ctx.reads.prefetch(`assignments:${id}`, () => listPrincipalAssignments(hsm, id));
    };
    for (const p of principals)
        if (p !== src_config/* SELF */.TK)
            assignments(p);
        else
            void selfPrincipalId(ctx).then(assignments, () => undefined);
}
async function resolve(ctx, w, definitions) {
    // A built-in role by its fixed id, never by its display name: a custom role may be named like one.
    const id = roleId(w.role);
    const def = definitions.find(d => d.name.toLowerCase() === id);
    if (!def) {
        throw new errors/* ConfigurationError */.j1('role-assignments', `role '${w.role}' is not defined on this HSM (it has: ${definitions.map(d => d.properties.roleName).join(', ')})`);
    }
    const principalId = (w.principal === src_config/* SELF */.TK ? await selfPrincipalId(ctx) : w.principal).toLowerCase();
    const scope = normaliseScope(w.scope);
    return {
        roleName: def.properties.roleName,
        roleDefinitionId: def.id,
        principalId,
        scope,
        name: uuidV5(ASSIGNMENT_NAMESPACE, [ctx.config.hsmName.toLowerCase(), scope, def.name.toLowerCase(), principalId].join('|'))
    };
}
/** The role definition's GUID of a role-assignments entry: a built-in name's fixed id, or the GUID given. */
function roleId(role) {
    return (rbac_roles/* BUILT_IN_ROLES */.NS[role] ?? role).toLowerCase();
}
function sameRole(a, b) {
    return a.split('/').pop()?.toLowerCase() === b.split('/').pop()?.toLowerCase();
}
function normaliseScope(scope) {
    return scope.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1') || '/';
}
/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
function uuidV5(namespace, name) {
    const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    const hash = (0,external_node_crypto_.createHash)('sha1').update(ns).update(name, 'utf8').digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const h = hash.subarray(0, 16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// EXTERNAL MODULE: ./src/posture/capabilities.ts
var capabilities = __webpack_require__(3620);
;// CONCATENATED MODULE: ./src/steps/broad-release.ts
/**
 * A role that can release keys, granted at / or /keys to anyone but the action, needs allow-broad-release
 * (issue 23 §4). The built-in roles are refused with the inputs (config/inputs.ts); a custom role, given by its
 * GUID, only the HSM's own definition can tell, so it is judged here by its permissions: before any step of
 * apply writes when the HSM exists and is active, and again by the rbac step for an HSM this run made or
 * activated (whose definitions could not be read before).
 */






/** Throws the refusal of the first broad release grant of another principal the inputs ask for. */
async function refuseBroadRelease(ctx) {
    if (ctx.config.allowBroadRelease)
        return;
    const broad = ctx.config.roleAssignments.filter(a => (0,src_config/* isBroadScope */.zp)(normaliseScope(a.scope)));
    if (broad.length === 0)
        return;
    const plane = await dataPlane(ctx);
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(plane));
    const definitions = await ctx.facts.roleDefinitions;
    const releasing = broad.flatMap(a => {
        const def = definitions.find(d => d.name.toLowerCase() === roleId(a.role));
        return def && (0,capabilities/* capabilities */.R7)(def.properties.permissions).includes('release')
            ? [{ a, roleName: def.properties.roleName }]
            : [];
    });
    const others = releasing.filter(r => r.a.principal !== src_config/* SELF */.TK);
    if (others.length === 0)
        return;
    const self = (await ctx.signIn.principalId()).toLowerCase();
    const refused = others.filter(r => r.a.principal.toLowerCase() !== self);
    if (refused.length > 0)
        throw new errors/* ConfigurationError */.j1('role-assignments', (0,src_config/* broadReleaseRule */._D)(refused[0].a, refused[0].roleName));
}
/**
 * apply's check before its first write (a tag, a key, an ARM update), as the early reads already hold the HSM
 * and its role definitions. An HSM that is absent or not active yet has no custom role to read: the rbac
 * step judges it once this run has made it.
 */
async function refuseBroadReleaseBeforeWrites(ctx) {
    const { config } = ctx;
    if (!src_config/* MODE_TABLE */.TL[config.mode].writes || !config.steps.includes('rbac') || config.allowBroadRelease)
        return;
    if (!config.roleAssignments.some(a => (0,src_config/* isBroadScope */.zp)(normaliseScope(a.scope))))
        return;
    const hsm = await readHsm(ctx);
    const p = hsm?.properties;
    if (!p?.hsmUri || p.provisioningState !== 'Succeeded')
        return;
    if (p.securityDomainProperties?.activationStatus !== 'Active')
        return;
    await refuseBroadRelease(ctx);
}

;// CONCATENATED MODULE: ./src/run/key-roles.ts
/**
 * The key's role assignments as a record: who holds which role at a scope that reaches the key (`/`, `/keys`,
 * `/keys/KEY`). apply escrows it beside the key backup (steps/key/roles-record.ts); recover compares a new HSM
 * with it, since neither the security domain nor a key backup carries role assignments.
 */



/** The scopes whose assignments reach the key. */
function keyScopes(keyName) {
    return ['/', '/keys', `/keys/${keyName}`];
}
/**
 * The HSM's role definitions and every assignment at a scope that reaches the key, once each (the lists and
 * definitions are read once per run, shared with the posture's prefetch).
 */
async function assignmentsReachingKey(ctx) {
    const plane = await dataPlane(ctx);
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(plane));
    const scopes = keyScopes(ctx.config.key.name);
    const [definitions, lists] = await Promise.all([
        ctx.facts.roleDefinitions,
        Promise.all(scopes.map(s => ctx.reads.once(`assignmentsAt:${s}`, () => listRoleAssignments(plane, s))))
    ]);
    const wanted = new Set(scopes.map(s => s.toLowerCase()));
    const seen = new Set();
    const assignments = lists.flat().filter(a => {
        const name = a.name.toLowerCase();
        if (!wanted.has(normaliseScope(a.properties.scope).toLowerCase()) || seen.has(name))
            return false;
        seen.add(name);
        return true;
    });
    return { definitions, assignments };
}
/** Every assignment that reaches the key, sorted, one entry per (principal, role, scope). */
async function readKeyAssignments(ctx) {
    const { definitions, assignments } = await assignmentsReachingKey(ctx);
    const entries = new Map();
    for (const a of assignments) {
        const scope = normaliseScope(a.properties.scope);
        const id = a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
        const role = definitions.find(d => d.name.toLowerCase() === id)?.properties.roleName ?? id;
        const entry = { principalId: a.properties.principalId.toLowerCase(), role, scope };
        entries.set(sameKey(entry), entry);
    }
    return [...entries.values()].sort((a, b) => sameKey(a).localeCompare(sameKey(b)));
}
/** One string per assignment for comparison: principal, role and scope, case-insensitive. */
function sameKey(a) {
    return `${a.principalId}|${a.role}|${a.scope}`.toLowerCase();
}

;// CONCATENATED MODULE: ./src/escrow/masks.ts
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
            (0,log/* mask */.dK)(t);
    }
}
/** Masks the encrypted parts of a security domain (compact JWEs) so no fragment reaches a log. */
function maskSecurityDomain(sdText) {
    for (const m of sdText.matchAll(/"(?:compact_jwe|enc_key)"\s*:\s*"([^"]+)"/g)) {
        for (const segment of m[1].split('.'))
            if (segment.length >= 16)
                (0,log/* mask */.dK)(segment);
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
    if ((0,dist_esm/* isRestError */.T0)(e))
        return e.statusCode === undefined || (0,errors/* isTransientStatus */.Dm)(e.statusCode);
    const code = e?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
/** Retry-After in seconds or as an HTTP date, or Azure's retry-after-ms headers. */
function retryAfterMs(e) {
    const headers = (0,dist_esm/* isRestError */.T0)(e) ? e.response?.headers : undefined;
    if (!headers)
        return undefined;
    for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
        const ms = Number(headers.get(name));
        if (headers.get(name) && Number.isFinite(ms) && ms >= 0)
            return ms;
    }
    return (0,retry/* parseRetryAfter */.mu)(headers.get('retry-after'));
}

// EXTERNAL MODULE: ./src/escrow/stores/store.ts
var store = __webpack_require__(9551);
;// CONCATENATED MODULE: ./src/shared/hash.ts

/**
 * Hex SHA-256 (a string as UTF-8): names an escrowed object or a security domain in logs, outputs and
 * metadata without revealing it.
 */
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

;// CONCATENATED MODULE: ./src/escrow/stores/blob.ts





const blob_SERVICE = 'Blob storage';
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
        this.clients ??= storageBlob().then(({ BlobServiceClient }) => {
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
        return absentOn404(async () => {
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
            if (statusOf(e) !== 409 && statusOf(e) !== 412)
                throw e;
            const existing = await this.get();
            if (existing && sha256Hex(existing.content) === sha256Hex(content))
                return 'present';
            throw (0,store/* differentObject */.J)(this.url);
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
            if (statusOf(e) !== 409 && statusOf(e) !== 412)
                throw e;
            // A retried write whose first attempt landed meets its own ETag change: that one was ours.
            const now = await this.get();
            return !!now && sha256Hex(now.content) === sha256Hex(content);
        }
    }
    /** One operation, retried on throttling and outages (a whole download included), as a named error. */
    call(operation, fn) {
        return azureCall(blob_SERVICE, operation, () => withRetries(fn, this.retry), permissionHint);
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
        this.secrets ??= keyVaultSecrets().then(({ SecretClient }) => {
            const client = new SecretClient(this.vaultUrl, this.credential, {
                userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' },
                additionalPolicies: [{ policy: emptyErrorAnswerPolicy, position: 'perCall' }]
            });
            // The token on the first request, no challenge round trip (auth/data-plane-auth.ts).
            useAuthPolicy(client, dataPlanePolicy(this.credential, this.vaultUrl));
            return client;
        });
        return this.secrets;
    }
    async probe() {
        // A sibling secret, so the escrow name itself is never written by a probe.
        const probeName = `${this.name}-preflight`.slice(0, 127);
        const client = await this.client();
        await azureCall(key_vault_secret_SERVICE, `write a preflight secret '${probeName}' in ${this.vaultUrl}`, () => client.setSecret(probeName, `preflight ${new Date().toISOString()}`, {
            contentType: 'text/plain',
            tags: { purpose: 'managed-hsm-skr-action preflight: proves the escrow vault is writable' }
        }), key_vault_secret_permissionHint);
        await this.get();
    }
    async get() {
        const client = await this.client();
        return absentOn404(async () => {
            const s = await azureCall(key_vault_secret_SERVICE, `read secret ${this.url}`, () => client.getSecret(this.name), key_vault_secret_permissionHint);
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
            if (sha256Hex(existing.content) === sha256Hex(content))
                return 'present';
            throw (0,store/* differentObject */.J)(this.url);
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
        if (Buffer.byteLength(value) > store/* SECRET_MAX_BYTES */.G) {
            throw new Error(`${Buffer.byteLength(value)} bytes do not fit in a Key Vault secret (limit ${store/* SECRET_MAX_BYTES */.G}); ` +
                'escrow to Blob storage instead (https://ACCOUNT.blob.core.windows.net/CONTAINER/PATH)');
        }
        const client = await this.client();
        const s = await azureCall(key_vault_secret_SERVICE, `write secret ${this.url}`, () => client.setSecret(this.name, value, {
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
var stores_targets = __webpack_require__(9728);
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
            maskEscrowContent(obj.content, obj.metadata);
        return obj;
    };
    return store;
}

;// CONCATENATED MODULE: ./src/escrow/key-backup-objects.ts




/** The object for one state of the key: the version, and the update time in epoch seconds. */
function keyBackupTarget(base, version, updated) {
    const seconds = String(Math.floor((updated?.getTime() ?? 0) / 1000)).padStart(10, '0');
    return (0,stores_targets/* withSuffix */.oF)(base, `-${version}-${seconds}`);
}
/** The version of a key from its kid: https://HSM/keys/NAME/VERSION. */
function keyVersion(kid) {
    return new URL(kid).pathname.split('/').filter(Boolean)[2] ?? '';
}
/** Every key backup object escrowed under the target, as targets of their own. */
function listKeyBackupTargets(base, credential) {
    return listUnder(base, credential, '', 'key backups');
}
/**
 * The record of the key's role assignments beside the backup of one key state: NAME-VERSION-UPDATED-roles-SHA
 * (the first 12 hex digits of its content's SHA-256), so a changed set of assignments gets an object of its
 * own and none is ever overwritten.
 */
function roleRecordTarget(base, version, updated, sha256) {
    return (0,stores_targets/* withSuffix */.oF)(keyBackupTarget(base, version, updated), `${ROLE_RECORD_MARK}${sha256.slice(0, 12)}`);
}
const ROLE_RECORD_MARK = '-roles-';
/** Every role assignment record escrowed under the target. */
function listRoleRecordTargets(base, credential) {
    return listUnder(base, credential, `${ROLE_RECORD_MARK}[0-9a-f]{12}`, 'role assignment records');
}
/** The objects NAME-VERSION-UPDATED{tail} under the target (tail a pattern), as targets of their own. */
async function listUnder(base, credential, tail, what) {
    const ext = /(\.[A-Za-z0-9]+)?$/.exec(base.name)?.[0] ?? '';
    const stem = base.name.slice(0, base.name.length - ext.length);
    const pattern = new RegExp(`^${key_backup_objects_escape(stem)}-[0-9A-Za-z]+-\\d{10}${tail}${key_backup_objects_escape(ext)}$`);
    const names = [];
    if (base.kind === 'blob') {
        const { ContainerClient } = await storageBlob();
        const container = new ContainerClient(`${base.serviceUrl}/${base.container}`, credential, {
            userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
        });
        await azureCall('Blob storage', `list the ${what} under ${base.url}`, async () => {
            for await (const b of container.listBlobsFlat({ prefix: `${stem}-` }))
                if (pattern.test(b.name))
                    names.push(b.name);
        }, (_c, status) => status === 403
            ? "grant the signed-in identity 'Storage Blob Data Reader' (or Contributor) on the container"
            : undefined);
    }
    else {
        const { SecretClient } = await keyVaultSecrets();
        const client = new SecretClient(base.serviceUrl, credential, {
            userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
        });
        useAuthPolicy(client, dataPlanePolicy(credential, base.serviceUrl));
        await azureCall('Key Vault', `list the ${what} under ${base.url}`, async () => {
            for await (const s of client.listPropertiesOfSecrets())
                if (s.name && pattern.test(s.name))
                    names.push(s.name);
        }, (_c, status) => status === 403
            ? "grant the signed-in identity 'Key Vault Secrets Officer' (or a list/get access policy) on the vault"
            : undefined);
    }
    return names.sort().map(name => retarget(base, name));
}
function retarget(base, name) {
    const url = base.kind === 'blob'
        ? `${base.serviceUrl}/${base.container}/${name}`
        : `${base.serviceUrl}/secrets/${name}`;
    return { ...base, name, url };
}
function key_backup_objects_escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/escrow/escrow.ts
/**
 * Escrow of the security domain and of generated wrapping keys: write to every configured store, read
 * back and compare, and check what an earlier run stored. The security domain is never printed; its
 * SHA-256 is what logs, tags and summaries carry.
 */





const SD_CONTENT_TYPE = 'application/json';
const KEY_CONTENT_TYPE = 'application/x-pem-file';

function storesFor(targets, credential) {
    return targets.map(t => openStore(t, credential));
}

/** Proves every store is writable, all at once; the first failure stops activation before any change. */
async function preflight(stores) {
    await Promise.all(stores.map(s => s.probe()));
}
/**
 * Writes `content` to the store unless present, then reads it back and compares the SHA-256. Transient
 * failures are retried with backoff; a conflicting object never is.
 */
async function escrowTo(store, content, metadata, contentType, attempts = 3, wait = retry/* sleep */.yy) {
    return (0,retry/* retrying */.R$)(async () => {
        const result = await store.putIfAbsent(content, metadata, contentType);
        const back = await store.get();
        if (!back || sha256Hex(back.content) !== metadata.sha256)
            throw new Error(`read-back of ${store.url} did not return what was written`);
        return result;
    }, {
        retriable: errors/* isTransient */.dg,
        delayMs: n => (n >= attempts ? undefined : 2000 * n),
        onRetry: (e, _delay, n) => log/* info */.pq(`  escrow to ${store.url} failed (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]}); retrying (${n}/${attempts - 1})`),
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
        const actual = sha256Hex(obj.content);
        const recorded = obj.metadata.sha256;
        if (!recorded)
            return { ...found, state: 'mismatch', detail: 'no sha256 recorded with it' };
        if (recorded !== actual)
            return {
                ...found,
                state: 'mismatch',
                detail: `content SHA-256 ${actual} differs from the recorded ${log/* oneLine */.TN(recorded)}`
            };
        return { ...found, state: 'ok' };
    }
    catch (e) {
        return { store, state: 'unreadable', detail: (0,errors/* errorSummary */.N5)(e), error: e };
    }
}
/**
 * One "What to do" for stores that could not be read, from their errors: the store's role when access was
 * refused (401/403), a rerun when its service failed (429/5xx), a look at the URL and the network when it
 * could not be reached. Never a permission hint for an outage.
 */
function unreadableHint(checks) {
    const hints = checks.map(c => c.error instanceof errors/* AzureOperationError */.XP && c.error.details.hint
        ? c.error.details.hint
        : `check ${c.store.url} and rerun the job`);
    return [...new Set(hints)].join('; ');
}
/** A check in one line for notes and warnings: its state, what is wrong, and what to do if unreadable. */
function describeCheck(c) {
    const hint = c.state === 'unreadable' ? `; what to do: ${unreadableHint([c])}` : '';
    return `${c.store.url}: ${c.state}${c.detail ? ` (${c.detail}${hint})` : ''}`;
}

// EXTERNAL MODULE: ./src/shared/run-url.ts
var run_url = __webpack_require__(8664);
;// CONCATENATED MODULE: ./src/run/authorized.ts
// run/: one run: execute, the step engine, the run context and the helpers steps and modes share.
/**
 * Data-plane calls right after this run made a role assignment: a 403 may only mean the assignment has not
 * taken effect yet.
 */



/**
 * Runs fn; when a role assignment was just made in this run, a 403 means it has not taken effect yet:
 * retry with backoff up to two minutes. Otherwise a 403 is final.
 */
async function untilAuthorized(ctx, what, fn) {
    return untilPropagated(ctx, e => statusOf(e) === 403, `${what}: not authorized yet (a new role assignment is propagating)`, fn);
}
/**
 * Runs fn, retrying the failures `denied` recognises while a role assignment made in this run propagates:
 * 1, 2, 4, 8 then every 15 s, for two minutes at most. Without a new assignment a denial is final.
 */
async function untilPropagated(ctx, denied, waiting, fn) {
    return (0,retry/* retrying */.R$)(fn, {
        retriable: e => denied(e) && !!ctx.facts.rolesChanged,
        delayMs: (0,retry/* doubling */.Bf)(1000, 15_000),
        deadline: Date.now() + 120_000,
        onRetry: (_e, delay) => log/* info */.pq(`  ${waiting}; retrying in ${delay / 1000}s`)
    });
}

;// CONCATENATED MODULE: ./src/steps/key/roles-record.ts
/**
 * The record of the key's role assignments (principal, role, scope) that apply escrows beside the key backup
 * in key-backup-store: the security domain and the key backup restore the key, but no role assignment, so
 * recover compares the new HSM with this record and names what is missing. A record is a small JSON object,
 * written only when the assignments differ from every record of this key state (its name carries its
 * SHA-256), so a converged rerun writes nothing.
 */










const ROLE_RECORD_CONTENT_TYPE = 'application/json';
/** apply: escrows the key's current role assignments beside its backup, unless that record exists. */
async function recordKeyRoles(ctx) {
    const base = ctx.config.keyBackup;
    if (!base)
        return;
    const name = ctx.config.key.name;
    const keys = await keysClient(ctx);
    const key = await untilAuthorized(ctx, 'read the key', () => keys.get(name));
    if (!key?.id)
        return;
    const assignments = await readKeyAssignments(ctx);
    const content = Buffer.from(JSON.stringify({ key: name, kid: key.id, assignments }, null, 2));
    const sha256 = sha256Hex(content);
    const target = roleRecordTarget(base, keyVersion(key.id), key.properties.updatedOn, sha256);
    const store = openStore(target, ctx.signIn.credential);
    if ((await checkEscrow(store)).state === 'ok') {
        log/* info */.pq(`key: the ${assignments.length} role assignment(s) of '${name}' are recorded at ${target.url}`);
        return;
    }
    const metadata = {
        kind: 'key-roles',
        hsm: ctx.config.hsmName,
        sha256,
        key: name,
        kid: key.id,
        created: new Date().toISOString(),
        ...((0,run_url/* runUrl */.V)() ? { run: (0,run_url/* runUrl */.V)() } : {})
    };
    await escrowTo(store, content, metadata, ROLE_RECORD_CONTENT_TYPE);
    log/* info */.pq(`key: recorded the ${assignments.length} role assignment(s) that reach '${name}' (principal, role, scope) at ${target.url}, for mode: recover`);
}
/**
 * recover: the newest intact record of each key's role assignments under key-backup-store; a damaged or
 * unreadable one is reported and an older one stands in.
 */
async function readRoleRecords(ctx) {
    const records = new Map();
    const problems = [];
    const base = ctx.config.keyBackup;
    if (!base)
        return { records, problems };
    const newest = new Map();
    for (const target of await listRoleRecordTargets(base, ctx.signIn.credential)) {
        const check = await checkEscrow(openStore(target, ctx.signIn.credential));
        if (check.state !== 'ok' || !check.content) {
            if (check.state !== 'missing')
                problems.push(`${target.url}: ${check.state}${check.detail ? ` (${check.detail})` : ''}`);
            continue;
        }
        let parsed;
        try {
            parsed = parseRecord(check.content);
        }
        catch (e) {
            problems.push(`${target.url}: not a role assignment record (${(0,errors/* errorMessage */.gJ)(e)})`);
            continue;
        }
        const created = check.metadata?.created ?? '';
        const k = parsed.key.toLowerCase();
        if ((newest.get(k) ?? '') > created)
            continue;
        newest.set(k, created);
        records.set(k, { ...parsed, recorded: created, url: target.url });
    }
    return { records, problems };
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}$/;
const SCOPE = /^\/(keys(\/[0-9A-Za-z-]{1,127})?)?$/;
/** The record's JSON, checked field by field (it is read from a store: evidence, never trusted as is). */
function parseRecord(content) {
    const v = JSON.parse(content.toString('utf8'));
    const o = v;
    if (typeof o?.key !== 'string' || !Array.isArray(o.assignments))
        throw new Error('no key or assignments');
    const assignments = o.assignments.map((a) => {
        const e = a;
        if (typeof e?.principalId !== 'string' || typeof e.role !== 'string' || typeof e.scope !== 'string')
            throw new Error('an assignment without principalId, role or scope');
        // Its words reach a suggested command: only what a real assignment can hold is accepted.
        if (!GUID.test(e.principalId))
            throw new Error('a principalId that is not a GUID');
        if (!ROLE_NAME.test(e.role))
            throw new Error('a role name with unexpected characters');
        if (!SCOPE.test(e.scope))
            throw new Error("a scope other than '/', '/keys' or '/keys/NAME'");
        return { principalId: e.principalId, role: e.role, scope: e.scope };
    });
    return { key: o.key, kid: typeof o.kid === 'string' ? o.kid : '', recorded: '', assignments };
}

// EXTERNAL MODULE: ./src/report/findings.ts
var report_findings = __webpack_require__(9334);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/config/input-file.ts
var input_file = __webpack_require__(5457);
// EXTERNAL MODULE: ./src/security-domain/base64url.ts
var base64url = __webpack_require__(3017);
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

// EXTERNAL MODULE: ./src/security-domain/certificates.ts
var security_domain_certificates = __webpack_require__(5189);
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
        x5tS256: (0,security_domain_certificates/* x5tS256Of */.lK)((0,security_domain_certificates/* certificateDer */.PK)(certificatePem))
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
        cert = (0,security_domain_certificates/* parseCertificate */.hB)(input.certificatePem);
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
            certificate = (0,security_domain_certificates/* parseX5cCertificate */.V1)(k.x5c[0]);
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











;// CONCATENATED MODULE: ./src/escrow/key-bundle.ts
/** The escrowed form of a generated wrapping key: its private key and its certificate, PEM, in one object. */
/** The private key and the certificate of a bundle; undefined when either is missing. */
function parseKeyBundle(text) {
    const key = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA )?PRIVATE KEY-----/.exec(text)?.[0];
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text)?.[0];
    return key && cert ? { privateKeyPem: key, certificatePem: cert } : undefined;
}

;// CONCATENATED MODULE: ./src/run/escrow-proof.ts
/**
 * The proof that the escrow recovers the HSM, in one place: the escrowed security domain and the wrapping
 * private keys within reach are read (masked as read), and every quorum-sized subset of the keys opens the
 * security domain offline. The activate step's verify and its post-download check, mode: verify-security-domain
 * and mode: recover all ask proveEscrow.
 */








/** Opens the security domain offline with every quorum-sized subset of the keys. Throws RecoveryError for an unreadable one. */
function proveEscrow(sdText, keys) {
    const report = recoverableSubsets(sdText, keys.map(k => k.key));
    const subsets = report.subsets.map(s => ({
        keys: s.keys,
        labels: s.keys.map(i => keys[i].label),
        ok: s.ok,
        reason: s.reason
    }));
    return {
        required: report.required,
        subsets,
        recovering: subsets.filter(s => s.ok).length,
        keyProblems: report.keyProblems.map(p => `${keys[p.keyIndex].label}: ${p.reason}`)
    };
}
/**
 * The escrowed security domain, masked before anything else is printed (store reads mask as they read). With
 * expected-security-domain-sha256 set, only a copy with that SHA-256 is taken, and none is refused before
 * anything is changed; without it, the run says that the copy is taken on its store's word.
 */
async function readSecurityDomain(ctx) {
    const pinned = ctx.config.activation.expectedSecurityDomainSha256;
    const others = [];
    const take = (where, text) => {
        const sha256 = sha256Hex(text);
        if (pinned && sha256 !== pinned) {
            others.push({ where, sha256 });
            log/* warning */.$e(`${where} holds a security domain with SHA-256 ${sha256}, not the pinned ${pinned}: not used`);
            return undefined;
        }
        if (!pinned)
            log/* warning */.$e(`${PIN} is not set: the security domain from ${where} (SHA-256 ${sha256}) is taken on the word of whoever can write it; ` +
                `pin the SHA-256 the activating run gave (its SECURITY_DOMAIN_SHA256 output) in the workflow file`);
        return text;
    };
    if (ctx.config.securityDomainFile) {
        const text = (0,input_file/* readInputFile */.jH)('security-domain-file', ctx.config.securityDomainFile, input_file/* FILE_CAPS */.h0.securityDomain).toString('utf8');
        maskSecurityDomain(text);
        const taken = take(ctx.config.securityDomainFile, text);
        if (taken !== undefined)
            return taken;
        throw pinRefusal(pinned, others);
    }
    const stores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
    for (const c of await Promise.all(stores.map(checkEscrow))) {
        if (c.state === 'ok' && c.content) {
            const taken = take(c.store.url, c.content.toString('utf8'));
            if (taken !== undefined)
                return taken;
        }
        else
            log/* warning */.$e(describeCheck(c));
    }
    if (pinned && others.length > 0)
        throw pinRefusal(pinned, others);
    throw new errors/* ConflictError */.fK('no intact escrowed security domain found', 'set security-domain-store (or security-domain-file)');
}
const PIN = 'expected-security-domain-sha256';
/** No copy is the pinned security domain: nothing may be recovered from (or proven with) another one. */
function pinRefusal(pinned, others) {
    return new errors/* ConflictError */.fK(`the escrowed security domain is not the pinned one: ${PIN} is ${pinned}, but\n` +
        others.map(o => `- ${o.where} holds SHA-256 ${o.sha256}`).join('\n') +
        '\nNothing was changed.', `find the security domain with SHA-256 ${pinned} (another store, the object's version history, a custodian's copy) ` +
        `and point security-domain-store or security-domain-file at it; change ${PIN} only in a reviewed commit, ` +
        'and only if this HSM was activated again since it was pinned');
}
/**
 * The wrapping private keys within reach: escrowed ones (unreadable or missing ones noted) and custodians'
 * files, each labelled with where it came from and masked as soon as it is read.
 */
async function collectWrappingKeys(ctx, notes) {
    const a = ctx.config.activation;
    const labelled = [];
    if (a.wrappingKeyStores.length > 0) {
        const stores = storesFor((0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
        for (const c of await Promise.all(stores.map(checkEscrow))) {
            const bundle = c.state === 'ok' && c.content ? parseKeyBundle(c.content.toString('utf8')) : undefined;
            if (bundle) {
                maskSecret(bundle.privateKeyPem);
                labelled.push({ label: c.store.url, key: bundle });
            }
            else
                notes.push(describeCheck(c));
        }
    }
    for (const path of ctx.config.wrappingPrivateKeys) {
        const key = readKeyFile(path);
        maskSecret(key.privateKeyPem);
        labelled.push({ label: path, key });
    }
    return labelled;
}
/** A custodian's key: a PEM bundle (key + certificate), or a key file with its certificate beside it (.cer/.pem/.crt). */
function readKeyFile(path) {
    const text = (0,input_file/* readInputFile */.jH)('wrapping-private-key-files', path, input_file/* FILE_CAPS */.h0.privateKey).toString('utf8');
    const bundle = parseKeyBundle(text);
    if (bundle)
        return bundle;
    const base = path.replace(/\.[^./]+$/, '');
    for (const ext of ['.cer', '.crt', '.pem']) {
        const beside = `${base}${ext}`;
        if (beside === path || !exists(beside))
            continue;
        return {
            privateKeyPem: text,
            certificatePem: (0,input_file/* readInputFile */.jH)('wrapping-private-key-files', beside, input_file/* FILE_CAPS */.h0.certificate)
        };
    }
    throw new errors/* ConflictError */.fK(`${path} holds no certificate and none was found beside it`, 'put the certificate (PEM) in the same file, or next to it as .cer');
}
function exists(path) {
    try {
        (0,external_node_fs_.statSync)(path);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/azure/security-domain-api.ts
const ADMIN_HINT = (_c, status) => status === 403
    ? "only a 'Managed HSM Administrator' can download the security domain: list the signed-in identity (or 'self') in administrators when the HSM is created"
    : undefined;
/** Sends the download request and returns the security domain text from the first answer. */
async function downloadSecurityDomain(hsm, certificates, required) {
    const r = await hsm.send('download the security domain (activation)', 'POST', '/securitydomain/download', {
        body: { certificates, required },
        ok: [200, 202],
        hint: ADMIN_HINT
    });
    return securityDomainText(r.body?.value);
}
/** The service returns the file as JSON text; the spec's example shows base64. Accept both. */
function securityDomainText(value) {
    if (value && typeof value === 'object')
        return JSON.stringify(value);
    if (typeof value !== 'string' || value.length === 0)
        throw new Error('the download answer holds no security domain (no value)');
    if (value.trimStart().startsWith('{'))
        return value;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (decoded.trimStart().startsWith('{'))
        return decoded;
    throw new Error('the download answer holds a value that is neither JSON nor base64 JSON');
}
async function downloadStatus(hsm) {
    return (await lastDownload(hsm)) ?? { status: 'Unknown', details: 'no download has been started' };
}
/**
 * The status of the last security-domain download, or undefined when none was ever started (the emulator
 * answers 404 then; what Azure answers is unverified, so a status-less 200 reads as Unknown, not as none).
 */
async function lastDownload(hsm) {
    const r = await hsm.send('read the activation status', 'GET', '/securitydomain/download/pending', { hint: ADMIN_HINT, ok: [200, 404] });
    if (r.status === 404)
        return undefined;
    return normaliseStatus(r.body?.status, r.body?.status_details);
}
/** Success and Succeeded are both terminal successes; an answer without status is not an error. */
function normaliseStatus(status, details) {
    const s = (status ?? '').toLowerCase();
    if (s === 'success' || s === 'succeeded')
        return { status: 'Success', details };
    if (s === 'failed')
        return { status: 'Failed', details };
    if (s === 'inprogress' || s === 'in progress')
        return { status: 'InProgress', details };
    return { status: 'Unknown', details };
}

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
    return openStore((0,stores_targets/* withSuffix */.oF)(home, '-activation-lease'), credential);
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
;// CONCATENATED MODULE: ./src/run/hsm-active.ts
/**
 * The end of an activation or a recovery: the HSM's own operation (security-domain download or upload) is
 * polled until it is done, then ARM until it says Active, which is what every later call relies on.
 */

async function waitUntilActive(ctx, what, operation) {
    await (0,wait/* waitUntil */.a0)(async () => {
        const op = await operation();
        if ('failed' in op)
            throw op.failed;
        if ('pending' in op)
            return { value: undefined, done: false, status: op.pending };
        const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName);
        const status = hsm?.properties?.securityDomainProperties?.activationStatus;
        return {
            value: undefined,
            done: status === 'Active',
            status: `ARM activationStatus ${status ?? 'unknown'}`
        };
    }, { what, service: 'Managed HSM', deadline: ctx.deadline, schedule: [2000, 5000, 10_000] });
}

// EXTERNAL MODULE: ./src/escrow/rescue.ts
var escrow_rescue = __webpack_require__(3174);
;// CONCATENATED MODULE: ./src/steps/activate/escrow.ts
/**
 * The escrow as activation finds it: an active HSM's escrow checked, and copied where it is missing; a
 * store that already holds a security domain before any download; a failed attempt's escrow kept aside.
 */







/** The HSM is active: the escrow must be there, intact; copy it where it is missing. */
async function planActive(ctx, sdStores) {
    const checks = await Promise.all(sdStores.map(s => readEscrow(ctx, s)));
    failIfUnreadable(checks);
    const bad = checks.filter(c => c.state === 'mismatch');
    if (bad.length > 0) {
        throw new errors/* DriftError */.ul('activate.escrow.integrity', `Managed HSM '${ctx.config.hsmName}' is active, but its escrowed security domain cannot be trusted:\n` +
            bad.map(c => `- ${c.store.url}: ${c.detail}`).join('\n'), 'restore the escrow object from a good copy (another store, or the object version history)');
    }
    const good = checks.filter((c) => c.state === 'ok' && !!c.content);
    if (good.length === 0) {
        throw new errors/* DriftError */.ul('activate.escrow.present', `Managed HSM '${ctx.config.hsmName}' is active, but no configured security-domain-store holds its security domain ` +
            `(${sdStores.map(s => s.url).join(', ')})`, 'if it was activated elsewhere, put that security domain file in one of the stores with a sha256 tag (metadata) of its SHA-256; ' +
            "if an earlier run of this action failed saying 'saved ONLY in', that file is the security domain: put it in a store the same way; " +
            'if a run was cancelled between the download and the escrow, no copy exists: the HSM works but cannot be restored from a backup, ' +
            'so while it holds no key you need, delete and purge it and rerun');
    }
    const hashes = new Set(good.map(g => sha256Hex(g.content)));
    const notes = hashes.size > 1
        ? [
            `the stores hold ${hashes.size} different security domains (each downloaded once); all recover the HSM`
        ]
        : [];
    const missing = checks.filter(c => c.state === 'missing');
    if (missing.length === 0) {
        log/* info */.pq(`activate: already active; security domain escrowed in ${good.length} store(s), SHA-256 ${[...hashes][0]}`);
        return { changes: [], notes };
    }
    const source = good[0];
    return {
        changes: [
            {
                kind: 'update',
                id: 'activate.escrow.present',
                summary: `copy the escrowed security domain to ${missing.length} store(s) that lack it`,
                details: missing.map(m => m.store.url),
                async apply() {
                    const meta = (await source.store.get())?.metadata ?? {};
                    const metadata = {
                        ...meta,
                        kind: 'security-domain',
                        hsm: ctx.config.hsmName,
                        sha256: sha256Hex(source.content)
                    };
                    for (const m of missing)
                        await escrowTo(m.store, source.content, metadata, SD_CONTENT_TYPE);
                }
            }
        ],
        notes
    };
}
/** What a store holds, checked (shared by plan, verify and the step's early reads, prefetchEscrow). */
function readEscrow(ctx, store) {
    return ctx.reads.once(`escrow:${store.url}`, () => checkEscrow(store));
}
/** Starts the reads readEscrow joins: the security domain's stores, and in verify the wrapping keys' too. */
function prefetchEscrow(ctx) {
    const a = ctx.config.activation;
    const targets = [
        ...a.securityDomainStores,
        ...(src_config/* MODE_TABLE */.TL[ctx.config.mode].proves ? (0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount) : [])
    ];
    for (const s of storesFor(targets, ctx.signIn.credential))
        void ctx.reads.prefetch(`escrow:${s.url}`, () => checkEscrow(s));
}
/** Not drift: an escrow that could not be read says nothing about itself. */
function failIfUnreadable(checks) {
    const unreadable = checks.filter(c => c.state === 'unreadable');
    if (unreadable.length === 0)
        return;
    throw new errors/* AzureOperationError */.XP({
        service: 'escrow',
        operation: 'read the escrowed security domain',
        hint: unreadableHint(unreadable)
    }, unreadable.map(c => `${c.store.url}: ${c.detail}`).join('\n'));
}
/**
 * After an activation that ended Failed, the store holds that attempt's security domain: keep it beside
 * the new one (nothing is ever deleted), then replace it only if nobody changed it meanwhile.
 */
async function supersede(ctx, target, old, content, metadata) {
    const oldContent = old.content;
    const oldSha = sha256Hex(oldContent);
    if (oldSha === metadata.sha256)
        return;
    const aside = openStore((0,stores_targets/* withSuffix */.oF)(target, `-failed-${oldSha.slice(0, 12)}`), ctx.signIn.credential);
    await escrowTo(aside, oldContent, {
        ...(old.metadata ?? {}),
        kind: 'security-domain',
        hsm: ctx.config.hsmName,
        sha256: oldSha,
        superseded: 'activation failed'
    }, SD_CONTENT_TYPE);
    log/* info */.pq(`  the security domain of the failed activation is kept at ${aside.url}`);
    if (!(await old.store.replaceIf(old.version ?? 'absent', content, metadata, SD_CONTENT_TYPE)))
        throw (0,store/* differentObject */.J)(old.store.url);
    const back = await old.store.get();
    if (!back || sha256Hex(back.content) !== metadata.sha256)
        throw new Error(`read-back of ${old.store.url} did not return what was written`);
}
/** What the metadata of an escrowed object says of it, for naming it in an error. */
function described(c) {
    const m = c.metadata ?? {};
    const what = [m.hsm && `HSM ${m.hsm}`, m.created && `created ${m.created}`, m.run && `by ${m.run}`];
    return `- ${c.store.url} (${log/* oneLine */.TN(what.filter(Boolean).join(', ')) || 'no metadata'})`;
}
/**
 * A store holds a security domain for an HSM that has none yet (never activated, or not even created): it
 * belongs to another HSM, and an escrow is never overwritten.
 */
function occupiedError(ctx, occupied, hsm = 'inactive') {
    const name = ctx.config.hsmName;
    if (hsm === 'absent')
        return new errors/* EscrowConflictError */.ix(`Managed HSM '${name}' does not exist yet, but security-domain-store already holds a security domain, ` +
            `so its activation would fail once it was created:\n${occupied.map(described).join('\n')}`, 'an escrow is never overwritten: point security-domain-store at new objects (another secret name or blob path, ' +
            'for example with the HSM name in it); or, if the HSM that security domain belongs to still exists, ' +
            'point hsm-name and resource-group at it. Nothing was created');
    return new errors/* EscrowConflictError */.ix(`Managed HSM '${name}' has never been activated, but security-domain-store already holds a security domain:\n` +
        occupied.map(described).join('\n'), 'it belongs to another HSM (perhaps a deleted one with the same name) and an escrow is never overwritten: ' +
        'point security-domain-store at a new name, or move that object elsewhere once you are sure it is not the only copy of a security domain still needed');
}
/**
 * Wrapping keys another HSM escrowed where this one would escrow its own (`metadata`: what each key store
 * holds). Keys an interrupted run of this HSM left are reused; another HSM's are not ours to share.
 */
function foreignKeysError(ctx, keyStores, metadata) {
    const foreign = metadata.flatMap((m, i) => {
        const owner = m?.hsm;
        return owner && owner.toLowerCase() !== ctx.config.hsmName.toLowerCase()
            ? [`${keyStores[i].url} (HSM ${log/* oneLine */.TN(owner)})`]
            : [];
    });
    if (foreign.length === 0)
        return undefined;
    return new errors/* EscrowConflictError */.ix(`wrapping-key-store already holds wrapping keys of another HSM:\n${foreign.map(f => `- ${f}`).join('\n')}`, 'give each HSM its own wrapping-key-store names (for example with the HSM name in them); those keys still recover that HSM, so keep them');
}
/**
 * Before an HSM is created (apply, or plan saying what apply would do), with activate among the steps: the
 * escrow objects its activation will write must be free, or the run would fail after creating an HSM that
 * bills by the hour. The same reads and the same errors as activation's own checks; nothing is written.
 */
async function preflightNewHsmEscrow(ctx) {
    const a = ctx.config.activation;
    const sdChecks = await Promise.all(storesFor(a.securityDomainStores, ctx.signIn.credential).map(checkEscrow));
    const keyStores = a.certificates.length === 0
        ? storesFor((0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
        : [];
    const keyChecks = await Promise.all(keyStores.map(checkEscrow));
    failIfUnreadable([...sdChecks, ...keyChecks]);
    const occupied = sdChecks.filter(c => c.content);
    if (occupied.length > 0)
        throw occupiedError(ctx, occupied, 'absent');
    const foreign = foreignKeysError(ctx, keyStores, keyChecks.map(c => c.metadata));
    if (foreign)
        throw foreign;
    if (sdChecks.length + keyChecks.length > 0)
        log/* info */.pq(`  escrow preflight: the ${sdChecks.length + keyChecks.length} escrow object(s) activation will write are free`);
}

;// CONCATENATED MODULE: ./src/steps/activate/wrapping-keys.ts
/**
 * The activation's wrapping keys: reused from an interrupted run's escrow or generated, escrowed and read back;
 * and the offline proof that every quorum subset of them recovers the downloaded security domain.
 */









/** Key pairs for activation: reuse any an interrupted run escrowed, generate the rest, escrow them. */
async function wrappingKeys(ctx, keyStores) {
    const a = ctx.config.activation;
    const found = await Promise.all(keyStores.map(s => s.get()));
    const foreign = foreignKeysError(ctx, keyStores, found.map(f => f?.metadata));
    if (foreign)
        throw foreign;
    const reused = found.map(f => (f ? parseKeyBundle(f.content.toString('utf8')) : undefined));
    const missing = reused.filter(r => !r).length;
    const started = Date.now();
    const generated = missing > 0 ? await generateWrappingKeys({ count: missing, bits: a.keySize }) : [];
    // Masked before the next line is printed (reused keys were masked as they were read from the store).
    for (const k of generated)
        maskSecret(k.privateKeyPem);
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
            sha256: sha256Hex(bundle),
            index: `${i + 1}/${keys.length}`,
            x5tS256: (0,security_domain_certificates/* parseCertificate */.hB)(k.certificatePem).x5tS256
        };
        await escrowTo(keyStores[i], bundle, metadata, KEY_CONTENT_TYPE);
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
    const proof = proveEscrow(sdText, keys.map((key, i) => ({ label: `wrapping key ${i + 1}`, key })));
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
    const keyStores = storesFor((0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
    // 1. Nothing changes in Azure unless the security domain has somewhere to go: a rescue location on
    // disk (the last resort if every store refuses it after the download) and every store.
    const rescue = (0,escrow_rescue/* prepareRescueLocation */.id)();
    if (rescue.skipped.length > 0)
        log/* warning */.$e(`the rescue location for the security domain is in ${rescue.base.name}, not RUNNER_TEMP: ${rescue.skipped.join('; ')}`);
    log/* info */.pq(`  preflight: rescue location ${rescue.dir} writable (used only if every store refuses the security domain)`);
    try {
        await preflight([...sdStores, ...keyStores]);
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
    const dp = await dataPlane(ctx);
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
    const last = await lastDownload(dp);
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
    for (const change of (await planActive(ctx, sdStores)).changes)
        await change.apply();
}
/** Steps 2-4 under the lease: wrapping keys, download, escrow everywhere (or the rescue file). */
async function downloadAndEscrow(ctx, sdStores, keyStores, afterFailure, lease, rescue) {
    const { config } = ctx;
    const a = config.activation;
    // What the stores hold: nothing, or (after a failed activation) that attempt's security domain.
    const found = await Promise.all(sdStores.map(checkEscrow));
    failIfUnreadable(found);
    const occupied = found.filter(c => c.content);
    if (occupied.length > 0 && !afterFailure)
        throw occupiedError(ctx, occupied);
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
    const jwks = certificates.map(c => (0,security_domain_certificates/* buildDownloadJwk */.Fg)((0,security_domain_certificates/* parseCertificate */.hB)(c)));
    // 3. Download: the security domain comes in the first answer.
    if (!(await lease.stillHeld()))
        throw new errors/* ConflictError */.fK(`another run took over the activation of Managed HSM '${config.hsmName}' while this one prepared it (this run paused for more than ${LEASE_TTL_MS / 1000} s)`, 'rerun: the rerun waits for that activation and checks its escrow');
    const dp = await dataPlane(ctx);
    // From the download request until the escrow settles, the security domain is only in Azure's answer
    // and in memory: a cancelled job lets the download finish, saves it to the rescue location first, and
    // stops once the escrow has settled (the runner's SIGINT and SIGTERM come seconds before it kills).
    let sdText;
    let sha256 = '';
    const guard = (0,escrow_rescue/* guardSecurityDomain */.A3)(rescue, (path, error) => {
        if (path)
            core.saveState(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
        log/* error */.z3(path
            ? `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed: a copy is saved in ${path} (mode 0600); the escrow goes on until it ends, see below`
            : `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed, and it could not be saved to disk (${(0,escrow_rescue/* fsErrorMessage */.hX)(error)}); the escrow goes on until it ends, see below`);
    });
    let results = [];
    try {
        sdText = await downloadSecurityDomain(dp, jwks, a.quorum);
        maskSecurityDomain(sdText);
        sha256 = sha256Hex(sdText);
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
            ? supersede(ctx, a.securityDomainStores[i], found[i], content, metadata)
            : escrowTo(s, content, metadata, SD_CONTENT_TYPE)));
    }
    finally {
        const signal = guard.release();
        if (signal) {
            const held = sdStores.filter((_, i) => results[i]?.status === 'fulfilled').map(s => s.url);
            // Written in the handler, unless that failed: then once more, in a fresh location if need be.
            if (sdText !== undefined && held.length === 0 && !rescue.file) {
                const path = rescueFile(rescue, sdText);
                if (typeof path === 'string')
                    core.saveState(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
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
        core.saveState(escrow_rescue/* RESCUE_STATE */.W9, `${sha256} ${path}`);
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
    const dp = await dataPlane(ctx);
    await waitUntilActive(ctx, 'activation', async () => {
        const s = await downloadStatus(dp);
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
    prefetch: ctx => () => prefetchEscrow(ctx),
    async plan(ctx) {
        const hsm = await knownHsm(ctx);
        const sdStores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
        if (hsm.activationStatus === 'Active')
            return planActive(ctx, sdStores);
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
        if (a.wrappingKeyStores.length === 0 || (await knownHsm(ctx)).activationStatus !== 'Active')
            return [];
        const sdCheck = (await Promise.all(storesFor(a.securityDomainStores, ctx.signIn.credential).map(s => readEscrow(ctx, s)))).find(c => c.state === 'ok');
        const keyStores = storesFor((0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
        const keyChecks = await Promise.all(keyStores.map(s => readEscrow(ctx, s)));
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
            const bundle = k.state === 'ok' && k.content ? parseKeyBundle(k.content.toString('utf8')) : undefined;
            return bundle ? [{ label: k.store.url, key: bundle }] : [];
        });
        if (!sdCheck?.content)
            return checks;
        const report = keys.length >= a.quorum ? proveEscrow(sdCheck.content.toString('utf8'), keys) : undefined;
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
            ...(a.sharedStores.length > 0 ? [(0,src_config/* custodyLine */.o)(a.sharedStores)] : [])
        ],
        apply: () => activateNow(ctx, sdStores)
    };
}

;// CONCATENATED MODULE: ./src/steps/des/index.ts
/**
 * des: the Disk Encryption Set that hands the key-encryption key to VM disks (reference step 7). Checks
 * first that the key can serve the set (steps/des/key-check.ts), then, each part read first and changed only when
 * it differs: the set itself (system-assigned identity, encryption type, key URL; a long-running ARM
 * operation), its identity's Crypto Service Encryption User grant on /keys/KEY, and for confidential VMs the
 * Confidential VM Orchestrator's Crypto Service Release User grant on the same key.
 */










const ENCRYPTION_USER = 'Managed HSM Crypto Service Encryption User';
const RELEASE_USER = 'Managed HSM Crypto Service Release User';
const snapshots = new WeakMap();
const des = {
    name: 'des',
    // The set and the Orchestrator at once (the inputs name them); once the HSM answers, the role definitions,
    // then the assignments of the set's identity and of the Orchestrator, as soon as those two are known.
    prefetch(ctx) {
        const d = ctx.config.des;
        if (!d)
            return undefined;
        const set = prefetchDes(ctx, d);
        const orchestrator = d.encryptionType !== src_config/* CVM_ENCRYPTION_TYPE */.su
            ? undefined
            : (d.orchestratorObjectId ?? prefetchOrchestrator(ctx).then(sp => sp?.id));
        return hsm => {
            const plane = hsm.plane();
            prefetchRoleDefinitions(ctx, plane);
            void Promise.all([set, orchestrator]).then(([s, o]) => prefetchAssignments(ctx, plane, [s?.identity?.principalId, o]));
        };
    },
    async plan(ctx) {
        const d = ctx.config.des;
        if (!d)
            return { changes: [], notes: [] };
        const keyName = ctx.config.key.name;
        // The action's rule (steps/des/backing.ts): apply refused a new set before any write (plan and verify say it
        // here, as a finding, even before the HSM exists); an existing one is warned about on every run.
        const hsmProtected = await purgeProtected(ctx);
        if (!hsmProtected && !(await readDes(ctx, desClient(ctx), d))) {
            const refused = unprotectedNewSet(ctx);
            throw new errors/* DriftError */.ul('des.purgeProtection', refused.text, refused.hint);
        }
        // The key step of this run has just read (or made) the key: reuse it rather than read it again;
        // plan and verify judge the key as this run's key step leaves it, not as it is in Azure now.
        const keys = await keysClient(ctx);
        const key = ctx.facts.kek?.name === keyName
            ? ctx.facts.kek
            : ctx.facts.keyPlanned?.name === keyName
                ? ctx.facts.keyPlanned
                : await untilAuthorized(ctx, 'read the key', () => keys.get(keyName));
        if (!key || (!key.id && key !== ctx.facts.keyPlanned))
            throw new errors/* ConflictError */.fK(`key '${keyName}' does not exist on Managed HSM '${ctx.config.hsmName}'`, "add 'key' to steps (or fix key-name): the disk encryption set needs the key first");
        const problems = desKeyProblems(key, d.encryptionType);
        if (problems.length > 0)
            throw new errors/* DriftError */.ul('des.key.suitable', `key '${keyName}' cannot back a ${d.encryptionType} disk encryption set: ${problems.join('; ')}`, d.encryptionType === src_config/* CVM_ENCRYPTION_TYPE */.su
                ? 'use release-policy-preset: cvm-platform (or a policy that releases to the CVM platform token) on an exportable RSA-HSM key; an exportable key cannot become non-exportable or the reverse, so a new key-name may be needed'
                : 'use an RSA-HSM key of 2048, 3072 or 4096 bits with wrapKey and unwrapKey');
        // Two independent reads (Microsoft Graph, ARM): sent together.
        const client = desClient(ctx);
        const [orchestrator, current] = await Promise.all([
            d.encryptionType === src_config/* CVM_ENCRYPTION_TYPE */.su ? orchestratorId(ctx, d) : undefined,
            readDes(ctx, client, d)
        ]);
        if (current)
            snapshots.set(ctx, current);
        const warnings = current && !hsmProtected ? [unprotectedSetWarning(ctx, [current])] : [];
        for (const w of warnings)
            log/* warning */.$e(`des: ${w}`);
        const scope = `/keys/${keyName}`;
        const fixedGrants = orchestrator ? [{ role: RELEASE_USER, principal: orchestrator, scope }] : [];
        if (!current) {
            const grantsPlan = await planAssignments(ctx, fixedGrants);
            return {
                changes: [
                    createChange(ctx, d, client, key),
                    identityGrantChange(ctx, d, client, scope),
                    ...grantsPlan.changes.map(c => ({ ...c, id: 'des.grant.orchestrator' }))
                ],
                notes: grantsPlan.notes,
                warnings
            };
        }
        const state = current.properties?.provisioningState;
        if (state === 'Updating' || state === 'Creating')
            return {
                changes: [
                    {
                        kind: 'wait',
                        summary: `wait for disk encryption set '${d.name}' (${state}) to finish`,
                        details: [],
                        apply: async () => {
                            await waitForDes(ctx, client, d, 'update');
                            const again = await des.plan(ctx);
                            for (const c of again.changes)
                                await c.apply();
                        }
                    }
                ],
                notes: [],
                warnings
            };
        const principal = current.identity?.principalId?.toLowerCase();
        const grants = await planAssignments(ctx, [
            ...(principal ? [{ role: ENCRYPTION_USER, principal, scope }] : []),
            ...fixedGrants
        ]);
        const notes = [...grants.notes];
        if (!isManaged(current, ctx.config.hsmName))
            notes.push(`disk encryption set '${d.name}' was not created by this action (no ${src_config/* MANAGED_BY_TAG */.dS} tag): it is kept in step; teardown refuses while it uses the key (delete-disk-encryption-sets removes it)`);
        const rotationError = current.properties?.autoKeyRotationError;
        if (rotationError)
            notes.push(`Azure reports an automatic key rotation error: ${rotationError.code ?? ''} ${rotationError.message ?? ''}`.trim());
        // Grants first: a set whose key changes checks its identity's access to the new key at once.
        const grantChanges = grants.changes.map(c => ({
            ...c,
            id: c.summary.includes(ENCRYPTION_USER) ? 'des.grant.identity' : 'des.grant.orchestrator'
        }));
        return { changes: [...grantChanges, ...compare(ctx, d, client, current, key)], notes, warnings };
    },
    async finish(ctx, changed) {
        const d = ctx.config.des;
        if (!d)
            return;
        const current = (!changed && snapshots.get(ctx)) || (await desClient(ctx).get(d.resourceGroup, d.name));
        if (!current)
            throw new errors/* ConflictError */.fK(`disk encryption set '${d.name}' disappeared while the action ran`);
        ctx.facts.desId = current.id ?? desClient(ctx).resourceId(d.resourceGroup, d.name);
        ctx.facts.desPrincipalId = current.identity?.principalId;
    }
};
/** The Orchestrator's object id: the input, or Microsoft Graph's answer for its well-known app id. */
async function orchestratorId(ctx, d) {
    if (d.orchestratorObjectId)
        return d.orchestratorObjectId;
    if (ctx.facts.orchestratorObjectId)
        return ctx.facts.orchestratorObjectId;
    const sp = await readOrchestrator(ctx);
    if (!sp)
        throw new errors/* ConfigurationError */.j1('cvm-orchestrator-object-id', `the tenant has no service principal for the Confidential VM Orchestrator (application id ${CVM_ORCHESTRATOR_APP_ID}). ` +
            `A tenant administrator creates it once: az ad sp create --id ${CVM_ORCHESTRATOR_APP_ID} ` +
            `(or New-MgServicePrincipal -AppId ${CVM_ORCHESTRATOR_APP_ID}); then rerun, or give its object id in cvm-orchestrator-object-id`);
    log/* info */.pq(`des: Confidential VM Orchestrator service principal ${sp.id}`);
    ctx.facts.orchestratorObjectId = sp.id.toLowerCase();
    return ctx.facts.orchestratorObjectId;
}
function versionless(keyUrl) {
    return keyUrl.replace(/\/+$/, '').split('/').slice(0, 5).join('/').toLowerCase();
}
function createChange(ctx, d, client, key) {
    const latest = d.keyVersion === 'latest';
    return {
        kind: 'create',
        id: 'des.exists',
        summary: `create disk encryption set '${d.name}' (${d.encryptionType}) in resource group '${d.resourceGroup}'`,
        details: [
            `key: ${key.id ?? `'${key.name}' as the key step creates it`}${latest ? ' (Azure moves it to each new key version)' : ''}`,
            'identity: system-assigned'
        ],
        async apply() {
            const location = ctx.config.location || (await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName))?.location;
            await client.submitPut(d.resourceGroup, d.name, {
                location,
                tags: { ...ctx.config.tags, [src_config/* MANAGED_BY_TAG */.dS]: src_config/* MANAGED_BY */.Kf, [src_config/* MANAGED_HSM_TAG */.G9]: ctx.config.hsmName },
                identity: { type: 'SystemAssigned' },
                properties: {
                    encryptionType: d.encryptionType,
                    // The spec requires a versioned key URL even when Azure is to follow the latest version.
                    activeKey: { keyUrl: key.id },
                    ...(latest ? { rotationToLatestKeyVersionEnabled: true } : {})
                }
            });
            const created = await waitForDes(ctx, client, d, 'creation');
            snapshots.set(ctx, created);
        }
    };
}
/** The identity's grant, planned once the set (and so its identity) exists. */
function identityGrantChange(ctx, d, client, scope) {
    return {
        kind: 'create',
        id: 'des.grant.identity',
        summary: `assign '${ENCRYPTION_USER}' to the new set's identity at scope ${scope}`,
        details: ['the identity exists once the set is created'],
        async apply() {
            const created = snapshots.get(ctx) ?? (await client.get(d.resourceGroup, d.name));
            const principal = created?.identity?.principalId?.toLowerCase();
            if (!principal)
                throw new errors/* ConflictError */.fK(`disk encryption set '${d.name}' has no system-assigned identity after creation`);
            const plan = await planAssignments(ctx, [{ role: ENCRYPTION_USER, principal, scope }]);
            for (const c of plan.changes) {
                log/* info */.pq(`des: ${c.summary}`);
                await c.apply();
            }
        }
    };
}
function compare(ctx, d, client, current, key) {
    const p = current.properties ?? {};
    const patch = { properties: {} };
    const details = [];
    const ids = [];
    if (p.encryptionType !== d.encryptionType) {
        patch.properties.encryptionType = d.encryptionType;
        details.push(`encryption type: ${p.encryptionType ?? '(none)'} -> ${d.encryptionType}`);
        ids.push('des.encryptionType');
    }
    const actualUrl = p.activeKey?.keyUrl ?? '';
    const latest = d.keyVersion === 'latest';
    // A key the key step has yet to create (plan, verify) has no URL: the set will need the new one.
    const keyDiffers = !key.id
        ? true
        : latest
            ? versionless(actualUrl) !== versionless(key.id)
            : actualUrl.replace(/\/+$/, '').toLowerCase() !== key.id.toLowerCase();
    if (keyDiffers) {
        patch.properties.activeKey = { keyUrl: key.id };
        details.push(`key: ${actualUrl || '(none)'} -> ${key.id ?? `'${key.name}' as the key step creates it`}`);
        ids.push('des.activeKey');
    }
    if ((p.rotationToLatestKeyVersionEnabled === true) !== latest) {
        patch.properties.rotationToLatestKeyVersionEnabled = latest;
        details.push(`follow the latest key version: ${p.rotationToLatestKeyVersionEnabled === true} -> ${latest}`);
        ids.push('des.rotation');
    }
    if (!/SystemAssigned/i.test(current.identity?.type ?? '')) {
        patch.identity = { type: 'SystemAssigned' };
        details.push(`identity: ${current.identity?.type ?? 'None'} -> SystemAssigned`);
        ids.push('des.identity');
    }
    if (p.provisioningState === 'Failed' && details.length === 0) {
        // Send the desired state again: Azure retries what failed.
        patch.properties = { encryptionType: d.encryptionType, activeKey: { keyUrl: key.id } };
        details.push('provisioning state: Failed -> Succeeded (the desired state is sent again)');
        ids.push('des.provisioningState');
    }
    if (details.length === 0)
        return [];
    return [
        {
            kind: 'update',
            id: ids[0],
            summary: `update disk encryption set '${d.name}'`,
            details,
            async apply() {
                await untilKeyAccess(ctx, () => client.submitPatch(d.resourceGroup, d.name, patch));
                snapshots.set(ctx, await waitForDes(ctx, client, d, 'update'));
            }
        }
    ];
}
/** A grant made in this run may not apply yet: KeyVaultAccessForbidden is retried while it propagates. */
async function untilKeyAccess(ctx, fn) {
    return untilPropagated(ctx, e => e instanceof errors/* AzureOperationError */.XP && e.details.code === 'KeyVaultAccessForbidden', 'the set cannot reach the key yet (a new role assignment is propagating)', fn);
}
async function waitForDes(ctx, client, d, what) {
    return (0,wait/* waitUntil */.a0)(async () => {
        const current = await client.get(d.resourceGroup, d.name);
        if (!current)
            return { value: {}, done: false, status: 'not visible yet' };
        const state = current.properties?.provisioningState;
        if (state === 'Failed')
            throw new errors/* ConflictError */.fK(`disk encryption set '${d.name}' ${what} failed (provisioning state Failed)`, "check that its identity holds 'Managed HSM Crypto Service Encryption User' on the key, then rerun");
        return { value: current, done: state === 'Succeeded', status: state };
    }, {
        what: `disk encryption set ${what}`,
        service: 'Azure Resource Manager',
        deadline: ctx.deadline,
        schedule: [2000, 5000, 10000]
    });
}

;// CONCATENATED MODULE: ./src/steps/provision.ts
/**
 * provision: the Managed HSM itself, through ARM. Read first; create when absent (handling a soft-deleted
 * name as on-soft-deleted says); when present, change only what differs and can change, and say what
 * differs but cannot (location, SKU, retention, initial administrators).
 */







const provision_SERVICE = 'Azure Resource Manager';
const provision = {
    name: 'provision',
    async plan(ctx) {
        const { config, arm } = ctx;
        const current = await readHsm(ctx);
        ctx.facts.hsmSnapshot = current;
        if (current)
            return planExisting(ctx, current);
        const deleted = await arm.findDeleted(config.hsmName);
        if (deleted) {
            const change = softDeletedChange(ctx, deleted.properties?.location ?? config.location, deleted.properties?.scheduledPurgeDate, deleted.properties?.purgeProtectionEnabled === true);
            // A purge makes way for a new HSM; a recovered one comes back with its own security domain.
            if (change.kind === 'purge')
                await escrowPreflight(ctx);
            return { changes: [change], notes: [] };
        }
        const availability = await arm.nameAvailability(config.hsmName);
        if (!availability.available) {
            // A run started at the same time may have created it since our read: then it is ours to wait for.
            const created = await arm.get(config.resourceGroup, config.hsmName);
            if (created) {
                log/* info */.pq(`provision: Managed HSM '${config.hsmName}' was just created by another run; continuing with it`);
                ctx.facts.hsmSnapshot = created;
                return planExisting(ctx, created);
            }
            throw await nameTakenError(ctx, availability);
        }
        await escrowPreflight(ctx);
        return { changes: [provision_createChange(ctx)], notes: [] };
    },
    async finish(ctx, changed) {
        const { config, arm } = ctx;
        const hsm = (!changed && ctx.facts.hsmSnapshot) || (await arm.get(config.resourceGroup, config.hsmName));
        if (!hsm)
            throw new errors/* ConflictError */.fK(`Managed HSM '${config.hsmName}' disappeared while the action ran`);
        ctx.facts.hsmResourceId = hsm.id ?? arm.resourceId(config.resourceGroup, config.hsmName);
        ctx.facts.hsmUri = hsm.properties?.hsmUri;
        ctx.facts.hsmTenantId = hsm.properties?.tenantId;
        ctx.facts.activationStatus = hsm.properties?.securityDomainProperties?.activationStatus;
    }
};
/**
 * A new HSM is about to be created (or planned) and activate follows: its escrow objects must be free now,
 * before an HSM that bills by the hour exists. verify writes nothing and reports the missing HSM as drift.
 */
async function escrowPreflight(ctx) {
    const { mode, steps } = ctx.config;
    if (steps.includes('activate') && src_config/* MODE_TABLE */.TL[mode].createsMissing)
        await preflightNewHsmEscrow(ctx);
}
/**
 * The name is taken. In another resource group of this subscription it is most likely the HSM the user
 * means: say so, since "choose another name" would create a second HSM, billed separately. Only a name
 * held outside the subscription (or a name Azure refuses) gets the advice to choose another.
 */
async function nameTakenError(ctx, availability) {
    const { config, arm } = ctx;
    const taken = `The name '${config.hsmName}' is not available: ${log/* oneLine */.TN(availability.message ?? availability.reason ?? 'already in use')}`;
    if (availability.reason === 'AccountNameInvalid')
        return new errors/* ConflictError */.fK(taken, 'choose another hsm-name');
    let found;
    try {
        found = await arm.findInSubscription(config.hsmName);
    }
    catch (e) {
        return new errors/* ConflictError */.fK(`${taken}\nWhether it is in another resource group of this subscription could not be checked: ${(0,errors/* errorSummary */.N5)(e)}`, "look for it with 'az keyvault list --resource-type hsm': if it is in this subscription, fix resource-group; " +
            'only if it is not, choose another hsm-name (a second HSM is billed separately)');
    }
    const foundGroup = found?.id && /\/resourceGroups\/([^/]+)\//i.exec(found.id)?.[1];
    const group = foundGroup && log/* oneLine */.TN(foundGroup);
    if (group && group.toLowerCase() !== config.resourceGroup.toLowerCase()) {
        return new errors/* ConflictError */.fK(`Managed HSM '${config.hsmName}' exists in resource group '${group}' of this subscription, not in resource-group '${config.resourceGroup}'`, `fix resource-group (set it to '${group}') to use that HSM; another hsm-name would create a second HSM, billed separately`);
    }
    return new errors/* ConflictError */.fK(taken, 'Managed HSM names are global across Azure and no HSM of this subscription has it: it belongs to another subscription or tenant. Choose another hsm-name.');
}
function skuFamily(sku) {
    return sku.startsWith('Custom_C') ? 'C' : 'B';
}
async function createBody(ctx, createMode, location, expiresAt = expiresAtFrom(ctx.config)) {
    const { config } = ctx;
    // An ephemeral HSM says what it is and when it should go; the clean-up trusts ARM's systemData, not this.
    const expires = expiresAt
        ? { [src_config/* MANAGED_BY_TAG */.dS]: src_config/* MANAGED_BY */.Kf, [src_config/* EXPIRES_AT_TAG */["if"]]: expiresAt }
        : {};
    return {
        location,
        sku: { family: skuFamily(config.sku), name: config.sku },
        tags: { ...config.tags, ...expires },
        properties: {
            tenantId: config.tenantId,
            initialAdminObjectIds: await desiredAdministrators(ctx),
            enableSoftDelete: true,
            softDeleteRetentionInDays: config.retentionDays,
            // Always explicit: the spec's default (true) and what the service did when omitted (false) disagree.
            enablePurgeProtection: config.purgeProtection,
            publicNetworkAccess: config.publicNetworkAccess,
            networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' },
            createMode
        }
    };
}
function provision_createChange(ctx) {
    const { config } = ctx;
    const expiresAt = expiresAtFrom(config);
    return {
        kind: 'create',
        id: 'provision.hsm.exists',
        summary: `create Managed HSM '${config.hsmName}' (${config.sku}) in ${config.location}`,
        details: [
            `administrators: ${config.administrators.join(', ')}`,
            `retention: ${config.retentionDays} days`,
            `purge protection: ${config.purgeProtection ? 'on (permanent)' : 'off'}`,
            `public network access: ${config.publicNetworkAccess}`,
            // What it costs belongs where it is about to be created (apply) or would be (plan), not in verify's drift.
            ...(src_config/* MODE_TABLE */.TL[config.mode].proves ? [] : costLines(config, expiresAt))
        ],
        async apply() {
            await ctx.arm.submitCreate(config.resourceGroup, config.hsmName, await createBody(ctx, 'default', config.location, expiresAt));
            await waitForProvisioned(ctx, 'creation');
            log/* notice */.lm(`provision: Managed HSM '${config.hsmName}' exists: billing for it has started and runs until it is deleted and purged (rates: ${PRICING_URL})`);
        }
    };
}
/** Azure's price list for Managed HSM (per HSM pool and hour, by region): the only source of a figure. */
const PRICING_URL = 'https://azure.microsoft.com/pricing/details/key-vault/';
function expiresAtFrom(config) {
    return config.expiresAfterMs ? new Date(Date.now() + config.expiresAfterMs).toISOString() : undefined;
}
/**
 * What creating the HSM costs and how that ends, said in the plan, the log and the summary. No amount: a
 * figure without its region and date would mislead, and the price list gives both.
 */
function costLines(config, expiresAt) {
    return [
        `billing starts when it is created and runs for every hour it exists, until it is deleted and purged (rates by region: ${PRICING_URL})`,
        expiresAt
            ? `expires-at tag ${expiresAt} (expires-after): information only; nothing deletes it then unless a scheduled clean-up job (mode: teardown with only-if-expired) runs: make sure one exists`
            : 'no expires-after: it lives (and bills) until someone runs mode: teardown',
        ...(config.purgeProtection
            ? [
                `purge protection on: a later teardown deletes it but cannot purge it; the name stays taken and it may keep billing for retention-days (${config.retentionDays} days) after the delete`
            ]
            : [])
    ];
}
function softDeletedChange(ctx, location, purgeDate, purgeProtected) {
    const { config } = ctx;
    const held = `The name '${config.hsmName}' is held by a soft-deleted Managed HSM (location ${location}, scheduled purge ${purgeDate?.toISOString() ?? 'unknown'})`;
    switch (config.onSoftDeleted) {
        case 'fail':
            // Purge protection refuses a purge until the scheduled date: offering on-soft-deleted: purge would fail.
            throw new errors/* ConflictError */.fK(purgeProtected ? `${held}, and purge protection keeps it until then` : held, purgeProtected
                ? 'set on-soft-deleted: undelete to bring it back with its keys and security domain, or choose another hsm-name (it cannot be purged before the scheduled purge date)'
                : 'set on-soft-deleted: undelete to bring it back with its keys and security domain, or on-soft-deleted: purge to destroy it for good and create a new one, or choose another hsm-name');
        case 'undelete':
            return {
                kind: 'recover',
                summary: `undelete soft-deleted Managed HSM '${config.hsmName}' in ${location}`,
                details: ['its keys, role assignments and security domain come back with it'],
                async apply() {
                    await ctx.arm.submitCreate(config.resourceGroup, config.hsmName, await createBody(ctx, 'recover', location));
                    const hsm = await waitForProvisioned(ctx, 'recovery');
                    // The recovered HSM has its old settings; bring the ones that can change in line now.
                    for (const change of (await planExisting(ctx, hsm)).changes)
                        await change.apply();
                }
            };
        case 'purge':
            if (purgeProtected) {
                throw new errors/* ConflictError */.fK(`${held}, and purge protection keeps it until then`, 'use on-soft-deleted: undelete, or choose another hsm-name');
            }
            return {
                kind: 'purge',
                summary: `purge soft-deleted Managed HSM '${config.hsmName}', then create it anew in ${config.location}`,
                details: ['the deleted HSM, its keys and its security domain are destroyed for good'],
                async apply() {
                    log/* info */.pq(`Purging the soft-deleted Managed HSM '${config.hsmName}' (on-soft-deleted: purge)`);
                    await ctx.arm.purgeDeleted(config.hsmName, location);
                    await provision_createChange(ctx).apply();
                }
            };
    }
}
async function planExisting(ctx, hsm) {
    const { config } = ctx;
    const p = hsm.properties ?? {};
    const state = p.provisioningState;
    if (state === 'Failed') {
        throw new errors/* DriftError */.ul('provision.provisioningState', `Managed HSM '${config.hsmName}' is in provisioning state Failed: ${log/* oneLine */.TN(p.statusMessage ?? 'no status message')}`, 'delete it (and purge it), then rerun; if it keeps failing, the region may lack capacity: try another location');
    }
    if (state === 'Provisioning' ||
        state === 'Updating' ||
        state === 'Restoring' ||
        state === 'SecurityDomainRestore') {
        // Another run (or a run that was cancelled) started this; wait for it rather than send a second PUT.
        return {
            changes: [
                {
                    kind: 'wait',
                    summary: `wait for Managed HSM '${config.hsmName}' (${state}) to finish`,
                    details: [p.statusMessage ?? ''].filter(Boolean),
                    async apply() {
                        const done = await waitForProvisioned(ctx, state.toLowerCase());
                        for (const change of (await planExisting(ctx, done)).changes)
                            await change.apply();
                    }
                }
            ],
            notes: []
        };
    }
    if (state === 'Deleting') {
        throw new errors/* ConflictError */.fK(`Managed HSM '${config.hsmName}' is being deleted`, 'wait for the deletion to finish, then rerun');
    }
    const notes = [];
    if (hsm.location && normalise(hsm.location) !== config.location) {
        throw new errors/* DriftError */.ul('provision.location', `Managed HSM '${config.hsmName}' exists in ${log/* oneLine */.TN(hsm.location)}, not in ${config.location}; an HSM cannot move`, `set location: ${log/* oneLine */.TN(normalise(hsm.location))}, or use another hsm-name`);
    }
    if (hsm.sku?.name && hsm.sku.name !== config.sku)
        notes.push(`sku is ${hsm.sku.name}, not ${config.sku}: the SKU cannot change after creation`);
    if (p.softDeleteRetentionInDays !== undefined && p.softDeleteRetentionInDays !== config.retentionDays)
        notes.push(`retention-days is ${p.softDeleteRetentionInDays}, not ${config.retentionDays}: retention cannot change after creation`);
    const admins = await desiredAdministrators(ctx);
    const actualAdmins = [...(p.initialAdminObjectIds ?? [])].map(a => a.toLowerCase()).sort();
    if (admins.join() !== actualAdmins.join())
        notes.push(`administrators were set at creation to ${actualAdmins.join(', ') || 'none'}: initial administrators cannot change; grant roles with role-assignments instead`);
    const patch = {};
    const details = [];
    const properties = {};
    if (config.purgeProtection && p.enablePurgeProtection !== true) {
        properties.enablePurgeProtection = true;
        details.push('purge protection: off -> on (permanent)');
    }
    else if (!config.purgeProtection && p.enablePurgeProtection === true) {
        notes.push('purge protection is on and can never be turned off; purge-protection: false has no effect');
    }
    if (p.publicNetworkAccess && p.publicNetworkAccess !== config.publicNetworkAccess) {
        properties.publicNetworkAccess = config.publicNetworkAccess;
        details.push(`public network access: ${p.publicNetworkAccess} -> ${config.publicNetworkAccess}`);
    }
    const tags = { ...(hsm.tags ?? {}) };
    for (const [k, v] of Object.entries(config.tags)) {
        if (tags[k] !== v) {
            details.push(`tag ${k}: ${tags[k] === undefined ? '(none)' : `'${tags[k]}'`} -> '${v}'`);
            tags[k] = v;
        }
    }
    if (Object.keys(properties).length > 0)
        patch.properties = properties;
    if (Object.keys(tags).length !== Object.keys(hsm.tags ?? {}).length ||
        details.some(d => d.startsWith('tag ')))
        patch.tags = tags;
    if (details.length === 0)
        return { changes: [], notes };
    return {
        changes: [
            {
                kind: 'update',
                id: 'provision.hsm.properties',
                summary: `update Managed HSM '${config.hsmName}'`,
                details,
                async apply() {
                    await ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch);
                    await waitForProvisioned(ctx, 'update');
                }
            }
        ],
        notes
    };
}
async function waitForProvisioned(ctx, what) {
    const { config, arm } = ctx;
    return (0,wait/* waitUntil */.a0)(async () => {
        let retryAfterSeconds;
        const hsm = await arm.get(config.resourceGroup, config.hsmName, {
            onHeaders: get => {
                const ms = (0,retry/* parseRetryAfter */.mu)(get('retry-after'));
                if (ms)
                    retryAfterSeconds = ms / 1000;
            }
        });
        if (!hsm)
            return { value: {}, done: false, status: 'not visible yet', retryAfterSeconds };
        const state = hsm.properties?.provisioningState;
        if (state === 'Failed') {
            throw new errors/* ConflictError */.fK(`Managed HSM '${config.hsmName}' ${what} failed: ${log/* oneLine */.TN(hsm.properties?.statusMessage ?? 'no status message')}`, 'delete and purge the failed HSM, then rerun; repeated failures usually mean the region lacks capacity');
        }
        return {
            value: hsm,
            done: state === 'Succeeded',
            status: hsm.properties?.statusMessage ?? state,
            retryAfterSeconds
        };
    }, { what: `Managed HSM ${what}`, service: provision_SERVICE, deadline: ctx.deadline });
}
function normalise(location) {
    return location.toLowerCase().replace(/\s+/g, '');
}

// EXTERNAL MODULE: ./src/auth/clouds.ts
var clouds = __webpack_require__(6910);
;// CONCATENATED MODULE: ./src/run/key-policy.ts
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
        p = key_policy_resolve(ctx);
        resolved.set(ctx, p);
    }
    return p;
}
async function key_policy_resolve(ctx) {
    const p = ctx.config.key.policy;
    if (!p)
        throw new errors/* ConfigurationError */.j1('release-policy', 'or release-policy-preset is required for the key step');
    if (p.kind === 'inline')
        return { policy: p.policy };
    if (p.authority)
        return { policy: (0,src_policy/* presetPolicy */.W)(p.preset, p.authority) };
    const location = ctx.config.location || (await hsmLocation(ctx));
    const authority = checkedDefaultAuthority(await readDefaultAuthority(ctx, location), ctx.config.cloud, location);
    return { policy: (0,src_policy/* presetPolicy */.W)(p.preset, authority), defaultAuthority: authority };
}
/**
 * What Azure answered for the region's default provider is held to the same rule as the input: the key is never
 * bound to a foreign authority, whatever ARM (or something posing as it) says.
 */
function checkedDefaultAuthority(authority, cloud, location) {
    const problem = (0,src_policy/* attestationAuthorityProblem */.ty)(authority, (0,clouds/* attestationDomain */.L3)(cloud));
    if (problem)
        throw new errors/* ConflictError */.fK(`the default attestation provider Azure named for ${location} is not usable: its attestUri ${problem.message}`, 'set attestation-authority to your attestation provider URL');
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
    const hsm = await readHsm(ctx);
    return (hsm?.location ?? '').toLowerCase().replace(/\s+/g, '');
}
/** The release_policy of a key create or update: the policy as the service stores it. */
function releasePolicyOf(policy, immutable) {
    return {
        contentType: 'application/json; charset=utf-8',
        encodedPolicy: new Uint8Array(Buffer.from((0,src_policy/* toServiceJson */.Fy)(policy), 'utf8')),
        immutable
    };
}

;// CONCATENATED MODULE: ./src/run/key-versions.ts
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
    return (await absentOn404(() => keys.versions(name))) ?? [];
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
    return encoded ? (0,src_policy/* toPolicyValue */.fe)(Buffer.from(encoded).toString('utf8')) : undefined;
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
            reasons: [...reasons, `its release policy cannot be read (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]})`],
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
    if ((0,src_policy/* policiesEqual */.jL)(policy, desired)) {
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
    const weakness = (0,src_policy/* policyWeakness */.G_)(policy, desired, {
        attestation: (0,clouds/* attestationDomain */.L3)(cloud),
        acceptPermissive: k.permissiveAccepted.length > 0
    });
    if (weakness.length > 0)
        return { verdict: 'weaker', policyDiffers: true, immutable, reasons: [...weakness, ...reasons], fixed };
    return {
        verdict: 'different',
        policyDiffers: true,
        immutable,
        reasons: [...(0,src_policy/* describePolicyDifference */.du)(policy, desired).map(d => `release policy: ${d}`), ...reasons],
        fixed
    };
}
/** The version id of a key bundle, lower case. */
function versionOf(key) {
    return (key.properties.version ?? key.id?.split('/').pop() ?? '').toLowerCase();
}

;// CONCATENATED MODULE: ./src/steps/key/versions.ts




const DISABLE_INPUT = 'disable-older-key-versions';
async function planOlderVersions(ctx, keys, current, policy, authorized) {
    const k = ctx.config.key;
    const { others, latest } = await authorized('read the key versions', () => readKeyVersions(ctx, keys));
    if (others.length === 0)
        return { changes: [], notes: [] };
    const notes = [];
    const keep = new Set([versionOf(current), ...latest]);
    let pinned;
    if (k.disableOlderVersions) {
        try {
            pinned = pinnedVersions(ctx, await readAllDes(ctx), current);
        }
        catch (e) {
            notes.push(`${DISABLE_INPUT}: no older version of key '${k.name}' was disabled: which Disk Encryption Sets point at them could not be read (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]})`);
        }
    }
    const changes = [];
    for (const v of others) {
        const id = versionOf(v);
        const j = judgeKeyVersion(v, policy, k, ctx.config.cloud);
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
            await authorized('update the key version', () => keys.call(`update the release policy of key '${k.name}' version ${version}`, c => c.updateKeyProperties(k.name, version, { releasePolicy: releasePolicyOf(policy, k.immutable) })));
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

;// CONCATENATED MODULE: ./src/steps/key/escrow.ts
/**
 * key-backup-store: the key-encryption key's backup blob (POST /keys/{name}/backup), escrowed to a store after
 * the key step and again whenever the key changes, and restored by mode: recover. Azure encrypts a
 * backup under the HSM's security domain, so it restores only into an HSM that holds the same security
 * domain, which is exactly what recover rebuilds. A store never overwrites an escrow, so every state of the
 * key (version, last update) gets its own object; the newest one per key is what recover restores.
 * The blob holds only HSM-encrypted material, but it is treated as sensitive: masked, never printed.
 */









const KEY_BACKUP_CONTENT_TYPE = 'application/octet-stream';
/**
 * The backup change of the key step: none when the key's current state is escrowed already; otherwise one
 * that backs the key up once the key step's own changes are applied (it reads the key again then).
 */
async function planKeyBackup(ctx, keys, current, keyChanges, authorized) {
    const base = ctx.config.keyBackup;
    if (!base)
        return [];
    const name = ctx.config.key.name;
    if (current?.id && !keyChanges) {
        const target = keyBackupTarget(base, keyVersion(current.id), current.properties.updatedOn);
        const check = await checkEscrow(openStore(target, ctx.signIn.credential));
        if (check.state === 'ok') {
            log/* info */.pq(`key: the backup of '${name}' in its current state is escrowed at ${target.url}`);
            return [];
        }
        if (check.state === 'unreadable')
            throw new errors/* AzureOperationError */.XP({
                service: 'escrow',
                operation: 'read the escrowed key backup',
                hint: unreadableHint([check])
            }, `${target.url}: ${check.detail}`);
        if (check.state === 'mismatch')
            throw new errors/* DriftError */.ul('key.backup.integrity', `the escrowed backup of key '${name}' at ${target.url} cannot be trusted: ${check.detail}`, 'remove that object (an escrow is never overwritten) and rerun: the key step then escrows a fresh backup');
    }
    return [
        {
            kind: 'create',
            id: 'key.backup',
            summary: `escrow a backup of key '${name}'${current && !keyChanges ? '' : ' once it is in its new state'} next to ${base.url}`,
            details: [
                'one object per key state (version and last update); it restores only into an HSM holding this security domain'
            ],
            async apply() {
                await escrowKeyBackup(ctx, keys, authorized);
            }
        }
    ];
}
/** Backs the key up as it is now and escrows the blob (read back and compared); returns where. */
async function escrowKeyBackup(ctx, keys, authorized) {
    const base = ctx.config.keyBackup;
    const name = ctx.config.key.name;
    const key = ctx.facts.keySettled ?? (await authorized('read the key', () => keys.get(name)));
    if (!key?.id)
        throw new errors/* ConflictError */.fK(`key '${name}' is not readable: there is nothing to back up`);
    const version = keyVersion(key.id);
    const target = keyBackupTarget(base, version, key.properties.updatedOn);
    const store = openStore(target, ctx.signIn.credential);
    if ((await checkEscrow(store)).state === 'ok')
        return target;
    const blob = await authorized('back up the key', () => keys.call(`back up key '${name}'`, c => c.backupKey(name)));
    if (!blob || blob.length === 0)
        throw new errors/* AzureOperationError */.XP({ service: SERVICE, operation: `back up key '${name}'` }, 'the answer holds no backup');
    const content = Buffer.from(blob);
    maskSecret(content.toString('base64url'));
    const metadata = {
        kind: 'key-backup',
        hsm: ctx.config.hsmName,
        sha256: sha256Hex(content),
        key: name,
        kid: key.id,
        version,
        updated: key.properties.updatedOn?.toISOString() ?? '',
        created: new Date().toISOString(),
        ...((0,run_url/* runUrl */.V)() ? { run: (0,run_url/* runUrl */.V)() } : {})
    };
    try {
        await escrowTo(store, content, metadata, KEY_BACKUP_CONTENT_TYPE);
    }
    catch (e) {
        // A concurrent run may have escrowed this same state of the key meanwhile: that object serves.
        if ((await checkEscrow(store)).state !== 'ok')
            throw e;
        log/* info */.pq(`  backup of key '${name}' (version ${version}) was escrowed to ${target.url} by another run`);
        return target;
    }
    log/* info */.pq(`  backup of key '${name}' (version ${version}) escrowed to ${target.url} and read back (SHA-256 ${metadata.sha256})`);
    return target;
}
/**
 * The newest intact backup of every key escrowed under key-backup-store, read before anything changes. Damaged
 * or unreadable objects are reported; an older intact backup of the same key then stands in.
 */
async function readKeyBackups(ctx) {
    const base = ctx.config.keyBackup;
    if (!base)
        return { backups: [], problems: [] };
    const targets = await listKeyBackupTargets(base, ctx.signIn.credential);
    const problems = [];
    const newest = new Map();
    for (const target of targets) {
        const m = /-([0-9A-Za-z]+)-(\d{10})(\.[A-Za-z0-9]+)?$/.exec(target.name);
        let obj;
        try {
            obj = await openStore(target, ctx.signIn.credential).get();
        }
        catch (e) {
            problems.push(`${target.url}: unreadable (${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]})`);
            continue;
        }
        if (!obj)
            continue;
        if (!obj.metadata.sha256 || sha256Hex(obj.content) !== obj.metadata.sha256) {
            problems.push(`${target.url}: its content does not match the SHA-256 recorded with it`);
            continue;
        }
        const backup = {
            url: target.url,
            key: obj.metadata.key || ctx.config.key.name,
            version: obj.metadata.version || m?.[1] || '',
            kid: obj.metadata.kid,
            updated: Number(m?.[2] ?? 0),
            content: obj.content
        };
        maskSecret(backup.content.toString('base64url'));
        const seen = newest.get(backup.key.toLowerCase());
        if (!seen || backup.updated > seen.updated)
            newest.set(backup.key.toLowerCase(), backup);
    }
    return { backups: [...newest.values()], problems };
}
/**
 * Restores one backup unless the HSM holds its version already (a rerun, or an HSM recovered with its
 * keys): then nothing is sent. A different key under the name is a conflict to explain, never overwritten.
 */
async function restoreKeyBackup(keys, backup, authorized) {
    const present = async () => {
        if (!backup.version)
            return undefined;
        try {
            return await authorized('read the key', () => keys.call(`read key '${backup.key}' version ${backup.version}`, c => c.getKey(backup.key, { version: backup.version })));
        }
        catch (e) {
            if (statusOf(e) === 404)
                return undefined;
            throw e;
        }
    };
    const taken = () => new errors/* ConflictError */.fK(`key '${backup.key}' exists in this HSM without version ${backup.version}: another key took the name, so the backup at ${backup.url} cannot be restored`, 'delete and purge that key (a Crypto Officer can), then rerun recover; or restore the backup into another HSM holding this security domain');
    if (await present())
        return { key: (await keys.get(backup.key)), restored: false };
    if (await authorized('read the key', () => keys.get(backup.key)))
        throw taken();
    try {
        const key = await authorized('restore the key', () => keys.call(`restore key '${backup.key}' from ${backup.url}`, c => c.restoreKeyBackup(new Uint8Array(backup.content)), (_code, status) => status === 400
            ? 'a key backup restores only into an HSM that holds the security domain the key was created under: ' +
                'recover that security domain (security-domain-store) into this HSM, or restore the backup elsewhere'
            : status === 403
                ? "the signed-in identity needs 'Managed HSM Crypto User' (or 'Managed HSM Restore User') on /keys"
                : undefined));
        return { key, restored: true };
    }
    catch (e) {
        // 409: restored meanwhile (a concurrent run), or the name was taken meanwhile.
        if (statusOf(e) !== 409)
            throw e;
        const there = await present();
        if (!there)
            throw taken();
        return { key: (await keys.get(backup.key)) ?? there, restored: false };
    }
}

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
    return versions.filter(v => !v.tags?.[SUPERSEDED_BY_TAG]).sort(oldestFirst)[0];
}
/**
 * After this run created `created` for a key it found absent: the version every concurrent creator also
 * ends with. Disables this run's version, with a log line, when another run's is older.
 */
async function settleCreatedKey(ctx, keys, created, authorized, wait = retry/* sleep */.yy) {
    const name = ctx.config.key.name;
    const mine = created.properties.version ?? (created.id ? keyVersion(created.id) : '');
    await wait(SETTLE_MS);
    const versions = await authorized('list the key versions', () => keys.versions(name));
    const winner = winningVersion(versions);
    if (!winner?.version || winner.version.toLowerCase() === mine.toLowerCase())
        return created;
    const others = versions.filter(v => v.version !== mine).length;
    log/* info */.pq(`key: ${others} other version(s) of '${name}' were created by a concurrent run; the oldest, ${winner.version}, ` +
        `is kept: this run disables its own version ${mine} (tagged ${SUPERSEDED_BY_TAG}: ${winner.version}) and uses ${winner.version}`);
    await authorized('disable the superseded key version', () => keys.call(`disable key '${name}' version ${mine}`, c => c.updateKeyProperties(name, mine, {
        enabled: false,
        tags: { ...(created.properties.tags ?? {}), [SUPERSEDED_BY_TAG]: winner.version }
    })));
    const kept = await authorized('read the key', () => keys.read(name, winner.version));
    if (!kept?.id)
        throw new errors/* ConflictError */.fK(`key '${name}' version ${winner.version} (created by a concurrent run) is not readable`, 'rerun: the key step then reads the version in effect');
    return kept;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/azure/key-attestation.ts

/** The first api-version with key attestation (7.6-preview.1/.2 in the recordings). */
const ATTESTATION_API_VERSION = '7.6';
async function fetchKeyAttestation(plane, name, version) {
    const path = `/keys/${encodeURIComponent(name)}/${encodeURIComponent(version)}/attestation`;
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
    const answer = await fetchKeyAttestation(await dataPlane(ctx), name, version);
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
    const sha256 = sha256Hex(text);
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
        prefetchDefaultAuthority(ctx);
        return hsm => {
            const plane = hsm.plane();
            prefetchCurrentKey(ctx, (ctx.facts.keys ??= new ManagedHsmKeys(ctx.signIn.credential, hsm.uri)));
            if (ctx.config.steps.includes('rbac'))
                return;
            prefetchRoleDefinitions(ctx, plane);
            prefetchAssignments(ctx, plane, implicitForKeyStep().map(w => w.principal));
        };
    },
    async plan(ctx) {
        const k = ctx.config.key;
        const { policy, defaultAuthority } = await desiredPolicy(ctx);
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
            const grants = (await planAssignments(ctx, implicitForKeyStep())).changes;
            if (grants.length > 0)
                return { changes: [...grants, afterGrant(ctx)], notes: [], warnings };
        }
        const changes = [];
        const keys = await keysClient(ctx);
        const { key: current, superseded } = await untilAuthorized(ctx, 'read the key', () => readKey(ctx, keys));
        // A version disabled by a run that lost a concurrent first creation is a settled leftover, not drift.
        for (const s of superseded)
            log/* info */.pq(`key: version ${s.properties.version} of '${k.name}' is disabled, superseded by ${s.properties.tags?.[SUPERSEDED_BY_TAG]} (two runs created the key at once); using that one`);
        ctx.facts.keySnapshot = current;
        const authorized = (what, fn) => untilAuthorized(ctx, what, fn);
        if (!current) {
            ctx.facts.keyPlanned = plannedKey(ctx, undefined, policy);
            changes.push(key_createChange(ctx, keys, policy));
            changes.push(...(await planKeyBackup(ctx, keys, undefined, true, authorized)));
            return { changes, notes: [], warnings };
        }
        const plan = key_compare(ctx, keys, current, policy);
        const planned = plannedKey(ctx, current, policy);
        if (plan.changes.length > 0)
            ctx.facts.keyPlanned = planned;
        // The Disk Encryption Sets the key backs, whether or not des is among the steps: said, and a change they
        // cannot use refused before the key is written.
        const { hsmUri } = await knownHsm(ctx);
        const sets = await checkBackedSets(ctx, hsmUri, plan.changes.length > 0 ? planned : undefined);
        warnings.push(...sets.warnings);
        // Every other enabled version: a VM pinned to one gets its policy, not the latest's. verify leaves them to
        // the key-versions posture, which tells weaker (critical) from merely different (a warning).
        const older = src_config/* MODE_TABLE */.TL[ctx.config.mode].proves
            ? { changes: [], notes: [] }
            : await planOlderVersions(ctx, keys, current, policy, authorized);
        // key-backup-store: escrowed after the key's own changes, so it holds the key as the step leaves it.
        const backup = await planKeyBackup(ctx, keys, current, plan.changes.length > 0, authorized);
        return {
            changes: [...changes, ...plan.changes, ...older.changes, ...backup],
            notes: [...plan.notes, ...older.notes],
            warnings,
            info: sets.info
        };
    },
    async finish(ctx, changed) {
        const keys = await keysClient(ctx);
        const k = ctx.facts.keySettled ||
            (!changed && ctx.facts.keySnapshot) ||
            (await untilAuthorized(ctx, 'read the key', () => keys.get(ctx.config.key.name)));
        if (!k?.id)
            throw new errors/* ConflictError */.fK(`key '${ctx.config.key.name}' is not readable after the key step`);
        const { hsmResourceId } = await knownHsm(ctx);
        ctx.facts.keyName = ctx.config.key.name;
        ctx.facts.kek = k;
        ctx.facts.kekKid = k.id;
        ctx.facts.kekResource = `${hsmResourceId}/keys/${ctx.config.key.name}`;
        // A key this run created: its attestation, fetched and verified now (a converged apply does not fetch it).
        if (changed && ctx.facts.keySettled === k)
            await attestCreated(ctx, k);
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
/** Logs the created key's attestation; one that fails a check stops the run (the key is there, unproven). */
async function attestCreated(ctx, k) {
    const record = await attestKey(ctx, k);
    const lines = attestationLines(record).map(l => `key: ${l}`);
    if (record.result.status === 'verified')
        log/* lines */.Mn(lines);
    else if (record.result.status !== 'failed')
        for (const l of lines)
            log/* warning */.$e(l);
    else
        throw new errors/* ConflictError */.fK(`key '${ctx.config.key.name}' was created, but ${record.result.reason}`, ATTESTATION_FAILED_HINT);
}
/** The key as the step leaves it: the one in Azure (or a new one) with the inputs' policy and operations. */
function plannedKey(ctx, current, policy) {
    const k = ctx.config.key;
    const releasePolicy = releasePolicyOf(policy, k.immutable || current?.properties.releasePolicy?.immutable === true);
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
    const found = await setsBackedByKey(ctx, hsmUri);
    if (found.unchecked) {
        const w = `the subscription's Disk Encryption Sets could not be listed (${found.unchecked}): whether a set uses key '${name}' was not checked; the identity needs Microsoft.Compute/diskEncryptionSets/read on the subscription (docs/setup.md)`;
        log/* warning */.$e(`key: ${w}`);
        return { info: [], warnings: [w] };
    }
    if (found.sets.length === 0)
        return { info: [], warnings: [] };
    const backs = `key '${name}' backs disk encryption set(s) ${found.sets.map(describeSet).join(', ')}; ${OTHER_SUBSCRIPTIONS}`;
    log/* info */.pq(`key: ${backs}`);
    const broken = planned ? setsBrokenBy(planned, found.sets) : [];
    if (broken.length > 0)
        throw new errors/* DriftError */.ul('key.des', `the inputs would change key '${name}' so that a disk encryption set using it stops working (refused; nothing is changed):\n${broken.map(b => `- ${log/* oneLine */.TN(b)}`).join('\n')}`, `keep the key as the set needs it: for a ${src_config/* CVM_ENCRYPTION_TYPE */.su} set use release-policy-preset: cvm-platform (or a release-policy that releases to the CVM platform token), and keep wrapKey and unwrapKey in key-operations; to move the set to another key, use a new key-name with disk-encryption-set`);
    const warnings = (await purgeProtected(ctx))
        ? []
        : // The des step warns about its own set.
            found.sets
                .filter(s => !(ctx.config.steps.includes('des') && s.name === ctx.config.des?.name))
                .map(s => unprotectedSetWarning(ctx, [s]));
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
    return readCurrentKey(ctx, keys);
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
function key_createChange(ctx, keys, policy) {
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
            const created = await untilAuthorized(ctx, 'create the key', () => keys.call(`create key '${k.name}'`, c => c.createKey(k.name, k.type, {
                keySize: k.size && k.type !== 'EC-HSM' ? k.size : undefined,
                curve: k.curve,
                keyOps: k.operations,
                exportable: true,
                releasePolicy: releasePolicyOf(policy, k.immutable),
                tags: { 'managed-by': 'managed-hsm-skr-action' }
            })));
            // Another run may have found the key absent too and created its own version meanwhile.
            ctx.facts.keySettled = await settleCreatedKey(ctx, keys, created, (what, fn) => untilAuthorized(ctx, what, fn));
        }
    };
}
function key_compare(ctx, keys, current, policy) {
    const k = ctx.config.key;
    const p = current.properties;
    const fixed = fixedDifferences(current, k);
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
        update.releasePolicy = releasePolicyOf(policy, k.immutable);
        details.push(...diff.map(d => `release policy: ${d}`));
    }
    else if (k.immutable && !currentImmutable) {
        update.releasePolicy = releasePolicyOf(policy, true);
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
                    await untilAuthorized(ctx, 'update the key', () => keys.call(`update key '${k.name}'`, c => c.updateKeyProperties(k.name, update)));
                }
            }
        ],
        notes
    };
}

;// CONCATENATED MODULE: ./src/azure/hsm-settings.ts
/** The setting that lets ARM (templates, the portal) create and read keys on the HSM. */
const ARM_KEY_MANAGEMENT_SETTING = 'AllowKeyManagementOperationsThroughARM';
const SETTINGS_HINT = (_c, status) => status === 403
    ? "reading the HSM's settings needs Microsoft.KeyVault/managedHsm/settings/read/action (Managed HSM Administrator, or the read-only local role of docs/setup.md); changing them settings/write/action (Managed HSM Administrator)"
    : undefined;
async function listSettings(hsm) {
    const r = await hsm.send("list the HSM's settings", 'GET', '/settings', {
        hint: SETTINGS_HINT
    });
    return Array.isArray(r.body?.settings) ? r.body.settings : [];
}
async function updateSetting(hsm, name, value) {
    await hsm.send(`set the HSM setting ${name} to ${value}`, 'PATCH', `/settings/${name}`, {
        body: { value },
        hint: SETTINGS_HINT
    });
}

;// CONCATENATED MODULE: ./src/azure/arm-reads.ts


const API_VERSIONS = {
    vaults: '2024-11-01',
    storage: '2023-05-01',
    diagnosticSettings: '2021-05-01-preview'
};
const arm_reads_SERVICE = 'Azure Resource Manager';
class ArmReader {
    subscriptionId;
    api;
    constructor(credential, subscriptionId, endpoint) {
        this.subscriptionId = subscriptionId;
        this.api = new JsonApi(credential, endpoint, arm_reads_SERVICE);
    }
    /** One resource by its id; undefined when ARM answers 404. A 403 is thrown (the caller says what is missing). */
    get(what, id, apiVersion) {
        return absentOn404(async () => {
            const r = await this.api.send(`read ${what}`, 'GET', id, {
                query: { 'api-version': apiVersion }
            });
            return r.body;
        });
    }
    /** Every resource of one type in the subscription, page by page (`{value, nextLink}`). */
    async listInSubscription(type, apiVersion) {
        const all = [];
        let path = `/subscriptions/${this.subscriptionId}/providers/${type}`;
        let query = { 'api-version': apiVersion };
        for (let page = 0; path && page < 100; page++) {
            const r = await this.api.send(`list the subscription's ${type}`, 'GET', path, { query });
            all.push(...(r.body?.value ?? []));
            const next = r.body?.nextLink ? new URL(r.body.nextLink) : undefined;
            path = next?.pathname;
            query = next ? Object.fromEntries(next.searchParams) : {};
        }
        return all;
    }
    /** The diagnostic settings of a resource (one page: the API has no nextLink). */
    async diagnosticSettings(resourceId) {
        const r = await this.api.send('list the diagnostic settings of the Managed HSM', 'GET', `${resourceId}/providers/Microsoft.Insights/diagnosticSettings`, { query: { 'api-version': API_VERSIONS.diagnosticSettings } });
        return r.body?.value ?? [];
    }
}

;// CONCATENATED MODULE: ./src/posture/arm.ts
/** What the ARM-reading areas share: one reader per run, and how a refused read is told apart. */


const readers = new WeakMap();
/** The run's reader of ARM resources the action only inspects (one token cache, one pipeline). */
function armReader(ctx) {
    let r = readers.get(ctx);
    if (!r) {
        r = new ArmReader(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager);
        readers.set(ctx, r);
    }
    return r;
}
/** ARM refused the read (AuthorizationFailed): the identity lacks a role, the resource may well be there. */
function denied(e) {
    return statusOf(e) === 403;
}
/** The last segment of a resource id, for messages ("workspaces/ws" → "ws"). */
function lastSegment(id) {
    return id.replace(/\/+$/, '').split('/').pop() ?? id;
}

;// CONCATENATED MODULE: ./src/posture/types.ts
/** Whether the HSM answers on its data plane: provisioned and activated. */
function hsmActive(hsm) {
    return (hsm.properties?.provisioningState === 'Succeeded' &&
        hsm.properties.securityDomainProperties?.activationStatus === 'Active');
}

;// CONCATENATED MODULE: ./src/posture/hsm-settings.ts
/**
 * The HSM's own data-plane settings. AllowKeyManagementOperationsThroughARM, when on, lets ARM (templates,
 * the portal) create a key's first version and read keys, around the HSM's local role assignments; Microsoft
 * advises keeping it off where higher assurance is needed. With allow-key-management-through-arm: report
 * (the default) verify warns when it is on; with true or false the rbac step of apply sets it so
 * (settingChange), and any other value is critical: someone changed it outside the action.
 */






const READ = 'hsmSettings';
const INPUT = 'allow-key-management-through-arm';
const ID = `setting.${ARM_KEY_MANAGEMENT_SETTING}`;
/** The HSM's settings, read once per run (shared by the rbac step's plan and this area). */
function readSettings(ctx) {
    return ctx.reads.once(READ, async () => listSettings(await dataPlane(ctx)));
}
/** Whether ARM may manage keys on the HSM; an HSM that does not list the setting has the service's default, off. */
function armKeyManagement(settings) {
    const s = settings.find(x => x.name.toLowerCase() === ARM_KEY_MANAGEMENT_SETTING.toLowerCase());
    return s?.value.toLowerCase() === 'true';
}
const onOff = (on) => (on ? 'on' : 'off');
/**
 * The rbac step's change when allow-key-management-through-arm names a value the HSM does not have. Not in
 * verify: there the difference is the posture finding below (critical), said once.
 */
async function settingChange(ctx) {
    const want = ctx.config.allowKeyManagementThroughArm;
    if (want === undefined || src_config/* MODE_TABLE */.TL[ctx.config.mode].proves)
        return undefined;
    // An HSM not active yet (plan before activate) answers no data-plane read; a new one has it off.
    const hsm = await readHsm(ctx);
    const on = hsm && hsmActive(hsm) ? armKeyManagement(await readSettings(ctx)) : false;
    if (on === want)
        return undefined;
    return {
        kind: 'update',
        id: `rbac.${ID}`,
        summary: `turn the HSM setting ${ARM_KEY_MANAGEMENT_SETTING} ${onOff(want)} (${INPUT}: ${want})`,
        details: [`${ARM_KEY_MANAGEMENT_SETTING}: ${onOff(on)} -> ${onOff(want)}`],
        async apply() {
            await updateSetting(await dataPlane(ctx), ARM_KEY_MANAGEMENT_SETTING, String(want));
        }
    };
}
const hsmSettings = {
    name: 'settings',
    // Read by verify; by apply and plan only when the input names a value (they may have to change it).
    applies: (ctx, hsm) => hsmActive(hsm) &&
        ctx.config.steps.some(s => s !== 'provision') &&
        (src_config/* MODE_TABLE */.TL[ctx.config.mode].proves || ctx.config.allowKeyManagementThroughArm !== undefined),
    prefetch(ctx, hsm) {
        const uri = hsm.properties?.hsmUri;
        if (!uri)
            return;
        // The client the steps use (run/context.ts dataPlane): one challenge cache per run.
        const plane = (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(ctx.signIn.credential, uri, hsm.properties?.tenantId));
        void ctx.reads.prefetch(READ, () => listSettings(plane));
    },
    async assess(ctx) {
        let settings;
        try {
            settings = await readSettings(ctx);
        }
        catch (e) {
            if (!denied(e))
                throw e;
            return {
                items: [
                    {
                        id: ID,
                        setting: ARM_KEY_MANAGEMENT_SETTING,
                        state: 'not checked (needs settings/read on the HSM: Managed HSM Administrator, or the read-only local role of docs/setup.md)',
                        severity: 'warning',
                        todo: "grant the identity a local role with Microsoft.KeyVault/managedHsm/settings/read/action (docs/setup.md, 'A read-only identity for verify')"
                    }
                ]
            };
        }
        return { items: [settingItem(ctx, armKeyManagement(settings))] };
    }
};
function settingItem(ctx, on) {
    const want = ctx.config.allowKeyManagementThroughArm;
    const base = { id: ID, setting: ARM_KEY_MANAGEMENT_SETTING };
    if (want === undefined) {
        if (!on)
            return { ...base, state: 'off', severity: 'ok' };
        return {
            ...base,
            state: 'on',
            severity: 'warning',
            finding: `${ARM_KEY_MANAGEMENT_SETTING} is on: ARM templates and the portal can create keys and read them on this HSM, around its local role assignments`,
            todo: `turn it off (az keyvault setting update --hsm-name ${ctx.config.hsmName} --name ${ARM_KEY_MANAGEMENT_SETTING} --value false), ` +
                `or set ${INPUT}: false for apply to keep it off (true accepts it)`
        };
    }
    if (on === want)
        return { ...base, state: `${onOff(on)} (${INPUT}: ${want})`, severity: 'ok' };
    const repair = ctx.config.steps.includes('rbac')
        ? `run mode: apply (its rbac step turns it ${onOff(want)} again)`
        : `add rbac to steps and run mode: apply, or turn it ${onOff(want)} with az keyvault setting update`;
    return {
        ...base,
        state: onOff(on),
        severity: 'critical',
        finding: `${ARM_KEY_MANAGEMENT_SETTING} is ${onOff(on)}, but ${INPUT} says ${want}: it was changed outside the action`,
        todo: `${repair}; find who changed it in the HSM's audit log`
    };
}

;// CONCATENATED MODULE: ./src/posture/access.ts











const access_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUILT_IN_IDS = new Set(Object.values(rbac_roles/* BUILT_IN_ROLES */.NS));
const ADMINISTRATOR_ID = rbac_roles/* BUILT_IN_ROLES */.NS['Managed HSM Administrator'];
const access = {
    name: 'access',
    applies: (ctx, hsm) => hsmActive(hsm) && ctx.config.steps.some(s => s === 'rbac' || s === 'key' || s === 'des'),
    prefetch(ctx) {
        // The same reads keyHolders joins: the role definitions, the three scopes' lists, the subscription's sets.
        void dataPlane(ctx)
            .then(plane => {
            ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => listRoleDefinitions(plane));
            void ctx.facts.roleDefinitions.catch(() => undefined);
            for (const scope of keyScopes(ctx.config.key.name))
                void ctx.reads.prefetch(`assignmentsAt:${scope}`, () => listRoleAssignments(plane, scope));
        })
            .catch(() => undefined);
        void ctx.reads.prefetch('des:*', () => desClient(ctx).listInSubscription());
    },
    async assess(ctx) {
        const { holders, items } = await keyHolders(ctx);
        return { holders, items: [...items, ...holders.filter(h => !h.intendedAs).map(h => holderItem(ctx, h))] };
    }
};
/** Every assignment that reaches the key, classified; shared by the posture and the rbac step's prune. */
async function keyHolders(ctx) {
    const [{ definitions, assignments: reaching }, intent] = await Promise.all([
        assignmentsReachingKey(ctx),
        readIntent(ctx)
    ]);
    const holders = reaching.map((a) => {
        const id = a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
        const def = definitions.find(d => d.name.toLowerCase() === id);
        // A role the HSM does not list cannot be read: it counts as everything (fail closed).
        const allows = def ? (0,capabilities/* capabilities */.R7)(def.properties.permissions) : [...capabilities/* ALL_CAPABILITIES */.JH];
        const principalId = a.properties.principalId.toLowerCase();
        const scope = normaliseScope(a.properties.scope);
        const holder = {
            principalId,
            roleName: def?.properties.roleName ?? id,
            roleId: id,
            custom: !BUILT_IN_IDS.has(id),
            scope,
            assignmentName: a.name,
            allows,
            intendedAs: intent.why(principalId, id, scope)
        };
        if (!holder.intendedAs)
            holder.severity = allows.some(c => capabilities/* CRITICAL_CAPABILITIES */.vK.has(c))
                ? 'critical'
                : intent.managed.has(principalId)
                    ? 'drift'
                    : 'warning';
        return holder;
    });
    return { holders, items: intent.items, incomplete: intent.incomplete };
}
const ENCRYPTION_USER_ID = rbac_roles/* BUILT_IN_ROLES */.NS['Managed HSM Crypto Service Encryption User'];
const RELEASE_USER_ID = rbac_roles/* BUILT_IN_ROLES */.NS['Managed HSM Crypto Service Release User'];
/**
 * Who is meant to hold roles on the key. Exact grants: role-assignments (and the action's Crypto User when the
 * key step runs), the des step's set identity and Orchestrator. The role a set that uses the key needs, at any
 * scope that reaches it, for the identities of other sets and the Orchestrator. Any role for the action's
 * identity, the administrators and known-principals.
 */
async function readIntent(ctx) {
    const { config } = ctx;
    const items = [];
    const incomplete = [];
    const keyScope = `/keys/${config.key.name}`.toLowerCase();
    const [self, signedIn, admins, sets] = await Promise.all([
        selfPrincipalId(ctx).then(p => p.toLowerCase()),
        ctx.signIn.principalId().then(p => p.toLowerCase()),
        desiredAdministrators(ctx),
        setsUsingKey(ctx, items, incomplete)
    ]);
    const byPrincipal = new Map();
    const declare = (id, why) => {
        if (!byPrincipal.has(id.toLowerCase()))
            byPrincipal.set(id.toLowerCase(), why);
    };
    declare(self, "the action's identity");
    // A nightly verify under its own identity (self-object-id): its read-only role is intended too.
    declare(signedIn, "this run's identity");
    for (const a of admins)
        declare(a, 'initial administrator');
    for (const p of config.knownPrincipals)
        declare(p, 'known-principals');
    const grants = [
        ...config.roleAssignments,
        ...(config.steps.includes('key') ? implicitForKeyStep() : [])
    ].map(w => ({
        roleId: roleId(w.role),
        principalId: w.principal === src_config/* SELF */.TK ? self : w.principal.toLowerCase(),
        scope: normaliseScope(w.scope).toLowerCase(),
        why: 'role-assignments'
    }));
    const managed = new Set(grants.map(g => g.principalId));
    const own = (s) => !!config.des &&
        s.name?.toLowerCase() === config.des.name.toLowerCase() &&
        (s.id ?? '').toLowerCase().includes(`/resourcegroups/${config.des.resourceGroup.toLowerCase()}/`);
    for (const s of sets) {
        const id = s.identity?.principalId?.toLowerCase();
        if (!id)
            continue;
        const scope = own(s) ? keyScope : undefined;
        if (own(s))
            managed.add(id);
        grants.push({
            roleId: ENCRYPTION_USER_ID,
            principalId: id,
            scope,
            why: `disk encryption set ${s.name ?? ''}`.trim()
        });
    }
    const cvm = sets.filter(s => s.properties?.encryptionType === src_config/* CVM_ENCRYPTION_TYPE */.su);
    const orchestratorId = cvm.length ? await access_orchestrator(ctx, items, incomplete) : undefined;
    if (orchestratorId) {
        const id = orchestratorId.toLowerCase();
        const scope = cvm.some(own) ? keyScope : undefined;
        if (scope)
            managed.add(id);
        grants.push({ roleId: RELEASE_USER_ID, principalId: id, scope, why: 'Confidential VM Orchestrator' });
    }
    return {
        why(principalId, role, scope) {
            const grant = grants.find(g => g.principalId === principalId &&
                g.roleId === role &&
                (g.scope === undefined || g.scope === scope.toLowerCase()));
            return grant?.why ?? byPrincipal.get(principalId);
        },
        managed,
        items,
        incomplete
    };
}
/** The sets of the subscription that use this key (the des step's own set always counts). */
async function setsUsingKey(ctx, items, incomplete) {
    const { config } = ctx;
    const hsmUri = ctx.facts.hsmUri ?? '';
    const own = config.des ? await readDes(ctx, desClient(ctx), config.des).catch(() => undefined) : undefined;
    let all = [];
    try {
        all = await readAllDes(ctx);
    }
    catch (e) {
        const status = statusOf(e);
        items.push({
            id: 'access.diskEncryptionSets',
            setting: 'Disk Encryption Sets that use the key',
            state: status === 403
                ? 'not checked (needs Reader on the subscription)'
                : `not checked: ${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]}`,
            severity: 'warning',
            finding: "Disk Encryption Sets that use the key were not checked: a set's identity would show as not intended",
            todo: "give the identity 'Reader' on the subscription, or name the sets' identities in known-principals"
        });
        incomplete.push('the Disk Encryption Sets of the subscription');
    }
    const using = all.filter(s => usesKey(s, hsmUri, config.hsmName, config.key.name));
    if (own && !using.some(s => s.id?.toLowerCase() === own.id?.toLowerCase()))
        using.push(own);
    return using;
}
/** The Confidential VM Orchestrator's object id: the input, this run's lookup, or Microsoft Graph. */
async function access_orchestrator(ctx, items, incomplete) {
    const given = ctx.config.des?.orchestratorObjectId ?? ctx.facts.orchestratorObjectId;
    if (given)
        return given;
    try {
        return (await readOrchestrator(ctx))?.id;
    }
    catch (e) {
        items.push({
            id: 'access.orchestrator',
            setting: 'Confidential VM Orchestrator',
            state: `not looked up: ${(0,errors/* errorMessage */.gJ)(e).split('\n')[0]}`,
            severity: 'warning',
            finding: 'the Confidential VM Orchestrator could not be looked up: its role assignments would show as not intended',
            todo: 'set cvm-orchestrator-object-id, or give the identity the Graph permission Application.Read.All'
        });
        incomplete.push('the Confidential VM Orchestrator');
        return undefined;
    }
}
/** The finding for a holder that is not intended: who, what role where, what it allows, what to do. */
function holderItem(ctx, h) {
    const allows = h.allows.map(c => capabilities/* CAPABILITY_WORDS */.$f[c]).join(', ') || 'nothing on the key';
    const role = `'${h.roleName}'${h.custom ? ' (custom role)' : ''}`;
    const todo = [];
    if (access_GUID.test(h.assignmentName))
        todo.push(`remove it (az keyvault role assignment delete --hsm-name ${ctx.config.hsmName} --scope ${h.scope} --name ${h.assignmentName}, or prune-role-assignments: true)`);
    if (access_GUID.test(h.principalId))
        todo.push(`or, if it is meant to be, add '${h.custom ? h.roleId : h.roleName} | ${h.principalId} | ${h.scope}' to role-assignments or ${h.principalId} to known-principals`);
    return {
        id: `access.${h.assignmentName}`,
        setting: 'role assignment',
        state: `${role} for ${h.principalId} at ${h.scope}: not intended`,
        severity: h.severity ?? 'warning',
        finding: `${role} for ${h.principalId} at ${h.scope} is not intended: it can ${allows}`,
        details: [`assignment name ${h.assignmentName}`, `role definition ${h.roleId}`],
        todo: todo.join(' ')
    };
}

;// CONCATENATED MODULE: ./src/steps/rbac-prune.ts
/**
 * prune-role-assignments: the rbac step removes the role assignments that reach the key and are not intended
 * (posture/access.ts says which), listed first in the plan. Never an intended holder's, and never the last
 * Managed HSM Administrator at `/`; refused when who is intended could not be read in full.
 */





async function planPrune(ctx) {
    const { holders, incomplete } = await keyHolders(ctx);
    const unintended = holders.filter(h => !h.intendedAs);
    if (unintended.length === 0)
        return { changes: [], notes: [] };
    if (incomplete.length)
        throw new errors/* ConflictError */.fK(`prune-role-assignments: ${incomplete.join(' and ')} could not be read, so an assignment they hold would look unintended`, 'give the identity the reads the posture table names, or name those principals in known-principals; then rerun');
    const isAdmin = (h) => h.roleId === ADMINISTRATOR_ID && h.scope === '/';
    const adminsLeft = holders.filter(h => isAdmin(h) && h.intendedAs).length;
    const notes = [];
    const removable = unintended.filter(h => {
        if (!isAdmin(h) || adminsLeft > 0)
            return true;
        notes.push(`kept role assignment ${h.assignmentName} ('${h.roleName}' for ${h.principalId} at /): it is the last Managed HSM Administrator`);
        return false;
    });
    const plane = await dataPlane(ctx);
    return {
        changes: removable.map((h) => ({
            kind: 'delete',
            id: `rbac.prune.${h.assignmentName}`,
            summary: `remove '${h.roleName}' of ${h.principalId} at scope ${h.scope} (not intended)`,
            details: [`assignment name ${h.assignmentName}`],
            async apply() {
                await deleteRoleAssignment(plane, {
                    scope: h.scope,
                    name: h.assignmentName,
                    principalId: h.principalId
                });
                log/* info */.pq(`  removed role assignment ${h.assignmentName}`);
            }
        })),
        notes
    };
}

;// CONCATENATED MODULE: ./src/steps/rbac.ts




const rbac = {
    name: 'rbac',
    async plan(ctx) {
        await refuseBroadRelease(ctx);
        const [wanted, setting] = await Promise.all([
            planAssignments(ctx, desiredInputs(ctx)),
            settingChange(ctx)
        ]);
        const changes = [...wanted.changes, ...(setting ? [setting] : [])];
        if (!ctx.config.pruneRoleAssignments)
            return { ...wanted, changes };
        // Removals first, so the plan lists them before anything is granted.
        const prune = await planPrune(ctx);
        return { changes: [...prune.changes, ...changes], notes: [...prune.notes, ...wanted.notes] };
    },
    async finish() { },
    prefetch: ctx => hsm => {
        const wanted = desiredInputs(ctx);
        if (wanted.length === 0)
            return;
        const plane = hsm.plane();
        prefetchRoleDefinitions(ctx, plane);
        prefetchAssignments(ctx, plane, wanted.map(w => w.principal));
    }
};
/** What the inputs ask for, plus Crypto User for the signed-in identity when the key step runs. */
function desiredInputs(ctx) {
    const wanted = [...ctx.config.roleAssignments];
    if (ctx.config.steps.includes('key'))
        wanted.push(...implicitForKeyStep());
    return wanted;
}

;// CONCATENATED MODULE: ./src/steps/index.ts





const STEPS = { provision: provision, activate: activate, rbac: rbac, key: key, des: des };

;// CONCATENATED MODULE: ./src/run/timed.ts
/** Times a step or a single-purpose mode: the engine's steps and the modes record their results alike. */


/** Runs one step (or single-purpose mode) in a log group, recording its result and duration. */
async function timed(name, results, body) {
    const result = {
        step: name,
        status: 'failed',
        changes: [],
        notes: [],
        checks: [],
        durationMs: 0
    };
    results.push(result);
    const started = Date.now();
    try {
        await log/* group */.Os(name, () => body(result));
    }
    catch (e) {
        result.error = (0,errors/* errorMessage */.gJ)(e);
        throw e;
    }
    finally {
        result.durationMs = Date.now() - started;
    }
}

;// CONCATENATED MODULE: ./src/modes/run-steps.ts
/**
 * One implementation behind the three modes: every step plans (reads Azure, compares with the inputs);
 * apply then runs the changes, plan prints them, verify reports them as drift and adds the read-only
 * proofs. So verify can never disagree with apply about what "converged" means.
 */





/** apply: changes what differs. Throws on the first failing step (later steps depend on it). */
async function applyStep(ctx, name, results) {
    await timed(name, results, async (result) => {
        const step = STEPS[name];
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
    await timed(name, results, async (result) => {
        const step = STEPS[name];
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
                log/* warning */.$e(`${name}: ${(0,report_findings/* finding */.gk)({ ...c, step: name }, mode).text}`);
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

;// CONCATENATED MODULE: ./src/posture/audit.ts



const audit_READ = 'diagnosticSettings';
const SETTING = 'HSM audit log (AuditEvent)';
function hsmId(ctx, hsm) {
    return hsm.id ?? ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName);
}
function audit_read(ctx, id) {
    return ctx.reads.once(audit_READ, () => armReader(ctx).diagnosticSettings(id));
}
const audit = {
    name: 'audit',
    applies: ctx => src_config/* MODE_TABLE */.TL[ctx.config.mode].proves,
    prefetch(ctx, hsm) {
        const id = hsmId(ctx, hsm);
        void ctx.reads.prefetch(audit_READ, () => armReader(ctx).diagnosticSettings(id));
    },
    async assess(ctx) {
        const hsm = await readHsm(ctx);
        if (!hsm)
            return { items: [] };
        let settings;
        try {
            settings = await audit_read(ctx, hsmId(ctx, hsm));
        }
        catch (e) {
            if (!denied(e))
                throw e;
            return {
                items: [
                    {
                        id: 'audit.diagnosticSettings',
                        setting: SETTING,
                        state: `not checked (needs Reader on the HSM '${ctx.config.hsmName}': Microsoft.Insights/diagnosticSettings/read)`,
                        severity: 'warning',
                        todo: "grant the identity Reader on the HSM or its resource group (docs/setup.md, 'Permissions by mode')"
                    }
                ]
            };
        }
        return { items: [auditItem(ctx, settings)] };
    }
};
/** A log entry that carries the HSM's audit events. */
function carriesAudit(l) {
    if (l.enabled !== true)
        return false;
    return (l.category?.toLowerCase() === 'auditevent' ||
        ['audit', 'alllogs'].includes(l.categoryGroup?.toLowerCase() ?? ''));
}
/** Where a setting sends its logs, in words; empty when it sends them nowhere. */
function destinations(p) {
    const out = [];
    const set = (v) => typeof v === 'string' && v.trim() !== '';
    if (set(p.workspaceId))
        out.push(`Log Analytics workspace '${lastSegment(p.workspaceId)}'`);
    if (set(p.storageAccountId))
        out.push(`storage account '${lastSegment(p.storageAccountId)}'`);
    if (set(p.eventHubAuthorizationRuleId))
        out.push('an event hub');
    if (set(p.marketplacePartnerId))
        out.push(`partner solution '${lastSegment(p.marketplacePartnerId)}'`);
    return out;
}
function auditItem(ctx, settings) {
    const base = { id: 'audit.diagnosticSettings', setting: SETTING };
    const sending = settings
        .map(s => ({ name: s.name ?? '?', p: s.properties ?? {} }))
        .filter(s => (s.p.logs ?? []).some(carriesAudit) && destinations(s.p).length > 0);
    if (sending.length > 0)
        return {
            ...base,
            state: sending
                .map(s => `sent to ${destinations(s.p).join(' and ')} (diagnostic setting '${s.name}')`)
                .join('; '),
            severity: 'ok'
        };
    return {
        ...base,
        state: settings.length === 0
            ? 'no diagnostic setting'
            : `${settings.length} diagnostic setting(s), none sending AuditEvent anywhere`,
        severity: 'warning',
        finding: "no diagnostic setting sends the HSM's AuditEvent log anywhere: who read, released or changed the key is recorded nowhere anyone can look",
        todo: `create a diagnostic setting on the HSM that sends the audit category group to a Log Analytics workspace or storage account ` +
            `(az monitor diagnostic-settings create --resource ${ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName)} ` +
            `--name audit --logs '[{"categoryGroup":"audit","enabled":true}]' --workspace WORKSPACE_ID)`
    };
}

;// CONCATENATED MODULE: ./src/posture/hsm-exposure.ts

const hsmExposure = {
    name: 'exposure',
    applies: () => true,
    async assess(ctx) {
        const hsm = await readHsm(ctx);
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
    const desired = await desiredAdministrators(ctx).catch(() => undefined);
    if (desired && desired.join() === actual.join())
        return { ...base, severity: 'ok' };
    return {
        ...base,
        severity: 'info',
        finding: `the HSM's initial administrators are ${actual.join(', ') || 'none'}, set at creation; they hold Managed HSM Administrator at / unless it was removed`,
        todo: 'initial administrators cannot change; remove their Administrator role assignment if they should no longer hold it'
    };
}

;// CONCATENATED MODULE: ./src/posture/stores.ts
/**
 * The escrow stores' own protections, read through ARM: each Key Vault the escrow uses has soft delete and
 * purge protection on; each storage account refuses public blob access and shared-key access, and its blob
 * service keeps versions and deleted blobs (or the escrow's container has an immutability policy). Without
 * them, whoever may delete or overwrite the store can destroy the only way to recover the HSM. A missing
 * protection is a warning naming the store and the setting; a store the identity may not read is said so.
 *
 * Finding a store: its URL names it, not its resource group. The read that needs least is a GET of the
 * resource in the HSM's resource group (Reader on the store alone is enough, one request, sent with the other
 * reads once ARM has answered for the HSM); only a store elsewhere costs a subscription-wide list, which needs
 * read access at the subscription. Verify only.
 */



const TYPE = { vault: 'Microsoft.KeyVault/vaults', account: 'Microsoft.Storage/storageAccounts' };
const API = { vault: API_VERSIONS.vaults, account: API_VERSIONS.storage };
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
    return ctx.reads.once(`arm:${id.toLowerCase()}`, () => armReader(ctx).get(what, id, api));
}
function prefetchResource(ctx, what, id, api) {
    void ctx.reads.prefetch(`arm:${id.toLowerCase()}`, () => armReader(ctx).get(what, id, api));
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
        if (denied(e))
            return { missing: 'denied' };
        throw e;
    }
    // Not in the HSM's resource group: the subscription's list of that type says where.
    try {
        const all = await ctx.reads.once(`armList:${TYPE[s.kind]}`, () => armReader(ctx).listInSubscription(TYPE[s.kind], API[s.kind]));
        const r = all.find(x => x.name?.toLowerCase() === s.name);
        return r?.id ? { resource: { ...r, id: r.id } } : { missing: 'absent' };
    }
    catch (e) {
        if (denied(e))
            return { missing: 'list-denied' };
        throw e;
    }
}
const stores = {
    name: 'stores',
    applies: ctx => src_config/* MODE_TABLE */.TL[ctx.config.mode].proves && escrowStores(ctx).length > 0,
    prefetch(ctx) {
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
        if (!denied(e))
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
            if (denied(e))
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







const escrow_identity_PIN = 'expected-security-domain-sha256';
/**
 * Judges an escrowed security domain against the custody (undefined: the wrapping keys were not read, so
 * only the quorum is judged) and the configured quorum. Never quotes the file (format errors name a path).
 */
function judgeSecurityDomain(text, custody, quorum) {
    let sd;
    try {
        sd = parseSecurityDomain(text);
    }
    catch (e) {
        if (e instanceof format_SecurityDomainFormatError)
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
    return ctx.reads.once(`escrow:${store.url}`, () => checkEscrow(store));
}
function sdStores(ctx) {
    return storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
}
/** The generated wrapping keys' stores, read only by verify (its escrow proof reads them anyway). */
function keyStores(ctx, kind) {
    const a = ctx.config.activation;
    if (kind !== 'verify' || a.certificates.length > 0 || a.wrappingKeyStores.length === 0)
        return [];
    return storesFor((0,stores_targets/* keyTargets */.mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
}
/** This custody's keys: the custodians' certificates, or those escrowed with the generated keys (verify only). */
async function custodyOf(ctx, mode) {
    const a = ctx.config.activation;
    if (a.certificates.length > 0)
        return {
            thumbprints: new Set(a.certificates.map(c => (0,security_domain_certificates/* parseCertificate */.hB)(c).x5tS256)),
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
    const bundle = parseKeyBundle(content.toString('utf8'));
    if (!bundle)
        return [];
    try {
        return [(0,security_domain_certificates/* parseCertificate */.hB)(bundle.certificatePem).x5tS256];
    }
    catch (e) {
        if (e instanceof security_domain_certificates/* CertificateError */.EE)
            return [];
        throw e;
    }
}
const escrowIdentity = {
    name: 'escrow-identity',
    applies: (ctx, hsm) => ctx.config.steps.includes('activate') &&
        ctx.config.activation.securityDomainStores.length > 0 &&
        hsmActive(hsm),
    prefetch(ctx) {
        const kind = src_config/* MODE_TABLE */.TL[ctx.config.mode].proves ? 'verify' : 'apply';
        for (const s of [...sdStores(ctx), ...keyStores(ctx, kind)])
            void ctx.reads.prefetch(`escrow:${s.url}`, () => checkEscrow(s));
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
                    sha256: sha256Hex(c.content),
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
    const setting = `escrow pinned (${escrow_identity_PIN})`;
    if (!pinned) {
        return [
            {
                id: 'escrow.pin',
                setting,
                state: 'not set',
                severity: 'warning',
                finding: `the escrowed security domain is not pinned (${escrow_identity_PIN} is empty): which security domain it is rests on write access to security-domain-store alone`,
                details: copies.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
                todo: `set ${escrow_identity_PIN} in the workflow file (a reviewed commit) to the SHA-256 the activating run gave ` +
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
            finding: `escrowed security domain is not the pinned one: ${escrow_identity_PIN} is ${pinned}`,
            details: other.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
            todo: downloaded && other.every(c => c.sha256 === downloaded)
                ? `this run activated the HSM and escrowed a new security domain (SHA-256 ${downloaded}): set ${escrow_identity_PIN} to it in a reviewed commit`
                : `put the pinned security domain (SHA-256 ${pinned}) back from another store or the object's version history; ` +
                    `change ${escrow_identity_PIN} only in a reviewed commit, and only if this HSM was activated again`
        }
    ];
}

;// CONCATENATED MODULE: ./src/posture/key-versions.ts
/**
 * Every enabled version of the key, and the HSM's other exportable keys. A VM pinned to an older version gets
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
    applies: (ctx, hsm) => hsmActive(hsm) && ctx.config.steps.includes('key') && !!ctx.config.key.policy,
    prefetch(ctx, hsm) {
        const uri = hsm.properties?.hsmUri;
        if (!uri)
            return;
        const tenant = hsm.properties?.tenantId;
        const keys = (ctx.facts.keys ??= new ManagedHsmKeys(ctx.signIn.credential, uri, tenant));
        prefetchKeyVersions(ctx, keys);
        const plane = (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(ctx.signIn.credential, uri, tenant));
        void ctx.reads
            .prefetch('keyItems', () => listKeyItems(plane))
            .then(items => {
            for (const name of unmanagedExportable(ctx, items ?? []))
                void ctx.reads.prefetch(`keyLatest:${name}`, () => keys.read(name));
        });
    },
    async assess(ctx) {
        const keys = await keysClient(ctx);
        const [versions, others] = await Promise.all([versionItems(ctx, keys), unmanagedItems(ctx, keys)]);
        return { items: [...versions, ...others] };
    }
};
async function versionItems(ctx, keys) {
    const k = ctx.config.key;
    let read;
    try {
        read = await readKeyVersions(ctx, keys);
    }
    catch (e) {
        if (statusOf(e) !== 403)
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
    const { policy } = await desiredPolicy(ctx);
    const judge = (v) => judgeKeyVersion(v, policy, k, ctx.config.cloud);
    const items = read.others.map(v => versionItem(ctx, v, judge(v), false));
    // The version in effect is the key step's to compare; a weaker one is critical here as well.
    const inEffect = judge(read.current);
    items.unshift(inEffect.verdict === 'weaker'
        ? versionItem(ctx, read.current, inEffect, true)
        : {
            id: `keyVersion.${versionOf(read.current)}`,
            setting: `key '${k.name}' version ${versionOf(read.current)}`,
            state: 'in effect (KEK_KID); compared with the inputs by the key step',
            severity: 'ok'
        });
    return items;
}
function versionItem(ctx, v, j, inEffect) {
    const name = ctx.config.key.name;
    const id = versionOf(v);
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
        .map(i => keyNameOf(i.kid))
        .filter(n => n && n.toLowerCase() !== own);
}
async function unmanagedItems(ctx, keys) {
    const setting = 'exportable keys this action does not manage';
    let items;
    try {
        const plane = await dataPlane(ctx);
        items = await ctx.reads.once('keyItems', () => listKeyItems(plane));
    }
    catch (e) {
        if (statusOf(e) !== 403)
            throw e;
        return [{ id: 'unmanagedKeys', setting, state: NEEDS_KEYS, severity: 'warning' }];
    }
    const names = unmanagedExportable(ctx, items);
    const read = await Promise.all(names.map(name => ctx.reads
        .once(`keyLatest:${name}`, () => keys.read(name))
        .then(key => ({ name, key }), (e) => {
        if (statusOf(e) !== 403)
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
        policy = versionPolicy(key);
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
    access,
    keyVersions,
    escrowIdentity,
    hsmSettings,
    hsmExposure,
    audit,
    stores
];

;// CONCATENATED MODULE: ./src/posture/index.ts
/**
 * Runs the posture assessors that apply to this run, together, and turns what they find into drift-report
 * checks: `posture.<id>`, with the item's severity. A failed assessor is one check that could not be made.
 */





/** Starts the applicable assessors' reads, once ARM has answered for the HSM. */
function prefetchPosture(ctx, hsm) {
    for (const a of ASSESSORS)
        if (a.applies(ctx, hsm))
            a.prefetch?.(ctx, hsm);
}
/** Every applicable area of the HSM as it is now (none when it does not exist). */
async function assessPosture(ctx, mode) {
    const hsm = await readHsm(ctx);
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

;// CONCATENATED MODULE: ./src/modes/posture-run.ts
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
        return await log/* group */.Os('posture', async () => {
            const posture = await assessPosture(ctx, mode);
            if (posture.areas.length === 0)
                log/* debug */.Yz('posture: nothing to assess');
            else {
                const n = strangers(posture.holders).length;
                log/* info */.pq(`posture: ${posture.areas.join(', ')} assessed` +
                    (posture.holders
                        ? `; ${posture.holders.length} role assignment(s) reach the key, ${n} not intended`
                        : ''));
                logPosture(posture);
            }
            return { posture };
        });
    }
    catch (e) {
        return { error: `posture: ${(0,errors/* errorMessage */.gJ)(e)}` };
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
        for (const name of config.steps)
            if (!(await attempt(run, name, true, () => applyStep(ctx, name, run.results))))
                break;
        // The key's role assignments beside its backup, once every step has granted its own: recover names from
        // this record what the inputs do not list.
        if (run.failures.length === 0 && config.keyBackup && config.steps.includes('key'))
            try {
                await log/* group */.Os('key role assignments record', () => recordKeyRoles(ctx));
            }
            catch (e) {
                run.failures.push((0,errors/* failureOf */.g5)(e));
            }
        // An apply that failed says where it stopped instead.
        if (run.failures.length)
            return;
        await postureInto(ctx, run, 'apply');
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
    dataPlane: config => config.steps.some(s => s !== 'provision')
};

;// CONCATENATED MODULE: ./src/modes/read-only.ts



async function readSteps(ctx, run, kind) {
    // Every step is reported, except after a failed sign-in, which every later step would only repeat.
    for (const name of ctx.config.steps)
        if (!(await attempt(run, name, false, () => readOnlyStep(ctx, name, run.results, kind))))
            break;
    if (!run.signInFailed)
        await postureInto(ctx, run, kind);
}
const read_only_dataPlane = config => config.steps.some(s => s !== 'provision');
const PLAN = {
    run: (ctx, run) => readSteps(ctx, run, 'plan'),
    drift: 'plan',
    dataPlane: read_only_dataPlane,
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
        const of = `${counts.join(', ')} (of ${r.config.steps.length} step(s))`;
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
    dataPlane: read_only_dataPlane,
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
;// CONCATENATED MODULE: ./src/run/reads.ts
/**
 * One read per resource for the run: a read started early (engine/prefetch.ts) or by an earlier step is joined
 * rather than sent again, so the steps still plan one after another (same logs, same refusals) while their
 * reads are already on the wire. Any write forgets every read (what was read may no longer be true); a
 * failed read is handed to one caller, as its own read would have been, and the next caller reads again.
 */
class Reads {
    enabled;
    entries = new Map();
    /** Off for the single-purpose modes, which write between their reads: every call then reads. */
    constructor(enabled) {
        this.enabled = enabled;
    }
    /** The read of `key`: joined when one is in flight or done, else started now. */
    once(key, read) {
        if (!this.enabled)
            return read();
        const held = this.entries.get(key);
        if (held) {
            held.taken = true;
            if (held.failed)
                this.entries.delete(key);
            return held.promise;
        }
        return this.start(key, read, true);
    }
    /** Starts the read of `key` for a later caller; nobody waits for it yet, so its failure is kept for them. */
    prefetch(key, read) {
        if (!this.enabled)
            return Promise.resolve(undefined);
        const held = this.entries.get(key);
        const p = held && !held.failed ? held.promise : this.start(key, read, false);
        return p.catch(() => undefined);
    }
    /** A write is about to happen or has happened: nothing read so far may be reused. */
    forget() {
        this.entries.clear();
    }
    start(key, read, taken) {
        let promise;
        try {
            promise = read();
        }
        catch (e) {
            promise = Promise.reject(e);
        }
        const entry = { promise: promise, failed: false, taken };
        this.entries.set(key, entry);
        promise.catch(() => {
            entry.failed = true;
            if (entry.taken && this.entries.get(key) === entry)
                this.entries.delete(key);
        });
        return promise;
    }
}

;// CONCATENATED MODULE: ./src/azure/security-domain-upload.ts
/**
 * Restoring a security domain into a new HSM over the data plane (protocol notes §2.3, §2.4): the HSM's
 * transfer key (GET /securitydomain/upload), the upload of the restore blob wrapped to it (POST, 202) and
 * the upload status (GET /securitydomain/upload/pending: InProgress until Success or Failed). All of it
 * needs the Managed HSM Administrator role, which the initial administrators hold.
 */


const security_domain_upload_ADMIN_HINT = (_c, status) => status === 403
    ? "only a 'Managed HSM Administrator' can restore a security domain: list the signed-in identity (or 'self') in administrators when the HSM is created"
    : undefined;
/** The transfer key: a JSON string holding an RSA JWK with x5c (what buildRestoreBlob takes). */
async function getTransferKey(hsm) {
    const r = await hsm.send('read the transfer key for the security domain upload', 'GET', '/securitydomain/upload', { hint: security_domain_upload_ADMIN_HINT });
    if (!r.body?.transfer_key)
        throw new Error('the transfer-key answer holds no transfer_key');
    return r.body.transfer_key;
}
/** Sends the restore blob (its JSON text); the HSM answers 202 and restores it in the background. */
async function uploadSecurityDomain(hsm, restoreBlob) {
    await hsm.send('upload the security domain (restore)', 'POST', '/securitydomain/upload', {
        body: { value: restoreBlob },
        ok: [200, 202],
        hint: (code, status) => status === 400
            ? 'the HSM refuses an upload once it is active (it already holds a security domain)'
            : status === 409
                ? 'another security-domain operation is under way on this HSM; rerun in a few minutes'
                : security_domain_upload_ADMIN_HINT(code, status)
    });
}
/** The status of the last upload, or undefined when none was ever started. */
async function uploadStatus(hsm) {
    return absentOn404(async () => {
        const r = await hsm.send('read the security domain upload status', 'GET', '/securitydomain/upload/pending', { hint: security_domain_upload_ADMIN_HINT });
        return normaliseStatus(r.body?.status, r.body?.status_details);
    });
}

;// CONCATENATED MODULE: ./src/azure/disks.ts

const DISKS_API_VERSION = '2025-01-02';
/** The Disk Encryption Set ids a disk names (either property), lower-cased for comparison. */
function diskEncryptionSetIds(disk) {
    const p = disk.properties;
    return [p?.encryption?.diskEncryptionSetId, p?.securityProfile?.secureVMDiskEncryptionSetId]
        .filter((id) => typeof id === 'string' && id.length > 0)
        .map(id => id.toLowerCase());
}
class Disks {
    subscriptionId;
    api;
    constructor(credential, subscriptionId, endpoint) {
        this.subscriptionId = subscriptionId;
        this.api = new JsonApi(credential, endpoint, 'Azure Resource Manager');
    }
    /** Every managed disk of the subscription, following nextLink on the resource manager's own origin only. */
    async listInSubscription() {
        const disks = [];
        let path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/disks`;
        let query = { 'api-version': DISKS_API_VERSION };
        for (let page = 0; page < 100; page++) {
            const r = await this.api.send('list the managed disks of the subscription', 'GET', path, {
                query,
                hint: (_c, status) => status === 403
                    ? "the signed-in identity needs 'Microsoft.Compute/disks/read' on the subscription (docs/setup.md's custom role) to find the disks a disk encryption set encrypts"
                    : undefined
            });
            disks.push(...(r.body?.value ?? []));
            const next = r.body?.nextLink;
            if (!next)
                break;
            const url = new URL(next);
            if (url.origin !== new URL(this.api.endpoint).origin)
                throw new Error(`the disk list's nextLink leaves ${this.api.endpoint}: ${url.origin}`);
            path = url.pathname;
            query = Object.fromEntries(url.searchParams);
        }
        return disks;
    }
}

;// CONCATENATED MODULE: ./src/modes/teardown-des.ts
/**
 * teardown's dependents: the Disk Encryption Sets of the subscription whose key (active or previous) is on
 * the HSM, and the managed disks those sets encrypt. Deleting the HSM takes the key from under them: every
 * disk of such a set becomes unreadable for good once the HSM is purged. So teardown refuses while a set
 * uses the HSM's keys, naming the sets and their disks; with delete-disk-encryption-sets it deletes the sets
 * first, and only sets no disk uses. A set's tags never decide it: the key URL it holds does. When a list
 * cannot be read, teardown refuses rather than guess.
 */





function dependentReads(ctx) {
    let sets;
    let disks;
    const disksClient = () => new Disks(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager);
    return {
        sets: () => (sets ??= desClient(ctx).listInSubscription()),
        disks: () => (disks ??= disksClient().listInSubscription())
    };
}
const SETUP_HINT = "grant the read at subscription scope (docs/setup.md's custom role lists Microsoft.Compute/diskEncryptionSets/read and Microsoft.Compute/disks/read), then rerun";
/**
 * Makes sure nothing is left pointing at the HSM's keys before it goes: refuses (nothing deleted) when a set
 * uses them and delete-disk-encryption-sets is off, or when a disk uses such a set; else deletes the sets.
 */
async function clearDependents(ctx, hsmName, result, reads) {
    const host = `${hsmName}.${ctx.cloud.managedHsmSuffix}`.toLowerCase();
    let sets;
    try {
        sets = (await reads.sets()).filter(s => keyHosts(s).includes(host));
    }
    catch (e) {
        throw new errors/* ConflictError */.fK(`teardown cannot tell whether disk encryption sets use the keys of Managed HSM '${hsmName}': ${(0,errors/* errorMessage */.gJ)(e)}. Nothing was deleted.`, SETUP_HINT);
    }
    const note = 'disk encryption sets in other subscriptions are not checked: a set there that uses these keys loses them too';
    if (!result.notes.includes(note))
        result.notes.push(note);
    if (sets.length === 0)
        return;
    let disks;
    try {
        disks = await reads.disks();
    }
    catch (e) {
        throw new errors/* ConflictError */.fK(`teardown cannot read the managed disks of the subscription, so it cannot tell which disks the disk encryption set(s) ${teardown_des_names(sets)} encrypt with keys of Managed HSM '${hsmName}': ${(0,errors/* errorMessage */.gJ)(e)}. Nothing was deleted.`, SETUP_HINT);
    }
    const dependents = sets.map(set => ({
        set,
        disks: disks.filter(d => diskEncryptionSetIds(d).includes((set.id ?? '').toLowerCase()))
    }));
    const inUse = dependents.filter(d => d.disks.length > 0);
    if (inUse.length > 0)
        throw new errors/* ConflictError */.fK([
            `Managed HSM '${hsmName}' holds the keys of disk encryption sets that disks use; deleting it would make those disks unreadable for good. Nothing was deleted:`,
            ...inUse.map(d => `- ${setName(d.set)}: ${d.disks.map(diskName).join(', ')}`)
        ].join('\n'), 'delete these disks, or move them to a disk encryption set whose key is elsewhere, then rerun teardown');
    if (!ctx.config.deleteDiskEncryptionSets)
        throw new errors/* ConflictError */.fK(`disk encryption set(s) ${teardown_des_names(sets)} use keys of Managed HSM '${hsmName}' (no disk uses them); deleting the HSM would leave them pointing at a deleted key. Nothing was deleted.`, "set delete-disk-encryption-sets: 'true' to delete these sets first, or point them at a key elsewhere, then rerun teardown");
    for (const { set } of dependents)
        await deleteSet(ctx, set, result);
}
/** The hosts of the keys a set holds: its active key and the previous ones still in rotation. */
function keyHosts(set) {
    const urls = [set.properties?.activeKey?.keyUrl, ...(set.properties?.previousKeys ?? []).map(k => k.keyUrl)];
    return urls.flatMap(u => {
        try {
            return u ? [new URL(u).host.toLowerCase()] : [];
        }
        catch {
            return [];
        }
    });
}
const setName = (s) => `'${s.name ?? s.id ?? '?'}'`;
const teardown_des_names = (sets) => sets.map(setName).join(', ');
const diskName = (d) => `disk '${d.name ?? d.id ?? '?'}'${d.managedBy ? ` (attached to ${d.managedBy.split('/').pop()})` : ''}`;
/** The resource group of an ARM resource id. */
function resourceGroupOf(id) {
    const parts = id.split('/');
    const i = parts.findIndex(p => p.toLowerCase() === 'resourcegroups');
    return i >= 0 ? (parts[i + 1] ?? '') : '';
}
async function deleteSet(ctx, set, result) {
    const client = desClient(ctx);
    const name = set.name ?? '';
    const rg = resourceGroupOf(set.id ?? '');
    log/* info */.pq(`teardown: deleting disk encryption set '${name}' (no disk uses it; delete-disk-encryption-sets)`);
    await client.submitDelete(rg, name);
    await (0,wait/* waitUntil */.a0)(async () => {
        const still = await client.get(rg, name);
        return { value: undefined, done: !still, status: still?.properties?.provisioningState ?? 'Deleting' };
    }, {
        what: 'disk encryption set deletion',
        service: 'Azure Resource Manager',
        deadline: ctx.deadline,
        schedule: [2000, 5000, 10000]
    });
    result.changes.push(`deleted disk encryption set '${name}' (it used a key of this HSM; no disk used it)`);
}
/** disk-encryption-set named in the inputs but not using this HSM's keys: said, and left alone. */
async function noteNamedSet(ctx, result) {
    const d = ctx.config.des;
    if (!d || result.changes.some(c => c.startsWith(`deleted disk encryption set '${d.name}'`)))
        return;
    const current = await desClient(ctx).get(d.resourceGroup, d.name);
    if (!current)
        return;
    const note = isManaged(current, ctx.config.hsmName)
        ? `disk encryption set '${d.name}' is tagged as this action's for '${ctx.config.hsmName}' but uses no key of it: left alone (a tag never decides a deletion)`
        : `disk encryption set '${d.name}' was not created by this action and uses no key of '${ctx.config.hsmName}': left alone`;
    result.notes.push(note);
    log/* warning */.$e(`teardown: ${note}`);
}

;// CONCATENATED MODULE: ./src/modes/teardown-expiry.ts

/** How ARM records an application (or managed identity) and a user in createdByType. */
const APPLICATION_TYPES = ['application', 'managedidentity'];
function expiryVerdict(hsm, rule, now = Date.now()) {
    const kept = (why) => ({ expired: false, why: `left alone (${why})` });
    const sd = hsm.systemData;
    const by = sd?.createdBy ?? '';
    const type = sd?.createdByType ?? '';
    if (!by)
        return kept('Azure records no creator for it: the clean-up tears down only HSMs teardown-creators made');
    if (!rule.creators.some(c => isCreator(c, by, type)))
        return kept(`created by ${shown(type || 'an identity')} '${shown(by)}', not one of teardown-creators`);
    const created = sd?.createdAt ? new Date(sd.createdAt).getTime() : NaN;
    if (Number.isNaN(created))
        return kept('Azure records no creation time for it');
    const createdIso = new Date(created).toISOString();
    const until = created + rule.lifetimeMs;
    if (until > now)
        return kept(`not expired until ${new Date(until).toISOString()}: created ${createdIso}, teardown-lifetime ${rule.lifetime}`);
    const tag = hsm.tags?.[src_config/* EXPIRES_AT_TAG */["if"]];
    if (tag !== undefined) {
        const at = Date.parse(tag);
        if (Number.isNaN(at))
            return kept(`its ${src_config/* EXPIRES_AT_TAG */["if"]} tag '${shown(tag)}' is not a date: a tag can postpone a teardown, fix or remove it`);
        if (at > now)
            return kept(`not expired until ${new Date(at).toISOString()}: its ${src_config/* EXPIRES_AT_TAG */["if"]} tag postpones it`);
    }
    return {
        expired: true,
        why: `created by ${shown(type)} '${shown(by)}' at ${createdIso}, more than teardown-lifetime ${rule.lifetime} ago`
    };
}
function isCreator(c, by, type) {
    if (c.id !== by.toLowerCase())
        return false;
    const t = type.toLowerCase();
    return c.kind === 'user' ? t === 'user' : APPLICATION_TYPES.includes(t);
}
/** A value from Azure in a message: escaped where it is printed, and kept short here. */
function shown(value) {
    return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

;// CONCATENATED MODULE: ./src/modes/teardown.ts
/**
 * mode: teardown — ends an ephemeral environment so its name and its billing end: deletes the HSM and,
 * where purge protection allows, purges it. Refuses without confirm-teardown set to the exact HSM name;
 * with only-if-expired (for scheduled clean-up jobs) it acts only on an HSM that Azure records as made by
 * one of teardown-creators more than teardown-lifetime ago (teardown-expiry.ts); a tag can only postpone that.
 *
 * With hsm-name `*` or `PREFIX*` (confirmed by the same pattern, only-if-expired required) it is the clean-up
 * of a resource group: every HSM whose name matches is torn down if, and only if, it is expired by that
 * rule; each other is said to be left alone, and why.
 */






async function teardown(ctx, results) {
    if (ctx.config.teardownPrefix !== undefined)
        return sweepExpired(ctx, results, ctx.config.teardownPrefix);
    const { config, arm } = ctx;
    await timed('teardown', results, async (result) => {
        const name = config.hsmName;
        const hsm = await arm.get(config.resourceGroup, name);
        const verdict = hsm && config.teardownRule && expiryVerdict(hsm, config.teardownRule);
        if (verdict && !verdict.expired) {
            leftAlone(result, name, verdict.why);
            return;
        }
        // The sets that use its keys first (or a refusal naming them): without the HSM they could never reach
        // their key again, and a purge makes that final.
        const reads = dependentReads(ctx);
        if (hsm || (await arm.findDeleted(name)))
            await clearDependents(ctx, name, result, reads);
        await noteNamedSet(ctx, result);
        if (hsm)
            await deleteHsm(ctx, name, verdict ? verdict.why : undefined, result);
        const purge = await purgeDeleted(ctx, name, result);
        if (!hsm && purge.state === 'none')
            result.notes.push(`Managed HSM '${name}' does not exist, deleted or not: nothing to do`);
        result.status = hsm || purge.state === 'purged' ? 'updated' : 'unchanged';
        result.label = teardownLabel(!!hsm, purge);
    });
}
/** The summary's words for a single teardown: was the HSM there, and what became of its soft-deleted form. */
function teardownLabel(deleted, purge) {
    if (purge.state === 'blocked')
        return `${deleted ? 'deleted' : 'already deleted'}, ${heldUntil(purge.until)}`;
    if (purge.state === 'purged')
        return deleted ? 'deleted and purged' : 'purged';
    return deleted ? 'deleted' : 'nothing to delete';
}
const heldUntil = (until) => `${step/* HELD */._} until ${until}: the name frees and billing may stop only then`;
function leftAlone(result, name, why) {
    result.status = 'unchanged';
    result.label = 'left alone';
    result.notes.push(`Managed HSM '${name}': ${why}`);
    log/* info */.pq(`teardown: Managed HSM '${name}': ${why}`);
}
async function deleteHsm(ctx, name, why, result) {
    log/* info */.pq(`teardown: deleting Managed HSM '${name}'${why ? ` (${why})` : ''}`);
    await ctx.arm.delete(ctx.config.resourceGroup, name);
    result.changes.push(`deleted Managed HSM '${name}'`);
}
/** Purges the soft-deleted HSM of that name, if any and if purge protection allows. */
async function purgeDeleted(ctx, name, result) {
    const deleted = await ctx.arm.findDeleted(name);
    if (!deleted)
        return { state: 'none' };
    const p = deleted.properties ?? {};
    if (p.purgeProtectionEnabled) {
        const until = p.scheduledPurgeDate?.toISOString() ?? 'its scheduled purge date';
        const msg = `purge protection keeps the deleted HSM '${name}' until ${until}: its name stays taken and, ` +
            'per Azure billing for soft-deleted Managed HSMs, it can keep billing until then; nothing the action (or anyone) can shorten';
        result.notes.push(msg);
        log/* warning */.$e(`teardown: ${msg}`);
        return { state: 'blocked', until };
    }
    log/* info */.pq(`teardown: purging the deleted Managed HSM '${name}' (${p.location})`);
    await ctx.arm.purgeDeleted(name, p.location ?? ctx.config.location);
    result.changes.push(`purged Managed HSM '${name}': the name is free and billing has ended`);
    return { state: 'purged' };
}
/** The clean-up by pattern: tears down each matching HSM that is expired by the clean-up's rule. */
async function sweepExpired(ctx, results, prefix) {
    const { config, arm } = ctx;
    const rule = config.teardownRule;
    // parseInputs requires only-if-expired, and with it the rule, for a pattern.
    if (!rule)
        throw new Error('teardown by pattern without teardown-lifetime');
    await timed('teardown', results, async (result) => {
        const matching = (await arm.listInGroup(config.resourceGroup)).filter(h => (h.name ?? '').toLowerCase().startsWith(prefix.toLowerCase()));
        log/* info */.pq(`teardown: ${matching.length} Managed HSM(s) in resource group '${config.resourceGroup}' match '${config.hsmName}'`);
        if (matching.length === 0)
            result.notes.push(`no Managed HSM in resource group '${config.resourceGroup}' matches '${config.hsmName}': nothing to do`);
        const failures = [];
        const held = [];
        let deleted = 0;
        const reads = dependentReads(ctx);
        for (const hsm of matching) {
            const name = hsm.name;
            const verdict = expiryVerdict(hsm, rule);
            if (!verdict.expired) {
                leftAlone(result, name, verdict.why);
                continue;
            }
            // One HSM that fails (an outage, a lock) does not keep the others running: each is tried, all are reported.
            try {
                await clearDependents(ctx, name, result, reads);
                await deleteHsm(ctx, name, verdict.why, result);
                const purge = await purgeDeleted(ctx, name, result);
                if (purge.state === 'blocked')
                    held.push(purge.until);
                deleted++;
            }
            catch (e) {
                failures.push(`Managed HSM '${name}': ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        }
        if (failures.length > 0)
            throw new errors/* ConflictError */.fK(`teardown could not remove ${failures.length} expired HSM(s):\n${failures.join('\n')}`, 'rerun the clean-up: HSMs already removed are not touched again');
        result.status = deleted > 0 ? 'updated' : 'unchanged';
        // The summary's words for a teardown (deleted …, left alone, nothing to delete); each HSM is in the notes.
        const keptCount = matching.length - deleted;
        result.label =
            matching.length === 0
                ? 'nothing to delete'
                : deleted === 0
                    ? 'left alone'
                    : `deleted ${deleted}${keptCount > 0 ? `, left alone ${keptCount}` : ''}` +
                        (held.length ? `; ${held.length} ${heldUntil(held.sort().at(-1))}` : '');
    });
}

;// CONCATENATED MODULE: ./src/steps/des/grant-holders.ts
/**
 * Who a Disk Encryption Set's grants go to: recover names such a grant, when the record beside the key backup
 * holds it and the HSM lacks it, as the set's (made by the des step, with the inputs that name the set), not
 * as a line for role-assignments.
 */





/**
 * The principals the des step grants, by object id: a set's identity and, for a confidential-VM set, the
 * Confidential VM Orchestrator; for the set of disk-encryption-set and the subscription's sets that use the
 * key on the HSM at hsmUri. A read that fails leaves the map without them: recover then says such a grant as
 * any other.
 */
async function setGrantHolders(ctx, hsmUri) {
    const holders = new Map();
    const sets = [];
    const d = ctx.config.des;
    try {
        if (d) {
            const set = await readDes(ctx, desClient(ctx), d);
            sets.push({
                name: d.name,
                identity: set?.identity?.principalId,
                cvm: d.encryptionType === src_config/* CVM_ENCRYPTION_TYPE */.su,
                inputs: `disk-encryption-set: ${d.name}`
            });
        }
        for (const s of (await setsBackedByKey(ctx, hsmUri)).sets) {
            const name = s.name ?? '?';
            const group = /\/resourceGroups\/([^/]+)\//i.exec(s.id ?? '')?.[1];
            const type = s.properties?.encryptionType;
            sets.push({
                name,
                identity: s.identity?.principalId,
                cvm: type === src_config/* CVM_ENCRYPTION_TYPE */.su,
                inputs: [
                    `disk-encryption-set: ${name}`,
                    ...(group && group.toLowerCase() !== ctx.config.resourceGroup.toLowerCase()
                        ? [`disk-encryption-set-resource-group: ${group}`]
                        : []),
                    ...(type && type !== src_config/* CVM_ENCRYPTION_TYPE */.su ? [`des-encryption-type: ${type}`] : [])
                ].join(', ')
            });
        }
        for (const s of sets)
            if (s.identity)
                holders.set(s.identity.toLowerCase(), {
                    what: `the identity of disk encryption set '${s.name}'`,
                    inputs: s.inputs
                });
        const cvm = sets.find(s => s.cvm);
        if (cvm) {
            const orchestrator = d?.orchestratorObjectId ?? (await readOrchestrator(ctx))?.id;
            if (orchestrator)
                holders.set(orchestrator.toLowerCase(), {
                    what: `the Confidential VM Orchestrator of disk encryption set '${cvm.name}'`,
                    inputs: cvm.inputs
                });
        }
    }
    catch (e) {
        log/* debug */.Yz(`could not read the disk encryption sets that use the key: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    return holders;
}

;// CONCATENATED MODULE: ./src/modes/recover-roles.ts
/**
 * mode: recover, the role assignments: neither the security domain nor a key backup holds one, so recover
 * applies the inputs' (and the Disk Encryption Set's grants) as apply would, then compares the new HSM with
 * the record apply keeps beside each key backup and says what is still missing, with its next step.
 */






/** The role assignments of the inputs (the rbac step's plan) and, for hsm-name, the des step's grants. */
async function applyGrants(ctx, result, withDes) {
    const run = async (changes) => {
        for (const change of changes) {
            log/* info */.pq(`recover: ${change.summary}`);
            for (const d of change.details)
                log/* info */.pq(`  - ${d}`);
            ctx.reads.forget();
            await change.apply();
            result.changes.push(change.summary);
        }
    };
    const roles = await rbac.plan(ctx);
    for (const n of roles.notes)
        log/* warning */.$e(`recover: ${n}`);
    await run(roles.changes);
    if (withDes && ctx.config.des) {
        const set = await des.plan(ctx);
        for (const n of set.notes)
            log/* warning */.$e(`recover: ${n}`);
        await run(set.changes);
    }
    ctx.reads.forget();
}
/**
 * What the record beside the key backup holds and the new HSM lacks: each said with its next step. Returns
 * how many are missing.
 */
async function compareWithRecord(ctx, 
/** The role assignments apply recorded beside the key backups, per key name (lower case). */
records, hasBackups, result, 
/** In a rehearsal: the HSM it rehearses. */
rehearsalOf) {
    const record = records.get(ctx.config.key.name.toLowerCase());
    if (!record) {
        if (hasBackups) {
            const note = "no record of the key's role assignments beside its backup (apply writes one since this version): what the inputs do not list cannot be checked";
            result.notes.push(note);
            log/* warning */.$e(`recover: ${note}`);
        }
        return 0;
    }
    const now = new Set((await readKeyAssignments(ctx)).map(sameKey));
    const missing = record.assignments.filter(a => !now.has(sameKey(a)));
    if (missing.length === 0) {
        log/* info */.pq(`recover: all ${record.assignments.length} role assignment(s) recorded with the key backup are in place`);
        return 0;
    }
    // The grants of a disk encryption set (its identity's, the Orchestrator's) are the des step's: named as
    // such, with the input that makes them. A rehearsal grants none (its sets use hsm-name's key); what else it
    // lacks is said, not advised (the rehearsal HSM is torn down).
    const holders = await setGrantHolders(ctx, rehearsalOf ? `https://${rehearsalOf}.${ctx.cloud.managedHsmSuffix}/` : (await knownHsm(ctx)).hsmUri);
    for (const a of missing) {
        const who = holders.get(a.principalId.toLowerCase());
        const note = !rehearsalOf
            ? missingNote(ctx, a, who)
            : who
                ? `not granted in a rehearsal: '${a.role}' for ${a.principalId} at ${a.scope}, ${who.what}, whose set uses the key of '${rehearsalOf}' (mode: recover into '${rehearsalOf}' grants it)`
                : `the rehearsal HSM lacks '${a.role}' for ${a.principalId} at ${a.scope} (recorded with the key backup, not in role-assignments)`;
        result.notes.push(note);
        log/* warning */.$e(`recover: ${note}`);
    }
    return missing.length;
}
function missingNote(ctx, a, who) {
    if (who)
        return (`missing: '${a.role}' for ${a.principalId} at ${a.scope}, ${who.what} (recorded with the key backup); ` +
            `next step: add ${who.inputs} to the inputs and rerun mode: recover (the des step grants it)`);
    return (`missing: '${a.role}' for ${a.principalId} at ${a.scope} (recorded with the key backup); next step: add ` +
        `'${a.role} | ${a.principalId} | ${a.scope}' to role-assignments and run mode: apply, or run ` +
        `az keyvault role assignment create --hsm-name ${ctx.config.hsmName} --role "${a.role}" --assignee-object-id ${a.principalId} --scope ${a.scope}`);
}

;// CONCATENATED MODULE: ./src/modes/recover.ts
// modes/: the single-purpose modes that run instead of the steps: recover, teardown, verify-security-domain.
/**
 * mode: recover — disaster recovery. Everything is read and proven first, so a run that cannot succeed
 * changes nothing: the escrowed security domain, a quorum of wrapping private keys (stores and/or
 * custodians' files) that recombines its master key offline, and the escrowed key backups. Then: the
 * HSM is created (or found) by the provision step's own plan; its transfer key is read; the recovered
 * items are re-wrapped into a restore blob exactly as Azure's recovery tooling does (protocol notes §3.6)
 * and uploaded; upload/pending is polled until Success and ARM confirms Active; finally the key backups
 * are restored (Crypto User on /keys granted first), so the KEK_KID from before the disaster is usable
 * again with the same name, version and release policy.
 *
 * With rehearsal-hsm-name the same runs into a fresh, temporary HSM that is deleted and purged afterwards
 * (whatever happened), for a scheduled "does our escrow really work" job; hsm-name is not touched.
 */



















/** Tag on a rehearsal HSM naming the HSM it rehearses; only such an HSM is ever torn down by a rehearsal. */
const REHEARSAL_TAG = 'rehearsal-of';
/** A rehearsal HSM carries an expires-at tag this far ahead, for scheduled teardown jobs if the run dies. */
const REHEARSAL_LIFETIME_MS = 86_400_000;
/** Azure's shortest soft-delete retention for a Managed HSM. */
const REHEARSAL_RETENTION_DAYS = 7;
async function recover(ctx, results) {
    const rehearsal = ctx.config.rehearsalHsmName ? rehearsalContext(ctx) : undefined;
    let tearDown = false;
    let failure;
    try {
        await timed(rehearsal ? 'recover (rehearsal)' : 'recover', results, async (result) => {
            const prepared = await prepare(ctx, result);
            try {
                const target = rehearsal ?? ctx;
                if (rehearsal) {
                    await clearRehearsalName(ctx, rehearsal, result);
                    tearDown = true;
                    log/* info */.pq(`recover: rehearsal into the temporary Managed HSM '${rehearsal.config.hsmName}' (torn down afterwards)`);
                }
                await provisionTarget(target, result);
                const uploaded = await restoreSecurityDomain(target, prepared, result);
                const restored = await restoreKeys(target, prepared.backups, result);
                // Neither the security domain nor a key backup holds a role assignment: the inputs' are applied
                // as apply would, and the DES grants (not in a rehearsal: the set belongs to hsm-name).
                await applyGrants(target, result, !rehearsal);
                const missing = await compareWithRecord(target, prepared.roles, prepared.backups.length > 0, result, rehearsal ? ctx.config.hsmName : undefined);
                result.status = uploaded || restored ? 'created' : result.changes.length ? 'updated' : 'unchanged';
                result.label = recoveredLabel(target, prepared, missing, !!rehearsal);
                if (rehearsal)
                    log/* info */.pq(`recover: rehearsal passed: the escrowed security domain (SHA-256 ${prepared.sha256}) restored into '${rehearsal.config.hsmName}'` +
                        (prepared.backups.length ? `, and ${prepared.backups.length} key backup(s) with it` : ''));
                else
                    log/* info */.pq(`recover: ${result.label}`);
            }
            finally {
                prepared.master.fill(0);
                for (const item of prepared.items)
                    item.plaintext.fill(0);
            }
        });
    }
    catch (e) {
        failure = e;
    }
    if (rehearsal && tearDown) {
        try {
            await teardown(rehearsal, results);
        }
        catch (e) {
            const name = rehearsal.config.hsmName;
            const err = new errors/* ConflictError */.fK(`the rehearsal HSM '${name}' could not be torn down, and bills until it is: ${(0,errors/* errorMessage */.gJ)(e)}`, `run mode: teardown with hsm-name: ${name} and confirm-teardown: ${name} (its ${REHEARSAL_TAG} and expires-at tags mark it as temporary)`);
            if (failure)
                log/* error */.z3(err.message);
            else
                failure = err;
        }
    }
    if (failure)
        throw failure;
}
/** The same run aimed at the temporary HSM: no purge protection (it must be purged), tagged as a rehearsal. */
function rehearsalContext(ctx) {
    const c = ctx.config;
    return {
        ...ctx,
        config: {
            ...c,
            hsmName: c.rehearsalHsmName,
            // The shortest retention and no purge protection: it is purged at the end, and bills until then.
            purgeProtection: false,
            retentionDays: REHEARSAL_RETENTION_DAYS,
            onSoftDeleted: 'fail',
            onlyIfExpired: false,
            expiresAfterMs: c.expiresAfterMs ?? REHEARSAL_LIFETIME_MS,
            tags: { ...c.tags, [REHEARSAL_TAG]: c.hsmName }
        },
        facts: {},
        // Another HSM: nothing read about the real one applies to it.
        reads: new Reads(false)
    };
}
/**
 * Reads and proves everything before any write: the security domain, a quorum of wrapping keys that
 * opens it (the quorum comes from the file itself), and the newest intact backup of every escrowed key.
 */
async function prepare(ctx, result) {
    const sdText = await readSecurityDomain(ctx);
    maskSecurityDomain(sdText);
    const sha256 = sha256Hex(sdText);
    log/* info */.pq(`recover: escrowed security domain read (SHA-256 ${sha256})`);
    const labelled = await collectWrappingKeys(ctx, result.notes);
    let proof;
    try {
        proof = proveEscrow(sdText, labelled);
    }
    catch (e) {
        if (e instanceof RecoveryError)
            throw new errors/* ConflictError */.fK(`the escrowed security domain cannot be read: ${e.message}. Nothing was changed.`, 'check security-domain-store (or security-domain-file): it must hold the file the HSM was activated with');
        throw e;
    }
    result.notes.push(...proof.keyProblems);
    for (const n of result.notes)
        log/* warning */.$e(`recover: ${n}`);
    const subset = proof.subsets.find(s => s.ok);
    if (!subset) {
        const usable = labelled.length - proof.keyProblems.length;
        throw new errors/* ConflictError */.fK(`the wrapping keys at hand do not recover the escrowed security domain: it needs a quorum of ${proof.required} keys, ` +
            `and ${usable} of the ${labelled.length} key(s) read match a share of it` +
            (proof.subsets.length > 0 ? ` (${proof.subsets[0].reason ?? 'no subset opens it'})` : '') +
            '. Nothing was changed: no HSM was created, nothing was uploaded.', `gather at least ${proof.required} wrapping private keys: restore the missing ones to wrapping-key-store, or give the custodians' key files in wrapping-private-key-files`);
    }
    const recovered = decryptSecurityDomain(sdText, subset.keys.map(i => labelled[i].key));
    log/* info */.pq(`recover: ${proof.required} of ${labelled.length} wrapping key(s) recombine the master key and open all ${recovered.items.length} items offline`);
    const { backups, problems } = await readKeyBackups(ctx);
    for (const p of problems) {
        result.notes.push(p);
        log/* warning */.$e(`recover: key backup ${p}`);
    }
    if (ctx.config.keyBackup && backups.length === 0)
        throw new errors/* ConflictError */.fK(`key-backup-store: no intact key backup found next to ${ctx.config.keyBackup.url}. Nothing was changed.`, 'point key-backup-store at the target the key step escrowed to, or leave it empty to recover the HSM without its keys');
    for (const b of backups)
        log/* info */.pq(`recover: key backup of '${b.key}' (version ${b.version}) at ${b.url}`);
    const { records: roles, problems: recordProblems } = await readRoleRecords(ctx);
    for (const p of recordProblems) {
        result.notes.push(`role assignment record ${p}`);
        log/* warning */.$e(`recover: role assignment record ${p}`);
    }
    for (const r of roles.values())
        log/* info */.pq(`recover: ${r.assignments.length} role assignment(s) of '${r.key}' recorded at ${r.url}`);
    return {
        sha256,
        required: proof.required,
        items: recovered.items,
        master: recovered.master,
        backups,
        roles
    };
}
/**
 * A rehearsal HSM name must be free, or held by a rehearsal HSM of this hsm-name left over by a run that
 * died (then it is removed first, so the proof is fresh). Anything else under that name is never touched.
 */
async function clearRehearsalName(ctx, rehearsal, result) {
    const { arm } = ctx;
    const name = rehearsal.config.hsmName;
    const rg = rehearsal.config.resourceGroup;
    const ours = (tags) => tags?.[REHEARSAL_TAG] === ctx.config.hsmName;
    const hint = 'choose another rehearsal-hsm-name: a rehearsal only ever creates and removes its own temporary HSM';
    const existing = await arm.get(rg, name);
    if (existing && !ours(existing.tags))
        throw new errors/* ConflictError */.fK(`Managed HSM '${name}' exists and is not a rehearsal HSM of '${ctx.config.hsmName}' (no ${REHEARSAL_TAG} tag naming it). Nothing was changed.`, hint);
    const deleted = existing ? undefined : await arm.findDeleted(name);
    if (deleted && (!ours(deleted.properties?.tags) || deleted.properties?.purgeProtectionEnabled))
        throw new errors/* ConflictError */.fK(`the name '${name}' is held by a soft-deleted Managed HSM that is not a purgeable rehearsal HSM of '${ctx.config.hsmName}'. Nothing was changed.`, hint);
    if (existing) {
        log/* info */.pq(`recover: deleting the rehearsal HSM '${name}' an earlier run left behind`);
        await arm.delete(rg, name);
        result.changes.push(`deleted the leftover rehearsal HSM '${name}'`);
    }
    const leftover = existing ? await arm.findDeleted(name) : deleted;
    if (leftover) {
        log/* info */.pq(`recover: purging the deleted rehearsal HSM '${name}'`);
        await arm.purgeDeleted(name, leftover.properties?.location ?? rehearsal.config.location);
    }
}
/** The provision step's own plan: create the HSM when absent, wait for one being created, else leave it. */
async function provisionTarget(ctx, result) {
    const plan = await provision.plan(ctx);
    for (const note of plan.notes) {
        result.notes.push(note);
        log/* warning */.$e(`recover: ${note}`);
    }
    for (const change of plan.changes) {
        log/* info */.pq(`recover: ${change.summary}`);
        for (const d of change.details)
            log/* info */.pq(`  - ${d}`);
        await change.apply();
        result.changes.push(change.summary);
    }
    await provision.finish(ctx, true);
}
/** Uploads the security domain unless the HSM is active already; waits until the HSM and ARM say Active. */
async function restoreSecurityDomain(ctx, prepared, result) {
    const hsm = await knownHsm(ctx);
    const name = ctx.config.hsmName;
    if (hsm.activationStatus === 'Active') {
        const note = `Managed HSM '${name}' is active already: no security domain is uploaded (key backups restore only if it holds the escrowed one)`;
        result.notes.push(note);
        log/* info */.pq(`recover: ${note}`);
        return false;
    }
    const dp = await dataPlane(ctx);
    let uploaded = false;
    if ((await uploadStatus(dp))?.status === 'InProgress') {
        log/* info */.pq('recover: a security domain upload is under way already (an earlier run); waiting for it');
    }
    else {
        const transferKey = await getTransferKey(dp);
        const built = buildRestoreBlob(prepared.items, transferKey);
        built.master.fill(0);
        await uploadSecurityDomain(dp, built.text);
        uploaded = true;
        const summary = `uploaded the escrowed security domain (SHA-256 ${prepared.sha256}) to '${name}', re-wrapped to its transfer key`;
        result.changes.push(summary);
        log/* info */.pq(`recover: ${summary}`);
    }
    await waitUntilActive(ctx, 'security domain restore', async () => {
        const s = await uploadStatus(dp);
        if (s?.status === 'Failed')
            return {
                failed: new errors/* AzureOperationError */.XP({
                    service: 'Managed HSM',
                    operation: 'restore the security domain',
                    hint: 'check that security-domain-store holds the security domain of the HSM you mean to recover; the escrow is unchanged, rerun to upload again'
                }, `the HSM refused the security domain: ${s.details ?? 'no details'}`)
            };
        if (!s || s.status === 'InProgress')
            return { pending: s?.details ?? 'upload not visible yet' };
        return { done: true };
    });
    ctx.facts.activationStatus = 'Active';
    ctx.facts.securityDomainSha256 = prepared.sha256;
    log/* info */.pq(`recover: Managed HSM '${name}' is active with the escrowed security domain`);
    return uploaded;
}
/** Restores every escrowed key (Crypto User on /keys first) and sets the key outputs for key-name. */
async function restoreKeys(ctx, backups, result) {
    if (backups.length === 0)
        return false;
    const grant = await planAssignments(ctx, implicitForKeyStep());
    for (const change of grant.changes) {
        log/* info */.pq(`recover: ${change.summary}`);
        await change.apply();
        result.changes.push(change.summary);
    }
    if (grant.changes.length > 0)
        ctx.facts.rolesChanged = true;
    const keys = await keysClient(ctx);
    const { hsmResourceId } = await knownHsm(ctx);
    let restoredAny = false;
    for (const backup of backups) {
        const { key, restored } = await restoreKeyBackup(keys, backup, (what, fn) => untilAuthorized(ctx, what, fn));
        const version = key.id ? keyVersion(key.id) : '';
        if (restored) {
            restoredAny = true;
            result.changes.push(`restored key '${backup.key}' (version ${backup.version}) from ${backup.url}`);
            log/* info */.pq(`recover: restored key '${backup.key}' as ${key.id}`);
        }
        else
            log/* info */.pq(`recover: key '${backup.key}' (version ${backup.version}) is in the HSM already`);
        if (backup.version && version !== backup.version) {
            const note = `key '${backup.key}' has a newer version (${version}) than its escrowed backup (${backup.version})`;
            result.notes.push(note);
            log/* warning */.$e(`recover: ${note}`);
        }
        if (backup.key.toLowerCase() === ctx.config.key.name.toLowerCase() && key.id) {
            ctx.facts.keyName = key.name;
            ctx.facts.kekKid = key.id;
            ctx.facts.kekResource = `${hsmResourceId}/keys/${key.name}`;
        }
    }
    return restoredAny;
}
/** The summary's words for a recovery: the same KEK_KID or not, and what is missing. */
function recoveredLabel(ctx, prepared, missing, rehearsal) {
    const name = ctx.config.key.name.toLowerCase();
    const backup = prepared.backups.find(b => b.key.toLowerCase() === name);
    const kid = ctx.facts.kekKid;
    const same = backup && kid
        ? backup.kid && kid.replace(/^https:\/\/[^/]+/, '') === backup.kid.replace(/^https:\/\/[^/]+/, '')
            ? rehearsal
                ? 'the same key (name and version)'
                : 'same KEK_KID'
            : 'a newer key version than its backup'
        : 'security domain only (no key backup)';
    const gaps = missing && !rehearsal ? `; ${missing} role assignment(s) recorded with the key backup missing` : '';
    return `${rehearsal ? 'rehearsal passed' : 'recovered'}: ${same}${gaps}`;
}

;// CONCATENATED MODULE: ./src/modes/verify-security-domain.ts
/**
 * mode: verify-security-domain — proves, offline and read-only, that the escrowed security domain can
 * still be recovered: it reads the security domain from its store (or a file) and the wrapping private
 * keys from their stores and/or custodians' files, and reports which quorum subsets of the keys open it.
 */





async function verifySecurityDomain(ctx, results) {
    await timed('verify-security-domain', results, async (result) => {
        const sdText = await readSecurityDomain(ctx);
        maskSecurityDomain(sdText);
        const labelled = await collectWrappingKeys(ctx, result.notes);
        if (labelled.length === 0)
            throw new errors/* ConflictError */.fK('no wrapping private keys to try', 'set wrapping-key-store and/or wrapping-private-key-files');
        const proof = proveEscrow(sdText, labelled);
        result.notes.push(...proof.keyProblems);
        const checks = proof.subsets.map(s => ({
            id: `security-domain.subset.${s.keys.map(i => i + 1).join('+')}`,
            status: s.ok ? 'ok' : 'drift',
            actual: s.ok ? 'recovers' : s.reason,
            desired: s.labels
        }));
        result.checks.push(...checks);
        const ok = checks.filter(c => c.status === 'ok').length;
        log/* info */.pq(`${ok} of ${checks.length} ${proof.required}-key subsets of ${labelled.length} key(s) recover the security domain`);
        for (const c of checks)
            log/* info */.pq(`  ${c.status === 'ok' ? 'recovers' : 'FAILS   '}  ${c.desired.join(' + ')}${c.status === 'ok' ? '' : `: ${c.actual}`}`);
        for (const n of result.notes)
            log/* warning */.$e(n);
        result.status = ok > 0 && ok === checks.length ? 'unchanged' : 'drift';
        result.label = `${ok} of ${checks.length} key subsets recover`;
        if (ok === 0)
            throw new errors/* ConflictError */.fK('no quorum of the supplied keys recovers the escrowed security domain', 'find the missing wrapping keys now; while the HSM runs you can still download a new security domain with other keys');
    });
}

;// CONCATENATED MODULE: ./src/modes/single.ts
/** The single-purpose modes: each runs instead of the steps, as one unit of work with its own result. */





const TEARDOWN = {
    run: async (ctx, run) => void (await attempt(run, 'teardown', false, () => teardown(ctx, run.results))),
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
    run: async (ctx, run) => void (await attempt(run, 'verify-security-domain', false, () => verifySecurityDomain(ctx, run.results))),
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
    run: async (ctx, run) => void (await attempt(run, 'recover', false, () => recover(ctx, run.results))),
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

;// CONCATENATED MODULE: ./src/modes/index.ts



const MODES = {
    apply: APPLY,
    plan: PLAN,
    verify: VERIFY,
    'verify-security-domain': VERIFY_SECURITY_DOMAIN,
    teardown: TEARDOWN,
    recover: RECOVER
};

// EXTERNAL MODULE: ./node_modules/@azure/identity/dist/esm/index.js + 155 modules
var identity_dist_esm = __webpack_require__(3952);
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var http_client_lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth = __webpack_require__(2145);
;// CONCATENATED MODULE: ./src/auth/github-oidc.ts
/**
 * The GitHub ID token, asked of the runner's token service (ACTIONS_ID_TOKEN_REQUEST_URL) directly rather
 * than through core.getIDToken: that retries only 502-504, for about ten seconds without pause, ignores
 * Retry-After, and hides the status and the service's message an outage report needs. Here 408, 429, 5xx
 * and broken connections are retried with backoff inside a fixed budget; a refusal is never retried.
 */






const github_oidc_SERVICE = 'GitHub OIDC';
const OPERATION = 'get an ID token';
const PERMISSION_HINT = "give the job 'permissions: id-token: write' (and 'contents: read'); " +
    'pull requests from forks get no ID token, so run this action on push, schedule or workflow_dispatch';
const OUTAGE_HINT = "GitHub's token service kept failing after retries (https://www.githubstatus.com); rerun the job later";
const DEFAULTS = {
    delaysMs: [1000, 2000, 4000],
    budgetMs: 30_000,
    requestTimeoutMs: 15_000,
    sleep: retry/* sleep */.yy
};
/** A GitHub ID token for `audience`; throws an AzureOperationError naming status, code and what to do. */
async function fetchGitHubIdToken(audience, options = {}) {
    const opts = { ...DEFAULTS, ...options };
    const { url, requestToken } = runnerEndpoint();
    const target = `${url}${url.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
    const deadline = Date.now() + opts.budgetMs;
    log/* debug */.Yz(`GitHub OIDC: ID token url is ${target}`);
    try {
        return await (0,retry/* retrying */.R$)(async () => {
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
            onRetry: (e, wait) => log/* info */.pq(`GitHub OIDC: ${describe(e.failure)}; retrying in ${wait / 1000} s`),
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
        throw new errors/* AzureOperationError */.XP({ service: github_oidc_SERVICE, operation: OPERATION, hint: PERMISSION_HINT }, `the runner offers this job no ID token (${missing} is not set)`);
    return { url: url, requestToken: requestToken };
}
/** One GET of the token: the token, or why there is none. */
async function requestOnce(url, requestToken, timeoutMs) {
    const client = new http_client_lib/* HttpClient */.Qq('actions/oidc-client', [new auth/* BearerCredentialHandler */.tZ(requestToken)], {
        allowRetries: false,
        socketTimeout: timeoutMs
    });
    try {
        const res = await client.get(url, { accept: 'application/json' });
        const status = res.message.statusCode ?? 0;
        const body = await res.readBody();
        if (status === 200)
            return tokenIn(body) ?? { message: 'the answer (200) carries no token' };
        return {
            status,
            ...describeAnswer(status, body),
            retryAfterMs: (0,retry/* parseRetryAfter */.mu)(res.message.headers['retry-after'])
        };
    }
    catch (e) {
        return { code: e.code, message: (0,errors/* errorMessage */.gJ)(e), transport: true };
    }
    finally {
        client.dispose();
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
    const reason = external_node_http_.STATUS_CODES[status] ?? 'Error';
    return {
        code: text(inner?.code) ?? text(json?.typeKey) ?? reason.replace(/[^A-Za-z]/g, ''),
        // A body that is not JSON (a proxy's or gateway's page) is quoted, shortened, as the message.
        message: text(inner?.message) ?? (json ? undefined : text(body)?.replace(/\s+/g, ' ').slice(0, 300)) ?? reason
    };
}
function failureError(f) {
    const hint = f.status === 401 || f.status === 403 ? PERMISSION_HINT : isTransient(f) ? OUTAGE_HINT : undefined;
    return new errors/* AzureOperationError */.XP({ service: github_oidc_SERVICE, operation: OPERATION, status: f.status, code: f.code, hint }, (0,errors/* serviceText */.Lo)(f.message));
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/auth/credential.ts
/**
 * Sign-in with GitHub OIDC workload identity federation: no stored secret. The assertion callback asks the
 * runner for a fresh GitHub ID token every time Entra needs one, so a 30-minute HSM creation never outlives
 * its (short-lived) GitHub token.
 */







function signIn(opts) {
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
            token = await fetchGitHubIdToken(opts.audience);
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
    const inner = new identity_dist_esm/* ClientAssertionCredential */.XI(opts.tenantId, opts.clientId, getAssertion, {
        authorityHost: opts.cloud.authorityHost,
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
    credential.dataPlaneAuth = new DataPlaneAuth(credential, opts.tenantId, opts.cloud);
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

;// CONCATENATED MODULE: ./src/azure/managed-hsm-arm.ts





/** The api-version the Azure CLI uses and whose responses were checked against recorded live traffic. */
const ARM_API_VERSION = '2024-11-01';
const managed_hsm_arm_SERVICE = 'Azure Resource Manager';
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
        this.management ??= armKeyVault().then(({ KeyVaultManagementClient }) => {
            const client = new KeyVaultManagementClient(this.credential, this.subscriptionId, {
                endpoint: this.endpoint,
                apiVersion: ARM_API_VERSION,
                userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
            });
            // The SDK's pollers and pagers follow URLs from ARM's answers: none leaves ARM's origin.
            keepToOrigin(client.pipeline, this.endpoint);
            return client;
        });
        return this.management;
    }
    resourceId(resourceGroup, name) {
        return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${name}`;
    }
    async get(resourceGroup, name, opts = {}) {
        const hsm = await absentOn404(async () => {
            return await azureCall(managed_hsm_arm_SERVICE, `read Managed HSM '${name}'`, async () => (await this.client()).managedHsms.get(resourceGroup, name, {
                onResponse: r => opts.onHeaders?.(h => r.headers.get(h) ?? undefined)
            }));
        });
        const uri = hsm?.properties?.hsmUri;
        if (uri !== undefined && !isHsmUri(uri, name, this.managedHsmSuffix))
            throw new errors/* AzureOperationError */.XP({
                service: managed_hsm_arm_SERVICE,
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
        return azureCall(managed_hsm_arm_SERVICE, `list the Managed HSMs of resource group '${resourceGroup}'`, async () => {
            const all = [];
            for await (const h of (await this.client()).managedHsms.listByResourceGroup(resourceGroup))
                all.push(h);
            return all;
        });
    }
    /** The soft-deleted HSM holding this name in this subscription, if any. */
    async findDeleted(name) {
        return azureCall(managed_hsm_arm_SERVICE, 'list deleted Managed HSMs', async () => {
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
        return azureCall(managed_hsm_arm_SERVICE, "list the subscription's Managed HSMs", () => this.findInList('managedHSMs', name));
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
        const r = await (await this.client()).pipeline.sendRequest((0,dist_esm/* createDefaultHttpClient */.fl)(), (0,dist_esm/* createPipelineRequest */.G6)({ url, method: 'GET' }));
        if (r.status !== 200) {
            const err = new dist_esm/* RestError */.pj(`GET answered ${r.status}`, { statusCode: r.status, response: r });
            err.details = managed_hsm_arm_safeJson(r.bodyAsText);
            throw err;
        }
        return managed_hsm_arm_safeJson(r.bodyAsText);
    }
    async nameAvailability(name) {
        const r = await azureCall(managed_hsm_arm_SERVICE, `check that the name '${name}' is available`, async () => (await this.client()).managedHsms.checkMhsmNameAvailability({ name }));
        return { available: r.nameAvailable !== false, reason: r.reason, message: r.message };
    }
    /** Sends the PUT; the caller waits by reading the resource. */
    async submitCreate(resourceGroup, name, body) {
        await azureCall(managed_hsm_arm_SERVICE, `create Managed HSM '${name}'`, async () => (await this.client()).managedHsms.createOrUpdate(resourceGroup, name, body).submitted(), createHint);
    }
    /** Sends the PATCH with only what should change; the caller waits by reading the resource. */
    async submitUpdate(resourceGroup, name, patch) {
        await azureCall(managed_hsm_arm_SERVICE, `update Managed HSM '${name}'`, async () => (await this.client()).managedHsms.update(resourceGroup, name, patch).submitted());
    }
    /** Deletes the HSM (it becomes soft-deleted) and waits for ARM to finish. */
    async delete(resourceGroup, name) {
        await azureCall(managed_hsm_arm_SERVICE, `delete Managed HSM '${name}'`, async () => (await this.client()).managedHsms
            .delete(resourceGroup, name, { updateIntervalInMs: 5000 })
            .pollUntilDone());
    }
    /**
     * The region's default (shared) Microsoft Azure Attestation provider, as `az keyvault key create
     * --default-cvm-policy` looks it up: its attestUri is the release policy's authority.
     */
    async defaultAttestationAuthority(location) {
        const path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Attestation/Locations/${location}/defaultProvider`;
        const res = await azureCall(managed_hsm_arm_SERVICE, `look up the default attestation provider of ${location}`, async () => (await this.getJson(`${this.endpoint}${path}?api-version=2020-10-01`)), 'set attestation-authority to your attestation provider URL');
        const uri = res?.properties?.attestUri;
        if (!uri)
            throw new Error(`the default attestation provider of ${location} has no attestUri`);
        return uri;
    }
    async purgeDeleted(name, location) {
        await azureCall(managed_hsm_arm_SERVICE, `purge deleted Managed HSM '${name}'`, async () => (await this.client()).managedHsms
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
function managed_hsm_arm_safeJson(text) {
    try {
        return text ? JSON.parse(text) : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/engine/prefetch.ts
/**
 * The steps' reads, started as soon as their inputs are known instead of when each step's turn comes. Each
 * step declares its own (Step.prefetch): what needs only the inputs starts at once, beside the HSM's ARM read;
 * what needs the HSM's data plane starts, for every step together, once ARM shows the HSM active. Here only
 * what they share: the SDK chunks, the HSM's read, the posture's reads and the data-plane client. The steps
 * then plan and apply in order as before and join these reads (run/reads.ts); a step that writes makes every
 * later step read again. Nothing here writes, logs or throws: a read that fails is reported by the step that
 * needs it, as its own read would have been.
 */





function prefetchReads(ctx) {
    const { config, reads } = ctx;
    if ((0,src_config/* isSingleMode */.Gl)(config.mode))
        return;
    warmUpSdk(config);
    // Inputs only: the HSM, and each step's own (in step order).
    const hsm = reads.prefetch('hsm', () => ctx.arm.get(config.resourceGroup, config.hsmName));
    const onActive = config.steps.flatMap(name => {
        const then = quietly(() => STEPS[name].prefetch?.(ctx));
        return then ? [then] : [];
    });
    // Once ARM has named the HSM's URI: the posture's reads, then the steps' reads of the data plane.
    void hsm
        .then(h => {
        // Each posture area knows whether it applies to this HSM.
        if (h)
            prefetchPosture(ctx, h);
        const uri = h?.properties?.hsmUri;
        // An HSM that is not active answers no data-plane read: the activate step comes first.
        const active = h?.properties?.securityDomainProperties?.activationStatus === 'Active';
        if (!uri || h.properties?.provisioningState !== 'Succeeded' || !active)
            return;
        const cred = ctx.signIn.credential;
        // The client the steps use (run/context.ts dataPlane), made by the first step that reads the data plane.
        const early = {
            uri,
            plane: () => (ctx.facts.dataPlane ??= new ManagedHsmDataPlane(cred, uri))
        };
        for (const then of onActive)
            quietly(() => then(early));
    })
        .catch(() => undefined);
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
        void keyVaultKeys().catch(() => undefined);
    if (kinds.has('key-vault-secret'))
        void keyVaultSecrets().catch(() => undefined);
    if (kinds.has('blob'))
        void storageBlob().catch(() => undefined);
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

;// CONCATENATED MODULE: ./src/engine/start.ts
/**
 * A run's start: sign in, build the run context, and start every read the inputs already name (the tokens,
 * then the steps' reads) so the steps find them in flight.
 */







async function start(config) {
    const cloud = (0,clouds/* cloudEndpoints */.So)(config.cloud);
    const auth = signIn({
        tenantId: config.tenantId,
        clientId: config.clientId,
        audience: config.audience,
        cloud
    });
    const ctx = {
        config,
        cloud,
        signIn: auth,
        arm: new ManagedHsmArm(auth.credential, config.subscriptionId, cloud.resourceManager, cloud.managedHsmSuffix),
        deadline: Date.now() + config.timeoutMinutes * 60_000,
        facts: {},
        // The single-purpose modes write between their reads: they read as they go.
        reads: new Reads(!(0,src_config/* isSingleMode */.Gl)(config.mode))
    };
    // Sign in for every service the run will call at once, rather than one after another as each is
    // first reached; a failure here is left to the first real call, which explains it in context.
    const signedIn = auth.prefetch(resourcesFor(config, cloud)).catch(() => undefined);
    // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
    prefetchReads(ctx);
    await signedIn;
    return ctx;
}
/** The token audiences this run will need, from its inputs. */
function resourcesFor(config, cloud) {
    const resources = [cloud.resourceManager];
    const traits = src_config/* MODE_TABLE */.TL[config.mode];
    if (MODES[config.mode].dataPlane(config))
        resources.push(`https://${cloud.managedHsmSuffix}`);
    const targets = [
        ...config.activation.securityDomainStores,
        ...config.activation.wrappingKeyStores,
        ...(config.keyBackup ? [config.keyBackup] : [])
    ];
    if (traits.usesStores && targets.some(t => t.kind === 'key-vault-secret'))
        resources.push(`https://${cloud.keyVaultSuffix}`);
    if (traits.usesStores && targets.some(t => t.kind === 'blob'))
        resources.push('https://storage.azure.com');
    const des = config.des;
    if (config.steps.includes('des') &&
        des?.encryptionType === src_config/* CVM_ENCRYPTION_TYPE */.su &&
        !des.orchestratorObjectId)
        resources.push(cloud.graph);
    return resources;
}

;// CONCATENATED MODULE: ./src/report/drift.ts


const DRIFT_SCHEMA = 'managed-hsm-skr/drift';
const DRIFT_VERSION = 2;
/** Far below the 1 MB output limit, and readable in a log. */
const MAX_BYTES = 64 * 1024;
function driftReport(mode, hsm, results) {
    const raw = results.flatMap(r => [
        ...r.checks.map(c => ({ ...c, step: r.step })),
        ...(r.error
            ? [{ id: `${r.step}.error`, step: r.step, status: 'error', actual: r.error.split('\n')[0] }]
            : [])
    ]);
    const findings = raw.map(c => (c.status === 'ok' ? undefined : (0,report_findings/* finding */.gk)(c, mode)));
    const checks = raw.map((c, i) => {
        const f = findings[i];
        return visible(f ? { ...c, severity: severityOf(c), finding: [f.text, ...f.details].join('; ') } : c);
    });
    const counts = { critical: 0, drift: 0, warning: 0, info: 0, error: 0 };
    for (const c of checks)
        if (c.severity)
            counts[c.severity]++;
    const status = counts.error ? 'error' : counts.critical || counts.drift ? 'drift' : 'converged';
    const report = {
        schema: DRIFT_SCHEMA,
        version: DRIFT_VERSION,
        mode,
        hsm,
        status,
        checkedAt: new Date().toISOString(),
        counts,
        checks
    };
    // Information needs nothing done.
    const todo = (0,report_findings/* whatToDo */.H6)(findings.filter((f, i) => f !== undefined && checks[i].severity !== 'info'));
    if (todo)
        report.whatToDo = (0,log/* visibleText */.Q6)(todo);
    while (JSON.stringify(report).length > MAX_BYTES && report.checks.length > 1) {
        report.checks.pop();
        report.truncated = (report.truncated ?? 0) + 1;
    }
    return report;
}
/** A finding's severity: an error, or the check's own (ordinary drift when it names none). */
function severityOf(c) {
    if (c.status === 'ok')
        return undefined;
    return c.status === 'error' ? 'error' : (c.severity ?? 'drift');
}
/** Findings that fail verify: critical ones always, ordinary drift when fail-on-drift is on. */
function failing(checks, failOnDrift) {
    return checks.filter(c => c.severity === 'critical' || (failOnDrift && c.severity === 'drift'));
}
/** Every string in a check (its values may be strings, lists or records) as visibleText shows it. */
function visible(v) {
    if (typeof v === 'string')
        return (0,log/* visibleText */.Q6)(v);
    if (Array.isArray(v))
        return v.map(visible);
    if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visible(x)]));
    return v;
}

;// CONCATENATED MODULE: ./src/engine/verdict.ts
/**
 * The drift report of plan, verify and verify-security-domain: every check judged, the drift output set, and
 * verify's findings turned into the run's failure (fail-on-drift) or a warning.
 */







function judgeDrift(config, run, kind, custody) {
    const { results, posture, failures } = run;
    // Accepted, so not drift; but the report must say it, for whoever reads only the report.
    if (custody)
        results
            .find(r => r.step === 'activate')
            ?.checks.push({
            id: 'activate.escrow.custody',
            status: 'ok',
            actual: custody,
            hint: 'split custody: escrow the wrapping keys to another Key Vault or storage account, then drop escrow-same-store'
        });
    const judged = posture ? [...results, postureResult(posture)] : results;
    const report = driftReport(kind, config.hsmName, judged);
    core.setOutput(DRIFT_OUTPUT, JSON.stringify(report));
    let driftFailure = false;
    // Warnings and information are said in the posture log and tables, never a failure.
    const drifted = failing(report.checks, true);
    if (kind === 'verify' && report.status === 'converged') {
        log/* info */.pq(`verify: in sync with the inputs (${report.checks.length} checks)`);
        for (const p of (0,report_findings/* escrowProofs */.bX)(report.checks))
            log/* info */.pq(`  escrow proof passed: ${p}`);
    }
    // Signed out, nothing was compared: the sign-in failure is the one thing to say (the report, with its
    // status error, stays in the drift output).
    if (kind === 'verify' && drifted.length > 0 && !run.signInFailed) {
        // In words, Azure's side and the inputs' side named; the check ids stay in the drift output.
        const critical = drifted.filter(c => c.severity === 'critical').length;
        const plain = drifted.length - critical;
        const found = {
            text: [
                critical
                    ? `verify: ${critical} critical finding(s)${plain ? ` and ${plain} drift finding(s)` : ''}: someone outside the inputs can take or change the key, or the escrow is not this HSM's:`
                    : `verify: ${drifted.length} drift finding(s), Azure compared with the inputs:`,
                ...drifted.map(c => `- ${c.severity === 'critical' ? 'critical: ' : ''}${c.finding ?? c.id}`)
            ].join('\n'),
            // About these findings only: the warnings' advice is in the posture table and the report.
            hint: (0,report_findings/* whatToDo */.H6)(drifted.map(c => (0,report_findings/* finding */.gk)(c, 'verify'))) || report_findings/* APPLY_REPAIRS */.G3
        };
        if (failing(report.checks, config.failOnDrift).length > 0 && failures.length === 0) {
            failures.push(found);
            driftFailure = true;
        }
        else
            log/* warning */.$e((0,errors/* failureMessage */.oh)(found));
    }
    if (report.status === 'error' && failures.length === 0)
        failures.push({ text: 'verify: some checks could not be made (see the errors above)' });
    return { report, driftFailure };
}

;// CONCATENATED MODULE: ./src/engine/execute.ts
/**
 * A run with valid inputs: sign in, run the mode (apply, plan and verify run the chosen steps; the others
 * are single-purpose), set the outputs, judge the drift and write the job summary.
 */











async function execute(config) {
    // Before any SDK client exists: their verbose logs carry the tokens this run is about to get.
    installAzureLogRedaction();
    const ctx = await start(config);
    const mode = MODES[config.mode];
    const run = { results: [], failures: [], signInFailed: false };
    // Accepted weaker custody is said up front in every run that reads or writes the escrow.
    const custody = (0,src_config/* reportedCustody */.Bc)(config);
    if (custody)
        log/* warning */.$e(custody);
    let refused = false;
    try {
        // The action's own rules, before any step writes: a new Disk Encryption Set only on an HSM that cannot be
        // purged; a custom role that can release, at / or /keys, only with allow-broad-release.
        await refuseUnprotectedNewSet(ctx);
        await refuseBroadReleaseBeforeWrites(ctx);
    }
    catch (e) {
        run.failures.push((0,errors/* failureOf */.g5)(e));
        refused = true;
    }
    if (!refused)
        await mode.run(ctx, run);
    const outputs = outputsFrom(config, ctx.facts);
    setOutputs(outputs, config.exportVariables);
    const verdict = mode.drift && judgeDrift(config, run, mode.drift, custody);
    const report = {
        config,
        cloud: ctx.cloud,
        results: run.results,
        outputs,
        errors: verdict?.driftFailure ? undefined : run.failures,
        signInFailed: run.signInFailed,
        drift: run.signInFailed ? undefined : verdict?.report,
        posture: run.posture,
        escrowed: ctx.facts.escrowed,
        attestation: ctx.facts.attestation,
        headline: ''
    };
    report.headline = mode.headline(report);
    try {
        await (0,summary/* writeSummary */.Sy)(report);
    }
    catch (e) {
        log/* warning */.$e(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    if (run.failures.length)
        log/* setFailed */.C1(run.failures.map(errors/* failureMessage */.oh).join('\n'));
}


/***/ }),

/***/ 3174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ guardSecurityDomain),
/* harmony export */   W9: () => (/* binding */ RESCUE_STATE),
/* harmony export */   bn: () => (/* binding */ rescueHint),
/* harmony export */   hX: () => (/* binding */ fsErrorMessage),
/* harmony export */   id: () => (/* binding */ prepareRescueLocation)
/* harmony export */ });
/* unused harmony exports rescueBases, PROBE_BYTES, unpredictableName, RescueLocation */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8382);
/**
 * The rescue location: where the security domain is kept when no store takes it after the download.
 *
 * Why a module of its own: the download activates the HSM once and for all, so a security domain that
 * can then be written nowhere is a lost HSM. The location is therefore proved before the download, and
 * nothing in a shared temporary directory may catch or redirect the file:
 * - a private directory made by mkdtemp (mode 0700, a name nobody can predict), under RUNNER_TEMP, else
 *   the OS temporary directory; proved by exclusively creating, writing, syncing and removing a file;
 * - the file itself created exclusively, without following a link (O_CREAT|O_EXCL|O_NOFOLLOW), mode 0600,
 *   under a random name, written in full and synced to disk; nothing here ever deletes it.
 */





/** Where the post phase finds a rescued security domain (saved state "<sha256> <path>"), to repeat it. */
const RESCUE_STATE = 'rescued-security-domain';
/** RUNNER_TEMP first (the runner's own, per job), then the OS temporary directory (TMPDIR, else /tmp). */
function rescueBases(env = process.env, osTemp = (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)()) {
    return [
        { name: 'RUNNER_TEMP', path: env.RUNNER_TEMP || undefined },
        { name: 'the OS temporary directory (TMPDIR)', path: osTemp || undefined }
    ];
}
/** Enough for the largest security domain (10 wrapping keys of 4096 bits make about 30 KB). */
const PROBE_BYTES = 64 * 1024;
const CREATE_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW;
/** A random file name: nobody can plant a link or a file at it in advance. */
function unpredictableName(prefix) {
    return `${prefix}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex')}.json`;
}
class RescueLocation {
    dir;
    base;
    skipped;
    /** The rescue file, once written. */
    file;
    constructor(
    /** The private directory (0700). */
    dir, 
    /** Which base it is in (RUNNER_TEMP, or the OS temporary directory). */
    base, 
    /** Why the bases before it could not be used. */
    skipped) {
        this.dir = dir;
        this.base = base;
        this.skipped = skipped;
    }
    /**
     * Writes the security domain to a new file in the private directory and returns its path. `name` is
     * for tests; the default is unpredictable.
     */
    write(content, name = unpredictableName('security-domain')) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.dir, name);
        writeNewFile(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
        this.file = path;
        return path;
    }
    /** Removes the private directory if nothing was rescued into it; rmdir cannot remove a non-empty one. */
    discardIfEmpty() {
        if (!this.file)
            removeQuietly(() => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmdirSync)(this.dir));
    }
}
/**
 * Makes and proves the private rescue directory in the first usable base. Throws a ConflictError naming
 * every base tried and why it failed, so the caller downloads nothing.
 */
function prepareRescueLocation(bases = rescueBases(), probeBytes = PROBE_BYTES) {
    const skipped = [];
    for (const base of bases) {
        if (!base.path) {
            skipped.push(`${base.name}: not set`);
            continue;
        }
        let dir;
        let probe;
        try {
            dir = privateDirectory(base.path);
            probe = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, unpredictableName('write-probe'));
            writeNewFile(probe, Buffer.alloc(probeBytes));
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(probe);
            return new RescueLocation(dir, base, skipped);
        }
        catch (e) {
            // Only what this attempt made: a probe created exclusively, then the directory if it is empty.
            if (probe)
                removeQuietly(() => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(probe));
            if (dir)
                removeQuietly(() => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmdirSync)(dir));
            skipped.push(`${base.name} (${base.path}): ${fsErrorMessage(e)}`);
        }
    }
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConflictError */ .fK('no rescue location for the security domain is writable, so it was not downloaded and the HSM is not activated ' +
        '(if every security-domain-store refused it after the download, a file there would be its only copy). Tried:\n' +
        skipped.map(s => `- ${s}`).join('\n'), 'make RUNNER_TEMP a writable directory with free space (on a self-hosted runner: check its disk and the ' +
        "runner's _work/_temp directory; without RUNNER_TEMP, TMPDIR or /tmp is used), then rerun");
}
/** mkdtemp makes the directory 0700 under a random name; checked, since a base may hold anything. */
function privateDirectory(base) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(base, 'managed-hsm-sd-'));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(dir, 0o700);
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory() || (st.mode & 0o777) !== 0o700 || (uid !== undefined && st.uid !== uid))
        throw new Error(`${dir} is not a private directory of this user (mode 0700)`);
    return dir;
}
/** A file-system error as Node words it ("ENOTDIR: not a directory, mkdtemp '…'"), from any realm. */
function fsErrorMessage(e) {
    const message = e?.message;
    return typeof message === 'string' && message ? message : (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e);
}
function removeQuietly(remove) {
    try {
        remove();
    }
    catch {
        // Not there, or not empty: leave it.
    }
}
/** Creates `path` (never an existing file, never through a link), writes all of `content`, syncs it. */
function writeNewFile(path, content) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, CREATE_FLAGS, 0o600);
    try {
        for (let written = 0; written < content.length;)
            written += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(fd, content, written, content.length - written);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fsyncSync)(fd);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/**
 * What to do with a rescued security domain: the path and SHA-256, keep it before the job ends, put it
 * in a store with its SHA-256 and rerun; verify-security-domain and recover read the file as it is.
 */
function rescueHint(path, sha256, store) {
    return (`the security domain (SHA-256 ${sha256}) is saved ONLY in ${path} (mode 0600, a regular file in a private 0700 directory; ` +
        'encrypted to the wrapping keys). The runner empties its temporary directories when the job ends: copy it somewhere safe now ' +
        '(a later step with if: failure()), then put it in ' +
        (store ? `${store}` : 'a security-domain-store') +
        ` with the metadata (tag) sha256=${sha256} and rerun: the rerun finds the HSM active, checks that escrow and copies it to the other stores. ` +
        `mode: verify-security-domain and mode: recover also take it as security-domain-file: ${path} (with the wrapping private keys)`);
}
/**
 * From the download request until the escrow settles, the security domain exists only in Azure's answer
 * and in this process. If the job is cancelled then (the runner sends SIGINT, later SIGTERM, and kills
 * seconds after), the signal is held off: the download completes, the security domain is written to the
 * rescue location as soon as it is `hold`-ed, `announce` says where, and the escrow goes on; `release`
 * returns the signal so the caller can say where the security domain is and end the run as asked.
 */
function guardSecurityDomain(location, announce) {
    let received;
    let content;
    let saved = false;
    const save = () => {
        if (saved || !received || content === undefined)
            return;
        saved = true;
        try {
            announce(location.file ?? location.write(content));
        }
        catch (e) {
            announce(undefined, e);
        }
    };
    const onSignal = (signal) => {
        received ??= signal;
        save();
    };
    const signals = ['SIGINT', 'SIGTERM'];
    for (const s of signals)
        process.on(s, onSignal);
    return {
        hold(text) {
            content = text;
            save();
        },
        release() {
            for (const s of signals)
                process.off(s, onSignal);
            return received;
        }
    };
}


/***/ })

};
