import { jsqrDecoder, type JsqrOptions } from './jsqr-decoder'
import { nativeDecoder } from './native-decoder'
import type { QrDecoder } from './pixels'

/**
 * The app's decoders, in the order they are tried on a frame: the platform's
 * `BarcodeDetector` where it reads QR codes; then jsqr on a copy a third the
 * size (fast, and immune to sensor noise and a screen's moiré, which make
 * jsqr on the full frame slow and blind: test/bench/qr-decode.ts); then jsqr
 * on the full frame (a code small in the picture); then at half size. The
 * same list reads camera frames (next to html5-qrcode's own decoder) and
 * opened, pasted or dropped images, and is what the QR bench measures.
 */
export async function appDecoders(
  inversion: JsqrOptions['inversion'] = 'dontInvert',
  scope: object = globalThis,
): Promise<QrDecoder[]> {
  const native = await nativeDecoder(scope)
  const jsqr = [3, 1, 2].map((shrinkBy) => jsqrDecoder({ inversion, shrinkBy }))
  return native ? [native, ...jsqr] : jsqr
}
