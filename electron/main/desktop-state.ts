import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const adminChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('this-computer') }),
  z.object({ kind: z.literal('address'), url: z.string() }),
])

/** What the desktop app itself remembers (the OS keeps `Start at login`; secrets are elsewhere). */
const stateSchema = z.object({
  hideToTrayOnClose: z.boolean().catch(true),
  adminPlatform: adminChoice.nullable().catch(null),
})

export type DesktopState = z.output<typeof stateSchema>
export type AdminChoice = z.output<typeof adminChoice>

export interface DesktopStateFile {
  read(): DesktopState
  update(patch: Partial<DesktopState>): DesktopState
}

/**
 * `desktop-state.json` in the user-data folder. A missing, unreadable or
 * half-valid file gives the defaults for what is wrong and keeps the rest,
 * so an older or hand-edited file never stops the app from starting.
 */
export function desktopStateFile(userData: string): DesktopStateFile {
  const file = path.join(userData, 'desktop-state.json')
  let state = load()

  function load(): DesktopState {
    let raw: unknown = {}
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      // First start, or a damaged file: defaults.
    }
    const parsed = stateSchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {})
    return parsed.success ? parsed.data : stateSchema.parse({})
  }

  return {
    read: () => state,
    update(patch) {
      state = stateSchema.parse({ ...state, ...patch })
      mkdirSync(userData, { recursive: true })
      writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2))
      renameSync(`${file}.tmp`, file)
      return state
    },
  }
}
