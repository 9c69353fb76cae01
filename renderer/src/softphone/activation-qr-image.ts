import { ACTIVATION_QR_OPTIONS, activationQrSegments } from '@shared/activation-qr'

/**
 * The activation link's QR code as a PNG data URL, encoded exactly as the
 * invitation email's (shared/activation-qr.ts). `qrcode` is loaded with the
 * page that shows it, not with the first screen.
 */
export async function activationQrDataUrl(link: string): Promise<string> {
  const { default: QRCode } = await import('qrcode')
  return QRCode.toDataURL(activationQrSegments(link), ACTIVATION_QR_OPTIONS)
}
