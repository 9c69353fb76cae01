/**
 * A minimal typed event emitter: listeners are checked against the event map
 * at compile time, the way JsSIP's own `UAEventMap` types its events.
 */
export type EventMap = Record<string, (...args: never[]) => void>

export class TypedEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>()

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
    return () => this.off(event, listener)
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): void {
    this.listeners.get(event)?.delete(listener)
  }

  protected emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      // A throwing listener must not stop the others nor the SIP stack.
      try {
        ;(listener as (...a: Parameters<Events[K]>) => void)(...args)
      } catch (err) {
        console.error(`sip: listener for "${String(event)}" failed`, err)
      }
    }
  }
}
