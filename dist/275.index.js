export const id = 275;
export const ids = [275];
export const modules = {

/***/ 9577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ API_VERSIONS),
/* harmony export */   S: () => (/* binding */ ArmReader)
/* harmony export */ });
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8795);
/* harmony import */ var _rest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1293);


const API_VERSIONS = {
    vaults: '2024-11-01',
    storage: '2023-05-01',
    diagnosticSettings: '2021-05-01-preview'
};
const SERVICE = 'Azure Resource Manager';
class ArmReader {
    subscriptionId;
    api;
    constructor(credential, subscriptionId, endpoint) {
        this.subscriptionId = subscriptionId;
        this.api = new _rest_js__WEBPACK_IMPORTED_MODULE_1__/* .JsonApi */ .Tj(credential, endpoint, SERVICE);
    }
    /** The same pipeline for the one ARM write beside these reads (diagnostic-settings.ts). */
    get json() {
        return this.api;
    }
    /** One resource by its id; undefined when ARM answers 404. A 403 is thrown (the caller says what is missing). */
    get(what, id, apiVersion) {
        return (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .absentOn404 */ .lz)(async () => {
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


/***/ }),

/***/ 8658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KB: () => (/* binding */ MANIFEST_SCHEMA),
/* harmony export */   tD: () => (/* binding */ BackupManifests)
/* harmony export */ });
/* unused harmony export parseManifest */
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8795);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2933);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(575);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3641);




const SERVICE = 'Blob storage';
const MANIFEST_SCHEMA = 'managed-hsm-skr/backup-manifest';
/** Manifests listed at most (the newest win; a nightly backup makes 365 a year). */
const MAX_LISTED = 5000;
/** Read at most this many of the newest by name, the rest only counted. */
const MAX_READ = 20;
const MAX_BYTES = 16_384;
const permissionHint = (_c, status) => status === 401 || status === 403
    ? "grant the signed-in identity 'Storage Blob Data Contributor' (backup) or 'Storage Blob Data Reader' (verify) on the backup container"
    : undefined;
class BackupManifests {
    accountUrl;
    container;
    credential;
    client;
    constructor(accountUrl, container, credential) {
        this.accountUrl = accountUrl;
        this.container = container;
        this.credential = credential;
    }
    containerClient() {
        this.client ??= (0,_sdk_js__WEBPACK_IMPORTED_MODULE_3__/* .storageBlob */ .pu)().then(({ BlobServiceClient }) => new BlobServiceClient(this.accountUrl, this.credential, {
            ...(0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_2__.storageClientOptions)(this.accountUrl),
            retryOptions: { maxTries: 1 }
        }).getContainerClient(this.container));
        return this.client;
    }
    static prefix(hsmName) {
        return `backup-manifests/${hsmName.toLowerCase()}/`;
    }
    /** Writes the manifest of a finished backup; its name sorts by finish time. Returns the blob's URL. */
    async write(m) {
        const c = await this.containerClient();
        const stamp = m.endTime.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
        const blob = c.getBlockBlobClient(`${BackupManifests.prefix(m.hsmName)}${stamp}-${m.jobId}.json`);
        const body = JSON.stringify(m, null, 2);
        await this.call(`write the backup manifest ${blob.url}`, () => blob.upload(body, Buffer.byteLength(body), {
            conditions: { ifNoneMatch: '*' },
            blobHTTPHeaders: { blobContentType: 'application/json' }
        }));
        return blob.url;
    }
    /** The manifests of `hsmName` that parse, newest first (by their own finish time), and how many were listed. */
    async list(hsmName) {
        const c = await this.containerClient();
        const names = await this.call(`list the backup manifests in ${c.url}`, async () => {
            const out = [];
            for await (const b of c.listBlobsFlat({ prefix: BackupManifests.prefix(hsmName) })) {
                out.push(b.name);
                if (out.length >= MAX_LISTED)
                    break;
            }
            return out;
        });
        const newest = names.sort().reverse().slice(0, MAX_READ);
        const manifests = [];
        for (const name of newest) {
            const blob = c.getBlobClient(name);
            const text = await this.call(`read the backup manifest ${blob.url}`, async () => {
                // At most MAX_BYTES of it: a manifest is small, and what is read is untrusted.
                const r = await blob.download(0, MAX_BYTES);
                const chunks = [];
                for await (const chunk of r.readableStreamBody ?? [])
                    chunks.push(Buffer.from(chunk));
                return Buffer.concat(chunks).toString('utf8');
            });
            const m = parseManifest(text);
            if (m)
                manifests.push(m);
        }
        manifests.sort((a, b) => Date.parse(b.endTime) - Date.parse(a.endTime));
        return { manifests, listed: names.length };
    }
    call(operation, fn) {
        return (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .azureCall */ .WG)(SERVICE, operation, () => (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(fn), permissionHint);
    }
}
const str = (v, max = 2048) => typeof v === 'string' && v.length > 0 && v.length <= max;
const isoTime = (v) => str(v, 40) && !Number.isNaN(Date.parse(v));
/** A manifest as read back, or undefined when it is not one (wrong schema, missing or odd fields). */
function parseManifest(text) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!v || typeof v !== 'object')
        return undefined;
    const m = v;
    if (m.schema !== MANIFEST_SCHEMA || m.version !== 1)
        return undefined;
    if (!str(m.hsmName, 24) || !str(m.hsmResourceId) || !str(m.jobId, 64) || !str(m.folderUrl))
        return undefined;
    if (!isoTime(m.startTime) || !isoTime(m.endTime))
        return undefined;
    return {
        schema: MANIFEST_SCHEMA,
        version: 1,
        hsmName: m.hsmName,
        hsmResourceId: m.hsmResourceId,
        jobId: m.jobId,
        folderUrl: m.folderUrl,
        startTime: m.startTime,
        endTime: m.endTime
    };
}


/***/ }),

/***/ 4105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DK: () => (/* binding */ startRestore),
/* harmony export */   Fk: () => (/* binding */ PRE_CHECK_API_VERSION),
/* harmony export */   WB: () => (/* binding */ jobStatus),
/* harmony export */   _c: () => (/* binding */ preBackup),
/* harmony export */   lw: () => (/* binding */ startBackup)
/* harmony export */ });
/* unused harmony export readJob */
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3091);
/**
 * Full backup and restore of a Managed HSM over the data plane (what @azure/keyvault-admin's
 * KeyVaultBackupClient would do; the project does not depend on it). Shapes from azure-rest-api-specs
 * (specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/backuprestore.json, and 7.6 for
 * preFullBackup / preFullRestore) and recorded traffic: a start answers 202 with `Azure-AsyncOperation`
 * naming `/{backup|restore}/{jobId}/pending`, polled until `status` is Succeeded, Failed or Canceled. The
 * storage is reached as the HSM's user-assigned managed identity (`useManagedIdentity: true`), never a SAS.
 */

/** The api-version that has the pre-checks (preFullBackup, preFullRestore). */
const PRE_CHECK_API_VERSION = '7.6';
const BACKUP_HINT = (_c, status) => status === 403
    ? "the signed-in identity needs 'Managed HSM Backup User' (backup) or 'Managed HSM Restore User' (restore) at / on the HSM"
    : status === 409
        ? 'another backup or restore is running on this HSM (one at a time): let it finish, then run again'
        : undefined;
const STATUSES = ['InProgress', 'Succeeded', 'Failed', 'Canceled'];
/** A job status body read defensively (every field is Azure's, untrusted). */
function readJob(body) {
    const b = (body && typeof body === 'object' ? body : {});
    const status = STATUSES.find(s => s.toLowerCase() === String(b.status ?? '').toLowerCase()) ?? 'Unknown';
    const error = b.error && typeof b.error === 'object' ? b.error : undefined;
    const words = [b.statusDetails, error?.code, error?.message].filter((w) => typeof w === 'string' && w.length > 0);
    const num = (v) => typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    return {
        status,
        jobId: typeof b.jobId === 'string' ? b.jobId : '',
        ...(words.length ? { failure: [...new Set(words)].join(': ') } : {}),
        ...(typeof b.azureStorageBlobContainerUri === 'string'
            ? { folderUrl: b.azureStorageBlobContainerUri }
            : {}),
        ...(num(b.startTime) !== undefined ? { startTime: num(b.startTime) } : {}),
        ...(num(b.endTime) !== undefined ? { endTime: num(b.endTime) } : {})
    };
}
/** The pending path of a started job: Azure's Azure-AsyncOperation when it names this HSM, else the documented one. */
function pendingPath(hsm, which, header, jobId) {
    try {
        const u = new URL(header ?? '');
        if (u.origin === hsm.origin && /^\/(backup|restore)\/[0-9A-Za-z-]+\/pending$/.test(u.pathname))
            return u.pathname;
    }
    catch {
        // no usable header: fall back to the documented path
    }
    if (!/^[0-9A-Za-z-]+$/.test(jobId))
        throw new Error(`the ${which} answer names no usable job id`);
    return `/${which}/${jobId}/pending`;
}
async function start(hsm, which, operation, method, path, body, apiVersion) {
    const r = await hsm.send(operation, method, path, {
        body,
        ok: [200, 202],
        hint: BACKUP_HINT,
        ...(apiVersion ? { query: { 'api-version': apiVersion } } : {})
    });
    const job = readJob(r.body);
    const retryAfterMs = (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .parseRetryAfter */ .mu)(r.headers.get('retry-after'));
    return {
        job,
        pendingPath: pendingPath(hsm, which, r.headers.get('azure-asyncoperation'), job.jobId),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
    };
}
const storage = (containerUrl) => ({
    storageResourceUri: containerUrl,
    useManagedIdentity: true
});
const startBackup = (hsm, containerUrl) => start(hsm, 'backup', 'start a full backup', 'POST', '/backup', storage(containerUrl));
/** preFullBackup (7.6): checks the identity, the roles and the storage without backing anything up. */
const preBackup = (hsm, containerUrl) => start(hsm, 'backup', 'check a full backup (prebackup)', 'POST', '/prebackup', storage(containerUrl), PRE_CHECK_API_VERSION);
/** Restores the HSM from `folder` (the last segment of a backup's folder URL): destructive. */
const startRestore = (hsm, containerUrl, folder) => start(hsm, 'restore', 'start a full restore', 'PUT', '/restore', {
    sasTokenParameters: storage(containerUrl),
    folderToRestore: folder
});
/** A job's status now, with the Retry-After the answer carries (if any). */
async function jobStatus(hsm, path, apiVersion) {
    const r = await hsm.send('read a backup or restore job', 'GET', path, {
        hint: BACKUP_HINT,
        ...(apiVersion ? { query: { 'api-version': apiVersion } } : {})
    });
    const retryAfterMs = (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .parseRetryAfter */ .mu)(r.headers.get('retry-after'));
    return { job: readJob(r.body), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}


/***/ }),

/***/ 5034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BS: () => (/* binding */ listRoleDefinitions),
/* harmony export */   FE: () => (/* binding */ listRoleAssignments),
/* harmony export */   QN: () => (/* binding */ createRoleAssignment),
/* harmony export */   Z7: () => (/* binding */ deleteRoleAssignment),
/* harmony export */   hQ: () => (/* binding */ listPrincipalAssignments)
/* harmony export */ });
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


/***/ }),

/***/ 2933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY, retriable, retryAfterMs */
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8978);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3091);
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
    sleep: _shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy,
    now: Date.now
};
async function withRetries(fn, options = {}) {
    const o = { ...DEFAULT_RETRY, ...options };
    const backoff = (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .doubling */ .Bf)(o.baseDelayMs, o.maxDelayMs);
    return (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retrying */ .R$)(fn, {
        retriable,
        delayMs: (n, e) => n >= o.maxTries ? undefined : Math.min(Math.max(backoff(n), retryAfterMs(e) ?? 0), o.maxDelayMs),
        deadline: o.now() + o.budgetMs,
        sleep: o.sleep,
        now: o.now
    });
}
/** A transient status, or no answer at all: a lost connection, before or while the body streamed. */
function retriable(e) {
    if ((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.isRestError)(e))
        return e.statusCode === undefined || (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransientStatus */ .Dm)(e.statusCode);
    const code = e?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
/** Retry-After in seconds or as an HTTP date, or Azure's retry-after-ms headers. */
function retryAfterMs(e) {
    const headers = (0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_0__.isRestError)(e) ? e.response?.headers : undefined;
    if (!headers)
        return undefined;
    for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
        const ms = Number(headers.get(name));
        if (headers.get(name) && Number.isFinite(ms) && ms >= 0)
            return ms;
    }
    return (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRetryAfter */ .mu)(headers.get('retry-after'));
}


/***/ }),

/***/ 4223:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ lastDownload),
/* harmony export */   D_: () => (/* binding */ downloadStatus),
/* harmony export */   JT: () => (/* binding */ normaliseStatus),
/* harmony export */   tL: () => (/* binding */ downloadSecurityDomain)
/* harmony export */ });
/* unused harmony export securityDomainText */
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
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3091);
/* harmony import */ var _stores_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7235);
/* harmony import */ var _shared_hash_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9913);
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
        if (!back || (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256Hex */ .f)(back.content) !== metadata.sha256)
            throw new Error(`read-back of ${store.url} did not return what was written`);
        return result;
    }, {
        retriable: _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg,
        delayMs: n => (n >= attempts ? undefined : 2000 * n),
        onRetry: (e, _delay, n) => _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  escrow to ${store.url} failed (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e).split('\n')[0]}); retrying (${n}/${attempts - 1})`),
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
        const actual = (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256Hex */ .f)(obj.content);
        const recorded = obj.metadata.sha256;
        if (!recorded)
            return { ...found, state: 'mismatch', detail: 'no sha256 recorded with it' };
        if (recorded !== actual)
            return {
                ...found,
                state: 'mismatch',
                detail: `content SHA-256 ${actual} differs from the recorded ${_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(recorded)}`
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

/***/ 7754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kc: () => (/* binding */ keyVersion),
/* harmony export */   V$: () => (/* binding */ keyBackupTarget),
/* harmony export */   Yd: () => (/* binding */ listKeyBackupTargets),
/* harmony export */   ZG: () => (/* binding */ roleRecordTarget),
/* harmony export */   sc: () => (/* binding */ listRoleRecordTargets)
/* harmony export */ });
/* harmony import */ var _stores_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7235);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8795);
/* harmony import */ var _azure_sdk_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(575);
/* harmony import */ var _auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6326);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3641);





/** The object for one state of the key: the version, and the update time in epoch seconds. */
function keyBackupTarget(base, version, updated) {
    const seconds = String(Math.floor((updated?.getTime() ?? 0) / 1000)).padStart(10, '0');
    return (0,_stores_index_js__WEBPACK_IMPORTED_MODULE_0__/* .withSuffix */ .oF)(base, `-${version}-${seconds}`);
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
    return (0,_stores_index_js__WEBPACK_IMPORTED_MODULE_0__/* .withSuffix */ .oF)(keyBackupTarget(base, version, updated), `${ROLE_RECORD_MARK}${sha256.slice(0, 12)}`);
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
    const pattern = new RegExp(`^${escape(stem)}-[0-9A-Za-z]+-\\d{10}${tail}${escape(ext)}$`);
    const names = [];
    if (base.kind === 'blob') {
        const { ContainerClient } = await (0,_azure_sdk_js__WEBPACK_IMPORTED_MODULE_4__/* .storageBlob */ .pu)();
        const container = new ContainerClient(`${base.serviceUrl}/${base.container}`, credential, (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.storageClientOptions)(base.serviceUrl));
        await (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_1__/* .azureCall */ .WG)('Blob storage', `list the ${what} under ${base.url}`, async () => {
            for await (const b of container.listBlobsFlat({ prefix: `${stem}-` }))
                if (pattern.test(b.name))
                    names.push(b.name);
        }, (_c, status) => status === 403
            ? "grant the signed-in identity 'Storage Blob Data Reader' (or Contributor) on the container"
            : undefined);
    }
    else {
        const { SecretClient } = await (0,_azure_sdk_js__WEBPACK_IMPORTED_MODULE_4__/* .keyVaultSecrets */ .$F)();
        const client = new SecretClient(base.serviceUrl, credential, (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_3__.clientOptions)());
        (0,_auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__/* .useAuthPolicy */ .c$)(client, (0,_auth_data_plane_auth_js__WEBPACK_IMPORTED_MODULE_2__/* .dataPlanePolicy */ .pn)(credential, base.serviceUrl));
        await (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_1__/* .azureCall */ .WG)('Key Vault', `list the ${what} under ${base.url}`, async () => {
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
function escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
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
            (0,_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)(t);
    }
}
/** Masks the encrypted parts of a security domain (compact JWEs) so no fragment reaches a log. */
function maskSecurityDomain(sdText) {
    for (const m of sdText.matchAll(/"(?:compact_jwe|enc_key)"\s*:\s*"([^"]+)"/g)) {
        for (const segment of m[1].split('.'))
            if (segment.length >= 16)
                (0,_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)(segment);
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

/***/ 7235:
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
// EXTERNAL MODULE: ./src/azure/retry.ts
var retry = __webpack_require__(2933);
// EXTERNAL MODULE: ./src/azure/sdk.ts
var sdk = __webpack_require__(575);
// EXTERNAL MODULE: ./src/escrow/stores/store.ts
var store = __webpack_require__(9551);
// EXTERNAL MODULE: ./src/shared/hash.ts
var hash = __webpack_require__(9913);
// EXTERNAL MODULE: ./src/shared/connections.ts + 1 modules
var connections = __webpack_require__(3641);
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
                ...(0,connections.storageClientOptions)(this.accountUrl),
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
            if (existing && (0,hash/* sha256Hex */.f)(existing.content) === (0,hash/* sha256Hex */.f)(content))
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
            if ((0,call/* statusOf */.c2)(e) !== 409 && (0,call/* statusOf */.c2)(e) !== 412)
                throw e;
            // A retried write whose first attempt landed meets its own ETag change: that one was ours.
            const now = await this.get();
            return !!now && (0,hash/* sha256Hex */.f)(now.content) === (0,hash/* sha256Hex */.f)(content);
        }
    }
    /** One operation, retried on throttling and outages (a whole download included), as a named error. */
    call(operation, fn) {
        return (0,call/* azureCall */.WG)(SERVICE, operation, () => (0,retry/* withRetries */.LH)(fn, this.retry), permissionHint);
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

// EXTERNAL MODULE: ./src/auth/data-plane-auth.ts
var data_plane_auth = __webpack_require__(6326);
// EXTERNAL MODULE: ./src/shared/retry.ts
var shared_retry = __webpack_require__(3091);
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
            const options = (0,connections.clientOptions)();
            const client = new SecretClient(this.vaultUrl, this.credential, {
                ...options,
                additionalPolicies: [
                    ...options.additionalPolicies,
                    { policy: call/* emptyErrorAnswerPolicy */.e8, position: 'perCall' }
                ]
            });
            // The token on the first request, no challenge round trip (auth/data-plane-auth.ts).
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
            if ((0,hash/* sha256Hex */.f)(existing.content) === (0,hash/* sha256Hex */.f)(content))
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
        await (0,shared_retry/* sleep */.yy)(settleMs);
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

/***/ 4156:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T_: () => (/* binding */ access),
/* harmony export */   uZ: () => (/* binding */ ADMINISTRATOR_ID),
/* harmony export */   vA: () => (/* binding */ keyHolders)
/* harmony export */ });
/* harmony import */ var _azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5034);
/* harmony import */ var _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5051);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8795);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4797);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(670);
/* harmony import */ var _run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6679);
/* harmony import */ var _run_role_assignments_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2866);
/* harmony import */ var _run_key_roles_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7890);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8382);
/* harmony import */ var _capabilities_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3620);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6869);











const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUILT_IN_IDS = new Set(Object.values(_azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILT_IN_ROLES */ .NS));
const ADMINISTRATOR_ID = _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILT_IN_ROLES */ .NS['Managed HSM Administrator'];
const access = {
    name: 'access',
    applies: (ctx, hsm) => (0,_types_js__WEBPACK_IMPORTED_MODULE_9__/* .hsmActive */ .P)(hsm) && ctx.config.steps.some(s => s === 'rbac' || s === 'key' || s === 'des'),
    prefetch(ctx, hsm) {
        // The same reads keyHolders joins: the role definitions, the three scopes' lists, the subscription's sets,
        // and the Orchestrator's Graph look-up once a confidential set is seen using the key (its token and the
        // look-up would otherwise wait for the assessment, after every step).
        const plane = (0,_run_context_js__WEBPACK_IMPORTED_MODULE_3__/* .planeOf */ .iO)(ctx, hsm);
        if (plane) {
            // Not kept in the run's facts: a read the firewall refused before just-in-time access opened it must be
            // read again after (run/runner-access.ts forgets the reads), not handed to every later caller.
            void ctx.reads.prefetch('roleDefinitions', () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_10__/* .listRoleDefinitions */ .BS)(plane));
            for (const scope of (0,_run_key_roles_js__WEBPACK_IMPORTED_MODULE_6__/* .keyScopes */ .z$)(ctx.config.key.name))
                void ctx.reads.prefetch(`assignmentsAt:${scope}`, () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_10__/* .listRoleAssignments */ .FE)(plane, scope));
        }
        prefetchSets(ctx, Promise.resolve(hsm));
        // The look-up is expected (the inputs name a set for confidential VMs, or the key's policy serves one):
        // it starts now rather than once the subscription's sets are read.
        if ((0,_config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .expectsOrchestrator */ .RI)(ctx.config))
            void (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .prefetchOrchestrator */ .ur)(ctx);
    },
    early(ctx, hsm) {
        if (ctx.config.steps.some(s => s === 'rbac' || s === 'key' || s === 'des'))
            prefetchSets(ctx, hsm);
    },
    async assess(ctx) {
        const { holders, items } = await keyHolders(ctx);
        return { holders, items: [...items, ...holders.filter(h => !h.intendedAs).map(h => holderItem(ctx, h))] };
    }
};
/** The subscription's sets, then the Orchestrator's look-up once a confidential one is seen using the key. */
function prefetchSets(ctx, hsm) {
    const { config } = ctx;
    void Promise.all([ctx.reads.prefetch('des:*', () => (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx).listInSubscription()), hsm])
        .then(([all, h]) => {
        const uri = h?.properties?.hsmUri ?? '';
        const cvm = (all ?? []).some(s => s.properties?.encryptionType === _config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .CVM_ENCRYPTION_TYPE */ .su &&
            (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .usesKey */ .wD)(s, uri, config.hsmName, config.key.name));
        if (cvm && !config.des?.orchestratorObjectId)
            void (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .prefetchOrchestrator */ .ur)(ctx);
    })
        .catch(() => undefined);
}
/** Every assignment that reaches the key, classified; shared by the posture and the rbac step's prune. */
async function keyHolders(ctx) {
    const [{ definitions, assignments: reaching }, intent] = await Promise.all([
        (0,_run_key_roles_js__WEBPACK_IMPORTED_MODULE_6__/* .assignmentsReachingKey */ .fc)(ctx),
        readIntent(ctx)
    ]);
    const holders = reaching.map((a) => {
        const id = a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
        const def = definitions.find(d => d.name.toLowerCase() === id);
        // A role the HSM does not list cannot be read: it counts as everything (fail closed).
        const allows = def ? (0,_capabilities_js__WEBPACK_IMPORTED_MODULE_8__/* .capabilities */ .R7)(def.properties.permissions) : [..._capabilities_js__WEBPACK_IMPORTED_MODULE_8__/* .ALL_CAPABILITIES */ .JH];
        const principalId = a.properties.principalId.toLowerCase();
        const scope = (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_5__/* .normaliseScope */ .Rx)(a.properties.scope);
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
            holder.severity = allows.some(c => _capabilities_js__WEBPACK_IMPORTED_MODULE_8__/* .CRITICAL_CAPABILITIES */ .vK.has(c))
                ? 'critical'
                : intent.managed.has(principalId)
                    ? 'drift'
                    : 'warning';
        return holder;
    });
    return { holders, items: intent.items, incomplete: intent.incomplete };
}
const ENCRYPTION_USER_ID = _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILT_IN_ROLES */ .NS['Managed HSM Crypto Service Encryption User'];
const RELEASE_USER_ID = _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILT_IN_ROLES */ .NS['Managed HSM Crypto Service Release User'];
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
        (0,_run_context_js__WEBPACK_IMPORTED_MODULE_3__/* .selfPrincipalId */ .S9)(ctx).then(p => p.toLowerCase()),
        ctx.signIn.principalId().then(p => p.toLowerCase()),
        (0,_run_context_js__WEBPACK_IMPORTED_MODULE_3__/* .desiredAdministrators */ .r4)(ctx),
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
        ...(config.steps.includes('key') ? (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_5__/* .implicitForKeyStep */ .aJ)() : [])
    ].map(w => ({
        roleId: (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_5__/* .roleId */ .It)(w.role),
        principalId: w.principal === _config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .SELF */ .TK ? self : w.principal.toLowerCase(),
        scope: (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_5__/* .normaliseScope */ .Rx)(w.scope).toLowerCase(),
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
    const cvm = sets.filter(s => s.properties?.encryptionType === _config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .CVM_ENCRYPTION_TYPE */ .su);
    const orchestratorId = cvm.length ? await orchestrator(ctx, items, incomplete) : undefined;
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
    const own = config.des ? await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readDes */ .Lg)(ctx, (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx), config.des).catch(() => undefined) : undefined;
    let all = [];
    try {
        all = await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readAllDes */ .Uv)(ctx);
    }
    catch (e) {
        const status = (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(e);
        items.push({
            id: 'access.diskEncryptionSets',
            setting: 'Disk Encryption Sets that use the key',
            state: status === 403
                ? 'not checked (needs Reader on the subscription)'
                : `not checked: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(e).split('\n')[0]}`,
            severity: 'warning',
            finding: "Disk Encryption Sets that use the key were not checked: a set's identity would show as not intended",
            todo: "give the identity 'Reader' on the subscription, or name the sets' identities in known-principals"
        });
        incomplete.push('the Disk Encryption Sets of the subscription');
    }
    const using = all.filter(s => (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .usesKey */ .wD)(s, hsmUri, config.hsmName, config.key.name));
    if (own && !using.some(s => s.id?.toLowerCase() === own.id?.toLowerCase()))
        using.push(own);
    return using;
}
/** The Confidential VM Orchestrator's object id: the input, this run's lookup, or Microsoft Graph. */
async function orchestrator(ctx, items, incomplete) {
    const given = ctx.config.des?.orchestratorObjectId ?? ctx.facts.orchestratorObjectId;
    if (given)
        return given;
    try {
        return (await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readOrchestrator */ .FQ)(ctx))?.id;
    }
    catch (e) {
        items.push({
            id: 'access.orchestrator',
            setting: 'Confidential VM Orchestrator',
            state: `not looked up: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(e).split('\n')[0]}`,
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
    const allows = h.allows.map(c => _capabilities_js__WEBPACK_IMPORTED_MODULE_8__/* .CAPABILITY_WORDS */ .$f[c]).join(', ') || 'nothing on the key';
    const role = `'${h.roleName}'${h.custom ? ' (custom role)' : ''}`;
    const todo = [];
    if (GUID.test(h.assignmentName))
        todo.push(`remove it (az keyvault role assignment delete --hsm-name ${ctx.config.hsmName} --scope ${h.scope} --name ${h.assignmentName}, or prune-role-assignments: true)`);
    if (GUID.test(h.principalId))
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


/***/ }),

/***/ 2094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ armReader),
/* harmony export */   mp: () => (/* binding */ lastSegment),
/* harmony export */   wk: () => (/* binding */ denied)
/* harmony export */ });
/* harmony import */ var _azure_arm_reads_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9577);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8795);
/** What the ARM-reading areas share: one reader per run, and how a refused read is told apart. */


const readers = new WeakMap();
/** The run's reader of ARM resources the action only inspects (one token cache, one pipeline). */
function armReader(ctx) {
    let r = readers.get(ctx);
    if (!r) {
        r = new _azure_arm_reads_js__WEBPACK_IMPORTED_MODULE_0__/* .ArmReader */ .S(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager);
        readers.set(ctx, r);
    }
    return r;
}
/** ARM refused the read (AuthorizationFailed): the identity lacks a role, the resource may well be there. */
function denied(e) {
    return (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(e) === 403;
}
/** The last segment of a resource id, for messages ("workspaces/ws" → "ws"). */
function lastSegment(id) {
    return id.replace(/\/+$/, '').split('/').pop() ?? id;
}


/***/ }),

/***/ 6903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B5: () => (/* binding */ readDiagnosticSettings),
/* harmony export */   sb: () => (/* binding */ audit),
/* harmony export */   zy: () => (/* binding */ carriesAudit)
/* harmony export */ });
/* unused harmony export destinations */
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4797);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(670);
/* harmony import */ var _arm_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2094);



const READ = 'diagnosticSettings';
const SETTING = 'HSM audit log (AuditEvent)';
function hsmId(ctx, hsm) {
    return hsm.id ?? ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName);
}
/** Every diagnostic setting of the HSM, read once per run (shared with the provision step's audit-log plan). */
function readDiagnosticSettings(ctx, id) {
    return ctx.reads.once(READ, () => (0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .armReader */ .SH)(ctx).diagnosticSettings(id));
}
const audit = {
    name: 'audit',
    applies: ctx => _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .MODE_TABLE */ .TL[ctx.config.mode].proves,
    // verify only (applies): the HSM's resource id is known from the inputs.
    early(ctx) {
        const id = ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName);
        void ctx.reads.prefetch(READ, () => (0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .armReader */ .SH)(ctx).diagnosticSettings(id));
    },
    async assess(ctx) {
        const hsm = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_1__/* .readHsm */ .B9)(ctx);
        if (!hsm)
            return { items: [] };
        let settings;
        try {
            settings = await readDiagnosticSettings(ctx, hsmId(ctx, hsm));
        }
        catch (e) {
            if (!(0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .denied */ .wk)(e))
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
/** A log entry that carries the HSM's audit events: AuditEvent, or the category group audit or allLogs. */
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
        out.push(`Log Analytics workspace '${(0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .lastSegment */ .mp)(p.workspaceId)}'`);
    if (set(p.storageAccountId))
        out.push(`storage account '${(0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .lastSegment */ .mp)(p.storageAccountId)}'`);
    if (set(p.eventHubAuthorizationRuleId))
        out.push('an event hub');
    if (set(p.marketplacePartnerId))
        out.push(`partner solution '${(0,_arm_js__WEBPACK_IMPORTED_MODULE_2__/* .lastSegment */ .mp)(p.marketplacePartnerId)}'`);
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
        todo: ctx.config.auditLog
            ? `run mode: apply: its provision step writes the diagnostic setting '${ctx.config.auditLog.settingName}' of the audit-log-* inputs again`
            : `set audit-log-workspace-id or audit-log-storage-account-id for apply's provision step to create and keep one, or ` +
                `create a diagnostic setting on the HSM that sends the audit category group to a Log Analytics workspace or storage account ` +
                `(az monitor diagnostic-settings create --resource ${ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName)} ` +
                `--name audit --logs '[{"categoryGroup":"audit","enabled":true}]' --workspace WORKSPACE_ID)`
    };
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

/***/ 2157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _r: () => (/* binding */ hsmSettings),
  fS: () => (/* binding */ settingChange)
});

// UNUSED EXPORTS: readSettings

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

// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/posture/arm.ts
var arm = __webpack_require__(2094);
// EXTERNAL MODULE: ./src/posture/types.ts
var types = __webpack_require__(6869);
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
    return ctx.reads.once(READ, async () => listSettings(await (0,context/* dataPlane */.nB)(ctx)));
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
    if (want === undefined || config/* MODE_TABLE */.TL[ctx.config.mode].proves)
        return undefined;
    // An HSM not active yet (plan before activate) answers no data-plane read; a new one has it off.
    const hsm = await (0,context/* readHsm */.B9)(ctx);
    const on = hsm && (0,types/* hsmActive */.P)(hsm) ? armKeyManagement(await readSettings(ctx)) : false;
    if (on === want)
        return undefined;
    return {
        kind: 'update',
        id: `rbac.${ID}`,
        summary: `turn the HSM setting ${ARM_KEY_MANAGEMENT_SETTING} ${onOff(want)} (${INPUT}: ${want})`,
        details: [`${ARM_KEY_MANAGEMENT_SETTING}: ${onOff(on)} -> ${onOff(want)}`],
        async apply() {
            await updateSetting(await (0,context/* dataPlane */.nB)(ctx), ARM_KEY_MANAGEMENT_SETTING, String(want));
        }
    };
}
const hsmSettings = {
    name: 'settings',
    // Read by verify; by apply and plan only when the input names a value (they may have to change it).
    applies: (ctx, hsm) => (0,types/* hsmActive */.P)(hsm) &&
        ctx.config.steps.some(s => s !== 'provision') &&
        (config/* MODE_TABLE */.TL[ctx.config.mode].proves || ctx.config.allowKeyManagementThroughArm !== undefined),
    prefetch(ctx, hsm) {
        // The client the steps use (run/context.ts dataPlane): one challenge cache per run.
        const plane = (0,context/* planeOf */.iO)(ctx, hsm);
        if (!plane)
            return;
        void ctx.reads.prefetch(READ, () => listSettings(plane));
    },
    async assess(ctx) {
        let settings;
        try {
            settings = await readSettings(ctx);
        }
        catch (e) {
            if (!(0,arm/* denied */.wk)(e))
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

/***/ 2176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ untilAuthorized),
/* harmony export */   W: () => (/* binding */ untilPropagated)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8795);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3091);
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
    return untilPropagated(ctx, e => (0,_azure_call_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(e) === 403, `${what}: not authorized yet (a new role assignment is propagating)`, fn);
}
/**
 * Runs fn, retrying the failures `denied` recognises while a role assignment made in this run propagates:
 * 1, 2, 4, 8 then every 15 s, for two minutes at most. Without a new assignment a denial is final.
 */
async function untilPropagated(ctx, denied, waiting, fn) {
    return (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retrying */ .R$)(fn, {
        retriable: e => denied(e) && !!ctx.facts.rolesChanged,
        delayMs: (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .doubling */ .Bf)(1000, 15_000),
        deadline: Date.now() + 120_000,
        onRetry: (_e, delay) => _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${waiting}; retrying in ${delay / 1000}s`)
    });
}


/***/ }),

/***/ 6679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o$: () => (/* binding */ CVM_ORCHESTRATOR_APP_ID),
  mG: () => (/* binding */ desClient),
  yF: () => (/* binding */ isManaged),
  Aw: () => (/* binding */ prefetchDes),
  ur: () => (/* binding */ prefetchOrchestrator),
  Uv: () => (/* binding */ readAllDes),
  Lg: () => (/* binding */ readDes),
  FQ: () => (/* binding */ readOrchestrator),
  X2: () => (/* binding */ setsOnHsm),
  wD: () => (/* binding */ usesKey)
});

// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./src/azure/rest.ts
var rest = __webpack_require__(1293);
;// CONCATENATED MODULE: ./src/azure/disk-encryption-sets.ts


const DES_API_VERSION = '2025-01-02';
const SERVICE = 'Azure Resource Manager';
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
        this.api = new rest/* JsonApi */.Tj(credential, endpoint, SERVICE);
    }
    resourceId(resourceGroup, name) {
        return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${name}`;
    }
    async get(resourceGroup, name) {
        return (0,call/* absentOn404 */.lz)(async () => {
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
    const api = new rest/* JsonApi */.Tj(credential, graphEndpoint, graph_SERVICE);
    const r = await api.send(`look up the service principal of application ${appId}`, 'GET', '/v1.0/servicePrincipals', {
        query: { $filter: `appId eq '${appId}'`, $select: 'id,appId,displayName' },
        hint: (_code, status) => status === 403
            ? 'the signed-in app needs the Microsoft Graph application permission Application.Read.All (admin consent), or set cvm-orchestrator-object-id'
            : undefined
    });
    return r.body?.value?.find(sp => typeof sp.id === 'string');
}

// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
;// CONCATENATED MODULE: ./src/run/disk-encryption-sets.ts
/**
 * Disk Encryption Sets as the run reads them: the des step's own set, every set of the subscription that
 * uses this HSM's key (posture/access.ts counts their identities as intended key holders), the sets that use
 * any key of the HSM (teardown's dependents, network-bypass None's check), and the Confidential VM Orchestrator
 * that releases the key to confidential VMs.
 */



/** The Confidential VM Orchestrator's application id, the same in every tenant. */
const CVM_ORCHESTRATOR_APP_ID = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0';
function desClient(ctx) {
    return new DiskEncryptionSets(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager);
}
/** A set this action created for this HSM. */
function isManaged(des, hsmName) {
    return (des.tags?.[config/* MANAGED_BY_TAG */.dS] === config/* MANAGED_BY */.Kf &&
        des.tags?.[config/* MANAGED_HSM_TAG */.G9]?.toLowerCase() === hsmName.toLowerCase());
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
/**
 * The sets whose key, active or a previous one still in rotation, is on the HSM `hsmName`: the one place that
 * answers "which sets use this HSM" (teardown, network-bypass None). The key URL decides, never a tag.
 */
function setsOnHsm(ctx, sets, hsmName) {
    const host = `${hsmName}.${ctx.cloud.managedHsmSuffix}`.toLowerCase();
    return sets.filter(s => keyHosts(s).includes(host));
}
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


/***/ }),

/***/ 1705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GD: () => (/* binding */ proveEscrow),
/* harmony export */   TW: () => (/* binding */ readSecurityDomain),
/* harmony export */   nl: () => (/* binding */ collectWrappingKeys)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(304);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/* harmony import */ var _config_input_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5457);
/* harmony import */ var _security_domain_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(115);
/* harmony import */ var _escrow_key_bundle_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(45);
/* harmony import */ var _shared_hash_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9913);
/**
 * The proof that the escrow recovers the HSM, in one place: the escrowed security domain and the wrapping
 * private keys within reach are read (masked as read), and every quorum-sized subset of the keys opens the
 * security domain offline. The activate step's verify and its post-download check, mode: verify-security-domain
 * and mode: recover all ask proveEscrow.
 */








/** Opens the security domain offline with every quorum-sized subset of the keys. Throws RecoveryError for an unreadable one. */
function proveEscrow(sdText, keys) {
    const report = (0,_security_domain_index_js__WEBPACK_IMPORTED_MODULE_5__/* .recoverableSubsets */ .Gp)(sdText, keys.map(k => k.key));
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
        const sha256 = (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Hex */ .f)(text);
        if (pinned && sha256 !== pinned) {
            others.push({ where, sha256 });
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${where} holds a security domain with SHA-256 ${sha256}, not the pinned ${pinned}: not used`);
            return undefined;
        }
        if (!pinned)
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${PIN} is not set: the security domain from ${where} (SHA-256 ${sha256}) is taken on the word of whoever can write it; ` +
                `pin the SHA-256 the activating run gave (its SECURITY_DOMAIN_SHA256 output) in the workflow file`);
        return text;
    };
    if (ctx.config.securityDomainFile) {
        const text = (0,_config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readInputFile */ .jH)('security-domain-file', ctx.config.securityDomainFile, _config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .FILE_CAPS */ .h0.securityDomain).toString('utf8');
        (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecurityDomain */ .DE)(text);
        const taken = take(ctx.config.securityDomainFile, text);
        if (taken !== undefined)
            return taken;
        throw pinRefusal(pinned, others);
    }
    const stores = (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .storesFor */ .iT)(ctx.config.activation.securityDomainStores, ctx.signIn.credential);
    for (const c of await Promise.all(stores.map(_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5))) {
        if (c.state === 'ok' && c.content) {
            const taken = take(c.store.url, c.content.toString('utf8'));
            if (taken !== undefined)
                return taken;
        }
        else
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .describeCheck */ .cn)(c));
    }
    if (pinned && others.length > 0)
        throw pinRefusal(pinned, others);
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK('no intact escrowed security domain found', 'set security-domain-store (or security-domain-file)');
}
const PIN = 'expected-security-domain-sha256';
/** No copy is the pinned security domain: nothing may be recovered from (or proven with) another one. */
function pinRefusal(pinned, others) {
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`the escrowed security domain is not the pinned one: ${PIN} is ${pinned}, but\n` +
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
        const stores = (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .storesFor */ .iT)((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .keyTargets */ .mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential);
        for (const c of await Promise.all(stores.map(_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5))) {
            const bundle = c.state === 'ok' && c.content ? (0,_escrow_key_bundle_js__WEBPACK_IMPORTED_MODULE_7__/* .parseKeyBundle */ .d)(c.content.toString('utf8')) : undefined;
            if (bundle) {
                (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecret */ .$l)(bundle.privateKeyPem);
                labelled.push({ label: c.store.url, key: bundle });
            }
            else
                notes.push((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .describeCheck */ .cn)(c));
        }
    }
    for (const path of ctx.config.wrappingPrivateKeys) {
        const key = readKeyFile(path);
        (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecret */ .$l)(key.privateKeyPem);
        labelled.push({ label: path, key });
    }
    return labelled;
}
/** A custodian's key: a PEM bundle (key + certificate), or a key file with its certificate beside it (.cer/.pem/.crt). */
function readKeyFile(path) {
    const text = (0,_config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readInputFile */ .jH)('wrapping-private-key-files', path, _config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .FILE_CAPS */ .h0.privateKey).toString('utf8');
    const bundle = (0,_escrow_key_bundle_js__WEBPACK_IMPORTED_MODULE_7__/* .parseKeyBundle */ .d)(text);
    if (bundle)
        return bundle;
    const base = path.replace(/\.[^./]+$/, '');
    for (const ext of ['.cer', '.crt', '.pem']) {
        const beside = `${base}${ext}`;
        if (beside === path || !exists(beside))
            continue;
        return {
            privateKeyPem: text,
            certificatePem: (0,_config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readInputFile */ .jH)('wrapping-private-key-files', beside, _config_input_file_js__WEBPACK_IMPORTED_MODULE_4__/* .FILE_CAPS */ .h0.certificate)
        };
    }
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`${path} holds no certificate and none was found beside it`, 'put the certificate (PEM) in the same file, or next to it as .cer');
}
function exists(path) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(path);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 3880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ waitUntilActive)
/* harmony export */ });
/* harmony import */ var _azure_wait_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5818);
/**
 * The end of an activation or a recovery: the HSM's own operation (security-domain download or upload) is
 * polled until it is done, then ARM until it says Active, which is what every later call relies on.
 */

async function waitUntilActive(ctx, what, operation) {
    await (0,_azure_wait_js__WEBPACK_IMPORTED_MODULE_0__/* .waitUntil */ .a0)(async () => {
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


/***/ }),

/***/ 7890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   el: () => (/* binding */ sameKey),
/* harmony export */   fc: () => (/* binding */ assignmentsReachingKey),
/* harmony export */   yf: () => (/* binding */ readKeyAssignments),
/* harmony export */   z$: () => (/* binding */ keyScopes)
/* harmony export */ });
/* harmony import */ var _azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5034);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(670);
/* harmony import */ var _role_assignments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2866);
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
    const plane = await (0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .dataPlane */ .nB)(ctx);
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_2__/* .listRoleDefinitions */ .BS)(plane));
    const scopes = keyScopes(ctx.config.key.name);
    const [definitions, lists] = await Promise.all([
        ctx.facts.roleDefinitions,
        Promise.all(scopes.map(s => ctx.reads.once(`assignmentsAt:${s}`, () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_2__/* .listRoleAssignments */ .FE)(plane, s))))
    ]);
    const wanted = new Set(scopes.map(s => s.toLowerCase()));
    const seen = new Set();
    const assignments = lists.flat().filter(a => {
        const name = a.name.toLowerCase();
        if (!wanted.has((0,_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseScope */ .Rx)(a.properties.scope).toLowerCase()) || seen.has(name))
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
        const scope = (0,_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseScope */ .Rx)(a.properties.scope);
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


/***/ }),

/***/ 696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ Reads)
/* harmony export */ });
class Reads {
    enabled;
    entries = new Map();
    holding;
    /** Off for the single-purpose modes, which write between their reads: every call then reads. */
    constructor(enabled) {
        this.enabled = enabled;
    }
    /**
     * The reads started from now until `until` settles were made on an assumption it confirms (engine/prefetch.ts:
     * the HSM active before ARM has said so; their requests wait for it). When it ends false they are dropped,
     * never handed to a caller, and a caller that joined one reads again.
     */
    hold(until) {
        const settled = until.catch(() => false);
        this.holding = settled;
        void settled.then(ok => {
            if (this.holding === settled)
                this.holding = undefined;
            if (!ok)
                for (const [key, e] of this.entries)
                    if (e.held === settled)
                        this.entries.delete(key);
        });
    }
    /** The read of `key`: joined when one is in flight or done, else started now. */
    once(key, read) {
        if (!this.enabled)
            return read();
        const held = this.entries.get(key);
        if (held?.held) {
            // Joined once its assumption is confirmed; read again when it is not.
            const entry = held;
            return entry.held.then(ok => (ok ? this.join(key, entry) : this.once(key, read)));
        }
        if (held)
            return this.join(key, held);
        return this.start(key, read, true);
    }
    join(key, entry) {
        entry.taken = true;
        if (entry.failed && this.entries.get(key) === entry)
            this.entries.delete(key);
        return entry.promise;
    }
    /** Starts the read of `key` for a later caller; nobody waits for it yet, so its failure is kept for them. */
    prefetch(key, read) {
        if (!this.enabled)
            return Promise.resolve(undefined);
        const held = this.entries.get(key);
        const p = held && !held.failed ? held.promise : this.start(key, read, false);
        return p.catch(() => undefined);
    }
    /** The read of `key` if one was started and has not failed, else undefined: sends nothing, takes nothing. */
    started(key) {
        const held = this.enabled ? this.entries.get(key) : undefined;
        return held && !held.failed ? held.promise : undefined;
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
        const entry = { promise: promise, failed: false, taken, held: this.holding };
        this.entries.set(key, entry);
        promise.catch(() => {
            entry.failed = true;
            if (entry.taken && this.entries.get(key) === entry)
                this.entries.delete(key);
        });
        return promise;
    }
}


/***/ }),

/***/ 2866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ roleId),
/* harmony export */   Rx: () => (/* binding */ normaliseScope),
/* harmony export */   YB: () => (/* binding */ prefetchAssignments),
/* harmony export */   aJ: () => (/* binding */ implicitForKeyStep),
/* harmony export */   oL: () => (/* binding */ planAssignments),
/* harmony export */   sH: () => (/* binding */ prefetchRoleDefinitions)
/* harmony export */ });
/* unused harmony exports readAssignments, sameRole, uuidV5 */
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(670);
/* harmony import */ var _azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5034);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/* harmony import */ var _shared_connections_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3641);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4797);
/* harmony import */ var _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5051);
/**
 * Managed HSM local role assignments as plans: roles resolved by listing the HSM's own definitions, assignment
 * names UUIDv5 of (HSM, scope, role, principal), so a rerun targets the same name. The rbac, key and des
 * steps and mode: recover plan their assignments here.
 */








/** Namespace of this action's assignment names (a fixed, random UUID). */
const ASSIGNMENT_NAMESPACE = 'b7d4f5e2-3c1a-4e8b-9f60-2a7c5d9e1b34';
function implicitForKeyStep() {
    return [{ role: _azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_6__/* .CRYPTO_USER */ .Mm, principal: _config_index_js__WEBPACK_IMPORTED_MODULE_5__/* .SELF */ .TK, scope: '/keys' }];
}
async function planAssignments(ctx, wanted) {
    if (wanted.length === 0)
        return { changes: [], notes: [] };
    const hsm = await (0,_context_js__WEBPACK_IMPORTED_MODULE_2__/* .dataPlane */ .nB)(ctx);
    // Kept for the run (it never changes them); the first list may be the one prefetch.ts started.
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__/* .listRoleDefinitions */ .BS)(hsm));
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
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`rbac: '${d.roleName}' for ${d.principalId} at ${d.scope} is in place`);
    return {
        changes: missing.map((d) => ({
            kind: 'create',
            id: `rbac.assignment.${d.name}`,
            summary: `assign '${d.roleName}' to ${d.principalId} at scope ${d.scope}`,
            details: [`assignment name ${d.name}`],
            async apply() {
                // Later calls that need this role retry on 403 while it propagates (see key.ts untilAuthorized).
                ctx.facts.rolesChanged = true;
                const r = await (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__/* .createRoleAssignment */ .QN)(hsm, d);
                if (r === 'exists')
                    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  the same assignment already exists under another name (MatchingRoleAssignmentExists)`);
            }
        })),
        // Assignments the inputs do not ask for, whoever holds them: the posture's access area (posture/access.ts).
        notes: []
    };
}
/** A principal's assignments at any scope (shared with the steps' early reads, prefetchAssignments). */
function readAssignments(ctx, hsm, principalId) {
    const id = principalId.toLowerCase();
    return ctx.reads.once(`assignments:${id}`, () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__/* .listPrincipalAssignments */ .hQ)(hsm, id));
}
/** Starts the read of the HSM's role definitions, which planAssignments joins (a step's early reads). */
function prefetchRoleDefinitions(ctx, hsm) {
    void ctx.reads.prefetch('roleDefinitions', () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__/* .listRoleDefinitions */ .BS)(hsm));
}
/** Starts the reads readAssignments joins for these principals (SELF: the signed-in identity, once known). */
function prefetchAssignments(ctx, hsm, principals) {
    const assignments = (principal) => {
        const id = principal?.toLowerCase();
        if (id)
            void ctx.reads.prefetch(`assignments:${id}`, () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_7__/* .listPrincipalAssignments */ .hQ)(hsm, id));
    };
    for (const p of principals) {
        if (p !== _config_index_js__WEBPACK_IMPORTED_MODULE_5__/* .SELF */ .TK) {
            assignments(p);
            continue;
        }
        // Sent once the token names the identity: its connection is opened now, with the other reads' (shared/connections).
        const sent = (0,_shared_connections_js__WEBPACK_IMPORTED_MODULE_4__.announceRequest)(hsm.origin);
        void (0,_context_js__WEBPACK_IMPORTED_MODULE_2__/* .selfPrincipalId */ .S9)(ctx).then(id => {
            sent();
            assignments(id);
        }, () => sent());
    }
}
async function resolve(ctx, w, definitions) {
    // A built-in role by its fixed id, never by its display name: a custom role may be named like one.
    const id = roleId(w.role);
    const def = definitions.find(d => d.name.toLowerCase() === id);
    if (!def) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1('role-assignments', `role '${w.role}' is not defined on this HSM (it has: ${definitions.map(d => d.properties.roleName).join(', ')})`);
    }
    const principalId = (w.principal === _config_index_js__WEBPACK_IMPORTED_MODULE_5__/* .SELF */ .TK ? await (0,_context_js__WEBPACK_IMPORTED_MODULE_2__/* .selfPrincipalId */ .S9)(ctx) : w.principal).toLowerCase();
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
    return (_azure_rbac_roles_js__WEBPACK_IMPORTED_MODULE_6__/* .BUILT_IN_ROLES */ .NS[role] ?? role).toLowerCase();
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
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha1').update(ns).update(name, 'utf8').digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const h = hash.subarray(0, 16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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

/***/ 3962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ timed)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
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
        await _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, () => body(result));
    }
    catch (e) {
        result.error = (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e);
        throw e;
    }
    finally {
        result.durationMs = Date.now() - started;
    }
}


/***/ }),

/***/ 115:
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

// UNUSED EXPORTS: Base64Error, JWE_ENC, JweError, MAX_REQUIRED, MAX_SHARE_X, MIN_REQUIRED, RestoreBlobError, SD_KDF_NAME, SD_VERSION, SHAMIR_ALGORITHM, SHAMIR_PRIME, SIZE_MARGIN, ShamirError, TRANSFER_KID, aes256CbcHs512Decrypt, aes256CbcHs512Encrypt, b64Decode, b64Encode, b64urlDecode, b64urlEncode, buildDownloadRequest, certificateDer, checkSecurityDomainRecovery, checkX5tS256, combineShares, comparePlaintexts, decodeShare, decryptCompactJwe, deriveItemKey, encodeShare, encryptCompactJwe, estimateSecurityDomainBytes, generateWrappingKey, openRestoreBlob, parseCompactJwe, parseEncData, parseJsonText, parseRestoreBlob, parseTransferKey, parseX5cCertificate, rsaPublicNumbers, serializeSecurityDomain, sp108_kdf, splitSecret, validateWrappingCertificates, x5tOf, x5tS256Of

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

// EXTERNAL MODULE: ./src/security-domain/certificates.ts
var certificates = __webpack_require__(5189);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/security-domain/wrapping-keys.ts
/**
 * Generates security-domain wrapping keys: RSA key pairs from Node's native (threaded) generator,
 * each with a self-signed certificate. node-forge builds the certificate structure (Node cannot),
 * but Node signs it: forge's pure-JS RSA takes ~0.3 s per 4096-bit signature on the main thread,
 * Node's takes milliseconds, and PKCS#1 v1.5 signatures are deterministic, so the result is the same.
 * node-forge is loaded only here, when keys are generated: its start-up (about 25 ms of registering every
 * cipher it has) is otherwise paid by every run, most of which never generate a key.
 */



const generateKeyPairAsync = (0,external_node_util_.promisify)(external_node_crypto_.generateKeyPair);
const loadForge = () => __webpack_require__.e(/* import() */ 542).then(__webpack_require__.t.bind(__webpack_require__, 8542, 23)).then(m => m.default);
/** A positive, minimally encoded 128-bit serial (RFC 5280 §4.1.2.2: ≤ 20 octets, positive). */
function randomSerialHex() {
    const bytes = (0,external_node_crypto_.randomBytes)(16);
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    return bytes.toString('hex');
}
function selfSignedCertificate(forge, privateKeyPem, publicKeyPem, commonName, notBefore, notAfter) {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
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
    const oid = forge.pki.oids.sha256WithRSAEncryption;
    cert.signatureOid = oid;
    cert.siginfo.algorithmOid = oid;
    const tbs = forge.asn1.toDer(forge.pki.getTBSCertificate(cert)).getBytes();
    cert.signature = (0,external_node_crypto_.sign)('sha256', Buffer.from(tbs, 'binary'), privateKeyPem).toString('binary');
    return forge.pki.certificateToPem(cert);
}
const nodeKeyPair = (bits) => generateKeyPairAsync('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
});
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
    const { privateKey, publicKey } = await (options.keyPair ?? nodeKeyPair)(bits, index);
    const certificatePem = selfSignedCertificate(await loadForge(), privateKey, publicKey, commonName, notBefore, notAfter);
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

/***/ 9913:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Hex SHA-256 (a string as UTF-8): names an escrowed object or a security domain in logs, outputs and
 * metadata without revealing it.
 */
function sha256Hex(data) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}


/***/ }),

/***/ 8664:
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

/***/ 9662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D$: () => (/* binding */ failIfUnreadable),
/* harmony export */   Vh: () => (/* binding */ foreignKeysError),
/* harmony export */   Yo: () => (/* binding */ readEscrow),
/* harmony export */   dW: () => (/* binding */ prefetchEscrow),
/* harmony export */   hh: () => (/* binding */ supersede),
/* harmony export */   pK: () => (/* binding */ occupiedError),
/* harmony export */   rP: () => (/* binding */ preflightNewHsmEscrow),
/* harmony export */   wX: () => (/* binding */ planActive)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(304);
/* harmony import */ var _escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7235);
/* harmony import */ var _escrow_stores_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9551);
/* harmony import */ var _shared_hash_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9913);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4797);
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
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DriftError */ .ul('activate.escrow.integrity', `Managed HSM '${ctx.config.hsmName}' is active, but its escrowed security domain cannot be trusted:\n` +
            bad.map(c => `- ${c.store.url}: ${c.detail}`).join('\n'), 'restore the escrow object from a good copy (another store, or the object version history)');
    }
    const good = checks.filter((c) => c.state === 'ok' && !!c.content);
    if (good.length === 0) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DriftError */ .ul('activate.escrow.present', `Managed HSM '${ctx.config.hsmName}' is active, but no configured security-domain-store holds its security domain ` +
            `(${sdStores.map(s => s.url).join(', ')})`, 'if it was activated elsewhere, put that security domain file in one of the stores with a sha256 tag (metadata) of its SHA-256; ' +
            "if an earlier run of this action failed saying 'saved ONLY in', that file is the security domain: put it in a store the same way; " +
            'if a run was cancelled between the download and the escrow, no copy exists: the HSM works but cannot be restored from a backup, ' +
            'so while it holds no key you need, delete and purge it and rerun');
    }
    const hashes = new Set(good.map(g => (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .f)(g.content)));
    const notes = hashes.size > 1
        ? [
            `the stores hold ${hashes.size} different security domains (each downloaded once); all recover the HSM`
        ]
        : [];
    const missing = checks.filter(c => c.state === 'missing');
    if (missing.length === 0) {
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`activate: already active; security domain escrowed in ${good.length} store(s), SHA-256 ${[...hashes][0]}`);
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
                        sha256: (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .f)(source.content)
                    };
                    for (const m of missing)
                        await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .escrowTo */ .ZZ)(m.store, source.content, metadata, _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .SD_CONTENT_TYPE */ .Xn);
                }
            }
        ],
        notes
    };
}
/** What a store holds, checked (shared by plan, verify and the step's early reads, prefetchEscrow). */
function readEscrow(ctx, store) {
    return ctx.reads.once(`escrow:${store.url}`, () => (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5)(store));
}
/** Starts the reads readEscrow joins: the security domain's stores, and in verify the wrapping keys' too. */
function prefetchEscrow(ctx) {
    const a = ctx.config.activation;
    const targets = [
        ...a.securityDomainStores,
        ...(_config_index_js__WEBPACK_IMPORTED_MODULE_6__/* .MODE_TABLE */ .TL[ctx.config.mode].proves ? (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .keyTargets */ .mh)(a.wrappingKeyStores, a.keyCount) : [])
    ];
    for (const s of (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .storesFor */ .iT)(targets, ctx.signIn.credential))
        void ctx.reads.prefetch(`escrow:${s.url}`, () => (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5)(s));
}
/** Not drift: an escrow that could not be read says nothing about itself. */
function failIfUnreadable(checks) {
    const unreadable = checks.filter(c => c.state === 'unreadable');
    if (unreadable.length === 0)
        return;
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
        service: 'escrow',
        operation: 'read the escrowed security domain',
        hint: (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .unreadableHint */ .Pq)(unreadable)
    }, unreadable.map(c => `${c.store.url}: ${c.detail}`).join('\n'));
}
/**
 * After an activation that ended Failed, the store holds that attempt's security domain: keep it beside
 * the new one (nothing is ever deleted), then replace it only if nobody changed it meanwhile.
 */
async function supersede(ctx, target, old, content, metadata) {
    const oldContent = old.content;
    const oldSha = (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .f)(oldContent);
    if (oldSha === metadata.sha256)
        return;
    const aside = (0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_3__/* .openStore */ .Ch)((0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_3__/* .withSuffix */ .oF)(target, `-failed-${oldSha.slice(0, 12)}`), ctx.signIn.credential);
    await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .escrowTo */ .ZZ)(aside, oldContent, {
        ...(old.metadata ?? {}),
        kind: 'security-domain',
        hsm: ctx.config.hsmName,
        sha256: oldSha,
        superseded: 'activation failed'
    }, _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .SD_CONTENT_TYPE */ .Xn);
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  the security domain of the failed activation is kept at ${aside.url}`);
    if (!(await old.store.replaceIf(old.version ?? 'absent', content, metadata, _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .SD_CONTENT_TYPE */ .Xn)))
        throw (0,_escrow_stores_store_js__WEBPACK_IMPORTED_MODULE_4__/* .differentObject */ .J)(old.store.url);
    const back = await old.store.get();
    if (!back || (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256Hex */ .f)(back.content) !== metadata.sha256)
        throw new Error(`read-back of ${old.store.url} did not return what was written`);
}
/** What the metadata of an escrowed object says of it, for naming it in an error. */
function described(c) {
    const m = c.metadata ?? {};
    const what = [m.hsm && `HSM ${m.hsm}`, m.created && `created ${m.created}`, m.run && `by ${m.run}`];
    return `- ${c.store.url} (${_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(what.filter(Boolean).join(', ')) || 'no metadata'})`;
}
/**
 * A store holds a security domain for an HSM that has none yet (never activated, or not even created): it
 * belongs to another HSM, and an escrow is never overwritten.
 */
function occupiedError(ctx, occupied, hsm = 'inactive') {
    const name = ctx.config.hsmName;
    if (hsm === 'absent')
        return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .EscrowConflictError */ .ix(`Managed HSM '${name}' does not exist yet, but security-domain-store already holds a security domain, ` +
            `so its activation would fail once it was created:\n${occupied.map(described).join('\n')}`, 'an escrow is never overwritten: point security-domain-store at new objects (another secret name or blob path, ' +
            'for example with the HSM name in it); or, if the HSM that security domain belongs to still exists, ' +
            'point hsm-name and resource-group at it. Nothing was created');
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .EscrowConflictError */ .ix(`Managed HSM '${name}' has never been activated, but security-domain-store already holds a security domain:\n` +
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
            ? [`${keyStores[i].url} (HSM ${_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(owner)})`]
            : [];
    });
    if (foreign.length === 0)
        return undefined;
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .EscrowConflictError */ .ix(`wrapping-key-store already holds wrapping keys of another HSM:\n${foreign.map(f => `- ${f}`).join('\n')}`, 'give each HSM its own wrapping-key-store names (for example with the HSM name in them); those keys still recover that HSM, so keep them');
}
/**
 * Before an HSM is created (apply, or plan saying what apply would do), with activate among the steps: the
 * escrow objects its activation will write must be free, or the run would fail after creating an HSM that
 * bills by the hour. The same reads and the same errors as activation's own checks; nothing is written.
 */
async function preflightNewHsmEscrow(ctx) {
    const a = ctx.config.activation;
    const sdChecks = await Promise.all((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .storesFor */ .iT)(a.securityDomainStores, ctx.signIn.credential).map(_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5));
    const keyStores = a.certificates.length === 0
        ? (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .storesFor */ .iT)((0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .keyTargets */ .mh)(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
        : [];
    const keyChecks = await Promise.all(keyStores.map(_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_2__/* .checkEscrow */ .Q5));
    failIfUnreadable([...sdChecks, ...keyChecks]);
    const occupied = sdChecks.filter(c => c.content);
    if (occupied.length > 0)
        throw occupiedError(ctx, occupied, 'absent');
    const foreign = foreignKeysError(ctx, keyStores, keyChecks.map(c => c.metadata));
    if (foreign)
        throw foreign;
    if (sdChecks.length + keyChecks.length > 0)
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  escrow preflight: the ${sdChecks.length + keyChecks.length} escrow object(s) activation will write are free`);
}


/***/ }),

/***/ 854:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ attachedIdentity),
/* harmony export */   U: () => (/* binding */ preCheck)
/* harmony export */ });
/* harmony import */ var _azure_full_backup_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4105);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8795);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3091);




/** The identity's principal id on the HSM, or a ConflictError saying it is not attached. */
function attachedIdentity(hsm, backup, hsmName) {
    const uais = hsm?.identity?.userAssignedIdentities ?? {};
    const found = Object.entries(uais).find(([id]) => id.toLowerCase() === backup.identity.toLowerCase());
    if (!found) {
        const attached = Object.keys(uais);
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Managed HSM '${hsmName}' does not carry the backup identity '${backup.identity}'` +
            (attached.length
                ? ` (it carries ${attached.map(a => `'${a}'`).join(', ')})`
                : ' (it has no user-assigned identity)'), "attach the identity to the HSM once and grant it 'Storage Blob Data Contributor' on the backup container, as docs/backup.md's setup does");
    }
    return found[1].principalId ?? '';
}
/**
 * Azure's pre-check of a full backup (7.6 and later). An HSM or emulator that does not serve it (400 on the
 * api-version) leaves the check to the backup itself; a pre-check that ends Failed is a ConflictError.
 */
async function preCheck(plane, backup, principalId, deadline) {
    let started;
    try {
        started = await (0,_azure_full_backup_js__WEBPACK_IMPORTED_MODULE_2__/* .preBackup */ ._c)(plane, backup.containerUrl);
    }
    catch (e) {
        if ((0,_azure_call_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(e) === 400)
            return 'unavailable';
        throw e;
    }
    let job = started.job;
    let wait = started.retryAfterMs ?? 1000;
    while (job.status === 'InProgress' || job.status === 'Unknown') {
        if (Date.now() + wait > deadline)
            break;
        await (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .sleep */ .yy)(Math.min(Math.max(wait, 500), 10_000));
        const polled = await (0,_azure_full_backup_js__WEBPACK_IMPORTED_MODULE_2__/* .jobStatus */ .WB)(plane, started.pendingPath, _azure_full_backup_js__WEBPACK_IMPORTED_MODULE_2__/* .PRE_CHECK_API_VERSION */ .Fk);
        job = polled.job;
        wait = polled.retryAfterMs ?? 2000;
    }
    if (job.status === 'Succeeded')
        return 'passed';
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`the pre-check of a full backup into ${backup.containerUrl} did not pass: ${job.failure ?? job.status}`, `grant the HSM's backup identity (principal ${principalId || 'unknown'}) 'Storage Blob Data Contributor' on the container, check that the container exists and has no immutability policy, then run again`);
}


/***/ }),

/***/ 2103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ay: () => (/* binding */ takeBackup),
/* harmony export */   qt: () => (/* binding */ waitForJob)
/* harmony export */ });
/* unused harmony export BACKUP_POLL_MS */
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3091);
/* harmony import */ var _azure_full_backup_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4105);
/* harmony import */ var _azure_backup_manifests_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8658);
/* harmony import */ var _azure_wait_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5818);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(670);
/**
 * Taking the full backup: start it, wait politely (the 202's Retry-After first, then the backup schedule with
 * any Retry-After a status answer sends; the run's deadline bounds it), accept only a Succeeded job whose
 * folder is in the configured container, then write the manifest verify judges freshness by. A failed job
 * may leave a folder behind; it gets no manifest, so it never counts as a backup.
 */







/** A backup of a few keys takes seconds to minutes: first look after 5 s, then every 10 s. */
const BACKUP_POLL_MS = [5_000, 10_000];
/** The 202's Retry-After is honoured up to this long before the first status read. */
const MAX_FIRST_WAIT_MS = 60_000;
const SERVICE = 'Managed HSM';
/**
 * Waits for a started backup or restore job to end: the 202's Retry-After first, then BACKUP_POLL_MS.
 * `clock`: an injected sleep and now, for the bench's fake clock (scripts/bench/polling.ts).
 */
async function waitForJob(plane, started, deadline, what, clock) {
    const first = started.job;
    if (first.status !== 'InProgress' && first.status !== 'Unknown')
        return first;
    if (started.retryAfterMs)
        await (clock?.sleep ?? _shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(Math.min(started.retryAfterMs, MAX_FIRST_WAIT_MS));
    return (0,_azure_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .waitUntil */ .a0)(async () => {
        const polled = await (0,_azure_full_backup_js__WEBPACK_IMPORTED_MODULE_6__/* .jobStatus */ .WB)(plane, started.pendingPath);
        return {
            value: polled.job,
            done: polled.job.status !== 'InProgress' && polled.job.status !== 'Unknown',
            status: polled.job.status,
            ...(polled.retryAfterMs !== undefined ? { retryAfterSeconds: polled.retryAfterMs / 1000 } : {})
        };
    }, { what, service: SERVICE, deadline, schedule: BACKUP_POLL_MS, ...clock });
}
async function takeBackup(ctx, cfg) {
    const { hsmResourceId } = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_4__/* .knownHsm */ .OC)(ctx);
    const plane = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_4__/* .dataPlane */ .nB)(ctx);
    const t0 = Date.now();
    const started = await (0,_azure_full_backup_js__WEBPACK_IMPORTED_MODULE_6__/* .startBackup */ .lw)(plane, cfg.containerUrl);
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`backup: full backup job ${started.job.jobId || '(no id)'} started`);
    const job = await waitForJob(plane, started, ctx.deadline, 'the full backup');
    if (job.status !== 'Succeeded') {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AzureOperationError */ .XP({
            service: SERVICE,
            operation: 'take a full backup',
            hint: "check that the HSM's backup identity holds 'Storage Blob Data Contributor' on the container and that the container has no immutability policy; a folder the failed job left is not a usable backup (it has no manifest)"
        }, `the backup job ${job.jobId} ended ${job.status}${job.failure ? `: ${job.failure}` : ''}`);
    }
    const folderUrl = job.folderUrl ?? '';
    if (!folderUrl.startsWith(`${cfg.containerUrl}/`) || folderUrl.length <= cfg.containerUrl.length + 1)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`the backup job ${job.jobId} reports the folder '${folderUrl}', which is not in ${cfg.containerUrl}`, 'look at the container: the job said Succeeded but named a folder elsewhere; no manifest was written');
    const durationMs = Date.now() - t0;
    const finishedAt = new Date(job.endTime ? job.endTime * 1000 : Date.now()).toISOString();
    const startedAt = new Date(job.startTime ? job.startTime * 1000 : t0).toISOString();
    const manifestUrl = await new _azure_backup_manifests_js__WEBPACK_IMPORTED_MODULE_2__/* .BackupManifests */ .tD(cfg.accountUrl, cfg.container, ctx.signIn.credential).write({
        schema: _azure_backup_manifests_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_SCHEMA */ .KB,
        version: 1,
        hsmName: ctx.config.hsmName,
        hsmResourceId,
        jobId: job.jobId,
        folderUrl,
        startTime: startedAt,
        endTime: finishedAt
    });
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`backup: done in ${(0,_azure_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(durationMs)}: ${folderUrl} (manifest ${manifestUrl})`);
    return { folderUrl, finishedAt, durationMs, manifestUrl };
}


/***/ }),

/***/ 8035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ refuseBroadReleaseBeforeWrites),
/* harmony export */   K: () => (/* binding */ refuseBroadRelease)
/* harmony export */ });
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(670);
/* harmony import */ var _run_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2866);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4797);
/* harmony import */ var _azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5034);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/* harmony import */ var _posture_capabilities_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3620);
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
    const broad = ctx.config.roleAssignments.filter(a => (0,_config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .isBroadScope */ .zp)((0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseScope */ .Rx)(a.scope)));
    if (broad.length === 0)
        return;
    const plane = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_0__/* .dataPlane */ .nB)(ctx);
    ctx.facts.roleDefinitions ??= ctx.reads.once('roleDefinitions', () => (0,_azure_rbac_api_js__WEBPACK_IMPORTED_MODULE_5__/* .listRoleDefinitions */ .BS)(plane));
    const definitions = await ctx.facts.roleDefinitions;
    const releasing = broad.flatMap(a => {
        const def = definitions.find(d => d.name.toLowerCase() === (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__/* .roleId */ .It)(a.role));
        return def && (0,_posture_capabilities_js__WEBPACK_IMPORTED_MODULE_4__/* .capabilities */ .R7)(def.properties.permissions).includes('release')
            ? [{ a, roleName: def.properties.roleName }]
            : [];
    });
    const others = releasing.filter(r => r.a.principal !== _config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .SELF */ .TK);
    if (others.length === 0)
        return;
    const self = (await ctx.signIn.principalId()).toLowerCase();
    const refused = others.filter(r => r.a.principal.toLowerCase() !== self);
    if (refused.length > 0)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1('role-assignments', (0,_config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .broadReleaseRule */ ._D)(refused[0].a, refused[0].roleName));
}
/**
 * apply's check before its first write (a tag, a key, an ARM update), as the early reads already hold the HSM
 * and its role definitions. An HSM that is absent or not active yet has no custom role to read: the rbac
 * step judges it once this run has made it.
 */
async function refuseBroadReleaseBeforeWrites(ctx) {
    const { config } = ctx;
    if (!_config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .MODE_TABLE */ .TL[config.mode].writes || !config.steps.includes('rbac') || config.allowBroadRelease)
        return;
    if (!config.roleAssignments.some(a => (0,_config_index_js__WEBPACK_IMPORTED_MODULE_2__/* .isBroadScope */ .zp)((0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseScope */ .Rx)(a.scope))))
        return;
    const hsm = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_0__/* .readHsm */ .B9)(ctx);
    const p = hsm?.properties;
    if (!p?.hsmUri || p.provisioningState !== 'Succeeded')
        return;
    if (p.securityDomainProperties?.activationStatus !== 'Active')
        return;
    await refuseBroadRelease(ctx);
}


/***/ }),

/***/ 1833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AC: () => (/* binding */ refuseUnprotectedNewSet),
/* harmony export */   Ag: () => (/* binding */ purgeProtected),
/* harmony export */   M8: () => (/* binding */ setsBackedByKey),
/* harmony export */   WM: () => (/* binding */ unprotectedSetWarning),
/* harmony export */   aI: () => (/* binding */ setsBrokenBy),
/* harmony export */   g$: () => (/* binding */ OTHER_SUBSCRIPTIONS),
/* harmony export */   iG: () => (/* binding */ describeSet),
/* harmony export */   o2: () => (/* binding */ unprotectedNewSet)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4797);
/* harmony import */ var _key_check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1330);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8382);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(670);
/* harmony import */ var _run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6679);





/** Said wherever sets are listed: the list is of this subscription only. */
const OTHER_SUBSCRIPTIONS = 'sets in other subscriptions are not checked';
/** The subscription's sets that use key `keyName` of the HSM at `hsmUri` (one list read per run). */
async function setsBackedByKey(ctx, hsmUri) {
    const { hsmName, key } = ctx.config;
    let all;
    try {
        all = await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readAllDes */ .Uv)(ctx);
    }
    catch (e) {
        return { sets: [], unchecked: (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e).split('\n')[0] };
    }
    const host = new URL(hsmUri).host.toLowerCase();
    const sets = all.filter(s => {
        const url = s.properties?.activeKey?.keyUrl;
        const named = url ? keyOf(url) : undefined;
        if (named)
            return named.host === host && named.name === key.name.toLowerCase();
        // A set of this action whose key URL is not (yet) set: it was made for this HSM's key.
        return (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .isManaged */ .yF)(s, hsmName);
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
    return _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DES_ENCRYPTION_TYPES */ .XM.includes(t ?? '')
        ? t
        : _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .CVM_ENCRYPTION_TYPE */ .su;
}
/** For each set the key as planned could no longer serve: the set and why. */
function setsBrokenBy(planned, sets) {
    return sets.flatMap(s => {
        const problems = (0,_key_check_js__WEBPACK_IMPORTED_MODULE_1__/* .desKeyProblems */ .m)(planned, typeOf(s));
        return problems.length ? [`disk encryption set ${describeSet(s)}: ${problems.join('; ')}`] : [];
    });
}
/** The HSM has purge protection, or this run's provision step turns it on before the des step. */
async function purgeProtected(ctx) {
    const { config } = ctx;
    if (config.purgeProtection && config.steps.includes('provision'))
        return true;
    return (await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_3__/* .readHsm */ .B9)(ctx))?.properties?.enablePurgeProtection === true;
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
    if (!d || !config.steps.includes('des') || !_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .MODE_TABLE */ .TL[config.mode].writes)
        return;
    if (await purgeProtected(ctx))
        return;
    if (await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readDes */ .Lg)(ctx, (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx), d))
        return;
    throw unprotectedNewSet(ctx);
}
/** The refusal of a new set on an HSM that can be purged: whose rule, why, how, and what that costs. */
function unprotectedNewSet(ctx) {
    const { config } = ctx;
    const d = config.des;
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK(`Input 'purge-protection': this action creates disk encryption set '${d.name}' only on an HSM with purge protection, and Managed HSM '${config.hsmName}' has none${config.purgeProtection ? " (purge-protection: 'true' takes effect only with provision in steps)" : ''}. ` +
        "This is the action's own rule, not Azure's: once the HSM is purged, every disk encrypted through the set is unreadable for good. Nothing was changed.", `set purge-protection: 'true' and confirm-purge-protection: ${config.hsmName}, with provision in steps. What it costs: purge protection can never be turned off, and a deleted HSM then keeps its name and keeps billing until retention-days (${config.retentionDays}) have passed`);
}


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ des)
/* harmony export */ });
/* unused harmony exports ENCRYPTION_USER, RELEASE_USER */
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(670);
/* harmony import */ var _azure_wait_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5818);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4797);
/* harmony import */ var _run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6679);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8382);
/* harmony import */ var _key_check_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1330);
/* harmony import */ var _run_authorized_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2176);
/* harmony import */ var _run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2866);
/* harmony import */ var _backing_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1833);
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
        const set = (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .prefetchDes */ .Aw)(ctx, d);
        const orchestrator = d.encryptionType !== _config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CVM_ENCRYPTION_TYPE */ .su
            ? undefined
            : (d.orchestratorObjectId ?? (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .prefetchOrchestrator */ .ur)(ctx).then(sp => sp?.id));
        return hsm => {
            const plane = hsm.plane();
            (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__/* .prefetchRoleDefinitions */ .sH)(ctx, plane);
            void Promise.all([set, orchestrator]).then(([s, o]) => (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__/* .prefetchAssignments */ .YB)(ctx, plane, [s?.identity?.principalId, o]));
        };
    },
    async plan(ctx) {
        const d = ctx.config.des;
        if (!d)
            return { changes: [], notes: [] };
        const keyName = ctx.config.key.name;
        // The action's rule (steps/des/backing.ts): apply refused a new set before any write (plan and verify say it
        // here, as a finding, even before the HSM exists); an existing one is warned about on every run.
        const hsmProtected = await (0,_backing_js__WEBPACK_IMPORTED_MODULE_9__/* .purgeProtected */ .Ag)(ctx);
        if (!hsmProtected && !(await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readDes */ .Lg)(ctx, (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx), d))) {
            const refused = (0,_backing_js__WEBPACK_IMPORTED_MODULE_9__/* .unprotectedNewSet */ .o2)(ctx);
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DriftError */ .ul('des.purgeProtection', refused.text, refused.hint);
        }
        // The key step of this run has just read (or made) the key: reuse it rather than read it again;
        // plan and verify judge the key as this run's key step leaves it, not as it is in Azure now.
        const keys = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_1__/* .keysClient */ .yx)(ctx);
        const key = ctx.facts.kek?.name === keyName
            ? ctx.facts.kek
            : ctx.facts.keyPlanned?.name === keyName
                ? ctx.facts.keyPlanned
                : await (0,_run_authorized_js__WEBPACK_IMPORTED_MODULE_7__/* .untilAuthorized */ .E)(ctx, 'read the key', () => keys.get(keyName));
        if (!key || (!key.id && key !== ctx.facts.keyPlanned))
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`key '${keyName}' does not exist on Managed HSM '${ctx.config.hsmName}'`, "add 'key' to steps (or fix key-name): the disk encryption set needs the key first");
        const problems = (0,_key_check_js__WEBPACK_IMPORTED_MODULE_6__/* .desKeyProblems */ .m)(key, d.encryptionType);
        if (problems.length > 0)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DriftError */ .ul('des.key.suitable', `key '${keyName}' cannot back a ${d.encryptionType} disk encryption set: ${problems.join('; ')}`, d.encryptionType === _config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CVM_ENCRYPTION_TYPE */ .su
                ? 'use release-policy-preset: cvm-platform (or a policy that releases to the CVM platform token) on an exportable RSA-HSM key; an exportable key cannot become non-exportable or the reverse, so a new key-name may be needed'
                : 'use an RSA-HSM key of 2048, 3072 or 4096 bits with wrapKey and unwrapKey');
        // Two independent reads (Microsoft Graph, ARM): sent together.
        const client = (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx);
        const [orchestrator, current] = await Promise.all([
            d.encryptionType === _config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CVM_ENCRYPTION_TYPE */ .su ? orchestratorId(ctx, d) : undefined,
            (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readDes */ .Lg)(ctx, client, d)
        ]);
        if (current)
            snapshots.set(ctx, current);
        const warnings = current && !hsmProtected ? [(0,_backing_js__WEBPACK_IMPORTED_MODULE_9__/* .unprotectedSetWarning */ .WM)(ctx, [current])] : [];
        for (const w of warnings)
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`des: ${w}`);
        const scope = `/keys/${keyName}`;
        const fixedGrants = orchestrator ? [{ role: RELEASE_USER, principal: orchestrator, scope }] : [];
        if (!current) {
            const grantsPlan = await (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__/* .planAssignments */ .oL)(ctx, fixedGrants);
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
        const grants = await (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__/* .planAssignments */ .oL)(ctx, [
            ...(principal ? [{ role: ENCRYPTION_USER, principal, scope }] : []),
            ...fixedGrants
        ]);
        const notes = [...grants.notes];
        if (!(0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .isManaged */ .yF)(current, ctx.config.hsmName))
            notes.push(`disk encryption set '${d.name}' was not created by this action (no ${_config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_BY_TAG */ .dS} tag): it is kept in step; teardown refuses while it uses the key (delete-disk-encryption-sets removes it)`);
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
        const current = (!changed && snapshots.get(ctx)) || (await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx).get(d.resourceGroup, d.name));
        if (!current)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`disk encryption set '${d.name}' disappeared while the action ran`);
        ctx.facts.desId = current.id ?? (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .desClient */ .mG)(ctx).resourceId(d.resourceGroup, d.name);
        ctx.facts.desPrincipalId = current.identity?.principalId;
    }
};
/** The Orchestrator's object id: the input, or Microsoft Graph's answer for its well-known app id. */
async function orchestratorId(ctx, d) {
    if (d.orchestratorObjectId)
        return d.orchestratorObjectId;
    if (ctx.facts.orchestratorObjectId)
        return ctx.facts.orchestratorObjectId;
    const sp = await (0,_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .readOrchestrator */ .FQ)(ctx);
    if (!sp)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1('cvm-orchestrator-object-id', `the tenant has no service principal for the Confidential VM Orchestrator (application id ${_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .CVM_ORCHESTRATOR_APP_ID */ .o$}). ` +
            `A tenant administrator creates it once: az ad sp create --id ${_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .CVM_ORCHESTRATOR_APP_ID */ .o$} ` +
            `(or New-MgServicePrincipal -AppId ${_run_disk_encryption_sets_js__WEBPACK_IMPORTED_MODULE_4__/* .CVM_ORCHESTRATOR_APP_ID */ .o$}); then rerun, or give its object id in cvm-orchestrator-object-id`);
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`des: Confidential VM Orchestrator service principal ${sp.id}`);
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
                tags: { ...ctx.config.tags, [_config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_BY_TAG */ .dS]: _config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_BY */ .Kf, [_config_index_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_HSM_TAG */ .G9]: ctx.config.hsmName },
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
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`disk encryption set '${d.name}' has no system-assigned identity after creation`);
            const plan = await (0,_run_role_assignments_js__WEBPACK_IMPORTED_MODULE_8__/* .planAssignments */ .oL)(ctx, [{ role: ENCRYPTION_USER, principal, scope }]);
            for (const c of plan.changes) {
                _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`des: ${c.summary}`);
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
    return (0,_run_authorized_js__WEBPACK_IMPORTED_MODULE_7__/* .untilPropagated */ .W)(ctx, e => e instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .AzureOperationError */ .XP && e.details.code === 'KeyVaultAccessForbidden', 'the set cannot reach the key yet (a new role assignment is propagating)', fn);
}
async function waitForDes(ctx, client, d, what) {
    return (0,_azure_wait_js__WEBPACK_IMPORTED_MODULE_2__/* .waitUntil */ .a0)(async () => {
        const current = await client.get(d.resourceGroup, d.name);
        if (!current)
            return { value: {}, done: false, status: 'not visible yet' };
        const state = current.properties?.provisioningState;
        if (state === 'Failed')
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`disk encryption set '${d.name}' ${what} failed (provisioning state Failed)`, "check that its identity holds 'Managed HSM Crypto Service Encryption User' on the key, then rerun");
        return { value: current, done: state === 'Succeeded', status: state };
    }, {
        what: `disk encryption set ${what}`,
        service: 'Azure Resource Manager',
        deadline: ctx.deadline,
        schedule: [2000, 5000, 10000]
    });
}


/***/ }),

/***/ 1330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ desKeyProblems)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4797);
/* harmony import */ var _policy_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(264);


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
    if (type !== _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .CVM_ENCRYPTION_TYPE */ .su)
        return problems;
    if (key.properties.exportable !== true)
        problems.push(`it is not exportable, and ${_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .CVM_ENCRYPTION_TYPE */ .su} needs an exportable key`);
    const encoded = key.properties.releasePolicy?.encodedPolicy;
    if (!encoded) {
        problems.push('it has no release policy, so the Confidential VM Orchestrator could never receive it');
        return problems;
    }
    let policy;
    try {
        policy = (0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .toPolicyValue */ .fe)(Buffer.from(encoded).toString('utf8'));
    }
    catch {
        policy = undefined;
    }
    if (!policy || !(0,_policy_index_js__WEBPACK_IMPORTED_MODULE_1__/* .releasesToCvmPlatform */ .ZY)(policy))
        problems.push('its release policy does not release to a compliant confidential-VM platform token (top-level claim x-ms-compliance-status equals azure-compliant-cvm), the token the Confidential VM Orchestrator presents; a guest-attestation policy such as sev-snp-cvm is not enough');
    return problems;
}


/***/ }),

/***/ 4112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ restoreKeyBackup),
/* harmony export */   be: () => (/* binding */ readKeyBackups),
/* harmony export */   pl: () => (/* binding */ planKeyBackup)
/* harmony export */ });
/* unused harmony exports KEY_BACKUP_CONTENT_TYPE, escrowKeyBackup */
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7754);
/* harmony import */ var _azure_call_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8795);
/* harmony import */ var _azure_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4016);
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(304);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8382);
/* harmony import */ var _shared_run_url_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8664);
/* harmony import */ var _escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7235);
/* harmony import */ var _shared_hash_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9913);
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
        const target = (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .keyBackupTarget */ .V$)(base, (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .keyVersion */ .Kc)(current.id), current.properties.updatedOn);
        const check = await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEscrow */ .Q5)((0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_6__/* .openStore */ .Ch)(target, ctx.signIn.credential));
        if (check.state === 'ok') {
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`key: the backup of '${name}' in its current state is escrowed at ${target.url}`);
            return [];
        }
        if (check.state === 'unreadable')
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .AzureOperationError */ .XP({
                service: 'escrow',
                operation: 'read the escrowed key backup',
                hint: (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .unreadableHint */ .Pq)([check])
            }, `${target.url}: ${check.detail}`);
        if (check.state === 'mismatch')
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DriftError */ .ul('key.backup.integrity', `the escrowed backup of key '${name}' at ${target.url} cannot be trusted: ${check.detail}`, 'remove that object (an escrow is never overwritten) and rerun: the key step then escrows a fresh backup');
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
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`key '${name}' is not readable: there is nothing to back up`);
    const version = (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .keyVersion */ .Kc)(key.id);
    const target = (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .keyBackupTarget */ .V$)(base, version, key.properties.updatedOn);
    const store = (0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_6__/* .openStore */ .Ch)(target, ctx.signIn.credential);
    if ((await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEscrow */ .Q5)(store)).state === 'ok')
        return target;
    const blob = await authorized('back up the key', () => keys.call(`back up key '${name}'`, c => c.backupKey(name)));
    if (!blob || blob.length === 0)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .AzureOperationError */ .XP({ service: _azure_managed_hsm_data_js__WEBPACK_IMPORTED_MODULE_3__/* .SERVICE */ .YV, operation: `back up key '${name}'` }, 'the answer holds no backup');
    const content = Buffer.from(blob);
    (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(content.toString('base64url'));
    const metadata = {
        kind: 'key-backup',
        hsm: ctx.config.hsmName,
        sha256: (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256Hex */ .f)(content),
        key: name,
        kid: key.id,
        version,
        updated: key.properties.updatedOn?.toISOString() ?? '',
        created: new Date().toISOString(),
        ...((0,_shared_run_url_js__WEBPACK_IMPORTED_MODULE_8__/* .runUrl */ .V)() ? { run: (0,_shared_run_url_js__WEBPACK_IMPORTED_MODULE_8__/* .runUrl */ .V)() } : {})
    };
    try {
        await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .escrowTo */ .ZZ)(store, content, metadata, KEY_BACKUP_CONTENT_TYPE);
    }
    catch (e) {
        // A concurrent run may have escrowed this same state of the key meanwhile: that object serves.
        if ((await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEscrow */ .Q5)(store)).state !== 'ok')
            throw e;
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  backup of key '${name}' (version ${version}) was escrowed to ${target.url} by another run`);
        return target;
    }
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  backup of key '${name}' (version ${version}) escrowed to ${target.url} and read back (SHA-256 ${metadata.sha256})`);
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
    const targets = await (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .listKeyBackupTargets */ .Yd)(base, ctx.signIn.credential);
    const problems = [];
    const newest = new Map();
    for (const target of targets) {
        const m = /-([0-9A-Za-z]+)-(\d{10})(\.[A-Za-z0-9]+)?$/.exec(target.name);
        let obj;
        try {
            obj = await (0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_6__/* .openStore */ .Ch)(target, ctx.signIn.credential).get();
        }
        catch (e) {
            problems.push(`${target.url}: unreadable (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(e).split('\n')[0]})`);
            continue;
        }
        if (!obj)
            continue;
        if (!obj.metadata.sha256 || (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256Hex */ .f)(obj.content) !== obj.metadata.sha256) {
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
        (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(backup.content.toString('base64url'));
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
            if ((0,_azure_call_js__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(e) === 404)
                return undefined;
            throw e;
        }
    };
    const taken = () => new _shared_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(`key '${backup.key}' exists in this HSM without version ${backup.version}: another key took the name, so the backup at ${backup.url} cannot be restored`, 'delete and purge that key (a Crypto Officer can), then rerun recover; or restore the backup into another HSM holding this security domain');
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
        if ((0,_azure_call_js__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(e) !== 409)
            throw e;
        const there = await present();
        if (!there)
            throw taken();
        return { key: (await keys.get(backup.key)) ?? there, restored: false };
    }
}


/***/ }),

/***/ 5526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LT: () => (/* binding */ readRoleRecords),
/* harmony export */   of: () => (/* binding */ recordKeyRoles)
/* harmony export */ });
/* unused harmony export ROLE_RECORD_CONTENT_TYPE */
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(670);
/* harmony import */ var _run_key_roles_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7890);
/* harmony import */ var _escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7754);
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(304);
/* harmony import */ var _escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7235);
/* harmony import */ var _shared_hash_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9913);
/* harmony import */ var _shared_run_url_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8664);
/* harmony import */ var _run_authorized_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2176);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8382);
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
    const keys = await (0,_run_context_js__WEBPACK_IMPORTED_MODULE_1__/* .keysClient */ .yx)(ctx);
    const key = await (0,_run_authorized_js__WEBPACK_IMPORTED_MODULE_7__/* .untilAuthorized */ .E)(ctx, 'read the key', () => keys.get(name));
    if (!key?.id)
        return;
    const assignments = await (0,_run_key_roles_js__WEBPACK_IMPORTED_MODULE_2__/* .readKeyAssignments */ .yf)(ctx);
    const content = Buffer.from(JSON.stringify({ key: name, kid: key.id, assignments }, null, 2));
    const sha256 = (0,_shared_hash_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Hex */ .f)(content);
    const target = (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .roleRecordTarget */ .ZG)(base, (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .keyVersion */ .Kc)(key.id), key.properties.updatedOn, sha256);
    const store = (0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_5__/* .openStore */ .Ch)(target, ctx.signIn.credential);
    if ((await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEscrow */ .Q5)(store)).state === 'ok') {
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`key: the ${assignments.length} role assignment(s) of '${name}' are recorded at ${target.url}`);
        return;
    }
    const metadata = {
        kind: 'key-roles',
        hsm: ctx.config.hsmName,
        sha256,
        key: name,
        kid: key.id,
        created: new Date().toISOString(),
        ...((0,_shared_run_url_js__WEBPACK_IMPORTED_MODULE_9__/* .runUrl */ .V)() ? { run: (0,_shared_run_url_js__WEBPACK_IMPORTED_MODULE_9__/* .runUrl */ .V)() } : {})
    };
    await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .escrowTo */ .ZZ)(store, content, metadata, ROLE_RECORD_CONTENT_TYPE);
    _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`key: recorded the ${assignments.length} role assignment(s) that reach '${name}' (principal, role, scope) at ${target.url}, for mode: recover`);
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
    for (const target of await (0,_escrow_key_backup_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .listRoleRecordTargets */ .sc)(base, ctx.signIn.credential)) {
        const check = await (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEscrow */ .Q5)((0,_escrow_stores_index_js__WEBPACK_IMPORTED_MODULE_5__/* .openStore */ .Ch)(target, ctx.signIn.credential));
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
            problems.push(`${target.url}: not a role assignment record (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorMessage */ .gJ)(e)})`);
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


/***/ }),

/***/ 772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ provision)
});

// UNUSED EXPORTS: PRICING_URL

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var src_config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
// EXTERNAL MODULE: ./src/steps/activate/escrow.ts
var escrow = __webpack_require__(9662);
// EXTERNAL MODULE: ./src/shared/ipv4.ts
var ipv4 = __webpack_require__(2146);
// EXTERNAL MODULE: ./src/run/network-rules.ts
var network_rules = __webpack_require__(8753);
;// CONCATENATED MODULE: ./src/steps/network.ts
/**
 * provision's network part: the firewall (`networkAcls`) the `network` input asks for, compared with the HSM's,
 * and who would lose access to the data plane by the change. Public access itself (`publicNetworkAccess`) is
 * provision's property update, as before; the IP rules are written apart, read-modify-write (run/network-rules.ts),
 * because concurrent runs' just-in-time rules live in the same list.
 *
 * The action cannot see who uses the key: a confidential VM releases it from its own egress address, which only
 * the user knows (`workload-addresses`). Without them the plan says that closing the firewall may cut them off.
 */





/** The firewall the inputs ask for, given the HSM as read now (live leases kept, expired leftovers dropped). */
function desiredNetwork(ctx, hsm, now = Date.now()) {
    const { network } = ctx.config;
    const current = (0,network_rules/* networkOf */.Af)(hsm);
    const leases = (0,network_rules/* leasesOf */.NH)(hsm.tags);
    const allowed = new Set(network.allowedIps);
    const live = (r) => (leases.get(r)?.until ?? 0) > now;
    // A rule whose lease expired is a leftover of a run that never cleaned up, unless allowed-ips names it.
    const leftover = (r) => leases.has(r) && !live(r) && !allowed.has(r);
    const bypass = network.posture === 'keep' ? current.bypass : network.bypass;
    switch (network.posture) {
        case 'keep':
            // Public access is provision's own update; the firewall stays as it is but for the leftovers.
            return {
                ...current,
                publicNetworkAccess: undefined,
                bypass,
                rules: current.rules.filter(r => !leftover(r))
            };
        case 'public':
            return { bypass, defaultAction: 'Allow', rules: [] };
        case 'private':
            return { bypass, defaultAction: 'Deny', rules: [] };
        case 'firewall':
            return {
                bypass,
                defaultAction: 'Deny',
                rules: [...network.allowedIps, ...current.rules.filter(r => !allowed.has(r) && live(r))]
            };
    }
}
/** The firewall of a new HSM: keep and public leave it open (as before), firewall and private close it. */
function createNetworkAcls(config) {
    const { posture, bypass, allowedIps } = config.network;
    if (posture === 'keep')
        return { bypass: 'AzureServices', defaultAction: 'Allow' };
    return {
        bypass,
        defaultAction: posture === 'public' ? 'Allow' : 'Deny',
        ipRules: posture === 'firewall' ? allowedIps.map(value => ({ value })) : []
    };
}
/** What differs, as plan lines, and the change that writes it. */
function planNetwork(ctx, hsm, now = Date.now()) {
    const { config } = ctx;
    const current = (0,network_rules/* networkOf */.Af)(hsm);
    const desired = desiredNetwork(ctx, hsm, now);
    const leases = (0,network_rules/* leasesOf */.NH)(hsm.tags);
    const details = [];
    if ((current.defaultAction ?? 'Allow') !== (desired.defaultAction ?? 'Allow'))
        details.push(`network: default action ${current.defaultAction ?? '(none)'} -> ${desired.defaultAction}`);
    if ((current.bypass ?? 'AzureServices') !== (desired.bypass ?? 'AzureServices'))
        details.push(`network: bypass ${current.bypass ?? '(none)'} -> ${desired.bypass}`);
    for (const r of desired.rules.filter(r => !current.rules.includes(r)))
        details.push(`network: IP rule ${r} added`);
    for (const r of current.rules.filter(r => !desired.rules.includes(r))) {
        const lease = leases.get(r);
        details.push(lease
            ? `network: IP rule ${r} removed (a just-in-time rule of run ${lease.run} whose lease expired ${new Date(lease.until).toISOString()})`
            : `network: IP rule ${r} removed (not in allowed-ips)`);
    }
    const info = [];
    for (const r of current.rules.filter(r => desired.rules.includes(r))) {
        const lease = leases.get(r);
        if (lease && lease.until > now)
            info.push(`IP rule ${r} is a just-in-time rule of run ${lease.run} (lease until ${new Date(lease.until).toISOString()})`);
    }
    const notes = lostAccess(ctx, current, desired);
    if (config.network.posture === 'private')
        privatePath(hsm, notes, info);
    if (details.length === 0)
        return { notes, info };
    const change = {
        kind: 'update',
        id: 'provision.network',
        summary: `set the network rules of Managed HSM '${config.hsmName}' (network: ${config.network.posture})`,
        details,
        async apply() {
            await (0,network_rules/* writeRules */.bC)({
                read: () => ctx.arm.get(config.resourceGroup, config.hsmName),
                write: patch => ctx.arm.submitUpdate(config.resourceGroup, config.hsmName, patch),
                deadline: ctx.deadline,
                waitRegion: (0,network_rules/* regionWaiter */.nO)(ctx.arm, config.resourceGroup, config.hsmName, ctx.deadline)
            }, {
                what: 'set the network rules',
                // From each fresh read: a concurrent run's new, leased rule is kept.
                desired: h => {
                    const want = desiredNetwork(ctx, h);
                    return sameNetwork((0,network_rules/* networkOf */.Af)(h), want) ? undefined : want;
                },
                holds: h => sameNetwork((0,network_rules/* networkOf */.Af)(h), desiredNetwork(ctx, h))
            });
        }
    };
    return { change, notes, info };
}
function sameNetwork(a, b) {
    return ((a.defaultAction ?? 'Allow') === (b.defaultAction ?? 'Allow') &&
        (a.bypass ?? 'AzureServices') === (b.bypass ?? 'AzureServices') &&
        a.rules.length === b.rules.length &&
        a.rules.every(r => b.rules.includes(r)));
}
/** Whether an address range reaches the data plane under these rules (through the public endpoint). */
function reaches(s, access, w) {
    if (access === 'Disabled')
        return false;
    if ((s.defaultAction ?? 'Allow') === 'Allow')
        return true;
    return s.rules.some(r => {
        const c = (0,ipv4/* parseCidr */.GN)(r);
        return c !== undefined && (0,ipv4/* covers */.hU)(c, w);
    });
}
/**
 * Who the change would cut off: each listed workload that reaches the data plane now and would not after. Without
 * a list, a change that closes anything says that the action cannot know.
 */
function lostAccess(ctx, current, desired) {
    const { config } = ctx;
    const accessNow = current.publicNetworkAccess;
    const accessAfter = config.publicNetworkAccess;
    const notes = [];
    const workloads = config.network.workloadAddresses;
    for (const w of workloads) {
        const c = (0,ipv4/* parseCidr */.GN)(w);
        if (!c)
            continue;
        if ((0,ipv4/* isNonPublic */.Ve)(c))
            continue;
        if (reaches(current, accessNow, c) && !reaches(desired, accessAfter, c))
            notes.push(`the workload at ${w} (workload-addresses) would lose access to the HSM's data plane: it could no longer release the key` +
                (accessAfter === 'Disabled'
                    ? ' unless it reaches the HSM through a private endpoint'
                    : '; add it to allowed-ips'));
    }
    const closes = config.network.posture !== 'keep' &&
        ((accessNow !== 'Disabled' && accessAfter === 'Disabled') ||
            ((current.defaultAction ?? 'Allow') === 'Allow' && desired.defaultAction === 'Deny') ||
            current.rules.some(r => !desired.rules.includes(r)));
    if (closes && workloads.length === 0)
        notes.push('this closes the data plane to addresses that reach it now, and the action cannot know who uses the key ' +
            '(a confidential VM releases it from its own address): list them in workload-addresses to have the plan check them');
    return notes;
}
/**
 * network: private expects a private endpoint whose connection on the HSM is Approved; the action neither creates
 * nor approves one (docs/network.md), so it reports what it finds: none approved, or one not approved, is drift.
 */
function privatePath(hsm, notes, info) {
    const connections = hsm.properties?.privateEndpointConnections ?? [];
    // Names and states from ARM: hostile text, kept to one short line.
    const name = (id) => log/* oneLine */.TN(((id ?? '').split('/').pop() || '(unnamed)').slice(0, 80));
    let approved = 0;
    for (const c of connections) {
        const status = log/* oneLine */.TN(String(c.privateLinkServiceConnectionState?.status ?? 'unknown').slice(0, 40));
        const endpoint = name(c.privateEndpoint?.id);
        if (status === 'Approved') {
            approved++;
            info.push(`private endpoint connection ${name(c.id)} (endpoint ${endpoint}) is Approved`);
        }
        else
            notes.push(`private endpoint connection ${name(c.id)} (endpoint ${endpoint}) is ${status}, not Approved: approve it ` +
                '(az keyvault private-endpoint-connection approve) or remove it');
    }
    if (approved === 0)
        notes.push('network: private, but the HSM has no Approved private endpoint connection: nothing reaches its data plane. ' +
            'Create a private endpoint (groupIds managedhsm) and its privatelink.managedhsm.azure.net DNS (docs/network.md)');
}
/** apply refuses a change that cuts off a listed workload, before any write (plan and verify only say so). */
function refuseCutOff(ctx, plan) {
    const cut = plan.notes.filter(n => n.startsWith('the workload at '));
    if (cut.length === 0 || !src_config/* MODE_TABLE */.TL[ctx.config.mode].writes)
        return;
    throw new errors/* ConflictError */.fK(`network: ${ctx.config.network.posture} would cut off ${cut.length} listed workload(s):\n${cut.map(c => `- ${c}`).join('\n')}`, 'add their public addresses to allowed-ips, or give them a private endpoint, then rerun; nothing was changed');
}

// EXTERNAL MODULE: ./src/run/disk-encryption-sets.ts + 2 modules
var disk_encryption_sets = __webpack_require__(6679);
;// CONCATENATED MODULE: ./src/steps/network-bypass.ts
/**
 * network-bypass None beside Disk Encryption Sets. None takes trusted Azure services off the HSM's firewall, and
 * whether a set's disk access passes through that bypass is unverified (docs/network.md), so None is refused while
 * a set uses a key of the HSM, unless allow-bypass-none. Who uses the HSM is read from Azure (every set of the
 * subscription whose key is on it, run/disk-encryption-sets.ts), not only the set the inputs name; a list the
 * identity cannot read is no answer, and is refused the same way.
 */





const UNVERIFIED = 'whether their disk access needs the trusted-services bypass is unverified';
/**
 * The notes about bypass None for the firewall this run leaves (plan: which sets would lose the bypass; verify: a
 * set beside bypass None is a finding); in apply, the refusal before any write when the inputs ask for None.
 */
async function bypassNoneNotes(ctx, hsm) {
    const { config } = ctx;
    const current = (0,network_rules/* networkOf */.Af)(hsm).bypass ?? 'AzureServices';
    const asked = config.network.posture !== 'keep' && config.network.bypass === 'None';
    if (!asked && current !== 'None')
        return [];
    let sets;
    let failure = '';
    try {
        sets = (0,disk_encryption_sets/* setsOnHsm */.X2)(ctx, await (0,disk_encryption_sets/* readAllDes */.Uv)(ctx), config.hsmName);
    }
    catch (e) {
        failure = log/* oneLine */.TN((0,errors/* errorMessage */.gJ)(e).split('\n')[0].slice(0, 300));
    }
    if (sets && sets.length === 0)
        return [];
    // Names from ARM: hostile text, kept to one short line.
    const names = (sets ?? []).map(s => `'${log/* oneLine */.TN((s.name ?? s.id ?? '?').slice(0, 80))}'`).join(', ');
    const hsmName = `Managed HSM '${config.hsmName}'`;
    const who = sets
        ? `disk encryption set(s) ${names} use keys of ${hsmName}`
        : `the disk encryption sets of the subscription cannot be listed (${failure}), so whether one uses keys of ${hsmName} is not known`;
    if (asked && src_config/* MODE_TABLE */.TL[config.mode].writes && !config.network.allowBypassNone)
        throw new errors/* ConflictError */.fK(`Input 'network-bypass': None takes trusted Azure services off the firewall, and ${who} (${UNVERIFIED}). Nothing was changed.`, sets
            ? "keep network-bypass: AzureServices, or set allow-bypass-none: 'true' to accept it"
            : "grant Microsoft.Compute/diskEncryptionSets/read on the subscription (Reader; docs/setup.md), keep network-bypass: AzureServices, or set allow-bypass-none: 'true' to accept it unchecked");
    const allowed = asked && config.network.allowBypassNone ? ' (accepted: allow-bypass-none)' : '';
    if (current !== 'None')
        return [
            sets
                ? `network-bypass None: disk encryption set(s) ${names} would lose the trusted-services bypass to the keys of ${hsmName} (${UNVERIFIED})${allowed}`
                : `network-bypass None: ${who}: a set that uses them would lose the trusted-services bypass${allowed}`
        ];
    return [`bypass is None while ${who} (${UNVERIFIED})${allowed}`];
}

;// CONCATENATED MODULE: ./src/steps/pricing.ts
/** Azure's price list for Managed HSM (per HSM pool and hour, by region): the only source of a figure. */
const PRICING_URL = 'https://azure.microsoft.com/pricing/details/key-vault/';

// EXTERNAL MODULE: ./src/azure/managed-hsm-regions.ts
var managed_hsm_regions = __webpack_require__(4687);
;// CONCATENATED MODULE: ./src/steps/replica-region.ts
/**
 * provision's part for multi-region replication: the one extended region (replica-region) added and waited
 * for, a region still changing waited for first, a failed one reported, and any other extended region
 * reported as drift and removed only when remove-replica-region names it (removal purges it at once) and
 * every other region is Succeeded. verify turns each change into drift: missing, failed or extra region.
 */





/** `hsm` undefined: the HSM is about to be created, and is extended after that. */
function planRegions(ctx, hsm) {
    const { config } = ctx;
    const want = config.replicaRegion;
    const regions = (0,managed_hsm_regions/* extendedRegions */.pi)(hsm);
    const plan = { first: [], then: [], notes: [] };
    for (const r of regions.filter(x => (0,managed_hsm_regions/* regionBusy */.mk)(x.state)))
        plan.first.push(waitChange(ctx, r.name, r.state === 'Deleting' || r.state === 'Cleanup' ? 'gone' : 'ready', r.state));
    const failed = regions.find(r => r.state === 'Failed' && r.name !== config.removeReplicaRegion);
    if (failed) {
        throw new errors/* DriftError */.ul('provision.regions.failed', `the extension of Managed HSM '${config.hsmName}' into ${failed.name} failed (region provisioningState Failed)`, `remove it with remove-replica-region: ${failed.name} (it is purged at once), then rerun`);
    }
    for (const extra of regions.filter(r => r.name !== want)) {
        if (extra.name === config.removeReplicaRegion) {
            const others = regions.filter(r => r.name !== extra.name && r.state !== 'Succeeded');
            if (others.length > 0 || (0,managed_hsm_regions/* regionBusy */.mk)(extra.state)) {
                plan.notes.push(`extended region ${extra.name} is not removed now: every region must be Succeeded first (${[extra, ...others].map(r => `${r.name} ${r.state}`).join(', ')}); rerun then`);
                continue;
            }
            plan.then.push(removeChange(ctx, extra.name));
        }
        else {
            plan.notes.push(`Managed HSM '${config.hsmName}' is extended to ${extra.name} (${extra.state}), which replica-region does not name: ` +
                `set replica-region: ${extra.name} to keep it, or remove-replica-region: ${extra.name} to remove it (purged at once, no soft delete)`);
        }
    }
    if (want && !regions.some(r => r.name === want))
        plan.then.push(addChange(ctx, want));
    return plan;
}
function addChange(ctx, region) {
    const { config, arm } = ctx;
    return {
        kind: 'create',
        id: 'provision.regions.replica',
        summary: `extend Managed HSM '${config.hsmName}' to the region ${region} (multi-region replication)`,
        details: [
            // What it costs belongs where it is about to be added (apply) or would be (plan), not in verify's drift.
            ...(src_config/* MODE_TABLE */.TL[config.mode].proves
                ? []
                : [
                    `a second HSM pool in ${region} is billed like the first: the cost doubles (rates: ${PRICING_URL})`
                ]),
            'the extension can take up to 30 minutes; nothing else is changed on the HSM until it is Succeeded'
        ],
        async apply() {
            const hsm = await arm.get(config.resourceGroup, config.hsmName);
            if (!hsm)
                throw new Error(`Managed HSM '${config.hsmName}' is not there to extend`);
            await (0,managed_hsm_regions/* submitRegions */.o)(arm, config.resourceGroup, hsm, { add: region });
            await (0,managed_hsm_regions/* waitForRegion */.VP)(arm, config.resourceGroup, config.hsmName, region, 'ready', ctx.deadline);
            log/* notice */.lm(`provision: Managed HSM '${config.hsmName}' is extended to ${region}: a second HSM pool bills until the region is removed`);
        }
    };
}
function removeChange(ctx, region) {
    const { config, arm } = ctx;
    return {
        kind: 'delete',
        id: 'provision.regions.remove',
        summary: `remove the extended region ${region} of Managed HSM '${config.hsmName}' (remove-replica-region)`,
        details: ['the HSM pool in that region is purged at once (no soft delete); its billing ends'],
        async apply() {
            const hsm = await arm.get(config.resourceGroup, config.hsmName);
            if (!hsm)
                throw new Error(`Managed HSM '${config.hsmName}' is not there`);
            await (0,managed_hsm_regions/* submitRegions */.o)(arm, config.resourceGroup, hsm, { remove: region });
            await (0,managed_hsm_regions/* waitForRegion */.VP)(arm, config.resourceGroup, config.hsmName, region, 'gone', ctx.deadline);
        }
    };
}
function waitChange(ctx, region, until, state) {
    const { config, arm } = ctx;
    return {
        kind: 'wait',
        id: 'provision.regions.changing',
        summary: `wait for the region ${region} of Managed HSM '${config.hsmName}' (${state}) to ${until === 'ready' ? 'be Succeeded' : 'be removed'}`,
        details: ['no other change to the HSM is made while a region changes'],
        async apply() {
            await (0,managed_hsm_regions/* waitForRegion */.VP)(arm, config.resourceGroup, config.hsmName, region, until, ctx.deadline);
        }
    };
}

// EXTERNAL MODULE: ./src/azure/arm-reads.ts
var arm_reads = __webpack_require__(9577);
;// CONCATENATED MODULE: ./src/azure/diagnostic-settings.ts
/**
 * The one Azure Monitor write: a diagnostic setting on the Managed HSM (issue 26 §2). `PUT
 * {resourceId}/providers/Microsoft.Insights/diagnosticSettings/{name}?api-version=2021-05-01-preview` with
 * `{properties: {workspaceId?, storageAccountId?, logs: [{category, enabled}], metrics: [{category, enabled}]}}`
 * → 200 with the setting (azure-rest-api-specs, monitor/resource-manager/Microsoft.Insights/preview/
 * 2021-05-01-preview/diagnosticsSettings_API.json, DiagnosticSettings_CreateOrUpdate). No @azure/arm-monitor
 * here: the call goes over the ARM reader's core-rest-pipeline client, as the reads of the same API do.
 */

/** Why a write was refused, for people: the setting needs a right on the HSM and one on each destination. */
const WRITE_HINT = (code, status) => status === 403 || code === 'LinkedAuthorizationFailed'
    ? "creating the HSM's diagnostic setting needs Microsoft.Insights/diagnosticSettings/write on the HSM (Monitoring Contributor), and on the destination Microsoft.OperationalInsights/workspaces/sharedKeys/action (a Log Analytics workspace) or Microsoft.Storage/storageAccounts/listkeys/action (a storage account): docs/setup.md, 'Permissions by mode'"
    : status === 409
        ? 'another diagnostic setting of the HSM already sends the same log to this destination, and Azure takes one per destination and category: set audit-log-setting-name to that setting, or remove it'
        : undefined;
async function putDiagnosticSetting(arm, resourceId, name, properties) {
    await arm.json.send(`write the diagnostic setting '${name}' of the Managed HSM`, 'PUT', `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/${encodeURIComponent(name)}`, { body: { properties }, query: { 'api-version': arm_reads/* API_VERSIONS */.B.diagnosticSettings }, hint: WRITE_HINT });
}

// EXTERNAL MODULE: ./src/posture/arm.ts
var posture_arm = __webpack_require__(2094);
// EXTERNAL MODULE: ./src/posture/audit.ts
var audit = __webpack_require__(6903);
;// CONCATENATED MODULE: ./src/steps/audit-log.ts






const LOG = 'AuditEvent';
const METRICS = 'AllMetrics';
const MAX_SETTINGS = 5;
/** The setting's body as apply writes it: the inputs' destinations, nothing else. */
function desiredSetting(a) {
    return {
        ...(a.workspaceId ? { workspaceId: a.workspaceId } : {}),
        ...(a.storageAccountId ? { storageAccountId: a.storageAccountId } : {}),
        logs: [{ category: LOG, enabled: true }],
        metrics: [{ category: METRICS, enabled: true }]
    };
}
/** ARM ids compare case-insensitively; absent, null and '' all mean no destination. */
const id = (v) => (v ?? '').trim().replace(/\/+$/, '').toLowerCase();
const shown = (v) => (id(v) ? `'${log/* oneLine */.TN(String(v))}'` : 'none');
/** Field by field, what differs between the setting in Azure and the inputs ("field: Azure -> inputs"). */
function settingDifferences(actual, a) {
    const out = [];
    if (!(actual.logs ?? []).some(audit/* carriesAudit */.zy))
        out.push(`${LOG} log: not sent -> sent`);
    if (!(actual.metrics ?? []).some(m => m.enabled === true && m.category?.toLowerCase() === 'allmetrics'))
        out.push(`${METRICS}: not sent -> sent`);
    const dest = [
        ['Log Analytics workspace', actual.workspaceId, a.workspaceId],
        ['storage account', actual.storageAccountId, a.storageAccountId],
        ['event hub', actual.eventHubAuthorizationRuleId, undefined],
        ['partner solution', actual.marketplacePartnerId, undefined]
    ];
    for (const [what, is, want] of dest)
        if (id(is) !== id(want))
            out.push(`${what}: ${shown(is)} -> ${shown(want)}`);
    return out;
}
function where(a) {
    return [
        a.workspaceId ? `Log Analytics workspace '${a.workspaceId}'` : '',
        a.storageAccountId ? `storage account '${a.storageAccountId}'` : ''
    ]
        .filter(Boolean)
        .join(' and ');
}
/**
 * The provision step's change for the audit setting, if any. `hsm`: the HSM as ARM shows it; undefined when
 * this run is about to create (or bring back) it, so the setting is planned without a read.
 */
async function auditLogChange(ctx, hsm) {
    const a = ctx.config.auditLog;
    if (!a)
        return undefined;
    const { config, arm } = ctx;
    const resourceId = () => hsm?.id ?? arm.resourceId(config.resourceGroup, config.hsmName);
    const body = desiredSetting(a);
    const write = async () => {
        await putDiagnosticSetting((0,posture_arm/* armReader */.SH)(ctx), resourceId(), a.settingName, body);
    };
    const to = `${LOG} and ${METRICS} to ${where(a)}`;
    if (!hsm)
        return {
            kind: 'create',
            id: 'provision.auditLog.exists',
            summary: `create diagnostic setting '${a.settingName}' on the Managed HSM`,
            details: [`sends ${to}`],
            apply: write
        };
    const settings = await (0,audit/* readDiagnosticSettings */.B5)(ctx, resourceId());
    const name = a.settingName.toLowerCase();
    const current = settings.find(s => s.name?.toLowerCase() === name);
    const details = current ? settingDifferences(current.properties ?? {}, a) : [];
    if (current && details.length === 0)
        return undefined;
    refuseTakenDestination(a, settings.filter(s => s !== current));
    // Azure Monitor allows five diagnostic settings per resource (Microsoft Learn, "Diagnostic settings in Azure
    // Monitor"): a sixth is refused, so say which are there before writing.
    if (!current && settings.length >= MAX_SETTINGS)
        throw new errors/* DriftError */.ul('provision.auditLog.exists', `the Managed HSM has ${settings.length} diagnostic settings (${settings.map(s => `'${log/* oneLine */.TN(s.name ?? '?')}'`).join(', ')}), Azure's limit per resource, and none is '${a.settingName}'`, `set ${src_config/* AUDIT_LOG_INPUTS */.pP.name} to one of them for the action to keep it, or remove one (az monitor diagnostic-settings delete)`);
    if (!current)
        return {
            kind: 'create',
            id: 'provision.auditLog.exists',
            summary: `create diagnostic setting '${a.settingName}' on the Managed HSM`,
            details: [`diagnostic setting '${a.settingName}': none -> ${to}`],
            apply: write
        };
    return {
        kind: 'update',
        id: 'provision.auditLog',
        summary: `update diagnostic setting '${a.settingName}' of the Managed HSM (${to})`,
        details,
        apply: write
    };
}
/**
 * Azure takes one setting per destination and category on a resource (it answers 409 Conflict "Data sink … is
 * already used in diagnostic setting …"): when another setting already sends the audit log to a destination
 * of the inputs, say which before anything is written, rather than after a failed PUT.
 */
function refuseTakenDestination(a, others) {
    for (const s of others) {
        const p = s.properties ?? {};
        if (!(p.logs ?? []).some(audit/* carriesAudit */.zy))
            continue;
        const taken = (a.workspaceId && id(p.workspaceId) === id(a.workspaceId) && a.workspaceId) ||
            (a.storageAccountId && id(p.storageAccountId) === id(a.storageAccountId) && a.storageAccountId);
        if (!taken)
            continue;
        const other = log/* oneLine */.TN(s.name ?? '?');
        throw new errors/* DriftError */.ul('provision.auditLog', `diagnostic setting '${other}' of the Managed HSM already sends its audit log to '${taken}', and Azure takes one setting per destination and log category`, `set ${src_config/* AUDIT_LOG_INPUTS */.pP.name}: ${other} for the action to keep that setting, or remove '${other}' (az monitor diagnostic-settings delete)`);
    }
}

;// CONCATENATED MODULE: ./src/steps/provision.ts
/**
 * provision: the Managed HSM itself, through ARM. Read first; create when absent (handling a soft-deleted
 * name as on-soft-deleted says); when present, change only what differs and can change, and say what
 * differs but cannot (location, SKU, retention, initial administrators).
 */













const SERVICE = 'Azure Resource Manager';
const provision = {
    name: 'provision',
    async plan(ctx) {
        const plan = await planHsm(ctx);
        // After the HSM's own changes: the audit setting needs the HSM to exist.
        const audit = await auditLogChange(ctx, ctx.facts.hsmSnapshot);
        return audit ? { ...plan, changes: [...plan.changes, audit] } : plan;
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
        ctx.facts.extendedRegions = (0,managed_hsm_regions/* extendedRegions */.pi)(hsm).map(r => r.name);
    }
};
/** The extended region's changes around the HSM's own: a region still changing is waited for first. */
function withRegions(ctx, hsm, plan) {
    const regions = planRegions(ctx, hsm);
    return {
        ...plan,
        changes: [...regions.first, ...plan.changes, ...regions.then],
        notes: [...plan.notes, ...regions.notes]
    };
}
async function planHsm(ctx) {
    const { config, arm } = ctx;
    const current = await (0,context/* readHsm */.B9)(ctx);
    ctx.facts.hsmSnapshot = current;
    if (current)
        return withRegions(ctx, current, await planExisting(ctx, current));
    const deleted = await arm.findDeleted(config.hsmName);
    if (deleted) {
        const change = softDeletedChange(ctx, deleted.properties?.location ?? config.location, deleted.properties?.scheduledPurgeDate, deleted.properties?.purgeProtectionEnabled === true);
        // A purge makes way for a new HSM; a recovered one comes back with its own security domain.
        if (change.kind === 'purge')
            await escrowPreflight(ctx);
        // A recovered HSM comes back with its keys, which Disk Encryption Sets may use: bypass None is checked first.
        const notes = change.kind === 'recover' ? await bypassNoneNotes(ctx, {}) : [];
        // A recovered HSM comes back with one region (the region list is not in the security domain).
        return { changes: [change, ...planRegions(ctx, undefined).then], notes };
    }
    const availability = await arm.nameAvailability(config.hsmName);
    if (!availability.available) {
        // A run started at the same time may have created it since our read: then it is ours to wait for.
        const created = await arm.get(config.resourceGroup, config.hsmName);
        if (created) {
            log/* info */.pq(`provision: Managed HSM '${config.hsmName}' was just created by another run; continuing with it`);
            ctx.facts.hsmSnapshot = created;
            return withRegions(ctx, created, await planExisting(ctx, created));
        }
        throw await nameTakenError(ctx, availability);
    }
    await escrowPreflight(ctx);
    return { changes: [createChange(ctx), ...planRegions(ctx, undefined).then], notes: [] };
}
/**
 * A new HSM is about to be created (or planned) and activate follows: its escrow objects must be free now,
 * before an HSM that bills by the hour exists. verify writes nothing and reports the missing HSM as drift.
 */
async function escrowPreflight(ctx) {
    const { mode, steps } = ctx.config;
    if (steps.includes('activate') && src_config/* MODE_TABLE */.TL[mode].createsMissing)
        await (0,escrow/* preflightNewHsmEscrow */.rP)(ctx);
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
            initialAdminObjectIds: await (0,context/* desiredAdministrators */.r4)(ctx),
            enableSoftDelete: true,
            softDeleteRetentionInDays: config.retentionDays,
            // Always explicit: the spec's default (true) and what the service did when omitted (false) disagree.
            enablePurgeProtection: config.purgeProtection,
            publicNetworkAccess: config.publicNetworkAccess,
            networkAcls: createNetworkAcls(config),
            createMode
        }
    };
}
function createChange(ctx) {
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
            `network: ${config.network.posture}${config.network.allowedIps.length ? ` (allowed-ips: ${config.network.allowedIps.join(', ')})` : ''}`,
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
                details: [
                    'its keys, role assignments and security domain come back with it',
                    // The region list is not in the security domain: Azure recovers the primary alone.
                    `it comes back with one region${config.replicaRegion ? `: replica-region ${config.replicaRegion} is added again after` : ': an extended region it had is not; set replica-region to extend it again'}`
                ],
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
                    await createChange(ctx).apply();
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
    const admins = await (0,context/* desiredAdministrators */.r4)(ctx);
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
    const network = planNetwork(ctx, hsm);
    refuseCutOff(ctx, network);
    notes.push(...network.notes, ...(await bypassNoneNotes(ctx, hsm)));
    const networkChanges = network.change ? [network.change] : [];
    if (details.length === 0)
        return { changes: networkChanges, notes, info: network.info };
    return {
        info: network.info,
        changes: [
            ...networkChanges,
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
    }, { what: `Managed HSM ${what}`, service: SERVICE, deadline: ctx.deadline });
}
function normalise(location) {
    return location.toLowerCase().replace(/\s+/g, '');
}


/***/ }),

/***/ 9139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ rbac)
});

// UNUSED EXPORTS: desiredInputs

// EXTERNAL MODULE: ./src/run/role-assignments.ts
var role_assignments = __webpack_require__(2866);
// EXTERNAL MODULE: ./src/steps/broad-release.ts
var broad_release = __webpack_require__(8035);
// EXTERNAL MODULE: ./src/posture/hsm-settings.ts + 1 modules
var hsm_settings = __webpack_require__(2157);
// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/azure/rbac-api.ts
var rbac_api = __webpack_require__(5034);
// EXTERNAL MODULE: ./src/posture/access.ts
var access = __webpack_require__(4156);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
;// CONCATENATED MODULE: ./src/steps/rbac-prune.ts
/**
 * prune-role-assignments: the rbac step removes the role assignments that reach the key and are not intended
 * (posture/access.ts says which), listed first in the plan. Never an intended holder's, and never the last
 * Managed HSM Administrator at `/`; refused when who is intended could not be read in full.
 */





async function planPrune(ctx) {
    const { holders, incomplete } = await (0,access/* keyHolders */.vA)(ctx);
    const unintended = holders.filter(h => !h.intendedAs);
    if (unintended.length === 0)
        return { changes: [], notes: [] };
    if (incomplete.length)
        throw new errors/* ConflictError */.fK(`prune-role-assignments: ${incomplete.join(' and ')} could not be read, so an assignment they hold would look unintended`, 'give the identity the reads the posture table names, or name those principals in known-principals; then rerun');
    const isAdmin = (h) => h.roleId === access/* ADMINISTRATOR_ID */.uZ && h.scope === '/';
    const adminsLeft = holders.filter(h => isAdmin(h) && h.intendedAs).length;
    const notes = [];
    const removable = unintended.filter(h => {
        if (!isAdmin(h) || adminsLeft > 0)
            return true;
        notes.push(`kept role assignment ${h.assignmentName} ('${h.roleName}' for ${h.principalId} at /): it is the last Managed HSM Administrator`);
        return false;
    });
    const plane = await (0,context/* dataPlane */.nB)(ctx);
    return {
        changes: removable.map((h) => ({
            kind: 'delete',
            id: `rbac.prune.${h.assignmentName}`,
            summary: `remove '${h.roleName}' of ${h.principalId} at scope ${h.scope} (not intended)`,
            details: [`assignment name ${h.assignmentName}`],
            async apply() {
                await (0,rbac_api/* deleteRoleAssignment */.Z7)(plane, {
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
        await (0,broad_release/* refuseBroadRelease */.K)(ctx);
        const [wanted, setting] = await Promise.all([
            (0,role_assignments/* planAssignments */.oL)(ctx, desiredInputs(ctx)),
            (0,hsm_settings/* settingChange */.fS)(ctx)
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
        (0,role_assignments/* prefetchRoleDefinitions */.sH)(ctx, plane);
        (0,role_assignments/* prefetchAssignments */.YB)(ctx, plane, wanted.map(w => w.principal));
    }
};
/** What the inputs ask for, plus Crypto User for the signed-in identity when the key step runs. */
function desiredInputs(ctx) {
    const wanted = [...ctx.config.roleAssignments];
    if (ctx.config.steps.includes('key'))
        wanted.push(...(0,role_assignments/* implicitForKeyStep */.aJ)());
    return wanted;
}


/***/ })

};
