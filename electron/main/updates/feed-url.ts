import { SETTINGS } from '../../platform/config'

/** Where the app-update.yml that electron-builder writes into an installer lives. */
export const INSTALLER_FEED_FILE = 'app-update.yml'

/**
 * The update feed: PHONE_SYSTEMS_UPDATE_URL when it is set where the app runs,
 * otherwise the `url` that `npm run package` wrote into the installer's
 * app-update.yml (from the same variable at build time), otherwise none (updates
 * off: a development run has no app-update.yml). A value that is not an http(s)
 * URL is warned about and ignored rather than stopping the app.
 */
export function updateFeedUrl(
  env: NodeJS.ProcessEnv,
  installerFeedFile: string | undefined,
  warn: (message: string) => void,
): string | undefined {
  const { env: name, schema } = SETTINGS.updateUrl
  const fromEnv = env[name]
  const [source, raw] = fromEnv
    ? [name, fromEnv]
    : [INSTALLER_FEED_FILE, installerFeedFile && urlLine(installerFeedFile)]
  if (!raw) return undefined
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  warn(`${source}: ${parsed.error.issues[0]?.message ?? 'not a URL'}; update checks are off`)
  return undefined
}

/** The top-level `url:` of app-update.yml, a flat YAML map; quotes removed. */
function urlLine(yaml: string): string | undefined {
  const value = /^url:[ \t]*(.+?)[ \t]*$/m.exec(yaml)?.[1]
  return value?.replace(/^(['"])(.*)\1$/, '$2')
}
