import type { RouteRecordRaw } from 'vue-router'

/** The softphone's routes: everything outside /admin. */
export const softphoneRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'softphone', component: () => import('./SoftphoneHome.vue') },
]
