export const id = 124;
export const ids = [124];
export const modules = {

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


/***/ })

};
