import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  app,
  type BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
} from 'electron'
// CommonJS without exports Node's ESM loader can see: read from the default export.
import nodeMachineId from 'node-machine-id'
import { adminConnection } from './admin/admin-connection'
import { applyAppMenu, buildAppMenuTemplate } from './app-menu'
import { handleAppScheme, registerAppScheme } from './app-protocol'
import { desktopStateFile } from './desktop-state'
import { deviceIdentity } from './device-identity'
import { startEmbeddedPlatform } from './embedded-platform'
import { registerHandlers } from './ipc/handlers'
import { createIpcRegistry } from './ipc/registry'
import { LINK_SCHEMES } from './links/app-links'
import { installLinkRouting } from './links/link-routing'
import { createLoginItem, linuxConfigDir, startsHidden } from './login-item'
import { notificationActionsWork, notifyIncomingCall } from './notifications/incoming-call'
import { notifyMissedCall } from './notifications/missed-call'
import { openRingWindow } from './notifications/ring-window'
import { allowRingtoneWithoutGesture } from './notifications/ringtone-policy'
import { osMediaAccess } from './permissions/os-media-access'
import { applyPermissionPolicy } from './permissions/session-handlers'
import { createPhoneShell } from './phone-shell'
import { watchRecoveryEvents } from './power/recovery-events'
import { preferenceStore } from './preferences'
import { rendererOrigin } from './renderer-url'
import { createSecretStore } from './secrets/secret-store'
import { lockDownWebContents } from './security'
import { installShutdown } from './shutdown'
import { showMissedCallBadge } from './tray/badge'
import { installCloseToTray } from './tray/close-to-tray'
import { createTray } from './tray/tray'
import { toContractState } from './updates/contract-state'
import { electronAutoUpdater } from './updates/electron-updater'
import { INSTALLER_FEED_FILE, updateFeedUrl } from './updates/feed-url'
import { createUpdateManager } from './updates/update-manager'
import {
  bringForward,
  createAdminWindow,
  createRingWindow,
  createSoftphoneWindow,
  loadRoute,
  showRoute,
} from './window'

// Wiring only: every module below takes the Electron APIs it uses as parameters and
// is unit-tested with fakes (test/unit/electron-*.test.ts).

let softphone: BrowserWindow | undefined
let admin: BrowserWindow | undefined
const platform = process.platform

const ipc = createIpcRegistry(ipcMain, rendererOrigin)
const navigate = (window: BrowserWindow, route: string) =>
  ipc.send(window.webContents, 'app:navigate', { route })

/** The softphone at `route` (or as it is), created if needed, brought forward. */
function openSoftphone(route: string | null, show = true): BrowserWindow {
  if (!softphone || softphone.isDestroyed()) {
    softphone = createSoftphoneWindow(route, show)
  } else if (route) showRoute(softphone, route, navigate)
  if (show) bringForward(softphone)
  return softphone
}

function openAdmin(): void {
  if (!admin || admin.isDestroyed()) admin = createAdminWindow()
  else bringForward(admin)
}

// A second launch hands its link (phonesystems://activate…, tel:, sip:) to the
// running app and quits before anything else starts.
const links = installLinkRouting({
  app,
  argv: process.argv,
  open: (route) => openSoftphone(route),
  focus: () => openSoftphone(null),
})

if (links.primary) {
  // Sandbox every renderer, including any created by a library or by mistake without
  // `sandbox: true`. Must be called before the app is ready.
  app.enableSandbox()
  registerAppScheme()
  lockDownWebContents()
  allowRingtoneWithoutGesture(app.commandLine)
  if (platform === 'win32') app.setAppUserModelId('systems.phone.desktop')
  const shutdown = installShutdown(app)

  app.on('window-all-closed', () => {
    // macOS apps stay running with no window until the person quits.
    if (platform !== 'darwin') app.quit()
  })
  app.on('activate', () => openSoftphone(null))

  // Not a top-level await: Electron waits for the ESM entry to finish evaluating before
  // it emits `ready`, so awaiting readiness here would never resolve.
  void app.whenReady().then(() => {
    const userData = app.getPath('userData')
    applyPermissionPolicy(session.defaultSession, rendererOrigin)
    handleAppScheme()
    // Windows installers do not register URL schemes from electron-builder.yml's
    // `protocols`; the app does it for the current user (packaged builds only, so a
    // development run does not claim tel: for the Electron binary).
    if (platform === 'win32' && app.isPackaged)
      for (const scheme of LINK_SCHEMES) app.setAsDefaultProtocolClient(scheme)

    const state = desktopStateFile(userData)
    const trayIcons = app.isPackaged
      ? path.join(process.resourcesPath, 'tray')
      : path.join(app.getAppPath(), 'build', 'tray')
    const tray = createTray(
      { Tray, Menu, nativeImage, iconPath: (name) => path.join(trayIcons, `${name}.png`) },
      {
        show: () => openSoftphone(null),
        toggleDoNotDisturb: (on) =>
          softphone && ipc.send(softphone.webContents, 'phone:do-not-disturb', { on }),
        openAdminConsole: openAdmin,
        quit: () => app.quit(),
      },
    )
    const ringWithButtons = notificationActionsWork({
      platform,
      windowsStore: process.windowsStore === true,
    })
    const phone = createPhoneShell({
      tray,
      badge: (count) =>
        showMissedCallBadge(
          {
            app,
            platform,
            window: softphone,
            overlayIcon: nativeImage.createFromPath(path.join(trayIcons, 'dnd.png')),
          },
          count,
        ),
      ring: (call, choose) =>
        ringWithButtons
          ? notifyIncomingCall({ Notification, platform }, call, {
              show: () => choose('show'),
              answer: () => choose('answer'),
              decline: () => choose('decline'),
            })
          : openRingWindow(
              () => createRingWindow(screen.getPrimaryDisplay().workArea),
              (window, route) =>
                loadRoute(window, `${route}&caller=${encodeURIComponent(call.caller)}`),
              call.id,
            ),
      missed: (caller, count) =>
        notifyMissedCall({ Notification }, { caller, count }, () => openSoftphone('/history')),
      softphoneFocused: () => !!softphone && !softphone.isDestroyed() && softphone.isFocused(),
      showSoftphone: () => openSoftphone(null),
      tellSoftphone: (call) => softphone && ipc.send(softphone.webContents, 'call:action', call),
    })

    const installerFeed = path.join(process.resourcesPath, INSTALLER_FEED_FILE)
    const updates = createUpdateManager({
      updater: electronAutoUpdater(),
      feedUrl: updateFeedUrl(
        process.env,
        app.isPackaged && existsSync(installerFeed)
          ? readFileSync(installerFeed, 'utf8')
          : undefined,
        (message) => console.warn(message),
      ),
      isCallActive: () => phone.callActive(),
      log: { info: (m) => console.info(m), warn: (m) => console.warn(m) },
    })
    updates.onChange((next) => {
      for (const window of [softphone, admin])
        if (window && !window.isDestroyed())
          ipc.send(window.webContents, 'updates:changed', toContractState(next))
    })

    const connection = adminConnection({
      state,
      startEmbedded: () => startEmbeddedPlatform(userData),
      fetch,
    })
    shutdown.add(() => connection.stop())
    shutdown.add(async () => updates.dispose())

    const secrets = createSecretStore(safeStorage, path.join(userData, 'secrets'), platform)
    // Whether this computer holds an activation: closing to the tray only makes sense then.
    let activated = false
    void secrets.read('session').then((kept) => (activated = kept !== null))
    const loginItem = createLoginItem({
      app,
      platform,
      fs,
      configDir: linuxConfigDir(process.env, os.homedir()),
      execPath: process.execPath,
      ...(process.env['APPIMAGE'] ? { appImagePath: process.env['APPIMAGE'] } : {}),
      appName: 'phone.systems',
    })
    const identity = deviceIdentity({
      machineId: () => nodeMachineId.machineIdSync(),
      hostname: os.hostname,
      platform,
    })

    registerHandlers(ipc, {
      info: { platform, appVersion: app.getVersion(), versions: process.versions },
      identity: () => identity,
      secrets: {
        ...secrets,
        write: (key, value) => ((activated = true), secrets.write(key, value)),
        delete: (key) => ((activated = false), secrets.delete(key)),
      },
      media: osMediaAccess({ systemPreferences, shell, platform }),
      phone,
      preferences: preferenceStore(loginItem, state),
      updates: {
        state: () => toContractState(updates.state()),
        restartToUpdate: () => updates.restartToUpdate(),
      },
      admin: { open: openAdmin, connection },
    })

    applyAppMenu(
      Menu,
      buildAppMenuTemplate({
        platform,
        appName: 'phone.systems',
        actions: {
          openSoftphone: () => openSoftphone(null),
          openAdminConsole: openAdmin,
          showAbout: () => app.showAboutPanel(),
          quit: () => app.quit(),
        },
      }),
    )

    watchRecoveryEvents(powerMonitor, (event) => {
      if (!softphone || softphone.isDestroyed()) return
      if (event === 'resume' || event === 'unlock-screen')
        ipc.send(softphone.webContents, 'power:recover', { reason: event })
      else ipc.send(softphone.webContents, 'power:suspend', { reason: event })
    })

    const window = openSoftphone(
      links.takeInitialRoute(),
      !startsHidden(process.argv, { platform, app }),
    )
    installCloseToTray(window, {
      // Hidden only once activated: closing an unactivated app should quit it.
      shouldHide: () => state.read().hideToTrayOnClose && activated,
      isQuitting: shutdown.isQuitting,
    })
    updates.start()
  })
}
