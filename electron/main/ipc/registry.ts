import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { z } from 'zod'
import {
  IPC_EVENTS,
  IPC_INVOKE,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeResponse,
  type IpcResult,
} from '@shared/ipc/contract'
import { originOf } from '../url-origin'

type Request<C extends InvokeChannel> = z.output<(typeof IPC_INVOKE)[C]['request']>
/** Channels that answer nothing take handlers that return nothing. */
type Answer<C extends InvokeChannel> =
  InvokeResponse<C> extends undefined ? void : InvokeResponse<C>
export type Handler<C extends InvokeChannel> = (
  request: Request<C>,
  sender: WebContents,
) => Answer<C> | Promise<Answer<C>>

/** The part of a sender frame the registry trusts: where it is and whether it is a top frame. */
interface SenderFrame {
  url: string
  parent: unknown
}

export interface IpcRegistry {
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void
  /** Sends an event the contract defines, after checking its payload against it. */
  send<C extends EventChannel>(target: WebContents, channel: C, payload: EventPayload<C>): void
}

/**
 * Main's side of shared/ipc/contract.ts. Every handler is behind the same
 * three checks: the sender is a top frame of the app's own origin (not an
 * iframe, not a page that navigated elsewhere), the request matches the
 * channel's schema, and whatever happens comes back as `{ ok, value | error }`
 * instead of a rejected promise that Electron would log with main's stack.
 */
export function createIpcRegistry(
  ipcMain: Pick<IpcMain, 'handle'>,
  appOrigin: string,
  log: (message: string) => void = console.warn,
): IpcRegistry {
  function trusted(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
    const frame = event.senderFrame as SenderFrame | null
    return !!frame && frame.parent === null && originOf(frame.url) === appOrigin
  }

  return {
    handle(channel, handler) {
      const schema = IPC_INVOKE[channel].request as z.ZodType
      ipcMain.handle(channel, async (event, raw: unknown): Promise<IpcResult<unknown>> => {
        if (!trusted(event)) {
          log(`ipc: ${channel} refused from ${event.senderFrame?.url ?? 'a closed frame'}`)
          return { ok: false, error: 'Not allowed from this page' }
        }
        const parsed = schema.safeParse(raw)
        if (!parsed.success) return { ok: false, error: describeIssues(channel, parsed.error) }
        try {
          const value = await handler(parsed.data as never, event.sender)
          return { ok: true, value }
        } catch (err) {
          log(`ipc: ${channel} failed: ${err instanceof Error ? err.stack : String(err)}`)
          return { ok: false, error: err instanceof Error ? err.message : String(err) }
        }
      })
    },
    send(target, channel, payload) {
      if (target.isDestroyed()) return
      target.send(channel, IPC_EVENTS[channel].parse(payload))
    },
  }
}

/** `phone:status: status: Invalid option …`, naming the field and the reason. */
function describeIssues(channel: string, error: z.ZodError): string {
  const issues = error.issues.map((i) =>
    i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
  )
  return `${channel}: ${issues.join('; ')}`
}
