import path from 'node:path'
import { PROJECT_ROOT, runCommand } from '../fixtures/child-platform'

let building: Promise<void> | undefined

/**
 * The app as `npm run serve` would ship it now (`electron-vite build` into
 * out/): the UI benches measure what the source says, not a stale build.
 * Built once per bench run, however many suites ask.
 */
export function buildApp(): Promise<void> {
  building ??= (async () => {
    const result = await runCommand(
      path.join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'),
      ['build'],
      { env: process.env, timeoutMs: 120_000 },
    )
    if (result.code !== 0) throw new Error(`electron-vite build failed:\n${result.stderr}`)
  })()
  return building
}
