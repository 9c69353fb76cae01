/**
 * A LIKE pattern that finds `text` anywhere, for `… LIKE ? ESCAPE '\'`:
 * `%` and `_` typed by an admin are literal characters, not wildcards.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
