import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { AccessibleAura } from './theme/accessible-aura'
import { primeVueStaticTheme } from './theme/primevue-theme'

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

const alias = { '@shared': fromRoot('./shared') }

/**
 * electron-vite forces `base: './'` for builds, made for `file://`. The renderer is
 * served over http or the app: scheme with history routing instead, where relative
 * asset URLs break on nested routes such as /admin/users; this runs after its preset.
 */
function absoluteBase(): Plugin {
  return { name: 'phone-systems:absolute-base', config: () => ({ base: '/' }) }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // serve.js also runs under plain Node (npm run serve), so target the oldest Node
      // we support rather than the Node inside Electron.
      target: 'node20.19',
      rolldownOptions: {
        input: {
          index: fromRoot('./electron/main/index.ts'),
          // The headless platform server: out/main/serve.js.
          serve: fromRoot('./electron/platform/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // Sandboxed preloads cannot load node_modules or ESM: bundle everything into a
      // single CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    resolve: { alias },
    plugins: [
      vue(),
      absoluteBase(),
      primeVueStaticTheme(
        { preset: AccessibleAura, darkModeSelector: 'system' },
        fromRoot('./renderer/src'),
      ),
    ],
    build: {
      // The same bundle runs in plain browsers (npm run serve), not only in Electron's
      // Chromium, so target a common baseline and minify what browsers download.
      target: 'es2022',
      minify: true,
      rolldownOptions: { input: fromRoot('./renderer/index.html') },
    },
  },
})
