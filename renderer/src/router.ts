import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

// Lazy routes keep the admin console and the softphone in separate chunks, so each
// first screen loads only its own code.
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'softphone', component: () => import('./softphone/SoftphoneHome.vue') },
  { path: '/admin', name: 'admin', component: () => import('./admin/AdminHome.vue') },
]

export function createAppRouter() {
  return createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })
}
