// `npm run docs:settings`: rewrites the configuration table in README.md from the
// settings' declarations, between <!-- settings:start --> and <!-- settings:end -->.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withSettingsTable } from './settings-table'

const readmeFile = fileURLToPath(new URL('../README.md', import.meta.url))
const before = readFileSync(readmeFile, 'utf8')
const after = withSettingsTable(before)
if (after === before) {
  console.log('README.md: the configuration table is up to date')
} else {
  writeFileSync(readmeFile, after)
  console.log('README.md: configuration table rewritten')
}
