import { decodeFirst } from './decode/decoder-chain'
import type { QrDecoder } from './decode/pixels'

/** About ten frames a second, as html5-qrcode reads: enough for a code held up, light on a laptop CPU. */
export const FRAME_INTERVAL_MS = 100
/** Frames are drawn at most this wide: a 1080p webcam frame would cost jsqr four times a VGA one. */
const MAX_WIDTH = 960

/**
 * Reads the camera's <video> into a canvas about ten times a second and runs
 * the decoders on each frame, as the camera delivers it (the preview may be
 * mirrored by CSS; the pixels never are). Calls `onText` with every code read
 * until the returned function is called.
 */
export function readVideoFrames(
  video: HTMLVideoElement,
  decoders: readonly QrDecoder[],
  onText: (text: string) => void,
): () => void {
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined

  async function tick(): Promise<void> {
    const started = performance.now()
    if (ctx && video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth)
      canvas.width = Math.round(video.videoWidth * scale)
      canvas.height = Math.round(video.videoHeight * scale)
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height)
      const text = await decodeFirst(decoders, ctx.getImageData(0, 0, canvas.width, canvas.height))
      if (text && !stopped) onText(text)
    }
    // Throttled from the end of a decode, so a slow machine skips frames instead of queueing them.
    if (!stopped)
      timer = setTimeout(
        () => void tick(),
        Math.max(0, FRAME_INTERVAL_MS - (performance.now() - started)),
      )
  }

  timer = setTimeout(() => void tick(), 0)
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

/** The app's decoders (app-decoders.ts) on the camera's <video>; resolves to the function that stops them. */
export async function decodeVideo(
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<() => void> {
  const { appDecoders } = await import('./decode/app-decoders')
  return readVideoFrames(video, await appDecoders(), onText)
}
