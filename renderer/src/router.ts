import type { App } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import { adminRoutes } from './admin/routes'
import { softphoneRoutes } from './softphone/routes'
import { installPrimeVue } from './ui/primevue'

/**
 * `/admin/…` is the admin console, everything else the softphone. Route
 * components are lazy, so each first screen loads only its own code; the
 * admin console also loads PrimeVue before its first screen.
 */
export function createAppRouter(app: App) {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [...softphoneRoutes, ...adminRoutes],
  })
  router.beforeEach(async (to) => {
    if (to.path === '/admin' || to.path.startsWith('/admin/')) await installPrimeVue(app)
  })
  return router
}
