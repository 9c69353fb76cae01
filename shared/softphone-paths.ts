/**
 * The softphone's pages besides `/`. The renderer routes them (history mode)
 * and the platform answers each with the app shell, so a reload or a link
 * straight to one of them loads the app instead of a 404.
 */
export const SOFTPHONE_PATHS = {
  signIn: '/sign-in',
  scan: '/scan',
  code: '/code',
  welcome: '/welcome',
  permissions: '/permissions',
  profile: '/profile',
  history: '/history',
  settings: '/settings',
} as const
