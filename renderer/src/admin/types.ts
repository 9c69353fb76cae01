/** What a row's `Actions` menu can ask the Users page to do. */
export type UserAction = 'invite' | 'edit' | 'app' | 'devices' | 'delete'
