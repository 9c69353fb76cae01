import { z } from 'zod'
import type { EventChannel, InvokeChannel } from './channels'

export { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels'

/**
 * Every message between the renderer and the main process, defined once: the
 * preload exposes exactly these channels, main's registry validates each
 * request against its schema before a handler sees it, and the renderer's
 * Electron bridge validates each answer. A channel that is not here does not
 * exist.
 */

export const PHONE_STATUSES = ['ready', 'connecting', 'offline', 'do-not-disturb'] as const
export const MEDIA_KINDS = ['microphone', 'camera'] as const
export const SETTINGS_PANES = ['microphone', 'camera', 'notifications'] as const
export const SECRET_KEYS = ['session'] as const

const mediaKind = z.enum(MEDIA_KINDS)
/** macOS and Windows report these; elsewhere the OS has no such switch and says `unknown`. */
const mediaAccess = z.enum(['granted', 'denied', 'restricted', 'not-determined', 'unknown'])
const none = z.undefined()
const secretKey = z.enum(SECRET_KEYS)
const callId = z.string().min(1).max(200)
const caller = z.string().max(200)

export const updateStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('checking') }),
  z.object({ kind: z.literal('downloading'), percent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('ready'), version: z.string() }),
  z.object({ kind: z.literal('error'), message: z.string() }),
])

const preferencesSchema = z.object({
  startAtLogin: z.boolean(),
  hideToTrayOnClose: z.boolean(),
})

/** Renderer → main: request and answer schemas of each channel. */
export const IPC_INVOKE = {
  'app:info': {
    request: none,
    response: z.object({
      platform: z.string(),
      versions: z.object({ electron: z.string(), chrome: z.string(), node: z.string() }),
      appVersion: z.string(),
    }),
  },
  /** This computer, for activation: a stable app-specific hash (never the raw machine id) and its name. */
  'device:identity': {
    request: none,
    response: z.object({ id: z.uuid(), name: z.string(), platform: z.string() }),
  },
  'secrets:read': { request: z.object({ key: secretKey }), response: z.string().nullable() },
  'secrets:write': {
    request: z.object({ key: secretKey, value: z.string().max(64_000) }),
    response: z.object({ persisted: z.boolean() }),
  },
  'secrets:delete': { request: z.object({ key: secretKey }), response: z.undefined() },
  /** How secrets are kept here, for Settings: Linux's `basic_text` backend is not encryption. */
  'secrets:status': {
    request: none,
    response: z.object({
      encrypted: z.boolean(),
      persistent: z.boolean(),
      backend: z.string().nullable(),
    }),
  },
  'permissions:media-status': { request: z.object({ kind: mediaKind }), response: mediaAccess },
  /** macOS asks the person; elsewhere the answer is the current status. */
  'permissions:ask-media': { request: z.object({ kind: mediaKind }), response: mediaAccess },
  /** Opens the OS settings pane; false where the OS has none to open. */
  'permissions:open-settings': {
    request: z.object({ pane: z.enum(SETTINGS_PANES) }),
    response: z.boolean(),
  },
  'phone:status': {
    request: z.object({ status: z.enum(PHONE_STATUSES), missedCalls: z.number().int().min(0) }),
    response: z.undefined(),
  },
  'call:incoming': {
    request: z.object({ id: callId, caller, windowVisible: z.boolean() }),
    response: z.undefined(),
  },
  /** The ringing stopped: answered, declined, cancelled by the caller (missed) or ended. */
  'call:settled': {
    request: z.object({ id: callId, caller, missed: z.boolean() }),
    response: z.undefined(),
  },
  /** From the ring window: what the person chose; main passes it on to the softphone window. */
  'call:act': {
    request: z.object({ id: callId, action: z.enum(['show', 'answer', 'decline']) }),
    response: z.undefined(),
  },
  'call:active': { request: z.object({ active: z.boolean() }), response: z.undefined() },
  'preferences:read': { request: none, response: preferencesSchema },
  'preferences:write': { request: preferencesSchema.partial(), response: preferencesSchema },
  'updates:state': { request: none, response: updateStateSchema },
  'updates:restart': {
    request: none,
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  },
  'admin:open': { request: none, response: z.undefined() },
  /** The admin window's platform: the office's at an address, or one this computer starts. */
  'admin:connect': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('this-computer') }),
      z.object({ kind: z.literal('address'), url: z.url({ protocol: /^https?$/ }) }),
    ]),
    response: z.object({ url: z.string() }),
  },
  /** The platform chosen last time, to connect again without asking. */
  'admin:remembered': {
    request: none,
    response: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('this-computer') }),
        z.object({ kind: z.literal('address'), url: z.string() }),
      ])
      .nullable(),
  },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>

/** Main → renderer: payload schemas of each event. */
export const IPC_EVENTS = {
  /** Re-register now: the machine woke, the screen was unlocked or the network came back. */
  'power:recover': z.object({ reason: z.enum(['resume', 'unlock-screen', 'online']) }),
  'power:suspend': z.object({ reason: z.enum(['suspend', 'lock-screen']) }),
  /** What the person did with a call's notification, tray or ring window. */
  'call:action': z.object({ id: callId, action: z.enum(['show', 'answer', 'decline']) }),
  'updates:changed': updateStateSchema,
  'phone:do-not-disturb': z.object({ on: z.boolean() }),
  /** Show this route of the app (a link, the tray), without reloading a page that may hold a call. */
  'app:navigate': z.object({
    route: z
      .string()
      .max(4_000)
      .regex(/^\/(?!\/)/, 'a path of this app'),
  }),
} as const satisfies Record<EventChannel, z.ZodType>
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof IPC_INVOKE)[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof IPC_INVOKE)[C]['response']>
export type EventPayload<C extends EventChannel> = z.output<(typeof IPC_EVENTS)[C]>
export type UpdateState = z.output<typeof updateStateSchema>
export type Preferences = z.output<typeof preferencesSchema>
export type PhoneStatus = (typeof PHONE_STATUSES)[number]
export type MediaKind = (typeof MEDIA_KINDS)[number]
export type MediaAccess = z.output<typeof mediaAccess>
export type SettingsPane = (typeof SETTINGS_PANES)[number]

/** Every answer crosses as this, so a failure in main is a value the renderer shows, not a lost promise. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string }

/** What the preload exposes as `window.phoneSystems`: the contract's channels, nothing else. */
export interface PreloadApi {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>
  on<C extends EventChannel>(channel: C, listener: (payload: unknown) => void): () => void
  /** `process.platform` of main, known before the first paint. */
  readonly platform: string
}
