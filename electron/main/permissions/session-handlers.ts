import type { Session } from 'electron'
import { isPermitted } from './policy'
import { originOf } from '../url-origin'

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>

/**
 * Puts policy.ts behind the session's three handlers. Requests and checks
 * go through the same function, so `navigator.permissions.query` tells the
 * page what a request would get. Devices (USB, HID, serial) are never granted.
 */
export function applyPermissionPolicy(session: PermissionSession, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    callback(
      isPermitted(
        {
          permission,
          origin: originOf(details.requestingUrl) ?? '',
          url: details.requestingUrl,
          isMainFrame: details.isMainFrame,
          media,
        },
        appOrigin,
      ),
    )
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermitted(
      {
        permission,
        origin: originOf(requestingOrigin) ?? originOf(details.requestingUrl) ?? '',
        url: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        media: details.mediaType ? [details.mediaType] : ['unknown'],
      },
      appOrigin,
    ),
  )
  session.setDevicePermissionHandler(() => false)
}
