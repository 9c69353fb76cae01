import { describe, expect, it } from 'vitest'
import { appDecoders } from '../../renderer/src/softphone/qr/decode/app-decoders'
import {
  decodeAttempts,
  imageAttempts,
  type Attempt,
} from '../../renderer/src/softphone/qr/decode/image-attempts'
import type { Pixels, QrDecoder } from '../../renderer/src/softphone/qr/decode/pixels'
import { qrPixels } from './qr-test-images'

const LINK = 'phonesystems://activate?server=https%3A%2F%2Fpbx.company.example&code=K7QF3M9XPW2D'

/** What a canvas does for an attempt, in plain arrays: nearest-neighbour scale, white padding. */
function redraw(source: Pixels, { scale, pad }: Attempt): Pixels {
  const w = Math.max(1, Math.round(source.width * scale))
  const h = Math.max(1, Math.round(source.height * scale))
  const width = w + 2 * pad
  const height = h + 2 * pad
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.min(source.width - 1, Math.floor(x / scale))
      const sy = Math.min(source.height - 1, Math.floor(y / scale))
      const from = (sy * source.width + sx) * 4
      data.set(source.data.subarray(from, from + 4), ((y + pad) * width + x + pad) * 4)
    }
  }
  return { data, width, height }
}

describe('imageAttempts', () => {
  it('tries a small picture as it is, then with a white border', () => {
    expect(imageAttempts(320, 320)).toEqual([
      { scale: 1, pad: 0 },
      { scale: 1, pad: 32 },
    ])
  })

  it('tries a screenshot as it is, then smaller copies, then with a border', () => {
    const attempts = imageAttempts(1600, 1000)
    expect(attempts.map((a) => Math.round(a.scale * 1600))).toEqual([1600, 1024, 512, 1600])
    expect(attempts.map((a) => a.pad)).toEqual([0, 0, 0, 160])
  })

  it('draws a huge photo at most 2048 px long from the start', () => {
    const [first] = imageAttempts(4096, 3072)
    expect(first!.scale * 4096).toBe(2048)
  })
})

describe('decodeAttempts', () => {
  it('stops at the first attempt a decoder reads, in order', async () => {
    const drawn: Attempt[] = []
    // Reads only the smaller copies (a stand-in for "the QR is too small in the big picture").
    const decoder: QrDecoder = { name: 'fake', decode: (p) => (p.width === 512 ? 'found' : null) }
    const text = await decodeAttempts([decoder], 1600, 1000, (attempt) => {
      drawn.push(attempt)
      const width = Math.round(1600 * attempt.scale) + 2 * attempt.pad
      return { data: new Uint8ClampedArray(0), width, height: 1 }
    })
    expect(text).toBe('found')
    expect(drawn.map((a) => Math.round(a.scale * 1600))).toEqual([1600, 1024, 512])
  })

  it('is null after every attempt fails', async () => {
    const decoder: QrDecoder = { name: 'none', decode: () => null }
    let draws = 0
    const text = await decodeAttempts([decoder], 800, 600, () => {
      draws += 1
      return { data: new Uint8ClampedArray(0), width: 1, height: 1 }
    })
    expect(text).toBeNull()
    expect(draws).toBe(imageAttempts(800, 600).length)
  })

  it('reads the invitation QR code small in a large screenshot-sized picture', async () => {
    // The email's code at 3 px a module in a 1600×1000 light grey page.
    const shot = qrPixels(LINK, {
      scale: 3,
      width: 1600,
      height: 1000,
      x: 380,
      y: 560,
      background: 244,
    })
    const decoders = await appDecoders('attemptBoth', {})
    expect(await decodeAttempts(decoders, 1600, 1000, (a) => redraw(shot, a))).toBe(LINK)
  })

  it('reads a dark-mode screenshot (light code on dark) when inversion is allowed', async () => {
    const light = qrPixels(LINK, { scale: 5 })
    const data = light.data.map((v, i) => (i % 4 === 3 ? v : 255 - v))
    const inverted = { ...light, data }
    const decoders = await appDecoders('attemptBoth', {})
    expect(
      await decodeAttempts(decoders, light.width, light.height, (a) => redraw(inverted, a)),
    ).toBe(LINK)
  })
})
