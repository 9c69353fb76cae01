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
  const isAdmin = (path: string) => path === '/admin' || path.startsWith('/admin/')
  // PrimeVue starts loading as soon as the console is asked for, and is waited
  // for only once the route's own guards have run: a page's data (the Users
  // list) is then fetched while PrimeVue sets up, not after it.
  router.beforeEach((to) => {
    if (isAdmin(to.path)) void installPrimeVue(app)
  })
  router.beforeResolve(async (to) => {
    if (isAdmin(to.path)) await installPrimeVue(app)
  })
  return router
}
