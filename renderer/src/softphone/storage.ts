/**
 * Small typed access to localStorage for what must survive a restart
 * (activation, settings, call history). Reads never throw: a value that is
 * missing, unreadable or of an old shape reads as absent, and `check` decides
 * what shape is acceptable.
 */
export function readStored<T>(key: string, check: (value: unknown) => value is T): T | undefined {
  try {
    const text = localStorage.getItem(key)
    if (text === null) return undefined
    const value: unknown = JSON.parse(text)
    return check(value) ? value : undefined
  } catch {
    return undefined
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch (err) {
    // Storage full or disabled: the app still works, it just forgets on restart.
    console.warn(`phone.systems: could not save ${key}`, err)
  }
}

export function removeStored(key: string): void {
  try {
    localStorage.removeItem(key)
  } catch {
    // Nothing to remove where storage is unavailable.
  }
}

/** True for a plain object whose listed keys all hold strings. */
export function hasStrings(
  value: unknown,
  keys: readonly string[],
): value is Record<string, string> {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return keys.every((k) => typeof record[k] === 'string')
}
