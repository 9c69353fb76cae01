import type { Queryable } from './connection'

/** Throws when the database does not answer a trivial query. */
export async function checkDatabase(db: Queryable): Promise<void> {
  await db.get('SELECT 1')
}
