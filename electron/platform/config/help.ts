import { SETTINGS, type Setting } from './settings'

/** Markdown to plain text: the literal values in `backticks` lose them. */
const plain = (markdown: string) => markdown.replaceAll('`', '')

function defaultOf(setting: Setting): string | undefined {
  if (setting.defaultHere) return setting.defaultHere()
  return setting.default === undefined ? undefined : plain(setting.default)
}

/** The text of `serve --help`. */
export function helpText(): string {
  const settings: readonly Setting[] = Object.values(SETTINGS)
  const width = Math.max(...settings.map((s) => s.env.length))
  const lines = settings.map((s) => {
    const fallback = defaultOf(s)
    const shown = fallback === undefined ? '' : ` (default: ${fallback})`
    return `  ${s.env.padEnd(width)}  ${plain(s.description)}${shown}`
  })
  return [
    'Usage: npm run serve [-- --help]',
    '',
    'Runs the phone.systems platform headless: REST API under /api, the softphone at /',
    'and the admin console at /admin, with Kamailio as a child process when installed.',
    '',
    'Configuration (environment variables, all optional):',
    ...lines,
    '',
  ].join('\n')
}
