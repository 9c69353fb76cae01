/**
 * Plays an element on the chosen output device. `setSinkId` is missing in
 * some browsers (Firefox before 116, Safari): they keep the default output.
 * A device that disappeared falls back to the default rather than silence.
 */
export async function routeToDevice(element: HTMLMediaElement, deviceId: string): Promise<void> {
  if (typeof element.setSinkId !== 'function' || element.sinkId === deviceId) return
  try {
    await element.setSinkId(deviceId)
  } catch (err) {
    console.warn('phone.systems: output device unavailable, using the default', err)
    if (deviceId !== '') await element.setSinkId('').catch(() => undefined)
  }
}

/** Whether this browser can send audio to a device other than the default. */
export const canChooseOutput = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
