import jsQR from 'jsqr'
import type { Pixels, QrDecoder } from './pixels'
import { shrink } from './shrink'

export interface JsqrOptions {
  /**
   * Camera frames are dark-on-light paper or screens: `dontInvert` halves
   * the time per frame. A picked or pasted image is read once, so it may
   * also try the inverted picture (a dark-mode screenshot).
   */
  inversion?: 'dontInvert' | 'attemptBoth'
  /** Decode a copy this many times smaller (see shrink.ts); 1 reads the frame as it is. */
  shrinkBy?: number
}

/**
 * jsqr read 40 of 40 still webcam frames of the invitation's QR code where
 * html5-qrcode's zxing read 16 (ENVIRONMENT.md), so it runs on every frame.
 */
export function jsqrDecoder({
  inversion = 'dontInvert',
  shrinkBy = 1,
}: JsqrOptions = {}): QrDecoder {
  return {
    name: shrinkBy === 1 ? 'jsqr' : `jsqr 1/${shrinkBy}`,
    decode(frame: Pixels): string | null {
      // A copy smaller than a QR code can be (21 modules) holds nothing to read.
      if (Math.min(frame.width, frame.height) / shrinkBy < 21) return null
      const image = shrinkBy === 1 ? frame : shrink(frame, shrinkBy)
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: inversion })
      // An empty payload is what jsqr returns for a misread finder pattern, never an invitation.
      return found?.data ? found.data : null
    },
  }
}
