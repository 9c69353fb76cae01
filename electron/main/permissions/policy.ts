import { SOFTPHONE_PATHS } from '@shared/softphone-paths'

/** One permission asked for (a request) or asked about (a check), as the policy sees it. */
export interface PermissionAsk {
  permission: string
  /** The origin of the page asking. */
  origin: string
  /** The URL of the page asking, when Electron says it. */
  url: string | undefined
  isMainFrame: boolean
  /**
   * For `media`: what a request asks for, or the one kind a check asks about.
   * `unknown` (a check that does not say) counts as the microphone.
   */
  media: readonly ('audio' | 'video' | 'unknown')[]
}

interface Rule {
  /** Why the app needs it: shown nowhere, kept so the table explains itself. */
  why: string
  allow(ask: PermissionAsk): boolean
}

const onScanScreen = (url: string | undefined): boolean => {
  try {
    return url !== undefined && new URL(url).pathname === SOFTPHONE_PATHS.scan
  } catch {
    return false
  }
}

/**
 * The whole policy: what the app's own pages may have. Everything not in this
 * table is denied, and so is everything for any other origin or for a frame
 * that is not the page itself.
 */
export const PERMISSION_POLICY: Readonly<Record<string, Rule>> = {
  media: {
    why: 'the microphone for calls; the camera only on `Scan QR code`, to read the invitation',
    allow: (ask) =>
      ask.media.length > 0 && ask.media.every((kind) => kind !== 'video' || onScanScreen(ask.url)),
  },
  notifications: { why: 'incoming and missed calls', allow: () => true },
  'speaker-selection': { why: 'the `Speaker` and `Ringer` choices', allow: () => true },
  'clipboard-read': { why: 'pasting the invitation’s link, code or QR image', allow: () => true },
  'clipboard-sanitized-write': { why: '`Copy code`', allow: () => true },
}

/** Whether `ask` is granted: the same answer for a request and for a check of the same thing. */
export function isPermitted(ask: PermissionAsk, appOrigin: string): boolean {
  if (ask.origin !== appOrigin || !ask.isMainFrame) return false
  const rule = PERMISSION_POLICY[ask.permission]
  return rule !== undefined && rule.allow(ask)
}
