import type { QRCodeErrorCorrectionLevel, QRCodeSegment } from 'qrcode'

/**
 * How an activation link becomes a QR code, for the invitation email's PNG
 * and the activation page alike (issue 12):
 * - one byte-mode segment: qrcode's automatic split of a link into byte and
 *   alphanumeric segments is what html5-qrcode's decoder failed on most
 *   (16 of 40 still frames; one byte segment 38 of 40, ENVIRONMENT.md);
 * - the standard quiet zone of 4 modules, which decoders look for;
 * - 8 px a module, above the 6 px a webcam needs at arm's length; a link of
 *   up to 53 characters is version 3 (29 modules), so 296 px with the margin;
 * - error correction L, chosen by measurement: the `qr decode` bench, 60
 *   camera-like frames of each of 7 kinds, read 420 of 420 at L, 418 at M
 *   and 419 at Q with the app's decoders, and html5-qrcode's own decoder read
 *   still frames 95 % at L against 83 % at M and Q. Camera pictures suffer
 *   from blur, tilt and size, not from missing parts: fewer, larger modules
 *   help more than redundancy.
 */
export const ACTIVATION_QR_OPTIONS = {
  errorCorrectionLevel: 'L' satisfies QRCodeErrorCorrectionLevel,
  margin: 4,
  scale: 8,
} as const

/** The link as one byte-mode segment (UTF-8), never split into modes. */
export function activationQrSegments(link: string): QRCodeSegment[] {
  return [{ data: new TextEncoder().encode(link), mode: 'byte' }]
}
