import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import { SOFTPHONE_PATHS as PATHS } from '@shared/softphone-paths'
import { useSessionStore, type OnboardingStep } from './stores/session'
// The first screen ships in the entry chunk: a lazy one would cost a round trip
// (and another for its styles) before anything shows, for about 2 KB saved.
import SignInView from './views/SignInView.vue'
import { loadActivatedLayout, loadWelcome } from './prefetch-screens'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without an activation: Sign in, scanning, code entry. */
    public?: boolean
    /** A set-up step after activation: Welcome, permissions, profile. */
    onboarding?: boolean
  }
}

const STEP_ROUTES: Record<Exclude<OnboardingStep, 'done'>, string> = {
  welcome: 'welcome',
  permissions: 'permissions',
  profile: 'profile',
}

/**
 * Where the device belongs: not activated → Sign in; activated but not set
 * up → its onboarding step; set up → anywhere but the activation screens.
 * Each softphone route carries it, so router.ts needs no softphone knowledge.
 */
export function softphoneGuard(to: RouteLocationNormalized): true | RouteLocationRaw {
  const session = useSessionStore()
  const step = session.step
  if (to.meta.public) {
    if (!step) return true
    // An activation link opened on an activated computer: the code screen asks
    // whether to replace this computer's activation (CodeEntryView).
    if (to.name === 'code' && typeof to.query.link === 'string') return true
    return step === 'done' ? { name: 'dialer' } : { name: STEP_ROUTES[step] }
  }
  if (!step) return { name: 'sign-in' }
  if (step !== 'done') return to.name === STEP_ROUTES[step] ? true : { name: STEP_ROUTES[step] }
  return to.meta.onboarding ? { name: 'dialer' } : true
}

const guarded = (record: RouteRecordRaw): RouteRecordRaw => ({
  ...record,
  beforeEnter: softphoneGuard,
})

/** The softphone's routes: everything outside /admin. Every later screen is its own chunk. */
export const softphoneRoutes: RouteRecordRaw[] = [
  guarded({
    path: PATHS.signIn,
    name: 'sign-in',
    component: SignInView,
    meta: { public: true },
  }),
  guarded({
    path: PATHS.scan,
    name: 'scan',
    component: () => import('./views/ScanView.vue'),
    meta: { public: true },
  }),
  guarded({
    path: PATHS.code,
    name: 'code',
    component: () => import('./views/CodeEntryView.vue'),
    meta: { public: true },
  }),
  // Open to every browser, activated or not: the invitation's link lands here.
  {
    path: PATHS.activate,
    name: 'activate',
    component: () => import('./views/ActivateView.vue'),
  },
  {
    path: '/',
    component: loadActivatedLayout,
    children: [
      guarded({ path: '', name: 'dialer', component: () => import('./views/DialerView.vue') }),
      guarded({
        path: PATHS.history.slice(1),
        name: 'history',
        component: () => import('./views/HistoryView.vue'),
      }),
      guarded({
        path: PATHS.settings.slice(1),
        name: 'settings',
        component: () => import('./views/SettingsView.vue'),
      }),
      guarded({
        path: PATHS.welcome.slice(1),
        name: 'welcome',
        component: loadWelcome,
        meta: { onboarding: true },
      }),
      guarded({
        path: PATHS.permissions.slice(1),
        name: 'permissions',
        component: () => import('./views/PermissionsView.vue'),
        meta: { onboarding: true },
      }),
      guarded({
        path: PATHS.profile.slice(1),
        name: 'profile',
        component: () => import('./views/ProfileView.vue'),
        meta: { onboarding: true },
      }),
    ],
  },
]
