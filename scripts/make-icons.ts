// `npm run icons`: every icon the packaged app needs, rendered from build/icon.svg.
// The results are committed, so packaging does not run this script; run it after
// changing the SVG (test/unit/icons.test.ts fails while the committed files are stale).
//
//   build/icons/<n>x<n>.png   Linux sizes, the layout electron-builder reads for Linux
//   build/icon.png            1024 px
//   build/icon.icns, .ico     macOS and Windows, made from the 1024 px PNG by png2icons
//   build/tray/<state>.png    tray icons, 16 px and 32 px (`<state>@2x.png`): the same
//                             drawing with a status dot
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

export const BUILD_DIR = fileURLToPath(new URL('../build/', import.meta.url))
export const ICON_SVG = path.join(BUILD_DIR, 'icon.svg')

/** Square sizes of build/icons/. */
export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/** Tray states and their dot colours. The tray module loads these file names. */
export const TRAY_STATES = {
  ready: '#22c55e',
  connecting: '#f59e0b',
  offline: '#9ca3af',
  dnd: '#ef4444',
} as const
export type TrayState = keyof typeof TRAY_STATES

/** Tray sizes: the 1x file and the `@2x` one for high-density screens. */
export const TRAY_SIZES = { '': 16, '@2x': 32 } as const

/** The SVG rendered to a square PNG of `size` pixels. */
export function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

/**
 * The app icon with a status dot in its upper right corner, the one the handset leaves
 * free, ringed in white so it stands out on the blue and on any taskbar. Assumes the
 * 1024 px viewBox of icon.svg.
 */
export function trayIconSvg(iconSvg: string, state: TrayState): string {
  const dot =
    `<circle cx="784" cy="240" r="200" fill="${TRAY_STATES[state]}" ` +
    `stroke="#ffffff" stroke-width="64"/>`
  const end = iconSvg.lastIndexOf('</svg>')
  if (end < 0) throw new Error('icon.svg: no closing </svg>')
  return `${iconSvg.slice(0, end)}${dot}\n${iconSvg.slice(end)}`
}

/** Every PNG this script writes, by path relative to build/. */
export function pngFiles(iconSvg: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const size of APP_ICON_SIZES) {
    files.set(`icons/${size}x${size}.png`, renderPng(iconSvg, size))
  }
  files.set('icon.png', files.get('icons/1024x1024.png')!)
  for (const state of Object.keys(TRAY_STATES) as TrayState[]) {
    const svg = trayIconSvg(iconSvg, state)
    for (const [suffix, size] of Object.entries(TRAY_SIZES)) {
      files.set(`tray/${state}${suffix}.png`, renderPng(svg, size))
    }
  }
  return files
}

/** The macOS and Windows icon files, made from the 1024 px PNG. */
export function iconFiles(png1024: Buffer): Map<string, Buffer> {
  const icns = png2icons.createICNS(png1024, png2icons.BICUBIC, 0)
  // forWinExe: PNG chunks for the large sizes, bitmaps below 64 px for old Explorer views.
  const ico = png2icons.createICO(png1024, png2icons.BICUBIC, 0, false, true)
  if (!icns || !ico) throw new Error('png2icons could not convert the 1024 px PNG')
  return new Map([
    ['icon.icns', icns],
    ['icon.ico', ico],
  ])
}

function main(): void {
  const svg = readFileSync(ICON_SVG, 'utf8')
  const pngs = pngFiles(svg)
  const files = new Map([...pngs, ...iconFiles(pngs.get('icon.png')!)])
  for (const [name, data] of files) {
    const file = path.join(BUILD_DIR, name)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, data)
  }
  console.log(`build/: ${files.size} icon files written from icon.svg`)
}

// Run as a script (tsx scripts/make-icons.ts), not when a test imports the functions.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main()
}
