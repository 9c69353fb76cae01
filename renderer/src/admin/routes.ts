import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import { useAdminSessionStore } from './stores/session'
import { useUserListStore } from './stores/user-list'

const loadLayout = () => import('./AdminLayout.vue')
const loadUsers = () => import('./views/UsersView.vue')

// Opening the console on one of its pages: fetch the shell's (and the Users
// page's) code now, while PrimeVue is being set up, instead of after it.
// import() runs each module once; the routes below get the same promise back.
if (/^\/admin\/(?!sign-in|setup)/.test(location.pathname) || location.pathname === '/admin') {
  void loadLayout()
  if (/^\/admin(\/users)?\/?$/.test(location.pathname)) void loadUsers()
}

/** How long opening Users waits for its rows before it shows "Loading users…" instead. */
const ROWS_WAIT_MS = 300

/** Resolves when `work` does, or after `ms`, whichever comes first. */
function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void work.finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Pages behind sign-in: without a session, sign in first and come back. */
function requireSession(to: RouteLocationNormalized) {
  if (useAdminSessionStore().signedIn) return true
  return { name: 'admin-sign-in', query: { redirect: to.fullPath } }
}

/** The admin console's routes, all under /admin. Pages load lazily, one chunk each. */
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/sign-in',
    name: 'admin-sign-in',
    component: () => import('./views/SignInView.vue'),
  },
  {
    path: '/admin/setup',
    name: 'admin-setup',
    component: () => import('./views/SetupView.vue'),
  },
  {
    path: '/admin',
    name: 'admin',
    component: loadLayout,
    beforeEnter: requireSession,
    redirect: { name: 'admin-users' },
    children: [
      {
        path: 'users',
        name: 'admin-users',
        component: loadUsers,
        // Ask for the rows while the page's code and PrimeVue are still loading,
        // and show the page once they are here: built once with its rows rather
        // than drawn empty first. A slow answer does not hold the page back for long.
        // If that answer was a 401, the session is over: sign in first.
        beforeEnter: async (to) => {
          await settleWithin(useUserListStore().load(), ROWS_WAIT_MS)
          return requireSession(to)
        },
      },
      {
        path: 'users/new',
        name: 'admin-user-new',
        component: () => import('./views/UserFormView.vue'),
      },
      {
        path: 'users/import',
        name: 'admin-users-import',
        component: () => import('./views/ImportUsersView.vue'),
      },
      {
        path: 'users/:id(\\d+)/edit',
        name: 'admin-user-edit',
        component: () => import('./views/UserFormView.vue'),
        props: (route) => ({ userId: Number(route.params.id) }),
      },
      {
        path: 'users/:id(\\d+)/app-configuration',
        name: 'admin-user-app',
        component: () => import('./views/AppConfigurationView.vue'),
        props: (route) => ({ userId: Number(route.params.id) }),
      },
      {
        path: 'numbers',
        name: 'admin-numbers',
        component: () => import('./views/NumbersView.vue'),
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('./views/AuditView.vue'),
      },
      {
        path: 'blocked',
        name: 'admin-blocked',
        component: () => import('./views/BlockedAddressesView.vue'),
      },
      {
        path: 'outbox',
        name: 'admin-outbox',
        component: () => import('./views/OutboxView.vue'),
      },
    ],
  },
]
