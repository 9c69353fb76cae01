import { posix } from 'node:path'
import type { App } from 'electron'

/** The launch argument that makes main start with no window (tray only). */
export const HIDDEN_ARG = '--hidden'

/** The autostart entry's file name under `<configDir>/autostart/`. */
export const AUTOSTART_FILE = 'phone.systems.desktop'

/** The file operations the Linux autostart entry needs (node:fs/promises fits). */
export interface LoginItemFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  rm(path: string, options: { force: true }): Promise<void>
}

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>
  platform: NodeJS.Platform
  fs: LoginItemFs
  /** `$XDG_CONFIG_HOME` or `~/.config` (see linuxConfigDir). Linux only. */
  configDir: string
  /** `process.execPath`. */
  execPath: string
  /** `process.env.APPIMAGE`: execPath points inside the AppImage's temporary mount. */
  appImagePath?: string
  /** The entry's `Name=`. */
  appName: string
}

export interface LoginItem {
  isEnabled(): Promise<boolean>
  setEnabled(on: boolean): Promise<void>
}

/** The XDG base directory for config: `$XDG_CONFIG_HOME` when absolute, else `~/.config`. */
export function linuxConfigDir(env: NodeJS.ProcessEnv, homedir: string): string {
  const xdg = env.XDG_CONFIG_HOME
  return xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.config')
}

/**
 * One argument of a Desktop Entry `Exec=` key. The spec's quoting rule (double
 * quotes; `"`, `` ` ``, `$`, `\` escaped with a backslash; `%` doubled as it starts
 * field codes) applies first, then the string-value escapes (`\\`, `\n`, `\t`,
 * `\r`): so one literal backslash is written as four.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/[`"$\\]/g, '\\$&').replace(/%/g, '%%')}"`
  return escapeStringValue(quoted)
}

function escapeStringValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
}

/** The autostart `.desktop` file that starts `exec` hidden at login. */
export function autostartEntry(exec: string, appName: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeStringValue(appName)}`,
    `Exec=${quoteExecArg(exec)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/**
 * Whether this launch should stay in the tray: `--hidden` in argv (Windows, and
 * Linux through the autostart entry), or on macOS a launch by the login item,
 * since macOS does not pass `args` to login items.
 */
export function startsHidden(
  argv: readonly string[],
  launch?: { platform: NodeJS.Platform; app: Pick<App, 'getLoginItemSettings'> },
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true
  return launch?.platform === 'darwin' && launch.app.getLoginItemSettings().wasOpenedAtLogin
}

/**
 * "Start at login". macOS and Windows keep the login item themselves
 * (`setLoginItemSettings`; `args` reach the app on Windows only). Linux has no such
 * API in Electron: the XDG autostart entry is the desktop-neutral way.
 */
export function createLoginItem(deps: LoginItemDeps): LoginItem {
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    const args = [HIDDEN_ARG]
    return {
      async isEnabled() {
        // Windows compares the registered args with these; a run key the user turned
        // off in Task Manager still says openAtLogin, so that counts as off too.
        const settings = deps.app.getLoginItemSettings({ args })
        return deps.platform === 'win32'
          ? settings.openAtLogin && settings.executableWillLaunchAtLogin
          : settings.openAtLogin
      },
      async setEnabled(on) {
        deps.app.setLoginItemSettings({ openAtLogin: on, args })
      },
    }
  }
  const dir = posix.join(deps.configDir, 'autostart')
  const file = posix.join(dir, AUTOSTART_FILE)
  return {
    async isEnabled() {
      let text: string
      try {
        text = await deps.fs.readFile(file, 'utf8')
      } catch {
        return false
      }
      // Desktops' startup settings switch an entry off with these instead of deleting it.
      return (
        !/^Hidden\s*=\s*true\s*$/m.test(text) &&
        !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text)
      )
    },
    async setEnabled(on) {
      if (!on) return deps.fs.rm(file, { force: true })
      await deps.fs.mkdir(dir, { recursive: true })
      // Written every time: an AppImage moved since last time has a new path.
      await deps.fs.writeFile(
        file,
        autostartEntry(deps.appImagePath || deps.execPath, deps.appName),
        'utf8',
      )
    },
  }
}
