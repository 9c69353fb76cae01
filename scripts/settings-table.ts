// The README's configuration table, rendered from the one declaration of the settings
// (electron/platform/config/settings.ts); `npm run docs:settings` writes it, a unit test
// checks that README.md has the current one.
import { SETTINGS, type Setting } from '../electron/platform/config'

export const START_MARKER = '<!-- settings:start -->'
export const END_MARKER = '<!-- settings:end -->'

/** The settings as a markdown table, one row per variable. */
export function settingsTable(settings: readonly Setting[] = Object.values(SETTINGS)): string {
  const rows = settings.map((s) => `| \`${s.env}\` | ${s.default ?? 'unset'} | ${s.description} |`)
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n')
}

/** `readme` with the text between the markers replaced by the current table. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(START_MARKER)
  const end = readme.indexOf(END_MARKER)
  if (start < 0 || end < start) {
    throw new Error(`README.md needs ${START_MARKER} and, after it, ${END_MARKER}`)
  }
  const before = readme.slice(0, start + START_MARKER.length)
  return `${before}\n${settingsTable()}\n${readme.slice(end)}`
}
