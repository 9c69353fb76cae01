import type { Migration } from '../migration'

/**
 * Internal numbers by value, so "the next free internal number" is the
 * index's last entry plus one instead of a scan of every line.
 */
export const internalNumberIndex: Migration = {
  version: 3,
  name: 'internal-number-index',
  sql: `CREATE INDEX app_lines_internal_value ON app_lines(CAST(internal_number AS INTEGER));`,
}
