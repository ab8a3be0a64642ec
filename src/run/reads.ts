/**
 * One read per resource for the run: a read started early (engine/prefetch.ts) or by an earlier step is joined
 * rather than sent again, so the steps still plan one after another (same logs, same refusals) while their
 * reads are already on the wire. Any write forgets every read (what was read may no longer be true); a
 * failed read is handed to one caller, as its own read would have been, and the next caller reads again.
 */
export class Reads {
  private readonly entries = new Map<string, { promise: Promise<unknown>; failed: boolean; taken: boolean }>()

  /** Off for the single-purpose modes, which write between their reads: every call then reads. */
  constructor(private readonly enabled: boolean) {}

  /** The read of `key`: joined when one is in flight or done, else started now. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.enabled) return read()
    const held = this.entries.get(key)
    if (held) {
      held.taken = true
      if (held.failed) this.entries.delete(key)
      return held.promise as Promise<T>
    }
    return this.start(key, read, true)
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
    const entry = { promise: promise as Promise<unknown>, failed: false, taken }
    this.entries.set(key, entry)
    promise.catch(() => {
      entry.failed = true
      if (entry.taken && this.entries.get(key) === entry) this.entries.delete(key)
    })
    return promise
  }
}
