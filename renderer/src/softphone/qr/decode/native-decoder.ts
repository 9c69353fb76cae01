import type { Pixels, QrDecoder } from './pixels'

/**
 * The Shape Detection API's detector, typed here: it is not in TypeScript's
 * DOM library (not every browser has it), and this folder runs in Node too.
 */
interface BarcodeDetectorLike {
  detect(source: object): Promise<{ rawValue: string }[]>
}
interface Scope {
  BarcodeDetector?: {
    new (options: { formats: string[] }): BarcodeDetectorLike
    getSupportedFormats(): Promise<string[]>
  }
  ImageData?: new (data: Uint8ClampedArray, width: number, height: number) => object
}

/**
 * The platform's own QR reader (`BarcodeDetector`: macOS Electron, Chrome on
 * Android and ChromeOS), the fastest and most tolerant where it exists; null
 * where there is none or it cannot read QR codes (Chromium on Linux has none).
 */
export async function nativeDecoder(scope: object = globalThis): Promise<QrDecoder | null> {
  const { BarcodeDetector: Detector, ImageData: ImageDataClass } = scope as Scope
  if (!Detector || !ImageDataClass) return null
  try {
    const formats = await Detector.getSupportedFormats()
    if (!formats.includes('qr_code')) return null
    const detector = new Detector({ formats: ['qr_code'] })
    return {
      name: 'BarcodeDetector',
      async decode(frame: Pixels): Promise<string | null> {
        // detect() wants a real ImageData (or canvas); a canvas frame already is one.
        const image =
          frame instanceof ImageDataClass
            ? frame
            : new ImageDataClass(new Uint8ClampedArray(frame.data), frame.width, frame.height)
        const [code] = await detector.detect(image)
        return code?.rawValue || null
      },
    }
  } catch (err) {
    console.warn('phone.systems: BarcodeDetector unavailable', err)
    return null
  }
}
