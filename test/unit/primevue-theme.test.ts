import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AccessibleAura } from '../../theme/accessible-aura'
import { primeVueComponentsUsedBy } from '../../theme/primevue-components'
import { primeVueThemeCss } from '../../theme/primevue-theme'

const RENDERER_SOURCE = path.join(import.meta.dirname, '..', '..', 'renderer', 'src')

describe('the PrimeVue theme built with the app', () => {
  const components = primeVueComponentsUsedBy(RENDERER_SOURCE)

  it('covers every component the renderer imports and the ones they draw inside', () => {
    // Imported by the admin console directly.
    expect(components).toEqual(expect.arrayContaining(['datatable', 'button', 'toast', 'menu']))
    // Drawn by DataTable (paginator, its rows-per-page select) and Select (virtual scroller).
    expect(components).toEqual(expect.arrayContaining(['paginator', 'select', 'virtualscroller']))
    // Services, composables and types have no styles.
    expect(components).not.toContain('config')
    expect(components).not.toContain('usetoast')
    expect(components).toEqual([...components].sort())
  })

  it('is plain CSS with the AA-contrast tokens, light and dark, and each component’s styles', async () => {
    const css = await primeVueThemeCss(
      { preset: AccessibleAura, darkModeSelector: 'system' },
      components,
    )
    expect(css).not.toContain('<style')
    // The shifted primary scale and the darker danger button of theme/accessible-aura.ts.
    expect(css).toContain('--p-primary-500:var(--p-emerald-700)')
    expect(css).toContain('--p-button-danger-background:var(--p-red-600)')
    // Error messages: red-700 on light tints, red-400 in the dark scheme, under the OS's setting.
    expect(css).toMatch(/--p-message-error-color:var\(--p-red-700\)/)
    expect(css).toMatch(
      /@media \(prefers-color-scheme:\s?dark\)\{[^]*--p-message-error-color:var\(--p-red-400\)/,
    )
    for (const selector of [
      '.p-datatable',
      '.p-paginator',
      '.p-select',
      '.p-toast',
      '.p-hidden-accessible',
    ])
      expect(css).toContain(selector)
  })
})
