import { PLATFORM_SERVICE } from '@shared/platform-service'
import type { AdminChoice, DesktopStateFile } from '../desktop-state'

export interface RunningPlatform {
  url: string
  close(): Promise<void>
}

export interface AdminConnection {
  connect(choice: AdminChoice): Promise<{ url: string }>
  remembered(): AdminChoice | null
  /** Stops the embedded platform if this computer runs one; safe to call twice. */
  stop(): Promise<void>
}

/**
 * Which platform the admin window talks to: the office's, at an address the
 * admin typed (checked to be a phone.systems platform before it is
 * remembered), or `This computer`, which starts the embedded platform once
 * and keeps it until the app quits. The softphone never goes through here,
 * so a laptop user's app never runs a platform of its own.
 */
export function adminConnection(deps: {
  state: DesktopStateFile
  startEmbedded: () => Promise<RunningPlatform>
  fetch: typeof fetch
}): AdminConnection {
  let embedded: Promise<RunningPlatform> | undefined

  async function checkPlatform(url: string): Promise<void> {
    let service: unknown
    try {
      const response = await deps.fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })
      service = ((await response.json()) as { service?: unknown }).service
    } catch {
      throw new Error(`Platform address: nothing answers at ${url}`)
    }
    if (service !== PLATFORM_SERVICE)
      throw new Error(`Platform address: ${url} is not a phone.systems platform`)
  }

  return {
    async connect(choice) {
      let url: string
      if (choice.kind === 'this-computer') {
        embedded ??= deps.startEmbedded().catch((err: unknown) => {
          embedded = undefined
          throw err
        })
        url = (await embedded).url
      } else {
        url = choice.url.replace(/\/+$/, '')
        await checkPlatform(url)
      }
      deps.state.update({
        adminPlatform: choice.kind === 'address' ? { kind: 'address', url } : choice,
      })
      return { url }
    },
    remembered: () => deps.state.read().adminPlatform,
    async stop() {
      const running = embedded
      embedded = undefined
      if (running) await (await running.catch(() => undefined))?.close()
    },
  }
}
