import { writeFile } from 'node:fs/promises'
import { PNG } from 'pngjs'

const WIDTH = 640
const HEIGHT = 480

/**
 * How a code held up to a webcam moves: a little bigger, smaller, turned and
 * off-centre from one moment to the next. [size px, angle °, dx px, dy px].
 * zxing (html5-qrcode's decoder) misreads some codes from exactly one
 * still picture while reading them from a slightly different one, so the
 * tests feed both this and a still picture (`StillPicture`).
 */
const POSES: readonly [number, number, number, number][] = [
  [300, 0, 0, 0],
  [330, 4, 6, -4],
  [280, -5, -8, 5],
  [350, 2, 3, 7],
  [310, -2, -5, -6],
  [290, 7, 9, 2],
  [340, -7, -3, 3],
  [320, 3, 0, -8],
]
/** Each pose for 0.1 s at 30 fps: the scanner (10 fps) sees every one within a second. */
const FRAMES_PER_POSE = 3

type Grey = (x: number, y: number) => number

/** The PNG as grey levels on white (transparent pixels are paper). */
function greyOf(image: PNG): Grey {
  return (x, y) => {
    const i = (y * image.width + x) * 4
    const d = image.data
    const alpha = d[i + 3]! / 255
    const grey = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!
    return grey * alpha + 255 * (1 - alpha)
  }
}

/**
 * A Gaussian blur of a luma plane (separable, edges clamped): a webcam a
 * little out of focus.
 */
function blurred(luma: Buffer, sigma: number): Buffer {
  const radius = Math.ceil(sigma * 3)
  const weights = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  )
  const total = weights.reduce((a, b) => a + b, 0)
  const pass = (src: Float32Array, horizontal: boolean): Float32Array => {
    const dst = new Float32Array(src.length)
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        let acc = 0
        for (let k = -radius; k <= radius; k++) {
          const sx = horizontal ? Math.min(WIDTH - 1, Math.max(0, x + k)) : x
          const sy = horizontal ? y : Math.min(HEIGHT - 1, Math.max(0, y + k))
          acc += src[sy * WIDTH + sx]! * weights[k + radius]!
        }
        dst[y * WIDTH + x] = acc / total
      }
    }
    return dst
  }
  const out = pass(pass(Float32Array.from(luma), true), false)
  return Buffer.from(Uint8ClampedArray.from(out))
}

/** One frame's luma plane: the image turned, scaled and moved, bilinearly sampled. */
function lumaPlane(image: PNG, grey: Grey, [size, angle, dx, dy]: readonly number[]): Buffer {
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255)
  const a = (angle! * Math.PI) / 180
  const cos = Math.cos(a)
  const sin = Math.sin(a)
  const scale = image.width / size!
  const cx = WIDTH / 2 + dx!
  const cy = HEIGHT / 2 + dy!
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const u = ((x - cx) * cos + (y - cy) * sin) * scale + image.width / 2
      const v = (-(x - cx) * sin + (y - cy) * cos) * scale + image.height / 2
      if (u < 0 || v < 0 || u >= image.width - 1 || v >= image.height - 1) continue
      const u0 = Math.floor(u)
      const v0 = Math.floor(v)
      const fu = u - u0
      const fv = v - v0
      luma[y * WIDTH + x] = Math.round(
        grey(u0, v0) * (1 - fu) * (1 - fv) +
          grey(u0 + 1, v0) * fu * (1 - fv) +
          grey(u0, v0 + 1) * (1 - fu) * fv +
          grey(u0 + 1, v0 + 1) * fu * fv,
      )
    }
  }
  return luma
}

/** A code held perfectly still: one pose, optionally out of focus (Gaussian σ in px). */
export interface StillPicture {
  size: number
  angle: number
  blur?: number
  /** A dim room: black and white squeezed into 40 % of the range, sensor noise σ 12 on top. */
  dim?: boolean
}

/** The picture as a cheap webcam sees it in a dim room (noise from a fixed seed: the same every run). */
function dimmed(luma: Buffer): Buffer {
  let seed = 12345
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const out = Buffer.alloc(luma.length)
  for (let i = 0; i < luma.length; i++) {
    // Box–Muller: normally distributed noise.
    const noise = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
    out[i] = Math.max(0, Math.min(255, Math.round(70 + (luma[i]! / 255) * 102 + 12 * noise)))
  }
  return out
}

/** Still pictures are one frame repeated: 1 s of it, which the fake camera loops. */
const STILL_FRAMES = 30

/**
 * A short looping Y4M video of a PNG held up to the camera, for Chromium's
 * `--use-file-for-fake-video-capture`: the QR code of an invitation email
 * in front of the webcam. 640×480, 4:2:0, full-range (JPEG) luma; grey, so
 * the chroma planes are neutral. By default the code moves (POSES); `still`
 * repeats one frame, the case a moving video hides (ENVIRONMENT.md: zxing
 * never reads some still positions).
 */
export async function writeImageAsY4m(
  png: Buffer,
  file: string,
  still?: StillPicture,
): Promise<void> {
  const image = PNG.sync.read(png)
  const grey = greyOf(image)
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128)
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`)]
  const frames: [Buffer, number][] = still
    ? [[lumaPlane(image, grey, [still.size, still.angle, 0, 0]), STILL_FRAMES]]
    : POSES.map((pose) => [lumaPlane(image, grey, pose), FRAMES_PER_POSE])
  for (const [plane, count] of frames) {
    const sharp = still?.blur ? blurred(plane, still.blur) : plane
    const luma = still?.dim ? dimmed(sharp) : sharp
    for (let i = 0; i < count; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma, chroma)
  }
  await writeFile(file, Buffer.concat(parts))
}
