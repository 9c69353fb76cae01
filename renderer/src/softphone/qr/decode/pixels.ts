/**
 * A picture as RGBA bytes, the shape of the DOM's `ImageData`. Decoders take
 * this rather than `ImageData` itself so the same code runs in Node (the
 * bench, unit tests) on pixels that never saw a canvas.
 */
export interface Pixels {
  readonly data: Uint8ClampedArray
  readonly width: number
  readonly height: number
}

/** One way of reading a QR code: the text it holds, or null when it sees none. */
export interface QrDecoder {
  readonly name: string
  decode(frame: Pixels): Promise<string | null> | string | null
}
