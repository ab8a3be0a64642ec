export const id = 377;
export const ids = [377];
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
