import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'

/**
 * Aura with WCAG AA contrast (4.5:1 for normal text), which axe checks on
 * every admin page. Stock Aura puts white on emerald-500 (2.5:1), red-500
 * text on white (3.8:1) and -600 text on the tinted message backgrounds
 * (4.4:1); in the dark scheme -500 text on the tinted backgrounds (4:1).
 * Light mode takes each colour a step or two darker, dark mode a step lighter.
 */

// The primary scale, shifted: light mode's `primary.500/600/700` (colour, hover,
// active) become emerald 700/800/900; dark mode uses 400/300/200, unchanged.
const primary = {
  50: '{emerald.50}',
  100: '{emerald.100}',
  200: '{emerald.200}',
  300: '{emerald.300}',
  400: '{emerald.400}',
  500: '{emerald.700}',
  600: '{emerald.800}',
  700: '{emerald.900}',
  800: '{emerald.900}',
  900: '{emerald.950}',
  950: '{emerald.950}',
}

const SEVERITIES = { info: 'blue', success: 'green', warn: 'yellow', error: 'red' } as const

/** Message and toast text per severity: darker on light tints, lighter on dark ones. */
function severityText(light: (c: string) => object, dark: (c: string) => object) {
  const scheme = (make: (c: string) => object) =>
    Object.fromEntries(Object.entries(SEVERITIES).map(([s, c]) => [s, make(c)]))
  return { light: scheme(light), dark: scheme(dark) }
}

const lightText = (c: string) => (c === 'yellow' ? `{${c}.800}` : `{${c}.700}`)

export const AccessibleAura = definePreset(Aura, {
  semantic: { primary },
  components: {
    button: {
      colorScheme: {
        light: {
          root: {
            danger: {
              background: '{red.600}',
              hoverBackground: '{red.700}',
              activeBackground: '{red.800}',
              borderColor: '{red.600}',
              hoverBorderColor: '{red.700}',
              activeBorderColor: '{red.800}',
            },
          },
          outlined: { danger: { color: '{red.600}', borderColor: '{red.300}' } },
          text: { danger: { color: '{red.600}' } },
        },
      },
    },
    message: {
      colorScheme: severityText(
        (c) => ({
          color: lightText(c),
          simple: { color: lightText(c) },
          outlined: { color: lightText(c) },
        }),
        (c) => ({
          color: `{${c}.400}`,
          simple: { color: `{${c}.400}` },
          outlined: { color: `{${c}.400}` },
        }),
      ),
    },
    toast: {
      colorScheme: severityText(
        (c) => ({ color: lightText(c) }),
        (c) => ({ color: `{${c}.400}` }),
      ),
    },
  },
})
