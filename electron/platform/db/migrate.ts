import type { Database } from './connection'
import type { Migration } from './migration'
import { sql } from './sql'
import { migrations as allMigrations } from './migrations'

export class NewerDatabaseError extends Error {
  constructor(found: number, supported: number) {
    super(
      `The database was written by a newer version of phone.systems (schema ${found}); ` +
        `this version understands up to schema ${supported}. Upgrade the app or use another data folder.`,
    )
    this.name = 'NewerDatabaseError'
  }
}

/**
 * Brings the schema up to date: every pending migration and the new
 * `user_version` in one transaction, so a failure leaves the file as it was.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = allMigrations,
): Promise<{ from: number; to: number }> {
  const latest = migrations.length
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of order`)
  })
  return db.transaction(async (tx) => {
    const row = await tx.get<{ user_version: number }>(sql`PRAGMA user_version`)
    const current = row?.user_version ?? 0
    if (current > latest) throw new NewerDatabaseError(current, latest)
    for (const migration of migrations.slice(current)) await tx.exec(migration.sql)
    if (latest !== current) await tx.exec(`PRAGMA user_version = ${latest}`)
    return { from: current, to: latest }
  })
}
