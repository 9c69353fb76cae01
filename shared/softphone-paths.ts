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
  /** The invitation's one-click link (`#<code>`), for anyone, activated or not. */
  activate: '/activate',
} as const

/**
 * Where the invitation's `Download the app` goes: the desktop app and the
 * web softphone. A page the platform renders itself (no script needed), not
 * a renderer route.
 */
export const DOWNLOAD_PAGE_PATH = '/download'
