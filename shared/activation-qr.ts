import type { QRCodeErrorCorrectionLevel, QRCodeSegment } from 'qrcode'

/**
 * How an activation link becomes a QR code, for the invitation email's PNG
 * and the activation page alike (issue 12):
 * - one byte-mode segment: qrcode's automatic split of a link into byte and
 *   alphanumeric segments is what html5-qrcode's decoder failed on most
 *   (16 of 40 still frames; one byte segment 38 of 40, ENVIRONMENT.md);
 * - the standard quiet zone of 4 modules, which decoders look for;
 * - 8 px a module, above the 6 px a webcam needs at arm's length; a link of
 *   about 45 characters is version 4 (33 modules), so 328 px with the margin;
 * - error correction M (15 % of the code may be lost, e.g. under glare);
 *   `npm run bench` measures the decode rate of these images.
 */
export const ACTIVATION_QR_OPTIONS = {
  errorCorrectionLevel: 'M' satisfies QRCodeErrorCorrectionLevel,
  margin: 4,
  scale: 8,
} as const

/** The link as one byte-mode segment (UTF-8), never split into modes. */
export function activationQrSegments(link: string): QRCodeSegment[] {
  return [{ data: new TextEncoder().encode(link), mode: 'byte' }]
}
