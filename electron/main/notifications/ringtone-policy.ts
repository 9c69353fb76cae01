import type { CommandLine, WebPreferences } from 'electron'

/**
 * What the main (softphone) window's webPreferences need for ringing: timers and
 * audio keep full speed while the window is hidden in the tray, and the ringtone
 * may start without a click in the page. Electron documents `autoplayPolicy`'s
 * default as `no-user-gesture-required`; it is set anyway so ringing does not
 * depend on a default.
 */
export function softphoneWindowWebPreferences(): Pick<
  WebPreferences,
  'backgroundThrottling' | 'autoplayPolicy'
> {
  return { backgroundThrottling: false, autoplayPolicy: 'no-user-gesture-required' }
}

/**
 * The same for every window, as a Chromium switch. Must be called before `app` is
 * ready: switches appended later do not apply.
 */
export function allowRingtoneWithoutGesture(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required')
}
