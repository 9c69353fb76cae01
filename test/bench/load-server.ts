/**
 * The platform in a process of its own for the load bench, as `npm run serve`
 * runs it: the load clients then compete with it for the CPU the way real
 * clients on the same machine would, but not for its event loop.
 *
 * `tsx test/bench/load-server.ts <users to seed>` starts the test platform on
 * 127.0.0.1 (random port), seeds the users, prints one JSON line
 * `{"url": …}` and runs until its stdin closes, then cleans up.
 */
import { startTestPlatform } from '../fixtures/platform'
import { seedUsers } from './seed'

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? '0')
  const platform = await startTestPlatform()
  let closing: Promise<void> | undefined
  const stop = () => (closing ??= platform.dispose().then(() => process.exit(0)))
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  if (users > 0) await seedUsers(platform.ctx.db, users, platform.ctx.now())
  process.stdout.write(`${JSON.stringify({ url: platform.url })}\n`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
