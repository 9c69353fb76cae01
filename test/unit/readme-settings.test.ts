import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SETTINGS } from '../../electron/platform/config'
import { settingsTable, withSettingsTable } from '../../scripts/settings-table'

const README = fileURLToPath(new URL('../../README.md', import.meta.url))

describe("README's configuration table", () => {
  it('is the one rendered from the settings declarations', () => {
    const readme = readFileSync(README, 'utf8')
    if (withSettingsTable(readme) !== readme) {
      expect.fail('README configuration table is out of date: run npm run docs:settings')
    }
  })

  it('has a row for every setting, with its default or "unset"', () => {
    const rows = settingsTable().split('\n').slice(2)
    expect(rows).toHaveLength(Object.keys(SETTINGS).length)
    expect(rows).toContain(
      '| `PHONE_SYSTEMS_HTTP_PORT` | `8780` | HTTP port (`0` picks a free one) |',
    )
    expect(rows).toContain(
      '| `PHONE_SYSTEMS_TRUNK_URI` | unset | SIP URI of the carrier for external calls |',
    )
  })

  it('replaces only what lies between the markers', () => {
    const readme = 'intro\n<!-- settings:start -->\nold table\n<!-- settings:end -->\noutro\n'
    const updated = withSettingsTable(readme)
    expect(updated.startsWith('intro\n<!-- settings:start -->\n| variable |')).toBe(true)
    expect(updated.endsWith('|\n<!-- settings:end -->\noutro\n')).toBe(true)
    expect(updated).not.toContain('old table')
    expect(withSettingsTable(updated)).toBe(updated)
  })

  it('refuses a README without the markers', () => {
    expect(() => withSettingsTable('no markers here')).toThrow(/settings:start/)
  })
})
