import { electronBridge } from './electron-bridge'
import type { Bridge } from './types'
import { webBridge } from './web-bridge'

export type * from './types'

/** Chosen once: the preload's API is there from the first line of the page or never. */
export const bridge: Bridge = window.phoneSystems
  ? electronBridge(window.phoneSystems)
  : webBridge()
