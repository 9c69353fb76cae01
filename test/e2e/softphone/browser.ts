import type { Browser, BrowserContext, Page } from '@playwright/test'
import { launchChromium } from '../../fixtures/chromium'

/**
 * Fake microphone and camera and WebRTC over loopback, but deliberately not
 * `--use-fake-ui-for-media-stream`: that flag grants every media request
 * whatever the permission settings say, and these tests grant and deny
 * permissions one by one (DESIGN.md §9).
 */
export const SOFTPHONE_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
]

/**
 * Headless Chromium for softphones. `videoFile` plays a Y4M as the webcam;
 * `noDevices` leaves out the fake devices, so there is no camera at all.
 */
export function launchSoftphoneBrowser(
  opts: { videoFile?: string; noDevices?: boolean } = {},
): Promise<Browser> {
  const flags = opts.noDevices ? SOFTPHONE_FLAGS.slice(1) : [...SOFTPHONE_FLAGS]
  if (opts.videoFile) flags.push(`--use-file-for-fake-video-capture=${opts.videoFile}`)
  return launchChromium(flags)
}

export type PermissionSetting = 'granted' | 'denied' | 'prompt'

export interface Permissions {
  camera: PermissionSetting
  microphone: PermissionSetting
  notifications: PermissionSetting
}

/**
 * Sets permissions of `origin` in this page's browser context through the
 * DevTools protocol (`Browser.setPermission`): unlike
 * `context.grantPermissions`, it can deny one permission explicitly. They
 * last as long as the session, which closes with the context.
 */
export async function setPermissions(
  context: BrowserContext,
  page: Page,
  origin: string,
  permissions: Partial<Permissions>,
): Promise<void> {
  const cdp = await context.newCDPSession(page)
  const { targetInfo } = await cdp.send('Target.getTargetInfo')
  for (const [name, setting] of Object.entries(permissions)) {
    await cdp.send('Browser.setPermission', {
      permission: { name },
      setting,
      origin,
      browserContextId: targetInfo.browserContextId,
    })
  }
  // Not detached: Chromium drops the overrides of a DevTools session when it closes.
}
