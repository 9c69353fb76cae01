import { Theme } from '@primeuix/styled'
import BaseStyle from '@primevue/core/base/style'
import type { Plugin } from 'vite'
import { primeVueComponentsUsedBy } from './primevue-components'

/** What the renderer imports to get the theme: `import 'virtual:primevue-theme.css'`. */
export const THEME_MODULE = 'virtual:primevue-theme.css'
// Vite's CSS pipeline recognises the module by its `.css` ending; `\0` keeps
// other plugins from treating it as a file on disk.
const RESOLVED_THEME_MODULE = `\0${THEME_MODULE}`

/**
 * The part of a PrimeVue style module this uses: what it renders for
 * server-side rendering (PrimeVue's own typings leave these methods out).
 */
interface PrimeVueStyle {
  getStyleSheet(): string
  getThemeStyleSheet(): string
}

/** The base style adds the theme's design tokens, common to every component. */
interface PrimeVueBaseStyle extends PrimeVueStyle {
  getCommonThemeStyleSheet(): string
}

export interface ThemeOptions {
  /** A PrimeVue preset, e.g. Aura or one made with definePreset(). */
  preset: object
  /** PrimeVue's darkModeSelector: 'system' follows the OS. */
  darkModeSelector: string
}

/** The CSS inside the `<style>` elements PrimeVue renders for server-side rendering. */
function styleElementContents(html: string): string {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n')
}

/**
 * The whole theme of `components` as one stylesheet: the design tokens as CSS
 * variables (light, and dark under the selector), PrimeVue's base styles, and
 * each component's variables and styles: what PrimeVue's styled mode would
 * inject into the page at run time, component by component.
 */
export async function primeVueThemeCss(theme: ThemeOptions, components: string[]): Promise<string> {
  Theme.setTheme({ preset: theme.preset, options: { darkModeSelector: theme.darkModeSelector } })
  const base = BaseStyle as unknown as PrimeVueBaseStyle
  const sheets = [base.getCommonThemeStyleSheet(), base.getStyleSheet(), base.getThemeStyleSheet()]
  for (const name of components) {
    const style = ((await import(`primevue/${name}/style`)) as { default: PrimeVueStyle }).default
    sheets.push(style.getStyleSheet(), style.getThemeStyleSheet())
  }
  return styleElementContents(sheets.join(''))
}

/**
 * Builds PrimeVue's theme into a stylesheet at build time, for the components
 * the renderer under `sourceDir` uses. The app then runs PrimeVue with
 * `theme: 'none'`: in styled mode PrimeVue turns the preset's thousands of
 * tokens into CSS in the browser, on every page load, as each component first
 * mounts (tens of milliseconds before the first rows of Users could show).
 * The result is the same CSS, computed once here.
 */
export function primeVueStaticTheme(theme: ThemeOptions, sourceDir: string): Plugin {
  return {
    name: 'phone-systems:primevue-static-theme',
    resolveId: (id) => (id === THEME_MODULE ? RESOLVED_THEME_MODULE : undefined),
    async load(id) {
      if (id !== RESOLVED_THEME_MODULE) return undefined
      return primeVueThemeCss(theme, primeVueComponentsUsedBy(sourceDir))
    },
  }
}
