/**
 * A user's status as one SQL expression over the alias `u`, so the list can
 * filter and sort on it without loading every user. `?` is "now" (epoch ms),
 * bound twice.
 *
 * - active: at least one device not revoked
 * - invited / invitation_failed: the newest invitation is still usable
 * - not_invited: otherwise (none, expired, revoked, or used by a device since revoked)
 */
export const USER_STATUS_SQL = `
  CASE
    WHEN EXISTS (SELECT 1 FROM devices d WHERE d.user_id = u.id AND d.revoked_at IS NULL)
      THEN 'active'
    ELSE coalesce((
      SELECT CASE
        WHEN i.status IN ('pending', 'sent') AND i.expires_at > ? THEN 'invited'
        WHEN i.status = 'failed' AND i.expires_at > ? THEN 'invitation_failed'
        ELSE 'not_invited' END
      FROM invitations i WHERE i.user_id = u.id ORDER BY i.id DESC LIMIT 1
    ), 'not_invited')
  END`
