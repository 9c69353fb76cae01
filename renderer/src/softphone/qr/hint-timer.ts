/** How long the camera may look without reading a code before the screen suggests what to try. */
export const HINT_AFTER_MS = 10_000

/**
 * Calls `show` once after `delayMs` unless cancelled first. `restart` starts
 * the wait again (the camera was restarted or switched).
 */
export function hintTimer(show: () => void, delayMs = HINT_AFTER_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const cancel = () => {
    clearTimeout(timer)
    timer = undefined
  }
  const restart = () => {
    cancel()
    timer = setTimeout(() => {
      timer = undefined
      show()
    }, delayMs)
  }
  return { restart, cancel }
}
