export const id = 641;
export const ids = [641];
export const modules = {

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


/***/ })

};
