import QRCode from 'qrcode'
import type { Pixels } from '../../renderer/src/softphone/qr/decode/pixels'

/**
 * A QR code of `text` as RGBA pixels, the way `qrcode` lays it out for the
 * invitation email (ECC M): `scale` px a module, `margin` modules of white
 * around it, on a `width`×`height` canvas of grey `background` at (x, y).
 */
export function qrPixels(
  text: string,
  opts: {
    scale?: number
    margin?: number
    width?: number
    height?: number
    x?: number
    y?: number
    background?: number
  } = {},
): Pixels {
  const { scale = 6, margin = 4, background = 255 } = opts
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const modules = qr.modules.size
  const side = (modules + 2 * margin) * scale
  const width = opts.width ?? side
  const height = opts.height ?? side
  const left = opts.x ?? Math.floor((width - side) / 2)
  const top = opts.y ?? Math.floor((height - side) / 2)
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const mx = Math.floor((x - left) / scale) - margin
      const my = Math.floor((y - top) / scale) - margin
      const inCode = x >= left && y >= top && x < left + side && y < top + side
      const dark =
        inCode && mx >= 0 && my >= 0 && mx < modules && my < modules && qr.modules.get(my, mx)
      const v = inCode ? (dark ? 0 : 255) : background
      data.set([v, v, v, 255], (y * width + x) * 4)
    }
  }
  return { data, width, height }
}

/** Deterministic pseudo-random numbers in [0, 1) (Park–Miller), for noise that repeats. */
export function seeded(seed: number): () => number {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

/** The picture as a dim, noisy camera would see it: contrast squeezed to `range`, noise σ≈`noise`. */
export function dimAndNoisy(p: Pixels, range: number, noise: number, seed = 3): Pixels {
  const rnd = seeded(seed)
  const data = new Uint8ClampedArray(p.data.length)
  for (let i = 0; i < p.data.length; i += 4) {
    // Sum of uniforms: close enough to Gaussian noise for a binarizer.
    const n = (rnd() + rnd() + rnd() + rnd() - 2) * noise * 1.73
    const v = 70 + (p.data[i]! / 255) * range + n
    data.set([v, v, v, 255], i)
  }
  return { data, width: p.width, height: p.height }
}
