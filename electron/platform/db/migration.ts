/** A numbered schema change. Versions are consecutive from 1; `sql` runs inside the migration transaction. */
export interface Migration {
  version: number
  name: string
  sql: string
}
