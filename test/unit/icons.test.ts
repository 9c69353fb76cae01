import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import {
  APP_ICON_SIZES,
  BUILD_DIR,
  ICON_SVG,
  TRAY_SIZES,
  TRAY_STATES,
  pngFiles,
} from '../../scripts/make-icons'

const read = (name: string) => readFileSync(path.join(BUILD_DIR, name))

/**
 * Largest difference of one channel of one pixel. A tolerance rather than equal bytes:
 * another resvg or zlib version may encode or antialias a little differently, and
 * that is not a stale icon.
 */
function maxPixelDifference(a: PNG, b: PNG): number {
  let max = 0
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!))
  return max
}

/** The width and height a file's name promises. */
function sizeOf(name: string): number {
  const linux = /(\d+)x\1\.png$/.exec(name)
  if (linux) return Number(linux[1])
  if (name === 'icon.png') return 1024
  return name.endsWith('@2x.png') ? TRAY_SIZES['@2x'] : TRAY_SIZES['']
}

describe('icons rendered from build/icon.svg (scripts/make-icons.ts)', () => {
  const expected = pngFiles(readFileSync(ICON_SVG, 'utf8'))

  it('writes the Linux sizes, icon.png and both sizes of each tray state', () => {
    const names = [...expected.keys()].sort()
    expect(names).toEqual(
      [
        ...APP_ICON_SIZES.map((n) => `icons/${n}x${n}.png`),
        'icon.png',
        ...Object.keys(TRAY_STATES).flatMap((state) =>
          Object.keys(TRAY_SIZES).map((suffix) => `tray/${state}${suffix}.png`),
        ),
      ].sort(),
    )
    expect(names).toContain('tray/ready@2x.png')
    expect(names).toContain('tray/dnd.png')
  })

  it.each([...expected.keys()])('%s is committed, of its size, and up to date', (name) => {
    const committed = PNG.sync.read(read(name))
    const fresh = PNG.sync.read(expected.get(name)!)
    const pixels = sizeOf(name)
    expect([committed.width, committed.height]).toEqual([pixels, pixels])
    expect([fresh.width, fresh.height]).toEqual([pixels, pixels])
    expect(maxPixelDifference(committed, fresh), 'run npm run icons').toBeLessThanOrEqual(8)
  })

  it('has the macOS and Windows icon files', () => {
    expect(read('icon.icns').subarray(0, 4).toString('latin1')).toBe('icns')
    // ICONDIR: reserved 0, type 1 (icon), then the number of images.
    const ico = read('icon.ico')
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4)
    expect(existsSync(path.join(BUILD_DIR, 'icon.svg'))).toBe(true)
  })
})
