import type { NotificationConstructorOptions } from 'electron'

/** The part of an Electron `Notification` these modules use. */
export interface NotificationHandle {
  on(event: 'click', listener: () => void): unknown
  on(
    event: 'action',
    // Electron 41 passes the index in `details`; earlier versions only as the second argument.
    listener: (details: { actionIndex?: number } | undefined, actionIndex: number) => void,
  ): unknown
  show(): void
  close(): void
}

/** Electron's `Notification` class, or a fake with the same shape. */
export type NotificationConstructor = new (
  options: NotificationConstructorOptions,
) => NotificationHandle
