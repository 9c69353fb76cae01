import type { Queryable } from './connection'
import { sql } from './sql'

/** Throws when the database does not answer a trivial query. */
export async function checkDatabase(db: Queryable): Promise<void> {
  await db.get(sql`SELECT 1`)
}
