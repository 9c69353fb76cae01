import type { App } from 'vue'

let installing: Promise<void> | undefined

/**
 * PrimeVue (Aura theme with AA contrast, light or dark as the OS says), loaded on first use so
 * screens that do not need it (the softphone's first screen) do not download it.
 */
export function installPrimeVue(app: App): Promise<void> {
  installing ??= (async () => {
    const [
      { default: PrimeVue },
      { AccessibleAura },
      { default: ToastService },
      { default: ConfirmationService },
    ] = await Promise.all([
      import('primevue/config'),
      import('./accessible-aura'),
      import('primevue/toastservice'),
      import('primevue/confirmationservice'),
    ])
    app.use(PrimeVue, {
      theme: { preset: AccessibleAura, options: { darkModeSelector: 'system' } },
    })
    app.use(ToastService)
    app.use(ConfirmationService)
  })()
  return installing
}
