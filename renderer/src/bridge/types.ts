import type {
  MediaAccess,
  MediaKind,
  PhoneStatus,
  Preferences,
  SettingsPane,
  UpdateState,
} from '@shared/ipc/contract'

export type { MediaAccess, MediaKind, PhoneStatus, Preferences, SettingsPane, UpdateState }

export interface DeviceIdentity {
  /** A UUID: JsSIP's instance id is `urn:uuid:<id>`; the platform keeps only its hash. */
  id: string
  /** What the admin sees in the user's device list. */
  name: string
  /** `darwin`, `win32`, `linux`, or `web`. */
  platform: string
}

export interface SecretStatus {
  encrypted: boolean
  /** False when nothing can be kept safely: the activation lasts until the app quits. */
  persistent: boolean
  /** Linux's safeStorage backend, e.g. `gnome_libsecret` or `basic_text` (no encryption). */
  backend: string | null
}

export type AdminPlatformChoice = { kind: 'this-computer' } | { kind: 'address'; url: string }

export type CallAction = { id: string; action: 'show' | 'answer' | 'decline' }

/**
 * Everything the renderer needs from the OS, behind one interface with two
 * implementations chosen once at start (index.ts): Electron's, over the IPC
 * contract, and the browser's, with what a web page can do. Features call this,
 * never `window.phoneSystems`.
 */
export interface Bridge {
  readonly kind: 'electron' | 'web'
  /** Loads what later calls read synchronously (identity, the kept activation). */
  start(): Promise<void>
  identity(): DeviceIdentity
  /** The kept activation (device token, SIP password): safeStorage in Electron, localStorage on the web. */
  readonly vault: {
    read(): unknown
    write(value: unknown): void
    clear(): void
    status(): Promise<SecretStatus | null>
  }
  readonly permissions: {
    /** The OS-level switch (macOS, Windows privacy settings), beyond Chromium's answer. */
    mediaStatus(kind: MediaKind): Promise<MediaAccess>
    askMedia(kind: MediaKind): Promise<MediaAccess>
    /** Opens the OS settings pane; false where there is none to open. */
    openSettings(pane: SettingsPane): Promise<boolean>
  }
  readonly phone: {
    reportStatus(status: PhoneStatus, missedCalls: number): void
    incoming(id: string, caller: string): void
    settled(id: string, caller: string, missed: boolean): void
    callActive(active: boolean): void
    onCallAction(listener: (action: CallAction) => void): () => void
    /** The ring window's buttons: main hands the choice to the softphone window. */
    act(action: CallAction): void
    onDoNotDisturb(listener: (on: boolean) => void): () => void
  }
  /** Routes main asks for (links, tray, menu); the router shows them. */
  onNavigate(listener: (route: string) => void): () => void
  /** OS signals to re-register at once (resume, unlock); the browser's own are in sip/recovery-triggers.ts. */
  onRecover(listener: (reason: string) => void): () => void
  /** Null where the OS integration does not exist (the web). */
  readonly preferences: {
    read(): Promise<Preferences>
    write(patch: Partial<Preferences>): Promise<Preferences>
  } | null
  readonly updates: {
    state(): Promise<UpdateState>
    restart(): Promise<{ ok: true } | { ok: false; reason: string }>
    onChange(listener: (state: UpdateState) => void): () => void
  } | null
  readonly admin: {
    open(): Promise<void>
    connect(choice: AdminPlatformChoice): Promise<string>
    remembered(): Promise<AdminPlatformChoice | null>
  } | null
}
