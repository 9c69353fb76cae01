import { decodeFirst } from './decoder-chain'
import type { Pixels, QrDecoder } from './pixels'

/** How to redraw a picture before decoding: scaled by `scale`, with `pad` px of white around. */
export interface Attempt {
  readonly scale: number
  readonly pad: number
}

/** Larger pictures are drawn smaller first: jsqr's time grows with the pixel count. */
const MAX_SIDE = 2048

/**
 * The redraws of an opened, pasted or dropped picture, in the order tried:
 * as it is; smaller (a screenshot of a whole email has the QR code small in a
 * big picture, where a smaller copy's modules are crisper for the
 * binarizer); and with a white border (a screenshot cropped tight to the
 * code has no quiet zone, without which the finder patterns are not found).
 */
export function imageAttempts(width: number, height: number): Attempt[] {
  const side = Math.max(width, height)
  const first = side > MAX_SIDE ? MAX_SIDE / side : 1
  const attempts: Attempt[] = [{ scale: first, pad: 0 }]
  for (const target of [1024, 512]) {
    if (side * first > target * 1.25) attempts.push({ scale: target / side, pad: 0 })
  }
  attempts.push({ scale: first, pad: Math.max(32, Math.round(side * first * 0.1)) })
  return attempts
}

/**
 * Decodes a picture by trying each redraw with every decoder until one reads
 * a code. `draw` renders the picture for an attempt (a canvas in the
 * browser, plain arrays in tests).
 */
export async function decodeAttempts(
  decoders: readonly QrDecoder[],
  width: number,
  height: number,
  draw: (attempt: Attempt) => Pixels,
): Promise<string | null> {
  for (const attempt of imageAttempts(width, height)) {
    const text = await decodeFirst(decoders, draw(attempt))
    if (text) return text
  }
  return null
}
