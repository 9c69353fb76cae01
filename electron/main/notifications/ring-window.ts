import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'

export const RING_WINDOW_SIZE = { width: 360, height: 120 } as const
const MARGIN = 16

/** The part of a `BrowserWindow` the ring window uses. */
export interface RingWindowHandle {
  once(event: 'ready-to-show', listener: () => void): unknown
  showInactive(): void
  close(): void
  isDestroyed(): boolean
}

/**
 * Where and how the ring window sits: a small frameless always-on-top window in
 * the bottom-right corner of the work area (the screen minus taskbar/dock), for
 * platforms where notification buttons do not reach the app. Its webPreferences
 * are spelled out where it is created (electron/main/window.ts, createRingWindow),
 * the same sandbox and preload as the softphone window.
 */
export function ringWindowPlacement(
  screenWorkArea: Rectangle,
): Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  const { width, height } = RING_WINDOW_SIZE
  return {
    width,
    height,
    x: Math.round(screenWorkArea.x + screenWorkArea.width - width - MARGIN),
    y: Math.round(screenWorkArea.y + screenWorkArea.height - height - MARGIN),
    alwaysOnTop: true,
    skipTaskbar: true,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // Focusable so Answer/Decline can be clicked and reached with the keyboard;
    // shown inactive so it does not take the focus by itself.
    focusable: true,
    show: false,
    title: 'Incoming call',
  }
}

/** The renderer route the ring window shows. */
export function ringRoute(callId: string): string {
  return `/ring?call=${encodeURIComponent(callId)}`
}

/**
 * Creates the ring window for `callId`, loads its route and shows it without
 * activating it, so it does not steal the keyboard from what the user is typing.
 * `close()` is safe after the window is gone.
 */
export function openRingWindow<W extends RingWindowHandle>(
  createWindow: () => W,
  loadRoute: (window: W, route: string) => unknown,
  callId: string,
): { close(): void } {
  const window = createWindow()
  window.once('ready-to-show', () => {
    if (!window.isDestroyed()) window.showInactive()
  })
  void loadRoute(window, ringRoute(callId))
  return {
    close() {
      if (!window.isDestroyed()) window.close()
    },
  }
}
