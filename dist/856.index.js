export const id = 856;
export const ids = [856];
export const modules = {

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
