import os from 'node:os'
import path from 'node:path'

/**
 * Where `npm run serve` keeps its data when PHONE_SYSTEMS_DATA_DIR is unset: the OS's
 * per-user data folder.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.APPDATA) {
    return path.join(env.APPDATA, 'phone.systems')
  }
  if (process.platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Application Support', 'phone.systems')
  }
  const xdg = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
  return path.join(xdg, 'phone.systems')
}
