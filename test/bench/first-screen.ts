/**
 * What a first screen costs: the JavaScript a page loads before a `Sign in`
 * button is on screen (gzip size), and how long that takes from navigation.
 * Measured inside the page (User Timing clock, resource timing), so neither
 * Playwright's polling nor its protocol round trips count.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import vue from '@vitejs/plugin-vue'
import type { Browser } from '@playwright/test'
import { build } from 'vite'
import { PROJECT_ROOT } from '../fixtures/child-platform'

/** gzip -9, as bundle sizes are usually quoted. */
const GZIP_LEVEL = 9

/**
 * Runs in the page before anything else: notes when a visible `Sign in`
 * button first appears (at the next animation frame, when it is painted) and
 * which scripts had been loaded by then.
 */
const WATCH_FOR_SIGN_IN = `(() => {
  const found = () => [...document.querySelectorAll('button')].some(
    (b) => b.textContent.trim() === 'Sign in' && b.getClientRects().length > 0)
  const done = () => {
    requestAnimationFrame(() => {
      window.__firstScreen = {
        ms: performance.now(),
        scripts: performance.getEntriesByType('resource')
          .map((e) => e.name).filter((n) => /\\.m?js(\\?|$)/.test(n)),
      }
    })
  }
  const observer = new MutationObserver(() => {
    if (found()) { observer.disconnect(); done() }
  })
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'loading' && found()) { observer.disconnect(); done() }
  })
  observer.observe(document, { childList: true, subtree: true })
})()`

export interface FirstScreen {
  /** Navigation start → a visible `Sign in` button, painted. */
  ms: number
  /** Sum of the gzip sizes of the scripts loaded by then, in KB (1,000 bytes). */
  gzipKb: number
  scripts: string[]
}

const gzipCache = new Map<string, number>()

async function gzipBytes(url: string): Promise<number> {
  const cached = gzipCache.get(url)
  if (cached !== undefined) return cached
  const body = Buffer.from(await (await fetch(url)).arrayBuffer())
  const size = gzipSync(body, { level: GZIP_LEVEL }).length
  gzipCache.set(url, size)
  return size
}

/** Loads `url` in a fresh context (cold HTTP cache) and measures its first screen. */
export async function measureFirstScreen(browser: Browser, url: string): Promise<FirstScreen> {
  const context = await browser.newContext()
  try {
    await context.addInitScript({ content: WATCH_FOR_SIGN_IN })
    const page = await context.newPage()
    await page.goto(url)
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { __firstScreen?: unknown }).__firstScreen,
    )
    const { ms, scripts } = (await handle.jsonValue()) as { ms: number; scripts: string[] }
    const sizes = await Promise.all(scripts.map(gzipBytes))
    return { ms, scripts, gzipKb: sizes.reduce((a, b) => a + b, 0) / 1000 }
  } finally {
    await context.close()
  }
}

/** Serves a folder over http on loopback, as the platform serves the renderer. */
export async function serveFolder(root: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((req, res) => {
    const name = path.normalize((req.url ?? '/').split('?')[0]!).replace(/^(\.\.[/\\])+/, '')
    const file = path.join(root, name === '/' ? 'index.html' : name)
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'text/plain' })
        res.end(body)
      },
      () => {
        res.writeHead(404)
        res.end()
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }
}

const BASELINES = path.join(PROJECT_ROOT, 'test-results', 'bench-first-screen')

/**
 * The two baselines, written (and built) fresh: `static/` a plain HTML page
 * with one `Sign in` button, `vue/` the smallest Vue app showing that button,
 * built by the same Vite, plugin and target as the renderer.
 */
export async function buildBaselines(): Promise<{ staticDir: string; vueDir: string }> {
  await rm(BASELINES, { recursive: true, force: true })
  const staticDir = path.join(BASELINES, 'static')
  const vueSrc = path.join(BASELINES, 'vue-src')
  const vueDir = path.join(BASELINES, 'vue')
  await mkdir(staticDir, { recursive: true })
  await mkdir(vueSrc, { recursive: true })
  await writeFile(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>' +
      '<body><button type="button">Sign in</button></body></html>',
  )
  await writeFile(
    path.join(vueSrc, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>' +
      '<body><div id="app"></div><script type="module" src="./main.js"></script></body></html>',
  )
  await writeFile(
    path.join(vueSrc, 'main.js'),
    "import { createApp, h } from 'vue'\n" +
      "createApp({ render: () => h('button', { type: 'button' }, 'Sign in') }).mount('#app')\n",
  )
  await build({
    root: vueSrc,
    logLevel: 'warn',
    configFile: false,
    plugins: [vue()],
    build: { outDir: vueDir, emptyOutDir: true, target: 'es2022', minify: true },
  })
  return { staticDir, vueDir }
}
