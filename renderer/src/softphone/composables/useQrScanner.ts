import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { Html5Qrcode } from 'html5-qrcode'

/** starting: asking for the camera; denied / no-camera / error: the reasons it cannot scan. */
export type ScannerStatus =
  'idle' | 'starting' | 'scanning' | 'paused' | 'denied' | 'no-camera' | 'error'

/**
 * html5-qrcode rejects with a DOMException from getUserMedia, or with a
 * *string* that contains its name (start()), or with its own sentence when
 * the browser has no camera API at all.
 */
export function classifyCameraError(err: unknown): 'denied' | 'no-camera' | 'error' {
  const text =
    err instanceof Error || err instanceof DOMException ? `${err.name} ${err.message}` : String(err)
  if (/NotAllowed|PermissionDenied|Permission denied|SecurityError/i.test(text)) return 'denied'
  if (/NotFound|DevicesNotFound|OverconstrainedError|NotReadable|not supported/i.test(text))
    return 'no-camera'
  return 'error'
}

/**
 * The webcam as a QR reader (html5-qrcode, loaded only when this screen
 * opens so the Sign-in screen stays small). Calls `onDecoded` with every
 * code it reads (about ten times a second while one is in view) until
 * stopped; releases the camera when the component goes away.
 */
export function useQrScanner(elementId: string, onDecoded: (text: string) => void) {
  const status = ref<ScannerStatus>('idle')
  const detail = ref('')
  const scanner = shallowRef<Html5Qrcode>()

  /** The screen went away: a camera that finishes starting afterwards is turned off again. */
  let gone = false

  async function start(): Promise<void> {
    if (status.value === 'starting' || status.value === 'scanning') return
    status.value = 'starting'
    detail.value = ''
    try {
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode')
      // Asks for the camera (the browser or OS prompt) and lists what exists.
      const cameras = await Html5Qrcode.getCameras()
      if (gone) return
      if (cameras.length === 0) {
        status.value = 'no-camera'
        return
      }
      const reader = new Html5Qrcode(elementId, {
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
        verbose: false,
      })
      scanner.value = reader
      await reader.start({ facingMode: 'environment' }, { fps: 10 }, onDecoded, () => undefined)
      if (gone) {
        await shutDown(reader)
        return
      }
      status.value = 'scanning'
    } catch (err) {
      if (gone) return
      status.value = classifyCameraError(err)
      detail.value = err instanceof Error ? err.message : String(err)
      console.warn('phone.systems: camera unavailable', err)
      await release()
    }
  }

  async function shutDown(reader: Html5Qrcode): Promise<void> {
    try {
      if (reader.isScanning) await reader.stop()
      reader.clear()
    } catch {
      // Already stopped: nothing left to release.
    }
  }

  async function release(): Promise<void> {
    const reader = scanner.value
    scanner.value = undefined
    if (reader) await shutDown(reader)
  }

  async function stop(): Promise<void> {
    await release()
    status.value = 'idle'
  }

  onBeforeUnmount(() => {
    gone = true
    void release()
  })

  return { status, detail, start, stop }
}
