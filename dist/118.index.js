export const id = 118;
export const ids = [118];
export const modules = {

/***/ 7420:
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

// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var src_config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/shared/replication.ts
var replication = __webpack_require__(6575);
// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
// EXTERNAL MODULE: ./src/azure/managed-hsm-regions.ts
var managed_hsm_regions = __webpack_require__(4687);
;// CONCATENATED MODULE: ./src/run/replication-hold.ts
/**
 * The hand-off of a multi-region HSM: when this run wrote keys or roles (shared/replication.ts), the outputs
 * (which a later job uses at once) are set only once Microsoft's replication window has passed since the last
 * such write, so the other region serves the same key and roles. Both regions answer behind one name (Traffic
 * Manager), so "visible in both" cannot be observed: the documented window is waited for instead. A run
 * without such writes, or an HSM with one region, does not wait.
 */





/** Waits out the window when needed; returns the sentence the summary says, if it waited. */
async function holdForReplication(ctx) {
    const last = (0,replication/* lastReplicatedWrite */.Xq)();
    if (last === undefined)
        return undefined;
    const { config, arm } = ctx;
    // What provision or the first data-plane step read (after this run's own changes); read now otherwise.
    const others = ctx.facts.extendedRegions ??
        (0,managed_hsm_regions/* extendedRegions */.pi)(await arm.get(config.resourceGroup, config.hsmName)).map(r => r.name);
    if (others.length === 0)
        return undefined;
    const until = last + replication/* REPLICATION_WINDOW_MS */.pd;
    const remaining = until - Date.now();
    const said = `outputs held until ${new Date(until).toISOString()}: keys and roles written on a multi-region HSM reach ` +
        `${others.join(', ')} within up to 6 minutes (Microsoft's replication window), counted from this run's last write`;
    if (remaining <= 0)
        return said;
    if (Date.now() + remaining > ctx.deadline)
        throw new errors/* ConflictError */.fK(`${said}, which ends after operation-timeout-minutes`, 'raise operation-timeout-minutes by 6, or wait 6 minutes before using the key from the other region');
    log/* info */.pq(`hand-off: waiting ${Math.ceil(remaining / 1000)} s: ${said}`);
    await (0,retry/* sleep */.yy)(remaining);
    return said;
}

// EXTERNAL MODULE: ./src/shared/runner.ts
var runner = __webpack_require__(4331);
;// CONCATENATED MODULE: ./src/report/outputs.ts

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
    'KEK_ATTESTATION_FILE',
    'BACKUP_FOLDER_URL',
    'BACKUP_FINISHED_AT'
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
    if (facts.backup) {
        o.BACKUP_FOLDER_URL = facts.backup.folderUrl;
        o.BACKUP_FINISHED_AT = facts.backup.finishedAt;
    }
    return o;
}
/** Sets the outputs and, with export-variables, the same names as environment variables for later steps. */
function setOutputs(outputs, exportVariables) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        (0,runner/* setOutput */.uH)(name, value);
        if (exportVariables)
            (0,runner/* exportVariable */.dN)(name, value);
    }
}

// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var summary = __webpack_require__(9124);
// EXTERNAL MODULE: ./src/steps/des/backing.ts
var backing = __webpack_require__(1833);
// EXTERNAL MODULE: ./src/steps/broad-release.ts
var broad_release = __webpack_require__(8035);
// EXTERNAL MODULE: ./src/run/runner-access.ts + 2 modules
var runner_access = __webpack_require__(5869);
// EXTERNAL MODULE: ./src/modes/index.ts + 6 modules
var modes = __webpack_require__(6643);
// EXTERNAL MODULE: ./src/engine/start.ts + 4 modules
var start = __webpack_require__(971);
// EXTERNAL MODULE: ./src/report/findings.ts
var report_findings = __webpack_require__(9334);
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

// EXTERNAL MODULE: ./src/modes/posture-run.ts
var posture_run = __webpack_require__(7024);
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
    const judged = posture ? [...results, (0,posture_run/* postureResult */.I)(posture)] : results;
    const report = driftReport(kind, config.hsmName, judged);
    (0,runner/* setOutput */.uH)(DRIFT_OUTPUT, JSON.stringify(report));
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













/** `idToken`: the GitHub ID token main.ts asked for while this module loaded. */
async function execute(config, idToken) {
    // Before any SDK client exists: their verbose logs carry the tokens this run is about to get.
    installAzureLogRedaction();
    const ctx = await (0,start.start)(config, idToken);
    const mode = modes/* MODES */.F[config.mode];
    const run = { results: [], failures: [], signInFailed: false };
    // Accepted weaker custody is said up front in every run that reads or writes the escrow.
    const custody = (0,src_config/* reportedCustody */.Bc)(config);
    if (custody)
        log/* warning */.$e(custody);
    for (const w of config.unappliedInputs ?? [])
        log/* warning */.$e(w);
    let refused = false;
    try {
        // The action's own rules, before any step writes: a new Disk Encryption Set only on an HSM that cannot be
        // purged; a custom role that can release, at / or /keys, only with allow-broad-release.
        await (0,backing/* refuseUnprotectedNewSet */.AC)(ctx);
        await (0,broad_release/* refuseBroadReleaseBeforeWrites */.J)(ctx);
        // An HSM closed to public access that this runner reaches by no private path: said now, before any write.
        if (src_config/* MODE_TABLE */.TL[config.mode].writes && mode.dataPlane(config))
            await (0,runner_access.refuseWithoutPrivatePath)(ctx);
    }
    catch (e) {
        run.failures.push((0,errors/* failureOf */.g5)(e));
        refused = true;
    }
    if (!refused)
        await mode.run(ctx, run);
    if (!refused && run.failures.length === 0 && src_config/* MODE_TABLE */.TL[config.mode].writes) {
        try {
            const held = await holdForReplication(ctx);
            const last = run.results.at(-1);
            if (held && last)
                last.info = [...(last.info ?? []), held];
        }
        catch (e) {
            run.failures.push((0,errors/* failureOf */.g5)(e));
        }
    }
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


/***/ }),

/***/ 3303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rx: () => (/* binding */ REHEARSAL_LIFETIME_MS),
/* harmony export */   aL: () => (/* binding */ REHEARSAL_STATE),
/* harmony export */   th: () => (/* binding */ REHEARSAL_TAG),
/* harmony export */   vd: () => (/* binding */ REHEARSAL_RETENTION_DAYS)
/* harmony export */ });
/**
 * What the recover rehearsal and its plan share, apart from recover.ts so that plan and verify (which show the
 * rehearsal's plan) do not load the recover mode.
 */
/** The runner state naming a rehearsal HSM not yet torn down (recover.ts sets it, post.ts reads it). */
const REHEARSAL_STATE = 'rehearsal-hsm';
/** Tag on a rehearsal HSM naming the HSM it rehearses; only such an HSM is ever torn down by a rehearsal. */
const REHEARSAL_TAG = 'rehearsal-of';
/** A rehearsal HSM carries an expires-at tag this far ahead, for scheduled teardown jobs if the run dies. */
const REHEARSAL_LIFETIME_MS = 86_400_000;
/** Azure's shortest soft-delete retention for a Managed HSM. */
const REHEARSAL_RETENTION_DAYS = 7;


/***/ }),

/***/ 9124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeInputFailureSummary: () => (/* binding */ writeInputFailureSummary),
  Sy: () => (/* binding */ writeSummary)
});

// UNUSED EXPORTS: inputFailureMarkdown, summaryMarkdown

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var src_config = __webpack_require__(4797);
// EXTERNAL MODULE: ./src/shared/markdown.ts
var markdown = __webpack_require__(1680);
;// CONCATENATED MODULE: ./src/report/attestation.ts

const PROVES = 'Proves where the key was generated (inside the HSM, under the root below) and shows its attributes; ' +
    'it does not prove who may release the key or under which policy (the role table and the release policy do).';
const yesNo = (v) => (v === undefined ? 'not attested' : v ? 'yes' : 'no');
function attestationSection(r) {
    const head = ['### Key attestation', ''];
    const res = r.result;
    const evidence = r.file
        ? [`Evidence: ${(0,markdown/* codeMarkdown */.fl)(r.file)}, SHA-256 ${(0,markdown/* codeMarkdown */.fl)(r.sha256 ?? '')}.`, '']
        : [];
    switch (res.status) {
        case 'skipped':
            return [
                ...head,
                '⚠️ Not fetched (skip-key-attestation): where the key was generated is not checked.',
                ''
            ];
        case 'failed':
            return [
                ...head,
                `❌ Key version ${(0,markdown/* codeMarkdown */.fl)(r.version)}: ${(0,markdown/* escapeMarkdown */.FV)(res.reason.replace(/^key attestation: /, ''))}`,
                '',
                ...evidence
            ];
        case 'not-verified':
            return [
                ...head,
                `⚠️ Key version ${(0,markdown/* codeMarkdown */.fl)(r.version)}: not verified: ${(0,markdown/* escapeMarkdown */.FV)(res.reason)}`,
                '',
                ...evidence
            ];
        case 'verified': {
            const a = res.attributes;
            const test = res.root.pinned ? '' : ' ⚠️ a test root, not Marvell';
            return [
                ...head,
                `✅ Key version ${(0,markdown/* codeMarkdown */.fl)(r.version)}: verified, format ${(0,markdown/* codeMarkdown */.fl)(res.format)}, to ${(0,markdown/* escapeMarkdown */.FV)(res.root.name)}${test}. ${PROVES}`,
                '',
                '| Certificate | Subject | SHA-256 |',
                '| --- | --- | --- |',
                ...res.chain.map(l => `| ${l.role} | ${(0,markdown/* escapeMarkdown */.FV)(l.subject)} | ${(0,markdown/* codeMarkdown */.fl)(l.fingerprint256)} |`),
                ...(res.microsoft
                    ? [
                        `| per-HSM (reported, not trusted) | ${(0,markdown/* escapeMarkdown */.FV)(res.microsoft.subject)} | ${(0,markdown/* codeMarkdown */.fl)(res.microsoft.fingerprint256)} |`
                    ]
                    : []),
                '',
                `Generated inside the HSM: ${yesNo(a.local)} · extractable: ${a.extractable ? 'yes (an exportable SKR key, by design)' : yesNo(a.extractable)} · never extractable: ${yesNo(a.neverExtractable)} · sensitive: ${yesNo(a.sensitive)} · modulus: ${a.modulusBits ?? '?'} bits · key path: ${(0,markdown/* codeMarkdown */.fl)(a.id ?? '')}`,
                '',
                ...evidence
            ];
        }
    }
}

// EXTERNAL MODULE: ./src/run/step.ts
var step = __webpack_require__(4335);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/posture/capabilities.ts
var capabilities = __webpack_require__(3620);
// EXTERNAL MODULE: ./src/posture/escrow-words.ts
var escrow_words = __webpack_require__(4089);
// EXTERNAL MODULE: ./src/report/findings.ts
var report_findings = __webpack_require__(9334);
// EXTERNAL MODULE: ./src/shared/run-url.ts
var run_url = __webpack_require__(8664);
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
        md.push('> [!WARNING]', `> ${(0,markdown/* escapeMarkdown */.FV)(custody)}`, '');
    if (src_config/* MODE_TABLE */.TL[config.mode].proves && r.drift)
        md.push(...driftSection(r.drift));
    md.push(...stepTable(r));
    if (r.posture)
        md.push(...holderSection(r.posture), ...postureSection(r.posture));
    if (src_config/* MODE_TABLE */.TL[config.mode].provesSubsets)
        md.push(...subsetSection(results));
    if (r.escrowed)
        md.push(...escrowSection(r.escrowed, r.posture));
    if (r.attestation)
        md.push(...attestationSection(r.attestation));
    md.push(...warningSection(r));
    md.push('### Outputs', '', '| Output | Value |', '| --- | --- |');
    for (const [k, v] of Object.entries(r.outputs))
        md.push(`| ${(0,markdown/* codeMarkdown */.fl)(k)} | ${(0,markdown/* codeMarkdown */.fl)(v ?? '')} |`);
    const links = [];
    if (r.outputs.HSM_RESOURCE_ID)
        links.push((0,markdown/* linkMarkdown */.k9)('Managed HSM in the Azure portal', `${r.cloud.portal}/#resource${r.outputs.HSM_RESOURCE_ID}`));
    const run = (0,run_url/* runUrl */.V)();
    if (run)
        links.push((0,markdown/* linkMarkdown */.k9)('This run', run));
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
        ...steps.map(s => `| ${(0,markdown/* escapeMarkdown */.FV)(s)} | ${NOT_RUN} | — | — |`),
        ''
    ].join('\n');
}
function heading(hsmName, mode) {
    return `## Managed HSM for Secure Key Release: ${(0,markdown/* codeMarkdown */.fl)(hsmName || '(no hsm-name)')} (${(0,markdown/* escapeMarkdown */.FV)(mode || 'apply')})\n`;
}
/**
 * The run in one line, from its own words only (no value from outside): a failed sign-in or a refusal before
 * any step is said alike in every mode; otherwise the mode's own line.
 */
function headline(r) {
    const { results, config } = r;
    const changed = results.filter(s => s.status === 'created' || s.status === 'updated').length;
    if (r.signInFailed)
        return `❌ Sign-in to Azure failed: ${changed ? 'the steps before it ran as listed' : 'nothing was read or changed in Azure'}.`;
    if (results.length === 0 && r.errors?.length && !(0,src_config/* isSingleMode */.Gl)(config.mode))
        return '❌ Refused before any step ran: nothing was changed in Azure.';
    return r.headline;
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
            ...(lines.length ? [lines.map(markdown/* escapeMarkdown */.FV).join('<br>')] : []),
            ...(f.hint ? [`**What to do:** ${(0,markdown/* escapeMarkdown */.FV)(f.hint)}`] : [])
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
            rows.push(`| ${(0,markdown/* escapeMarkdown */.FV)(name)} | ${NOT_RUN} | ${r.errors?.length ? 'stopped before this step' : '—'} | — |`);
    return ['### Steps', '', '| Step | Result | Details | Duration |', '| --- | --- | --- | --- |', ...rows, ''];
}
function stepRow(r, s) {
    const { runsSteps, writes, proves } = src_config/* MODE_TABLE */.TL[r.config.mode];
    const readOnly = runsSteps && !writes;
    const lines = [
        ...s.changes.map(c => (c.startsWith('  ') ? `– ${readOnly ? (0,report_findings/* sides */.r_)(c) : c.trim()}` : c)),
        ...s.notes.map(n => `⚠️ ${n}`),
        ...(s.info ?? []).map(n => `ℹ️ ${n}`)
    ].map(markdown/* escapeMarkdown */.FV);
    // A step stopped by a finding (plan, verify) says which, in its own row too.
    if (lines.length === 0)
        for (const c of s.checks.filter(x => x.status !== 'ok' && typeof x.actual === 'string'))
            lines.push(`⚠️ ${(0,markdown/* escapeMarkdown */.FV)(String(c.actual).split('\n')[0])}`);
    if (lines.length === 0 && s.status === 'unchanged' && !s.error)
        lines.push('nothing to change');
    let result = s.label ? labelled(s) : STATUS[s.status];
    if (s.status === 'planned' && s.creates)
        result = '🆕 would create';
    if (s.status === 'unchanged' && proves)
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
                : `❌ ${(0,markdown/* escapeMarkdown */.FV)(first)}`);
    }
    return `| ${(0,markdown/* escapeMarkdown */.FV)(s.step)} | ${result} | ${lines.join('<br>') || '—'} | ${(0,wait/* formatDuration */.a3)(s.durationMs)} |`;
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
                ? ['', 'Escrow proofs that passed:', '', ...proofs.map(p => `- ${(0,markdown/* escapeMarkdown */.FV)(p)}`)]
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
            `- ${bad[i].severity === 'critical' ? '**Critical:** ' : ''}${(0,markdown/* escapeMarkdown */.FV)(f.text)}`,
            ...f.details.map(d => `  - ${(0,markdown/* escapeMarkdown */.FV)(d)}`)
        ]),
        '',
        ...(todo ? [`**What to do:** ${(0,markdown/* escapeMarkdown */.FV)(todo)}`, ''] : [])
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
            ? `✅ ${(0,markdown/* escapeMarkdown */.FV)(h.intendedAs)}`
            : h.severity === 'critical'
                ? '❌ not intended (critical)'
                : '⚠️ not intended';
        const role = `${(0,markdown/* escapeMarkdown */.FV)(h.roleName)}${h.custom ? ' (custom)' : ''}`;
        const allows = h.allows.map(a => capabilities/* CAPABILITY_WORDS */.$f[a]).join(', ') || 'nothing on the key';
        return `| ${(0,markdown/* codeMarkdown */.fl)(h.principalId)} | ${role} | ${(0,markdown/* codeMarkdown */.fl)(h.scope)} | ${allows} | ${intended} |`;
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
        .map(i => `| ${(0,markdown/* escapeMarkdown */.FV)(i.setting)} | ${[i.state, ...(i.details ?? [])].map(markdown/* escapeMarkdown */.FV).join('<br>')} | ${SEVERITY_SIGN[i.severity]} | ${(0,markdown/* escapeMarkdown */.FV)(i.todo ?? '') || '—'} |`);
    for (const e of errors)
        rows.push(`| ${(0,markdown/* escapeMarkdown */.FV)(e.id.replace(/^posture\./, ''))} | could not be checked: ${(0,markdown/* escapeMarkdown */.FV)(String(e.actual ?? '').split('\n')[0])} | ❌ error | — |`);
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
        ...subsets.map(c => `| ${c.desired.map(l => (0,markdown/* codeMarkdown */.fl)(l)).join(' + ')} | ${c.status === 'ok' ? '✅ yes' : `❌ no: ${(0,markdown/* escapeMarkdown */.FV)(String(c.actual ?? ''))}`} |`),
        ''
    ];
}
/** The first activation: where the security domain and the wrapping keys are escrowed, their SHA-256, the quorum. */
function escrowSection(e, posture) {
    const rows = [
        ...(e.securityDomain?.stores ?? []).map(s => `| security domain | ${(0,markdown/* codeMarkdown */.fl)(s)} | ${(0,markdown/* codeMarkdown */.fl)(e.securityDomain?.sha256 ?? '')} |`),
        ...e.wrappingKeys.map((k, i) => `| wrapping key ${i + 1} | ${(0,markdown/* codeMarkdown */.fl)(k.store)} | ${(0,markdown/* codeMarkdown */.fl)(k.sha256)} |`)
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
    const proof = escrow_words/* CUSTODIAN_RECOVERY_NOT_PROVEN */.K.replace(/^r/, 'R');
    return `${checked}<br>${proof}.`;
}
/** apply that created something: the weaker choices this environment runs with, said once where they begin. */
function warningSection(r) {
    const { config } = r;
    if (!src_config/* MODE_TABLE */.TL[config.mode].writes || !r.results.some(s => s.status === 'created'))
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
    return src_config/* ALL_STEPS */.u_.filter(s => s !== 'des' || getInput('disk-encryption-set').trim());
}


/***/ }),

/***/ 1106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ RUNNER_RULE_STATE)
/* harmony export */ });
/**
 * The post state naming the IP rule this run's just-in-time access added (`{rule, tag, resourceGroup, hsmName}` as
 * JSON): alone in its module, so the post phase reads it without loading the Azure clients first.
 */
const RUNNER_RULE_STATE = 'runner-ip-rule';


/***/ })

};
