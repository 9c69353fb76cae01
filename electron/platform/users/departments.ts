import type { Queryable } from '../db/connection'
import { countUsersByDepartment } from './repository'

/**
 * The departments users are in, for the Users filter: each once however it
 * is capitalised (the most common spelling wins), sorted, blanks left out.
 */
export async function listDepartments(db: Queryable): Promise<string[]> {
  const rows = await countUsersByDepartment(db)
  const best = new Map<string, { department: string; n: number }>()
  for (const row of rows) {
    const key = row.department.toLowerCase()
    const seen = best.get(key)
    if (!seen || row.n > seen.n) best.set(key, row)
  }
  return [...best.values()]
    .map((r) => r.department)
    .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))
}
