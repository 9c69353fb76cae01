import type { Pixels, QrDecoder } from './pixels'

/** The Shape Detection API's detector; not in TypeScript's DOM library (not every browser has it). */
interface BarcodeDetectorLike {
  detect(source: ImageData): Promise<{ rawValue: string }[]>
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike
  getSupportedFormats(): Promise<string[]>
}

/**
 * The platform's own QR reader (`BarcodeDetector`: macOS Electron, Chrome on
 * Android and ChromeOS), the fastest and most tolerant where it exists; null
 * where there is none or it cannot read QR codes (Chromium on Linux has none).
 */
export async function nativeDecoder(scope: object = globalThis): Promise<QrDecoder | null> {
  const Detector = (scope as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector
  if (!Detector || typeof ImageData === 'undefined') return null
  try {
    const formats = await Detector.getSupportedFormats()
    if (!formats.includes('qr_code')) return null
    const detector = new Detector({ formats: ['qr_code'] })
    return {
      name: 'BarcodeDetector',
      async decode(frame: Pixels): Promise<string | null> {
        const image =
          frame instanceof ImageData
            ? frame
            : new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height)
        const [code] = await detector.detect(image)
        return code?.rawValue || null
      },
    }
  } catch (err) {
    console.warn('phone.systems: BarcodeDetector unavailable', err)
    return null
  }
}
