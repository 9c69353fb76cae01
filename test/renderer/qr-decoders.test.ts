import { afterEach, describe, expect, it, vi } from 'vitest'
import { appDecoders } from '../../renderer/src/softphone/qr/decode/app-decoders'
import { decodeFirst } from '../../renderer/src/softphone/qr/decode/decoder-chain'
import { jsqrDecoder } from '../../renderer/src/softphone/qr/decode/jsqr-decoder'
import type { Pixels, QrDecoder } from '../../renderer/src/softphone/qr/decode/pixels'
import { shrink } from '../../renderer/src/softphone/qr/decode/shrink'
import { dimAndNoisy, qrPixels } from './qr-test-images'

const LINK = 'phonesystems://activate?server=https%3A%2F%2Fpbx.company.example&code=K7QF3M9XPW2D'

afterEach(() => vi.restoreAllMocks())

/** A decoder that answers `answer` and records that it was asked. */
function fake(name: string, answer: string | null | Error): QrDecoder & { calls: number } {
  const decoder = {
    name,
    calls: 0,
    decode() {
      decoder.calls += 1
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  return decoder
}

describe('the app decoders on a camera frame', () => {
  it('read a QR code placed in a 640×480 grey frame', async () => {
    const frame = qrPixels(LINK, { scale: 6, width: 640, height: 480, background: 180 })
    expect(await decodeFirst(await appDecoders(), frame)).toBe(LINK)
  })

  it('read a dim, noisy frame, which jsqr on the full frame cannot', async () => {
    // The hard case of the bench: a code clearly visible to a person, whose per-pixel
    // noise gives jsqr's binarizer false edges everywhere; the 1/3 copy averages it out.
    const frame = dimAndNoisy(qrPixels(LINK, { scale: 6, width: 640, height: 480 }), 100, 17)
    expect(jsqrDecoder().decode(frame)).toBeNull()
    expect(await decodeFirst(await appDecoders(), frame)).toBe(LINK)
  })

  it('read a code too small for the 1/3 copy from the full frame', async () => {
    const frame = qrPixels(LINK, { scale: 2, width: 640, height: 480, background: 200 })
    expect(jsqrDecoder({ shrinkBy: 3 }).decode(frame)).toBeNull()
    expect(await decodeFirst(await appDecoders(), frame)).toBe(LINK)
  })

  it('find nothing in a frame without a code', async () => {
    const blank: Pixels = {
      data: new Uint8ClampedArray(640 * 480 * 4).fill(200),
      width: 640,
      height: 480,
    }
    expect(await decodeFirst(await appDecoders(), blank)).toBeNull()
  })

  it('are jsqr at 1/3, full and 1/2 size where there is no BarcodeDetector', async () => {
    const names = (await appDecoders('dontInvert', {})).map((d) => d.name)
    expect(names).toEqual(['jsqr 1/3', 'jsqr', 'jsqr 1/2'])
  })

  it('put the platform BarcodeDetector first where it reads QR codes', async () => {
    const detect = vi.fn(async () => [{ rawValue: LINK }])
    class BarcodeDetector {
      static getSupportedFormats = async () => ['ean_13', 'qr_code']
      detect = detect
    }
    const decoders = await appDecoders('dontInvert', { BarcodeDetector, ImageData })
    expect(decoders.map((d) => d.name)).toEqual(['BarcodeDetector', 'jsqr 1/3', 'jsqr', 'jsqr 1/2'])
    const blank = { data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 }
    expect(await decodeFirst(decoders, blank)).toBe(LINK)
    expect(detect).toHaveBeenCalledOnce()
  })

  it('leave out a BarcodeDetector that cannot read QR codes', async () => {
    class BarcodeDetector {
      static getSupportedFormats = async () => ['ean_13']
      detect = vi.fn()
    }
    const names = (await appDecoders('dontInvert', { BarcodeDetector, ImageData })).map(
      (d) => d.name,
    )
    expect(names[0]).toBe('jsqr 1/3')
  })
})

describe('decodeFirst', () => {
  const frame: Pixels = { data: new Uint8ClampedArray(4), width: 1, height: 1 }

  it('tries the decoders in order and stops at the first that reads', async () => {
    const first = fake('first', null)
    const second = fake('second', 'text')
    const third = fake('third', 'other')
    expect(await decodeFirst([first, second, third], frame)).toBe('text')
    expect([first.calls, second.calls, third.calls]).toEqual([1, 1, 0])
  })

  it('goes on to the next decoder when one throws', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const broken = fake('broken', new Error('detector withdrawn'))
    const next = fake('next', 'text')
    expect(await decodeFirst([broken, next], frame)).toBe('text')
    expect(console.warn).toHaveBeenCalledOnce()
  })

  it('is null when no decoder reads anything', async () => {
    expect(await decodeFirst([fake('a', null), fake('b', null)], frame)).toBeNull()
  })
})

describe('shrink', () => {
  it('averages each block into one grey pixel', () => {
    // 2×2 → 1×1: black, white, white, black average to mid grey.
    const data = new Uint8ClampedArray([
      0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255,
    ])
    const small = shrink({ data, width: 2, height: 2 }, 2)
    expect([small.width, small.height]).toEqual([1, 1])
    expect(small.data[0]).toBeGreaterThanOrEqual(126)
    expect(small.data[0]).toBeLessThanOrEqual(128)
    expect(small.data[3]).toBe(255)
  })
})
