import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { Html5Qrcode } from 'html5-qrcode'
import { cameraToStart, rememberCamera, storedCameraId, type CameraInfo } from '../qr/camera-choice'

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

/** The id of the camera a <video> shows, as the browser picked it for `facingMode`. */
function cameraShownBy(video: HTMLVideoElement): string | undefined {
  const stream = video.srcObject
  if (!(stream instanceof MediaStream)) return undefined
  return stream.getVideoTracks()[0]?.getSettings().deviceId
}

/**
 * The webcam as a QR reader, loaded only when this screen opens so the
 * Sign-in screen stays small. html5-qrcode shows the camera and decodes with
 * its zxing port; the app's own decoders (qr/: BarcodeDetector, jsqr) read
 * the same <video> too, because zxing misses many still frames of the
 * invitation (ENVIRONMENT.md). Whichever reads first calls `onDecoded`, with
 * every code read (several times a second while one is in view), until
 * stopped; the camera is released when the component goes away.
 */
export function useQrScanner(elementId: string, onDecoded: (text: string) => void) {
  const status = ref<ScannerStatus>('idle')
  const detail = ref('')
  const cameras = ref<CameraInfo[]>([])
  /** The camera being shown, for the `Camera` choice. */
  const cameraId = ref('')
  const scanner = shallowRef<Html5Qrcode>()
  let stopFrames: (() => void) | undefined

  /** The screen went away: a camera that finishes starting afterwards is turned off again. */
  let gone = false

  async function start(): Promise<void> {
    if (status.value === 'starting' || status.value === 'scanning') return
    status.value = 'starting'
    detail.value = ''
    try {
      const [{ Html5Qrcode, Html5QrcodeSupportedFormats }, { decodeVideo }] = await Promise.all([
        import('html5-qrcode'),
        import('../qr/video-frames'),
      ])
      // Asks for the camera (the browser or OS prompt) and lists what exists.
      const found = await Html5Qrcode.getCameras()
      if (gone) return
      cameras.value = found.map((c, i) => ({ id: c.id, label: c.label || `Camera ${i + 1}` }))
      if (found.length === 0) {
        status.value = 'no-camera'
        return
      }
      const reader = new Html5Qrcode(elementId, {
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
        verbose: false,
      })
      scanner.value = reader
      const wanted = cameraToStart(cameras.value, storedCameraId())
      await reader.start(wanted, { fps: 10 }, onDecoded, () => undefined)
      if (gone) {
        await shutDown(reader)
        return
      }
      const video = document.getElementById(elementId)?.querySelector('video')
      if (video) {
        cameraId.value = cameraShownBy(video) ?? (typeof wanted === 'string' ? wanted : '')
        const stop = await decodeVideo(video, onDecoded)
        if (gone || scanner.value !== reader) stop()
        else stopFrames = stop
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
    stopFrames?.()
    stopFrames = undefined
    const reader = scanner.value
    scanner.value = undefined
    if (reader) await shutDown(reader)
  }

  async function stop(): Promise<void> {
    await release()
    status.value = 'idle'
  }

  /** `Camera`: switches to another camera and remembers it for next time. */
  async function chooseCamera(id: string): Promise<void> {
    if (id === cameraId.value) return
    rememberCamera(id)
    cameraId.value = id
    await stop()
    await start()
  }

  onBeforeUnmount(() => {
    gone = true
    void release()
  })

  return { status, detail, cameras, cameraId, start, stop, chooseCamera }
}
