import type { Pixels } from './pixels'

/**
 * The picture `factor` times smaller, each pixel the average grey of a
 * factor×factor block. Averaging is a low-pass filter: sensor noise in a dim
 * room and the moiré of a photographed screen (both finer than a QR module)
 * mostly cancel out, which is what lets jsqr's binarizer see the modules;
 * and jsqr is faster on fewer pixels.
 */
export function shrink(frame: Pixels, factor: number): Pixels {
  const width = Math.floor(frame.width / factor)
  const height = Math.floor(frame.height / factor)
  const src = frame.data
  const data = new Uint8ClampedArray(width * height * 4)
  const area = factor * factor
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (let j = 0; j < factor; j++) {
        let i = ((y * factor + j) * frame.width + x * factor) * 4
        for (let k = 0; k < factor; k++, i += 4) {
          // Rec. 601 luma in integers: jsqr only looks at brightness.
          sum += (src[i]! * 77 + src[i + 1]! * 150 + src[i + 2]! * 29) >> 8
        }
      }
      const o = (y * width + x) * 4
      const grey = sum / area
      data[o] = grey
      data[o + 1] = grey
      data[o + 2] = grey
      data[o + 3] = 255
    }
  }
  return { data, width, height }
}
