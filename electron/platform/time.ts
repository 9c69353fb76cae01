/** API timestamps are ISO-8601 UTC; the database keeps epoch milliseconds. */
export function iso(ms: number): string
export function iso(ms: number | null): string | null
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}
