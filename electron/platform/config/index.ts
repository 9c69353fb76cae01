/**
 * The platform's configuration: environment variables declared once in settings.ts,
 * read by `loadConfig`, listed by `serve --help`.
 */
export { ConfigError, loadConfig, type PlatformConfig, type TlsFiles } from './load'
export { helpText } from './help'
export { SETTINGS, type Setting } from './settings'
export { allowedOrigins, httpUrl } from './origins'
export { insecurePublicUrlWarning, isLoopbackHost } from './public-url-warning'
