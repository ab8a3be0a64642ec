export const id = 331;
export const ids = [331];
export const modules = {

/***/ 2331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifySecurityDomain: () => (/* binding */ verifySecurityDomain)
/* harmony export */ });
/* harmony import */ var _shared_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1827);
/* harmony import */ var _escrow_escrow_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(304);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8382);
/* harmony import */ var _run_escrow_proof_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1705);
/* harmony import */ var _run_timed_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3962);
/**
 * mode: verify-security-domain — proves, offline and read-only, that the escrowed security domain can
 * still be recovered: it reads the security domain from its store (or a file) and the wrapping private
 * keys from their stores and/or custodians' files, and reports which quorum subsets of the keys open it.
 */





async function verifySecurityDomain(ctx, results) {
    await (0,_run_timed_js__WEBPACK_IMPORTED_MODULE_4__/* .timed */ .a)('verify-security-domain', results, async (result) => {
        const sdText = await (0,_run_escrow_proof_js__WEBPACK_IMPORTED_MODULE_3__/* .readSecurityDomain */ .TW)(ctx);
        (0,_escrow_escrow_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecurityDomain */ .DE)(sdText);
        const labelled = await (0,_run_escrow_proof_js__WEBPACK_IMPORTED_MODULE_3__/* .collectWrappingKeys */ .nl)(ctx, result.notes);
        if (labelled.length === 0)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK('no wrapping private keys to try', 'set wrapping-key-store and/or wrapping-private-key-files');
        const proof = (0,_run_escrow_proof_js__WEBPACK_IMPORTED_MODULE_3__/* .proveEscrow */ .GD)(sdText, labelled);
        result.notes.push(...proof.keyProblems);
        const checks = proof.subsets.map(s => ({
            id: `security-domain.subset.${s.keys.map(i => i + 1).join('+')}`,
            status: s.ok ? 'ok' : 'drift',
            actual: s.ok ? 'recovers' : s.reason,
            desired: s.labels
        }));
        result.checks.push(...checks);
        const ok = checks.filter(c => c.status === 'ok').length;
        _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${ok} of ${checks.length} ${proof.required}-key subsets of ${labelled.length} key(s) recover the security domain`);
        for (const c of checks)
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${c.status === 'ok' ? 'recovers' : 'FAILS   '}  ${c.desired.join(' + ')}${c.status === 'ok' ? '' : `: ${c.actual}`}`);
        for (const n of result.notes)
            _shared_log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(n);
        result.status = ok > 0 && ok === checks.length ? 'unchanged' : 'drift';
        result.label = `${ok} of ${checks.length} key subsets recover`;
        if (ok === 0)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK('no quorum of the supplied keys recovers the escrowed security domain', 'find the missing wrapping keys now; while the HSM runs you can still download a new security domain with other keys');
    });
}


/***/ })

};
