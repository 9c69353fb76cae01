import type { RouteRecordRaw } from 'vue-router'

/** The admin console's routes, all under /admin. */
export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin', name: 'admin', component: () => import('./AdminHome.vue') },
]
