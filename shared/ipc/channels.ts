/**
 * The names of the IPC contract's channels, without its schemas: the preload
 * checks channel names against these lists and stays free of zod, and
 * contract.ts must define exactly these (its types and a unit test see to it).
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'device:identity',
  'secrets:read',
  'secrets:write',
  'secrets:delete',
  'secrets:status',
  'permissions:media-status',
  'permissions:ask-media',
  'permissions:open-settings',
  'phone:status',
  'call:incoming',
  'call:settled',
  'call:act',
  'call:active',
  'preferences:read',
  'preferences:write',
  'updates:state',
  'updates:restart',
  'admin:open',
  'admin:connect',
  'admin:remembered',
] as const

export const EVENT_CHANNELS = [
  'power:recover',
  'power:suspend',
  'call:action',
  'updates:changed',
  'phone:do-not-disturb',
  'app:navigate',
] as const

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]
export type EventChannel = (typeof EVENT_CHANNELS)[number]
