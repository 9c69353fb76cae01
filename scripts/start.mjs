// `npm start`: the desktop app. Where the Electron binary could not be downloaded at
// install time (offline machines), the same app runs in browser mode instead.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { become, bin, run } from './run.mjs'

/** The `electron` package exports the binary's path, and throws if it was not downloaded. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const electron = electronBinary()
if (!electron) {
  console.log(
    'No Electron binary on this machine (it could not be downloaded); starting the same app in browser mode: npm run serve',
  )
  await import('./serve.mjs')
} else {
  const built = await run(bin('electron-vite'), ['build'])
  if (built !== 0) process.exit(built)
  const args = ['.', ...process.argv.slice(2)]
  // Chromium refuses to start as root without this; it turns off the OS-level sandbox
  // only (renderers keep `sandbox: true` and context isolation).
  if (process.getuid?.() === 0) args.push('--no-sandbox')
  const env = { ...process.env }
  // Inherited from some tools, it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE
  become(electron, args, { env })
}
