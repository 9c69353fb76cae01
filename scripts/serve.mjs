// `npm run serve [-- args]`: the headless platform with the web UI. Builds first
// (electron-vite, about a second), then runs out/main/serve.js with the arguments.
//   --no-build or PHONE_SYSTEMS_SKIP_BUILD=1   use the existing out/ as is
//   --help                                     skips the build when out/ exists already
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { become, bin, root, run } from './run.mjs'

const server = join(root, 'out', 'main', 'serve.js')
const args = process.argv.slice(2).filter((arg) => arg !== '--no-build')
const wantsHelp = args.includes('--help') || args.includes('-h')
const skipBuild =
  process.argv.includes('--no-build') ||
  process.env.PHONE_SYSTEMS_SKIP_BUILD === '1' ||
  (wantsHelp && existsSync(server))

if (!skipBuild) {
  const code = await run(bin('electron-vite'), ['build'])
  if (code !== 0) process.exit(code)
}
if (!existsSync(server)) {
  console.error(`${server} is missing: build with \`npm run build\` first.`)
  process.exit(1)
}

become(process.execPath, [server, ...args])
