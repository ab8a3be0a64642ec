/**
 * One read per resource for the run: a read started early (engine/prefetch.ts) or by an earlier step is joined
 * rather than sent again, so the steps still plan one after another (same logs, same refusals) while their
 * reads are already on the wire. Any write forgets every read (what was read may no longer be true); a
 * failed read is handed to one caller, as its own read would have been, and the next caller reads again.
 */
interface Entry {
  promise: Promise<unknown>
  failed: boolean
  taken: boolean
  /** Started while a hold was pending: it counts only if the hold ends true. */
  held?: Promise<boolean>
}

export class Reads {
  private readonly entries = new Map<string, Entry>()
  private holding: Promise<boolean> | undefined

  /** Off for the single-purpose modes, which write between their reads: every call then reads. */
  constructor(private readonly enabled: boolean) {}

  /**
   * The reads started from now until `until` settles were made on an assumption it confirms (engine/prefetch.ts:
   * the HSM active before ARM has said so; their requests wait for it). When it ends false they are dropped,
   * never handed to a caller, and a caller that joined one reads again.
   */
  hold(until: Promise<boolean>): void {
    const settled = until.catch(() => false)
    this.holding = settled
    void settled.then(ok => {
      if (this.holding === settled) this.holding = undefined
      if (!ok) for (const [key, e] of this.entries) if (e.held === settled) this.entries.delete(key)
    })
  }

  /** The read of `key`: joined when one is in flight or done, else started now. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.enabled) return read()
    const held = this.entries.get(key)
    if (held?.held) {
      // Joined once its assumption is confirmed; read again when it is not.
      const entry = held
      return entry.held!.then(ok => (ok ? this.join<T>(key, entry) : this.once(key, read)))
    }
    if (held) return this.join<T>(key, held)
    return this.start(key, read, true)
  }

  private join<T>(key: string, entry: Entry): Promise<T> {
    entry.taken = true
    if (entry.failed && this.entries.get(key) === entry) this.entries.delete(key)
    return entry.promise as Promise<T>
  }

  /** Starts the read of `key` for a later caller; nobody waits for it yet, so its failure is kept for them. */
  prefetch<T>(key: string, read: () => Promise<T>): Promise<T | undefined> {
    if (!this.enabled) return Promise.resolve(undefined)
    const held = this.entries.get(key)
    const p = held && !held.failed ? (held.promise as Promise<T>) : this.start(key, read, false)
    return p.catch(() => undefined)
  }

  /** The read of `key` if one was started and has not failed, else undefined: sends nothing, takes nothing. */
  started<T>(key: string): Promise<T> | undefined {
    const held = this.enabled ? this.entries.get(key) : undefined
    return held && !held.failed ? (held.promise as Promise<T>) : undefined
  }

  /** A write is about to happen or has happened: nothing read so far may be reused. */
  forget(): void {
    this.entries.clear()
  }

  private start<T>(key: string, read: () => Promise<T>, taken: boolean): Promise<T> {
    let promise: Promise<T>
    try {
      promise = read()
    } catch (e) {
      promise = Promise.reject(e)
    }
    const entry: Entry = { promise: promise as Promise<unknown>, failed: false, taken, held: this.holding }
    this.entries.set(key, entry)
    promise.catch(() => {
      entry.failed = true
      if (entry.taken && this.entries.get(key) === entry) this.entries.delete(key)
    })
    return promise
  }
}
