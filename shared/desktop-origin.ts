/**
 * The desktop app serves its pages from `app://phone.systems`
 * (electron/main/app-protocol.ts); the platform trusts that origin by default.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'phone.systems'
export const DESKTOP_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
