import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  cameraToStart,
  rememberCamera,
  storedCameraId,
} from '../../renderer/src/softphone/qr/camera-choice'
import { HINT_AFTER_MS, hintTimer } from '../../renderer/src/softphone/qr/hint-timer'
import { readTransfer, type TransferLike } from '../../renderer/src/softphone/qr/transfer-input'

describe('the hint after 10 s without a code', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('shows once, 10 s after the camera started, not before', () => {
    const show = vi.fn()
    hintTimer(show).restart()
    vi.advanceTimersByTime(HINT_AFTER_MS - 1)
    expect(show).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(show).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(HINT_AFTER_MS * 3)
    expect(show).toHaveBeenCalledOnce()
    expect(HINT_AFTER_MS).toBe(10_000)
  })

  it('waits the full 10 s again when the camera restarts', () => {
    const show = vi.fn()
    const timer = hintTimer(show)
    timer.restart()
    vi.advanceTimersByTime(7_000)
    timer.restart()
    vi.advanceTimersByTime(7_000)
    expect(show).not.toHaveBeenCalled()
    vi.advanceTimersByTime(3_000)
    expect(show).toHaveBeenCalledOnce()
  })

  it('never shows once cancelled (a code was read, the screen went away)', () => {
    const show = vi.fn()
    const timer = hintTimer(show)
    timer.restart()
    vi.advanceTimersByTime(9_000)
    timer.cancel()
    vi.advanceTimersByTime(HINT_AFTER_MS * 2)
    expect(show).not.toHaveBeenCalled()
  })
})

describe('the camera to start', () => {
  beforeEach(() => localStorage.clear())
  const cameras = [
    { id: 'built-in', label: 'Integrated Webcam' },
    { id: 'usb', label: 'USB Camera' },
  ]

  it('is the one facing the user when none was chosen, never the environment one', () => {
    expect(cameraToStart(cameras, undefined)).toEqual({ facingMode: 'user' })
  })

  it('is the remembered choice, across a restart', () => {
    rememberCamera('usb')
    expect(storedCameraId()).toBe('usb')
    expect(cameraToStart(cameras, storedCameraId())).toBe('usb')
  })

  it('falls back to the user-facing camera when the remembered one is unplugged', () => {
    rememberCamera('gone')
    expect(cameraToStart(cameras, storedCameraId())).toEqual({ facingMode: 'user' })
  })
})

describe('readTransfer (paste and drop)', () => {
  const transfer = (files: File[], text = ''): TransferLike => ({
    files,
    getData: (format) => (format === 'text/plain' ? text : ''),
  })
  const png = new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', { type: 'image/png' })

  it('takes a picture over the text that comes with it', () => {
    expect(readTransfer(transfer([png], 'shot.png'))).toEqual({ kind: 'image', file: png })
  })

  it('takes a JPEG among other files', () => {
    const pdf = new File(['%PDF'], 'invite.pdf', { type: 'application/pdf' })
    const jpeg = new File(['x'], 'photo.jpg', { type: 'image/jpeg' })
    expect(readTransfer(transfer([pdf, jpeg]))).toEqual({ kind: 'image', file: jpeg })
  })

  it('names a file that is not a PNG or JPEG', () => {
    const gif = new File(['GIF89a'], 'qr.gif', { type: 'image/gif' })
    expect(readTransfer(transfer([gif]))).toEqual({ kind: 'other', type: 'image/gif' })
  })

  it('passes pasted text (a link or a code) on, trimmed', () => {
    expect(readTransfer(transfer([], '  K7QF-3M9X-PW2D\n'))).toEqual({
      kind: 'text',
      text: 'K7QF-3M9X-PW2D',
    })
  })

  it('is nothing for an empty paste', () => {
    expect(readTransfer(transfer([], '   '))).toBeNull()
    expect(readTransfer(null)).toBeNull()
  })
})
