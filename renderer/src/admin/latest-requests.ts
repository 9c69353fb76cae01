import { isAbort } from './format'

/** What the newest request came back with; `null` for one a newer request overtook. */
export type LatestOutcome<T> = { value: T } | { error: unknown } | null

/**
 * For lists fetched on every keystroke, with no debounce: each request aborts
 * the one before, and only the newest one's answer (or failure) is handed
 * back, so what is shown always answers what is in the search box now.
 */
export function latestRequests() {
  let current: AbortController | null = null
  return async function latest<T>(
    request: (signal: AbortSignal) => Promise<T>,
  ): Promise<LatestOutcome<T>> {
    current?.abort()
    const mine = new AbortController()
    current = mine
    try {
      const value = await request(mine.signal)
      return current === mine ? { value } : null
    } catch (error) {
      return current !== mine || isAbort(error) ? null : { error }
    } finally {
      if (current === mine) current = null
    }
  }
}
