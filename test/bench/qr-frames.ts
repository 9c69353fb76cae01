import { PNG } from 'pngjs'
import { prng } from './prng'

/**
 * Camera-like 640×480 frames of a QR code PNG for the decode bench: the code
 * placed by a homography (scale, rotation, perspective), bilinearly sampled
 * onto a grey background, then blurred, dimmed, noised or overlaid with a
 * screen's moiré. Deterministic for a given seed, so a run can be repeated.
 */

export const FRAME_WIDTH = 640
export const FRAME_HEIGHT = 480

export type FrameKind = 'still' | 'rotated' | 'tilted' | 'small' | 'blurred' | 'noisy' | 'moire'

export const FRAME_KINDS: Record<FrameKind, string> = {
  still: 'still and sharp',
  rotated: 'rotated 10–30°',
  tilted: 'perspective tilt 20–35°',
  small: 'scaled to 15–40% of the frame',
  blurred: 'Gaussian blur σ 1–2 px',
  noisy: 'noise σ 12 + low contrast',
  moire: 'photo of a screen (moiré)',
}

export interface Frame {
  data: Uint8ClampedArray
  width: number
  height: number
}

type Point = [number, number]

const between = (rnd: () => number, lo: number, hi: number) => lo + (hi - lo) * rnd()

/** The 3×3 homography (row-major, h33 = 1) taking the four `from` points to the four `to` points. */
function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const a: number[][] = []
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!
    const [u, v] = to[i]!
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v])
  }
  // Gauss-Jordan with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r
    ;[a[c], a[p]] = [a[p]!, a[c]!]
    const pivot = a[c]![c]!
    for (let k = c; k < 9; k++) a[c]![k]! /= pivot
    for (let r = 0; r < 8; r++) {
      if (r === c) continue
      const f = a[r]![c]!
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!
    }
  }
  return [...a.map((row) => row[8]!), 1]
}

/** Grey levels (0–255) of the PNG on white paper. */
function greyImage(png: Buffer): { grey: Float32Array; size: number } {
  const image = PNG.sync.read(png)
  const grey = new Float32Array(image.width * image.height)
  for (let i = 0; i < grey.length; i++) {
    const d = image.data
    const alpha = d[i * 4 + 3]! / 255
    grey[i] =
      (0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!) * alpha +
      255 * (1 - alpha)
  }
  return { grey, size: image.width }
}

/** Luma of the frame: the code's corners at `quad` (TL, TR, BR, BL), background grey elsewhere. */
function place(png: Buffer, quad: readonly Point[], background: number): Float32Array {
  const { grey, size } = greyImage(png)
  const s = size - 1
  // Frame → image, so every frame pixel samples the picture once.
  const h = homography(quad, [
    [0, 0],
    [s, 0],
    [s, s],
    [0, s],
  ])
  const out = new Float32Array(FRAME_WIDTH * FRAME_HEIGHT).fill(background)
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!
      const u = (h[0]! * x + h[1]! * y + h[2]!) / w
      const v = (h[3]! * x + h[4]! * y + h[5]!) / w
      if (u < 0 || v < 0 || u >= s || v >= s) continue
      const u0 = Math.floor(u)
      const v0 = Math.floor(v)
      const fu = u - u0
      const fv = v - v0
      const i = v0 * size + u0
      out[y * FRAME_WIDTH + x] =
        grey[i]! * (1 - fu) * (1 - fv) +
        grey[i + 1]! * fu * (1 - fv) +
        grey[i + size]! * (1 - fu) * fv +
        grey[i + size + 1]! * fu * fv
    }
  }
  return out
}

/** A square of side `side` centred at (cx, cy), turned by `deg`. */
function square(cx: number, cy: number, side: number, deg: number): Point[] {
  const a = (deg * Math.PI) / 180
  const r = side / 2
  return [
    [-r, -r],
    [r, -r],
    [r, r],
    [-r, r],
  ].map(([x, y]) => [
    cx + x! * Math.cos(a) - y! * Math.sin(a),
    cy + x! * Math.sin(a) + y! * Math.cos(a),
  ])
}

/** The square seen turned `deg` about its vertical (or horizontal) axis by a pinhole camera. */
function tilted(cx: number, cy: number, side: number, deg: number, vertical: boolean): Point[] {
  const a = (deg * Math.PI) / 180
  const focal = 600
  const r = side / 2
  return [
    [-r, -r],
    [r, -r],
    [r, r],
    [-r, r],
  ].map(([x, y]) => {
    const [px, py] = vertical ? [x!, y!] : [y!, x!]
    const z = focal + px * Math.sin(a)
    const qx = (px * Math.cos(a) * focal) / z
    const qy = (py * focal) / z
    const [fx, fy] = vertical ? [qx, qy] : [qy, qx]
    return [cx + fx, cy + fy]
  })
}

function gaussianBlur(luma: Float32Array, sigma: number): Float32Array {
  const radius = Math.ceil(sigma * 3)
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  )
  const total = kernel.reduce((a, b) => a + b, 0)
  const k = kernel.map((v) => v / total)
  const pass = (src: Float32Array, dx: number, dy: number) => {
    const dst = new Float32Array(src.length)
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      for (let x = 0; x < FRAME_WIDTH; x++) {
        let acc = 0
        for (let i = -radius; i <= radius; i++) {
          const sx = Math.min(FRAME_WIDTH - 1, Math.max(0, x + i * dx))
          const sy = Math.min(FRAME_HEIGHT - 1, Math.max(0, y + i * dy))
          acc += src[sy * FRAME_WIDTH + sx]! * k[i + radius]!
        }
        dst[y * FRAME_WIDTH + x] = acc
      }
    }
    return dst
  }
  return pass(pass(luma, 1, 0), 0, 1)
}

/** A normally distributed number (Box–Muller). */
function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
}

function toFrame(luma: Float32Array): Frame {
  const data = new Uint8ClampedArray(FRAME_WIDTH * FRAME_HEIGHT * 4)
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!
    data[i * 4] = v
    data[i * 4 + 1] = v
    data[i * 4 + 2] = v
    data[i * 4 + 3] = 255
  }
  return { data, width: FRAME_WIDTH, height: FRAME_HEIGHT }
}

/**
 * One frame of `kind` from a QR PNG. Each kind draws its own pose from the
 * seed: the code's size is its side (quiet zone included) in frame pixels.
 */
export function cameraFrame(png: Buffer, kind: FrameKind, seed: number): Frame {
  const rnd = prng(seed)
  const cx = FRAME_WIDTH / 2 + between(rnd, -40, 40)
  const cy = FRAME_HEIGHT / 2 + between(rnd, -30, 30)
  const side = between(rnd, 260, 330)
  const sign = rnd() < 0.5 ? -1 : 1
  const background = between(rnd, 150, 210)
  switch (kind) {
    case 'still':
      return toFrame(place(png, square(cx, cy, side, 0), background))
    case 'rotated':
      return toFrame(place(png, square(cx, cy, side, sign * between(rnd, 10, 30)), background))
    case 'tilted':
      return toFrame(
        place(png, tilted(cx, cy, side, sign * between(rnd, 20, 35), rnd() < 0.5), background),
      )
    case 'small': {
      const small = FRAME_HEIGHT * between(rnd, 0.15, 0.4)
      return toFrame(place(png, square(cx, cy, small, sign * between(rnd, 0, 8)), background))
    }
    case 'blurred':
      return toFrame(
        gaussianBlur(
          place(png, square(cx, cy, side, sign * between(rnd, 0, 5)), background),
          between(rnd, 1, 2),
        ),
      )
    case 'noisy': {
      // A dim room: the code's black and white squeezed into 40 % of the range, sensor noise on top.
      const luma = place(png, square(cx, cy, side, sign * between(rnd, 0, 5)), background)
      const low = between(rnd, 60, 90)
      const range = 255 * 0.4
      for (let i = 0; i < luma.length; i++)
        luma[i] = low + (luma[i]! / 255) * range + 12 * gauss(rnd)
      return toFrame(luma)
    }
    case 'moire': {
      // A phone or monitor held up: the screen's pixel grid, close to the camera's pixel pitch,
      // aliases into slow bands across the code; the screen is bright, its black not quite black.
      const luma = place(png, square(cx, cy, side, sign * between(rnd, 0, 6)), background)
      const pitch = between(rnd, 1.8, 2.4)
      const angle = between(rnd, 0, Math.PI / 6)
      const [gx, gy] = [Math.cos(angle) / pitch, Math.sin(angle) / pitch]
      for (let y = 0; y < FRAME_HEIGHT; y++) {
        for (let x = 0; x < FRAME_WIDTH; x++) {
          const i = y * FRAME_WIDTH + x
          const grid = 0.5 + 0.5 * Math.cos(2 * Math.PI * (gx * x + gy * y))
          luma[i] = (25 + luma[i]! * 0.85) * (0.7 + 0.3 * grid) + 4 * gauss(rnd)
        }
      }
      return toFrame(luma)
    }
  }
}
