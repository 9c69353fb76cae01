import { readStored, writeStored } from '../storage'

const CAMERA_KEY = 'phone-systems.camera'

export interface CameraInfo {
  id: string
  label: string
}

/** The camera the user chose last time, if any. */
export function storedCameraId(): string | undefined {
  return readStored(CAMERA_KEY, (v): v is string => typeof v === 'string' && v.length > 0)
}

export function rememberCamera(id: string): void {
  writeStored(CAMERA_KEY, id)
}

/**
 * What to ask html5-qrcode for: the remembered camera while it is still
 * connected, else the one facing the user. Never `environment`: a laptop's
 * webcam faces the user, and asking for a rear camera there fails or picks
 * an odd virtual device.
 */
export function cameraToStart(
  cameras: readonly CameraInfo[],
  remembered: string | undefined,
): string | { facingMode: 'user' } {
  if (remembered && cameras.some((c) => c.id === remembered)) return remembered
  return { facingMode: 'user' }
}
