import type { App } from 'vue'

let installing: Promise<void> | undefined

/**
 * PrimeVue, loaded on first use so screens that do not need it (the
 * softphone's first screen) do not download it. Its theme (Aura with AA
 * contrast, light or dark as the OS says: theme/) is a stylesheet built with
 * the app, so PrimeVue itself runs without a theme and generates no CSS.
 */
export function installPrimeVue(app: App): Promise<void> {
  installing ??= (async () => {
    const [{ default: PrimeVue }, { default: ToastService }, { default: ConfirmationService }] =
      await Promise.all([
        import('primevue/config'),
        import('primevue/toastservice'),
        import('primevue/confirmationservice'),
        import('virtual:primevue-theme.css'),
      ])
    app.use(PrimeVue, { theme: 'none' })
    app.use(ToastService)
    app.use(ConfirmationService)
  })()
  return installing
}
