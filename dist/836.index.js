export const id = 836;
export const ids = [836,856];
export const modules = {

/***/ 8836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  recover: () => (/* binding */ recover),
  tearDownLeftRehearsal: () => (/* binding */ tearDownLeftRehearsal)
});

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/run/reads.ts
var reads = __webpack_require__(696);
// EXTERNAL MODULE: ./src/escrow/key-backup-objects.ts
var key_backup_objects = __webpack_require__(7754);
// EXTERNAL MODULE: ./src/azure/call.ts
var call = __webpack_require__(8795);
// EXTERNAL MODULE: ./src/azure/security-domain-api.ts
var security_domain_api = __webpack_require__(4223);
;// CONCATENATED MODULE: ./src/azure/security-domain-upload.ts
/**
 * Restoring a security domain into a new HSM over the data plane (protocol notes §2.3, §2.4): the HSM's
 * transfer key (GET /securitydomain/upload), the upload of the restore blob wrapped to it (POST, 202) and
 * the upload status (GET /securitydomain/upload/pending: InProgress until Success or Failed). All of it
 * needs the Managed HSM Administrator role, which the initial administrators hold.
 */


const ADMIN_HINT = (_c, status) => status === 403
    ? "only a 'Managed HSM Administrator' can restore a security domain: list the signed-in identity (or 'self') in administrators when the HSM is created"
    : undefined;
/** The transfer key: a JSON string holding an RSA JWK with x5c (what buildRestoreBlob takes). */
async function getTransferKey(hsm) {
    const r = await hsm.send('read the transfer key for the security domain upload', 'GET', '/securitydomain/upload', { hint: ADMIN_HINT });
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
                : ADMIN_HINT(code, status)
    });
}
/** The status of the last upload, or undefined when none was ever started. */
async function uploadStatus(hsm) {
    return (0,call/* absentOn404 */.lz)(async () => {
        const r = await hsm.send('read the security domain upload status', 'GET', '/securitydomain/upload/pending', { hint: ADMIN_HINT });
        return (0,security_domain_api/* normaliseStatus */.JT)(r.body?.status, r.body?.status_details);
    });
}

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/escrow/escrow.ts
var escrow = __webpack_require__(304);
// EXTERNAL MODULE: ./src/security-domain/index.ts + 7 modules
var security_domain = __webpack_require__(115);
// EXTERNAL MODULE: ./src/run/authorized.ts
var authorized = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/steps/key/escrow.ts
var key_escrow = __webpack_require__(4112);
// EXTERNAL MODULE: ./src/steps/provision.ts + 6 modules
var provision = __webpack_require__(772);
// EXTERNAL MODULE: ./src/run/role-assignments.ts
var role_assignments = __webpack_require__(2866);
// EXTERNAL MODULE: ./src/run/timed.ts
var timed = __webpack_require__(3962);
// EXTERNAL MODULE: ./src/run/hsm-active.ts
var hsm_active = __webpack_require__(3880);
// EXTERNAL MODULE: ./src/shared/hash.ts
var hash = __webpack_require__(9913);
// EXTERNAL MODULE: ./src/shared/runner.ts
var runner = __webpack_require__(4331);
// EXTERNAL MODULE: ./src/modes/rehearsal-state.ts
var rehearsal_state = __webpack_require__(3303);
// EXTERNAL MODULE: ./src/modes/teardown.ts + 3 modules
var teardown = __webpack_require__(1856);
// EXTERNAL MODULE: ./src/steps/rbac.ts + 1 modules
var rbac = __webpack_require__(9139);
// EXTERNAL MODULE: ./src/steps/des/index.ts
var des = __webpack_require__(100);
// EXTERNAL MODULE: ./src/run/disk-encryption-sets.ts + 2 modules
var disk_encryption_sets = __webpack_require__(6679);
// EXTERNAL MODULE: ./src/steps/des/backing.ts
var backing = __webpack_require__(1833);
// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
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
            const set = await (0,disk_encryption_sets/* readDes */.Lg)(ctx, (0,disk_encryption_sets/* desClient */.mG)(ctx), d);
            sets.push({
                name: d.name,
                identity: set?.identity?.principalId,
                cvm: d.encryptionType === config/* CVM_ENCRYPTION_TYPE */.su,
                inputs: `disk-encryption-set: ${d.name}`
            });
        }
        for (const s of (await (0,backing/* setsBackedByKey */.M8)(ctx, hsmUri)).sets) {
            const name = s.name ?? '?';
            const group = /\/resourceGroups\/([^/]+)\//i.exec(s.id ?? '')?.[1];
            const type = s.properties?.encryptionType;
            sets.push({
                name,
                identity: s.identity?.principalId,
                cvm: type === config/* CVM_ENCRYPTION_TYPE */.su,
                inputs: [
                    `disk-encryption-set: ${name}`,
                    ...(group && group.toLowerCase() !== ctx.config.resourceGroup.toLowerCase()
                        ? [`disk-encryption-set-resource-group: ${group}`]
                        : []),
                    ...(type && type !== config/* CVM_ENCRYPTION_TYPE */.su ? [`des-encryption-type: ${type}`] : [])
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
            const orchestrator = d?.orchestratorObjectId ?? (await (0,disk_encryption_sets/* readOrchestrator */.FQ)(ctx))?.id;
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

// EXTERNAL MODULE: ./src/run/key-roles.ts
var key_roles = __webpack_require__(7890);
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
    const roles = await rbac/* rbac */.v.plan(ctx);
    for (const n of roles.notes)
        log/* warning */.$e(`recover: ${n}`);
    await run(roles.changes);
    if (withDes && ctx.config.des) {
        const set = await des/* des */.Fp.plan(ctx);
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
    const now = new Set((await (0,key_roles/* readKeyAssignments */.yf)(ctx)).map(key_roles/* sameKey */.el));
    const missing = record.assignments.filter(a => !now.has((0,key_roles/* sameKey */.el)(a)));
    if (missing.length === 0) {
        log/* info */.pq(`recover: all ${record.assignments.length} role assignment(s) recorded with the key backup are in place`);
        return 0;
    }
    // The grants of a disk encryption set (its identity's, the Orchestrator's) are the des step's: named as
    // such, with the input that makes them. A rehearsal grants none (its sets use hsm-name's key); what else it
    // lacks is said, not advised (the rehearsal HSM is torn down).
    const holders = await setGrantHolders(ctx, rehearsalOf ? `https://${rehearsalOf}.${ctx.cloud.managedHsmSuffix}/` : (await (0,context/* knownHsm */.OC)(ctx)).hsmUri);
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

// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
// EXTERNAL MODULE: ./src/azure/backup-manifests.ts
var backup_manifests = __webpack_require__(8658);
// EXTERNAL MODULE: ./src/azure/full-backup.ts
var full_backup = __webpack_require__(4105);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/policy/index.ts + 15 modules
var policy = __webpack_require__(264);
// EXTERNAL MODULE: ./src/steps/backup/identity.ts
var identity = __webpack_require__(854);
// EXTERNAL MODULE: ./src/steps/backup/run.ts
var run = __webpack_require__(2103);
;// CONCATENATED MODULE: ./src/modes/restore-drill.ts
/**
 * The restore drill (issue 25), the last part of a recover rehearsal when backup-container-url and
 * backup-identity are given: the rehearsal HSM already holds the escrowed security domain, so it can take a
 * production backup. It gets the backup identity, takes the full backup of itself Azure requires before a
 * restore, restores the newest production backup (by its manifest), then proves the managed key came back:
 * same name and versions, same public key (n, e), same release policy and exportable flag, readable by this
 * identity through the role assignments the restore brought; and the role assignments that reach the key are
 * production's (listed in both, read-only in production). The rehearsal's teardown (recover.ts) deletes and
 * purges the HSM afterwards, pass or fail.
 */











/** What differs between the production key and the drill's restored copy, in words (empty: the same). */
function compareKeyStates(name, prod, drill) {
    const out = [];
    const byVersion = new Map(drill.map(v => [v.version, v]));
    const missing = prod.filter(v => !byVersion.has(v.version)).map(v => v.version);
    const extra = drill.filter(v => !prod.some(p => p.version === v.version)).map(v => v.version);
    if (missing.length)
        out.push(`key '${name}': version(s) ${missing.join(', ')} did not come back from the backup`);
    if (extra.length)
        out.push(`key '${name}': the backup holds version(s) ${extra.join(', ')} production does not`);
    for (const p of prod) {
        const d = byVersion.get(p.version);
        if (!d)
            continue;
        if (p.n !== d.n || p.e !== d.e)
            out.push(`key '${name}' version ${p.version}: the restored public key (n, e) differs from production's`);
        if (!!p.exportable !== !!d.exportable)
            out.push(`key '${name}' version ${p.version}: exportable is ${String(d.exportable)} restored, ${String(p.exportable)} in production`);
        if ((p.policy === undefined) !== (d.policy === undefined) ||
            (p.policy !== undefined && !(0,policy/* policiesEqual */.jL)(p.policy, d.policy)))
            out.push(`key '${name}' version ${p.version}: the restored release policy differs from production's`);
    }
    return out;
}
/**
 * The role assignments that reach the key (at `/`, `/keys`, `/keys/{name}`) in production and in the drill
 * HSM after the restore: `missing` are production's the restore did not bring (the backup is older than
 * them), `extra` are the backup's that production no longer has (a restore of it would grant them again).
 */
function compareAssignments(prod, drill) {
    const inDrill = new Set(drill.map(key_roles/* sameKey */.el));
    const inProd = new Set(prod.map(key_roles/* sameKey */.el));
    return {
        missing: prod.filter(a => !inDrill.has((0,key_roles/* sameKey */.el)(a))),
        extra: drill.filter(a => !inProd.has((0,key_roles/* sameKey */.el)(a)))
    };
}
const said = (a) => `'${a.role}' for ${a.principalId} at ${a.scope}`;
function stateOf(version, key) {
    const b64 = (u) => (u ? Buffer.from(u).toString('base64url') : undefined);
    const encoded = key?.properties.releasePolicy?.encodedPolicy;
    let policy;
    if (encoded) {
        try {
            policy = JSON.parse(Buffer.from(encoded).toString('utf8'));
        }
        catch {
            policy = Buffer.from(encoded).toString('utf8');
        }
    }
    return {
        version,
        ...(key?.key?.n ? { n: b64(key.key.n) } : {}),
        ...(key?.key?.e ? { e: b64(key.key.e) } : {}),
        exportable: key?.properties.exportable,
        ...(policy !== undefined ? { policy } : {})
    };
}
async function keyStates(ctx, name) {
    const keys = await (0,context/* keysClient */.yx)(ctx);
    const versions = (await keys.versions(name)).map(v => v.version ?? '').filter(Boolean);
    return Promise.all(versions.map(async (v) => stateOf(v, await keys.read(name, v))));
}
/** Attaches the backup identity to the rehearsal HSM and waits until ARM shows it. */
async function attachIdentity(rehearsal, cfg) {
    const { arm, config } = rehearsal;
    await arm.submitUpdate(config.resourceGroup, config.hsmName, {
        identity: { type: 'UserAssigned', userAssignedIdentities: { [cfg.identity]: {} } }
    });
    for (let i = 0;; i++) {
        try {
            (0,identity/* attachedIdentity */.T)(await arm.get(config.resourceGroup, config.hsmName), cfg, config.hsmName);
            return;
        }
        catch (e) {
            if (!(e instanceof errors/* ConflictError */.fK) || Date.now() + 2000 > rehearsal.deadline || i > 60)
                throw e;
            await (0,retry/* sleep */.yy)(2000);
        }
    }
}
/** Runs the drill; returns the summary's words. Throws a ConflictError naming the check that failed. */
async function restoreDrill(ctx, rehearsal, result) {
    const cfg = ctx.config.backup;
    const name = ctx.config.hsmName;
    const t0 = Date.now();
    const { manifests } = await new backup_manifests/* BackupManifests */.tD(cfg.accountUrl, cfg.container, ctx.signIn.credential).list(name);
    const newest = manifests.find(m => m.hsmName.toLowerCase() === name.toLowerCase() && m.folderUrl.startsWith(`${cfg.containerUrl}/`));
    if (!newest)
        throw new errors/* ConflictError */.fK(`restore drill failed: no full backup of '${name}' is recorded in ${cfg.containerUrl}`, 'run the backup step (mode: apply, steps: backup) first; docs/backup.md');
    const folder = newest.folderUrl.slice(cfg.containerUrl.length + 1);
    log/* info */.pq(`recover: restore drill: the newest backup of '${name}' finished ${newest.endTime}: ${newest.folderUrl}`);
    await attachIdentity(rehearsal, cfg);
    result.changes.push(`attached the backup identity to '${rehearsal.config.hsmName}'`);
    const plane = await (0,context/* dataPlane */.nB)(rehearsal);
    const own = await (0,run/* waitForJob */.qt)(plane, await (0,full_backup/* startBackup */.lw)(plane, cfg.containerUrl), rehearsal.deadline, 'the drill HSM’s own full backup');
    if (own.status !== 'Succeeded')
        throw new errors/* ConflictError */.fK(`restore drill failed: the full backup of the drill HSM that a restore needs ended ${own.status}${own.failure ? `: ${own.failure}` : ''}`, "check the backup identity's 'Storage Blob Data Contributor' role on the container");
    const restoreStarted = Date.now();
    const restored = await (0,run/* waitForJob */.qt)(plane, await (0,full_backup/* startRestore */.DK)(plane, cfg.containerUrl, folder), rehearsal.deadline, 'the restore of the production backup');
    if (restored.status !== 'Succeeded')
        throw new errors/* ConflictError */.fK(`restore drill failed: restoring ${newest.folderUrl} into '${rehearsal.config.hsmName}' ended ${restored.status}${restored.failure ? `: ${restored.failure}` : ''}`, 'a full backup restores only into an HSM holding the same security domain: check that security-domain-store holds the security domain of hsm-name, and that the backup identity may read the container');
    result.changes.push(`restored ${newest.folderUrl} into '${rehearsal.config.hsmName}'`);
    const restoreMs = Date.now() - restoreStarted;
    const keyName = ctx.config.key.name;
    const [prod, drill] = await Promise.all([keyStates(ctx, keyName), keyStates(rehearsal, keyName)]);
    if (prod.length === 0)
        throw new errors/* ConflictError */.fK(`restore drill failed: production has no key '${keyName}' to compare with`, 'check key-name');
    const differences = compareKeyStates(keyName, prod, drill);
    // The restore replaced the drill HSM's assignments with the backup's: nothing read before it still holds.
    rehearsal.reads.forget();
    delete rehearsal.facts.roleDefinitions;
    const [prodRoles, drillRoles] = await Promise.all([(0,key_roles/* readKeyAssignments */.yf)(ctx), (0,key_roles/* readKeyAssignments */.yf)(rehearsal)]);
    const { missing, extra } = compareAssignments(prodRoles, drillRoles);
    if (missing.length)
        differences.push(`role assignment(s) of production that reach key '${keyName}' did not come back from the backup: ${missing.map(said).join(', ')}`);
    if (extra.length) {
        const note = `the backup restores role assignment(s) that reach key '${keyName}' and production no longer has: ${extra.map(said).join(', ')} (a restore of it into production would grant them again)`;
        result.notes.push(note);
        log/* warning */.$e(`recover: restore drill: ${note}`);
    }
    if (differences.length)
        throw new errors/* ConflictError */.fK(`restore drill failed: ${differences.join('; ')}`, 'take a fresh full backup (steps: backup) and drill again: a backup lacks what changed after it (a key version, a release policy, a role assignment); if it still differs, the backup or production was changed outside the action: find out which before relying on either');
    // The label reaches the headline as the action's own words: nothing read from Azure or storage goes in it.
    result.info = [
        ...(result.info ?? []),
        `restore drill: key '${keyName}' came back from ${newest.folderUrl} (finished ${newest.endTime})`
    ];
    return `restore drill passed in ${(0,wait/* formatDuration */.a3)(Date.now() - t0)} (restore ${(0,wait/* formatDuration */.a3)(restoreMs)}): the key came back the same (${prod.length} version(s): public key, release policy, exportable; ${prodRoles.length} role assignment(s) reaching it)`;
}

// EXTERNAL MODULE: ./src/steps/key/roles-record.ts
var roles_record = __webpack_require__(5526);
// EXTERNAL MODULE: ./src/run/escrow-proof.ts
var escrow_proof = __webpack_require__(1705);
// EXTERNAL MODULE: ./src/azure/managed-hsm-regions.ts
var managed_hsm_regions = __webpack_require__(4687);
;// CONCATENATED MODULE: ./src/modes/recover-regions.ts
/**
 * A recovered HSM, and a rehearsal (restore drill) HSM, start with one region: the region list is ARM's, not
 * part of the security domain or of a full backup, so the extended region of multi-region replication is not
 * recovered with the rest. The summary says so, and how the region comes back (replica-region).
 */


const NOT_IN_SD = 'the region list is not in the security domain';
/** The summary's sentence, or undefined when no extended region is known or the HSM was not made by this run. */
function oneRegionNote(f) {
    const wanted = [...new Set([...f.production, ...(f.replicaRegion ? [f.replicaRegion] : [])])];
    if (!f.created || wanted.length === 0)
        return undefined;
    const setIt = `set replica-region: ${wanted[0]} in the recover inputs (the extension takes up to 30 minutes and doubles the cost)`;
    if (f.rehearsal)
        return (`the temporary HSM '${f.target}' had one region, as a recovered HSM would (${NOT_IN_SD}); ` +
            `production is extended to ${wanted.join(', ')}: after a real recovery, add it again: ${setIt}`);
    const back = wanted.filter(r => f.now.includes(r));
    if (back.length)
        return `'${f.target}' came back with one region (${NOT_IN_SD}): replica-region ${back.join(', ')} was added again`;
    return `'${f.target}' came back with one region (${NOT_IN_SD}): add the extended region again: ${setIt}`;
}
/** The production HSM's extended regions, for a rehearsal (the target of a real recovery is production). */
async function productionRegions(ctx) {
    return (0,managed_hsm_regions/* extendedRegions */.pi)(await (0,context/* readHsm */.B9)(ctx)).map(r => r.name);
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























async function recover(ctx, results) {
    const rehearsal = ctx.config.rehearsalHsmName ? rehearsalContext(ctx) : undefined;
    let tearDown = false;
    let failure;
    try {
        await (0,timed/* timed */.a)(rehearsal ? 'recover (rehearsal)' : 'recover', results, async (result) => {
            const prepared = await prepare(ctx, result);
            try {
                const target = rehearsal ?? ctx;
                if (rehearsal) {
                    await clearRehearsalName(ctx, rehearsal, result);
                    // Named for the post phase: a cancelled run still deletes and purges the HSM (tearDownLeftRehearsal).
                    (0,runner/* saveState */.LZ)(rehearsal_state/* REHEARSAL_STATE */.aL, rehearsal.config.hsmName);
                    tearDown = true;
                    log/* info */.pq(`recover: rehearsal into the temporary Managed HSM '${rehearsal.config.hsmName}' (torn down afterwards)`);
                }
                // A rehearsal's production regions, for the summary: its own HSM is never extended.
                const production = rehearsal ? await productionRegions(ctx) : [];
                const created = await provisionTarget(target, result);
                const uploaded = await restoreSecurityDomain(target, prepared, result);
                const restored = await restoreKeys(target, prepared.backups, result);
                // Neither the security domain nor a key backup holds a role assignment: the inputs' are applied
                // as apply would, and the DES grants (not in a rehearsal: the set belongs to hsm-name).
                await applyGrants(target, result, !rehearsal);
                const missing = await compareWithRecord(target, prepared.roles, prepared.backups.length > 0, result, rehearsal ? ctx.config.hsmName : undefined);
                // The restore drill: the newest full backup restored into the rehearsal HSM and its key compared. The
                // label says meanwhile that the escrow restored, so a failed drill is not read as a failed escrow.
                result.label = recoveredLabel(target, prepared, missing, !!rehearsal);
                const drill = rehearsal && ctx.config.backup ? await restoreDrill(ctx, rehearsal, result) : undefined;
                result.status = uploaded || restored ? 'created' : result.changes.length ? 'updated' : 'unchanged';
                result.label = recoveredLabel(target, prepared, missing, !!rehearsal) + (drill ? `; ${drill}` : '');
                const regions = oneRegionNote({
                    target: target.config.hsmName,
                    rehearsal: !!rehearsal,
                    created,
                    production,
                    replicaRegion: ctx.config.replicaRegion,
                    now: target.facts.extendedRegions ?? []
                });
                if (regions) {
                    result.info = [...(result.info ?? []), regions];
                    log/* info */.pq(`recover: ${regions}`);
                }
                if (drill)
                    log/* info */.pq(`recover: ${drill}`);
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
            await (0,teardown.teardown)(rehearsal, results);
            (0,runner/* saveState */.LZ)(rehearsal_state/* REHEARSAL_STATE */.aL, '');
        }
        catch (e) {
            const name = rehearsal.config.hsmName;
            const err = new errors/* ConflictError */.fK(`the rehearsal HSM '${name}' could not be torn down, and bills until it is: ${(0,errors/* errorMessage */.gJ)(e)}`, `run mode: teardown with hsm-name: ${name} and confirm-teardown: ${name} (its ${rehearsal_state/* REHEARSAL_TAG */.th} and expires-at tags mark it as temporary)`);
            if (failure)
                log/* error */.z3(err.message);
            else
                failure = err;
        }
    }
    if (failure)
        throw failure;
}
/**
 * The post phase of a run whose rehearsal HSM was not torn down (cancelled, or the runner died between the two
 * phases): deletes and purges it, but only an HSM tagged as this hsm-name's rehearsal HSM.
 */
async function tearDownLeftRehearsal(ctx) {
    const rehearsal = rehearsalContext(ctx);
    const { resourceGroup, hsmName } = rehearsal.config;
    const hsm = await ctx.arm.get(resourceGroup, hsmName);
    if (hsm && hsm.tags?.[rehearsal_state/* REHEARSAL_TAG */.th] !== ctx.config.hsmName) {
        log/* warning */.$e(`post: '${hsmName}' is not a rehearsal HSM of '${ctx.config.hsmName}': left alone`);
        return;
    }
    log/* info */.pq(`post: deleting and purging the rehearsal HSM '${hsmName}' the main phase left (it holds a live copy of the key)`);
    await (0,teardown.teardown)(rehearsal, []);
    (0,runner/* saveState */.LZ)(rehearsal_state/* REHEARSAL_STATE */.aL, '');
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
            retentionDays: rehearsal_state/* REHEARSAL_RETENTION_DAYS */.vd,
            onSoftDeleted: 'fail',
            onlyIfExpired: false,
            // A temporary HSM is not extended (up to 30 minutes, and billed twice): the summary says what would be.
            replicaRegion: undefined,
            removeReplicaRegion: undefined,
            expiresAfterMs: c.expiresAfterMs ?? rehearsal_state/* REHEARSAL_LIFETIME_MS */.Rx,
            tags: { ...c.tags, [rehearsal_state/* REHEARSAL_TAG */.th]: c.hsmName }
        },
        facts: {},
        // Another HSM: nothing read about the real one applies to it.
        reads: new reads/* Reads */.c(false)
    };
}
/**
 * Reads and proves everything before any write: the security domain, a quorum of wrapping keys that
 * opens it (the quorum comes from the file itself), and the newest intact backup of every escrowed key.
 */
async function prepare(ctx, result) {
    const sdText = await (0,escrow_proof/* readSecurityDomain */.TW)(ctx);
    (0,escrow/* maskSecurityDomain */.DE)(sdText);
    const sha256 = (0,hash/* sha256Hex */.f)(sdText);
    log/* info */.pq(`recover: escrowed security domain read (SHA-256 ${sha256})`);
    const labelled = await (0,escrow_proof/* collectWrappingKeys */.nl)(ctx, result.notes);
    let proof;
    try {
        proof = (0,escrow_proof/* proveEscrow */.GD)(sdText, labelled);
    }
    catch (e) {
        if (e instanceof security_domain/* RecoveryError */.gN)
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
    const recovered = (0,security_domain/* decryptSecurityDomain */.So)(sdText, subset.keys.map(i => labelled[i].key));
    log/* info */.pq(`recover: ${proof.required} of ${labelled.length} wrapping key(s) recombine the master key and open all ${recovered.items.length} items offline`);
    const { backups, problems } = await (0,key_escrow/* readKeyBackups */.be)(ctx);
    for (const p of problems) {
        result.notes.push(p);
        log/* warning */.$e(`recover: key backup ${p}`);
    }
    if (ctx.config.keyBackup && backups.length === 0)
        throw new errors/* ConflictError */.fK(`key-backup-store: no intact key backup found next to ${ctx.config.keyBackup.url}. Nothing was changed.`, 'point key-backup-store at the target the key step escrowed to, or leave it empty to recover the HSM without its keys');
    for (const b of backups)
        log/* info */.pq(`recover: key backup of '${b.key}' (version ${b.version}) at ${b.url}`);
    const { records: roles, problems: recordProblems } = await (0,roles_record/* readRoleRecords */.LT)(ctx);
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
    const ours = (tags) => tags?.[rehearsal_state/* REHEARSAL_TAG */.th] === ctx.config.hsmName;
    const hint = 'choose another rehearsal-hsm-name: a rehearsal only ever creates and removes its own temporary HSM';
    const existing = await arm.get(rg, name);
    if (existing && !ours(existing.tags))
        throw new errors/* ConflictError */.fK(`Managed HSM '${name}' exists and is not a rehearsal HSM of '${ctx.config.hsmName}' (no ${rehearsal_state/* REHEARSAL_TAG */.th} tag naming it). Nothing was changed.`, hint);
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
/**
 * The provision step's own plan: create the HSM when absent, wait for one being created, else leave it.
 * True when the HSM was created, undeleted or purged and created anew (it starts with one region).
 */
async function provisionTarget(ctx, result) {
    const plan = await provision/* provision */.m.plan(ctx);
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
    await provision/* provision */.m.finish(ctx, true);
    return plan.changes.some(c => c.id === 'provision.hsm.exists' || c.kind === 'recover' || c.kind === 'purge');
}
/** Uploads the security domain unless the HSM is active already; waits until the HSM and ARM say Active. */
async function restoreSecurityDomain(ctx, prepared, result) {
    const hsm = await (0,context/* knownHsm */.OC)(ctx);
    const name = ctx.config.hsmName;
    if (hsm.activationStatus === 'Active') {
        const note = `Managed HSM '${name}' is active already: no security domain is uploaded (key backups restore only if it holds the escrowed one)`;
        result.notes.push(note);
        log/* info */.pq(`recover: ${note}`);
        return false;
    }
    const dp = await (0,context/* dataPlane */.nB)(ctx);
    let uploaded = false;
    if ((await uploadStatus(dp))?.status === 'InProgress') {
        log/* info */.pq('recover: a security domain upload is under way already (an earlier run); waiting for it');
    }
    else {
        const transferKey = await getTransferKey(dp);
        const built = (0,security_domain/* buildRestoreBlob */.ui)(prepared.items, transferKey);
        built.master.fill(0);
        await uploadSecurityDomain(dp, built.text);
        uploaded = true;
        const summary = `uploaded the escrowed security domain (SHA-256 ${prepared.sha256}) to '${name}', re-wrapped to its transfer key`;
        result.changes.push(summary);
        log/* info */.pq(`recover: ${summary}`);
    }
    await (0,hsm_active/* waitUntilActive */._)(ctx, 'security domain restore', async () => {
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
    const grant = await (0,role_assignments/* planAssignments */.oL)(ctx, (0,role_assignments/* implicitForKeyStep */.aJ)());
    for (const change of grant.changes) {
        log/* info */.pq(`recover: ${change.summary}`);
        await change.apply();
        result.changes.push(change.summary);
    }
    if (grant.changes.length > 0)
        ctx.facts.rolesChanged = true;
    const keys = await (0,context/* keysClient */.yx)(ctx);
    const { hsmResourceId } = await (0,context/* knownHsm */.OC)(ctx);
    let restoredAny = false;
    for (const backup of backups) {
        const { key, restored } = await (0,key_escrow/* restoreKeyBackup */.Ae)(keys, backup, (what, fn) => (0,authorized/* untilAuthorized */.E)(ctx, what, fn));
        const version = key.id ? (0,key_backup_objects/* keyVersion */.Kc)(key.id) : '';
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


/***/ }),

/***/ 1856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  teardown: () => (/* binding */ teardown)
});

// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(1827);
// EXTERNAL MODULE: ./src/run/timed.ts
var timed = __webpack_require__(3962);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/azure/wait.ts
var wait = __webpack_require__(5818);
// EXTERNAL MODULE: ./src/azure/rest.ts
var rest = __webpack_require__(1293);
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
        this.api = new rest/* JsonApi */.Tj(credential, endpoint, 'Azure Resource Manager');
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

// EXTERNAL MODULE: ./src/run/disk-encryption-sets.ts + 2 modules
var disk_encryption_sets = __webpack_require__(6679);
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
        sets: () => (sets ??= (0,disk_encryption_sets/* desClient */.mG)(ctx).listInSubscription()),
        disks: () => (disks ??= disksClient().listInSubscription())
    };
}
const SETUP_HINT = "grant the read at subscription scope (docs/setup.md's custom role lists Microsoft.Compute/diskEncryptionSets/read and Microsoft.Compute/disks/read), then rerun";
/**
 * Makes sure nothing is left pointing at the HSM's keys before it goes: refuses (nothing deleted) when a set
 * uses them and delete-disk-encryption-sets is off, or when a disk uses such a set; else deletes the sets.
 */
async function clearDependents(ctx, hsmName, result, reads) {
    let sets;
    try {
        sets = (0,disk_encryption_sets/* setsOnHsm */.X2)(ctx, await reads.sets(), hsmName);
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
        throw new errors/* ConflictError */.fK(`teardown cannot read the managed disks of the subscription, so it cannot tell which disks the disk encryption set(s) ${names(sets)} encrypt with keys of Managed HSM '${hsmName}': ${(0,errors/* errorMessage */.gJ)(e)}. Nothing was deleted.`, SETUP_HINT);
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
        throw new errors/* ConflictError */.fK(`disk encryption set(s) ${names(sets)} use keys of Managed HSM '${hsmName}' (no disk uses them); deleting the HSM would leave them pointing at a deleted key. Nothing was deleted.`, "set delete-disk-encryption-sets: 'true' to delete these sets first, or point them at a key elsewhere, then rerun teardown");
    for (const { set } of dependents)
        await deleteSet(ctx, set, result);
}
const setName = (s) => `'${s.name ?? s.id ?? '?'}'`;
const names = (sets) => sets.map(setName).join(', ');
const diskName = (d) => `disk '${d.name ?? d.id ?? '?'}'${d.managedBy ? ` (attached to ${d.managedBy.split('/').pop()})` : ''}`;
/** The resource group of an ARM resource id. */
function resourceGroupOf(id) {
    const parts = id.split('/');
    const i = parts.findIndex(p => p.toLowerCase() === 'resourcegroups');
    return i >= 0 ? (parts[i + 1] ?? '') : '';
}
async function deleteSet(ctx, set, result) {
    const client = (0,disk_encryption_sets/* desClient */.mG)(ctx);
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
    const current = await (0,disk_encryption_sets/* desClient */.mG)(ctx).get(d.resourceGroup, d.name);
    if (!current)
        return;
    const note = (0,disk_encryption_sets/* isManaged */.yF)(current, ctx.config.hsmName)
        ? `disk encryption set '${d.name}' is tagged as this action's for '${ctx.config.hsmName}' but uses no key of it: left alone (a tag never decides a deletion)`
        : `disk encryption set '${d.name}' was not created by this action and uses no key of '${ctx.config.hsmName}': left alone`;
    result.notes.push(note);
    log/* warning */.$e(`teardown: ${note}`);
}

// EXTERNAL MODULE: ./src/config/index.ts + 16 modules
var config = __webpack_require__(4797);
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
    const tag = hsm.tags?.[config/* EXPIRES_AT_TAG */["if"]];
    if (tag !== undefined) {
        const at = Date.parse(tag);
        if (Number.isNaN(at))
            return kept(`its ${config/* EXPIRES_AT_TAG */["if"]} tag '${shown(tag)}' is not a date: a tag can postpone a teardown, fix or remove it`);
        if (at > now)
            return kept(`not expired until ${new Date(at).toISOString()}: its ${config/* EXPIRES_AT_TAG */["if"]} tag postpones it`);
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

// EXTERNAL MODULE: ./src/run/step.ts
var step = __webpack_require__(4335);
// EXTERNAL MODULE: ./src/azure/managed-hsm-regions.ts
var managed_hsm_regions = __webpack_require__(4687);
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
    await (0,timed/* timed */.a)('teardown', results, async (result) => {
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
        // Full backups are the user's data: never deleted here, and said where they stay.
        if (config.backup) {
            const kept = `full backups of '${name}' are kept in ${config.backup.containerUrl} (its backup folders and backup-manifests/${name.toLowerCase()}/): teardown never deletes them`;
            result.info = [...(result.info ?? []), kept];
            log/* info */.pq(`teardown: ${kept}`);
        }
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
    await removeExtendedRegions(ctx, name, result);
    log/* info */.pq(`teardown: deleting Managed HSM '${name}'${why ? ` (${why})` : ''}`);
    await ctx.arm.delete(ctx.config.resourceGroup, name);
    result.changes.push(`deleted Managed HSM '${name}'`);
}
/**
 * Azure deletes a primary only once every extended region is gone (Microsoft Learn, multi-region replication):
 * each is removed (purged at once, no soft delete) and waited for, then the primary goes.
 */
async function removeExtendedRegions(ctx, name, result) {
    const { arm, config } = ctx;
    for (;;) {
        const hsm = await arm.get(config.resourceGroup, name);
        const regions = (0,managed_hsm_regions/* extendedRegions */.pi)(hsm);
        const region = regions[0];
        if (!hsm || !region)
            return;
        if (region.state !== 'Deleting' && region.state !== 'Cleanup') {
            // A region still being added is waited for: ARM takes no other change to the HSM meanwhile.
            if ((0,managed_hsm_regions/* regionBusy */.mk)(region.state))
                await (0,managed_hsm_regions/* waitForRegion */.VP)(arm, config.resourceGroup, name, region.name, 'ready', ctx.deadline).catch(() => undefined);
            log/* info */.pq(`teardown: removing the extended region ${region.name} of Managed HSM '${name}' (purged at once)`);
            await (0,managed_hsm_regions/* submitRegions */.o)(arm, config.resourceGroup, (await arm.get(config.resourceGroup, name)) ?? hsm, {
                remove: region.name
            });
        }
        await (0,managed_hsm_regions/* waitForRegion */.VP)(arm, config.resourceGroup, name, region.name, 'gone', ctx.deadline);
        result.changes.push(`removed the extended region ${region.name} of Managed HSM '${name}' (purged)`);
    }
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
    await (0,timed/* timed */.a)('teardown', results, async (result) => {
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


/***/ })

};
