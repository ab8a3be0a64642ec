export const id = 661;
export const ids = [661];
export const modules = {

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

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _escrow_rescue_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3174);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8382);
/* harmony import */ var _shared_runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4331);
/* harmony import */ var _modes_rehearsal_state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3303);
/* harmony import */ var _run_runner_rule_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1106);
/**
 * The post phase: runs even when the main step failed or the job was cancelled. It never deletes a file
 * the main phase wrote: a rescued security domain may be the only copy, so it is named again here, at the
 * end of the log, while the job can still copy it. A rehearsal HSM the main phase left (a cancelled
 * restore drill) is deleted and purged here: until then it holds a live copy of the key.
 */







/** A recover rehearsal (or restore drill) whose HSM the main phase did not tear down: tear it down now. */
async function tearDownRehearsal(name) {
    try {
        const { parseInputs } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4797));
        const config = parseInputs(_shared_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .getInput */ .V4);
        // Only a recover rehearsal names one (rehearsal-hsm-name is refused in every other mode).
        if (config.rehearsalHsmName !== name)
            return;
        const { start } = await Promise.all(/* import() */[__webpack_require__.e(978), __webpack_require__.e(669), __webpack_require__.e(738), __webpack_require__.e(2), __webpack_require__.e(546), __webpack_require__.e(275), __webpack_require__.e(971)]).then(__webpack_require__.bind(__webpack_require__, 971));
        const { tearDownLeftRehearsal } = await Promise.all(/* import() */[__webpack_require__.e(978), __webpack_require__.e(669), __webpack_require__.e(546), __webpack_require__.e(275), __webpack_require__.e(836), __webpack_require__.e(357)]).then(__webpack_require__.bind(__webpack_require__, 8836));
        await tearDownLeftRehearsal(await start(config));
    }
    catch (e) {
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`post: the rehearsal HSM '${name}' could not be torn down, and bills until it is: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}. ` +
            `Run mode: teardown with hsm-name: ${name} and confirm-teardown: ${name}.`);
    }
}
/** The IP rule the main phase opened for this runner (jit-runner-access): removed, whatever the main phase did. */
async function removeRunnerRule(saved) {
    let rule = '(unreadable post state)';
    try {
        const parsed = JSON.parse(saved);
        rule = String(parsed.rule);
        const { parseInputs } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4797));
        const { start } = await Promise.all(/* import() */[__webpack_require__.e(978), __webpack_require__.e(669), __webpack_require__.e(738), __webpack_require__.e(2), __webpack_require__.e(546), __webpack_require__.e(275), __webpack_require__.e(971)]).then(__webpack_require__.bind(__webpack_require__, 971));
        const access = await Promise.all(/* import() */[__webpack_require__.e(978), __webpack_require__.e(669), __webpack_require__.e(546), __webpack_require__.e(929)]).then(__webpack_require__.bind(__webpack_require__, 5869));
        await access.removeRunnerRule(await start(parseInputs(_shared_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .getInput */ .V4)), { rule, tag: String(parsed.tag) });
    }
    catch (e) {
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`post: the runner's temporary IP rule ${_shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN(rule)} could not be removed: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}. ` +
            'The next apply removes it once its lease tag has expired; or remove it by hand (az keyvault network-rule remove).');
    }
}
async function run() {
    try {
        const rescued = (0,_shared_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .getState */ .Gu)(_escrow_rescue_js__WEBPACK_IMPORTED_MODULE_2__/* .RESCUE_STATE */ .W9);
        const match = /^([0-9a-f]{64}) (.+)$/.exec(rescued);
        if (match) {
            const [, sha256, path] = match;
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path)
                ? `the security domain (SHA-256 ${sha256}) that activate saved to disk is still in ${path}: ` +
                    'unless the log says it was escrowed, it is the only copy; copy it before the job ends (see the activate error)'
                : `the security domain (SHA-256 ${sha256}) that activate saved to ${path} is no longer there`);
        }
        else
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz('post: nothing to report');
        const runnerRule = (0,_shared_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .getState */ .Gu)(_run_runner_rule_state_js__WEBPACK_IMPORTED_MODULE_5__/* .RUNNER_RULE_STATE */ .i);
        if (runnerRule)
            await removeRunnerRule(runnerRule);
        const rehearsal = (0,_shared_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .getState */ .Gu)(_modes_rehearsal_state_js__WEBPACK_IMPORTED_MODULE_6__/* .REHEARSAL_STATE */ .aL);
        if (rehearsal)
            await tearDownRehearsal(rehearsal);
    }
    catch (e) {
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Post phase failed: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
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
