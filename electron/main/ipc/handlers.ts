import type { WebContents } from 'electron'
import type {
  MediaKind,
  PhoneStatus,
  Preferences,
  SettingsPane,
  UpdateState,
} from '@shared/ipc/contract'
import type { AdminConnection } from '../admin/admin-connection'
import type { DeviceIdentity } from '../device-identity'
import type { OsMediaAccess } from '../permissions/os-media-access'
import type { SecretStore } from '../secrets/secret-store'
import type { IpcRegistry } from './registry'

/** What the softphone's calls and status drive in the OS: tray, badge, notifications, ring window. */
export interface PhoneShell {
  setStatus(status: PhoneStatus, missedCalls: number): void
  incoming(call: { id: string; caller: string; windowVisible: boolean }, from: WebContents): void
  settled(call: { id: string; caller: string; missed: boolean }): void
  setCallActive(active: boolean): void
  /** The ring window's choice, handed to the softphone window. */
  act(call: { id: string; action: 'show' | 'answer' | 'decline' }): void
}

export interface PreferenceStore {
  read(): Promise<Preferences>
  write(patch: Partial<Preferences>): Promise<Preferences>
}

export interface Updates {
  state(): UpdateState
  restartToUpdate(): { ok: true } | { ok: false; reason: string }
}

export interface MainServices {
  info: { platform: string; appVersion: string; versions: NodeJS.ProcessVersions }
  identity: () => DeviceIdentity
  secrets: SecretStore
  media: OsMediaAccess
  phone: PhoneShell
  preferences: PreferenceStore
  updates: Updates
  admin: { open(): void; connection: AdminConnection }
}

/** Every channel of the contract, answered by the service that owns it; nothing else here. */
export function registerHandlers(ipc: IpcRegistry, s: MainServices): void {
  ipc.handle('app:info', () => ({
    platform: s.info.platform,
    appVersion: s.info.appVersion,
    versions: {
      electron: s.info.versions.electron ?? '',
      chrome: s.info.versions.chrome ?? '',
      node: s.info.versions.node,
    },
  }))
  ipc.handle('device:identity', () => s.identity())
  ipc.handle('secrets:read', ({ key }) => s.secrets.read(key))
  ipc.handle('secrets:write', ({ key, value }) => s.secrets.write(key, value))
  ipc.handle('secrets:delete', ({ key }) => s.secrets.delete(key))
  ipc.handle('secrets:status', () => s.secrets.status())
  ipc.handle('permissions:media-status', ({ kind }: { kind: MediaKind }) => s.media.status(kind))
  ipc.handle('permissions:ask-media', ({ kind }) => s.media.ask(kind))
  ipc.handle('permissions:open-settings', ({ pane }: { pane: SettingsPane }) =>
    s.media.openSettings(pane),
  )
  ipc.handle('phone:status', ({ status, missedCalls }) => s.phone.setStatus(status, missedCalls))
  ipc.handle('call:incoming', (call, sender) => s.phone.incoming(call, sender))
  ipc.handle('call:settled', (call) => s.phone.settled(call))
  ipc.handle('call:act', (call) => s.phone.act(call))
  ipc.handle('call:active', ({ active }) => s.phone.setCallActive(active))
  ipc.handle('preferences:read', () => s.preferences.read())
  ipc.handle('preferences:write', (patch) => s.preferences.write(patch))
  ipc.handle('updates:state', () => s.updates.state())
  ipc.handle('updates:restart', () => s.updates.restartToUpdate())
  ipc.handle('admin:open', () => s.admin.open())
  ipc.handle('admin:connect', (choice) => s.admin.connection.connect(choice))
  ipc.handle('admin:remembered', () => s.admin.connection.remembered())
}
