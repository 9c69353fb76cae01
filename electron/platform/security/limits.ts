/**
 * Every limit on the endpoints anyone may call (sign-in, first-run setup,
 * activation), declared once with the reason for its value. They are not
 * settings on purpose: each is a security trade-off, not a deployment choice.
 * docs/security.md ("Admin web and device API") describes them together.
 */

// ---- Password hashing (security/passwords.ts) ----

/**
 * scrypt calls running at once, across the process. Each holds one of
 * libuv's four threads for ~0.3 s and 128 MiB; SQLite's calls run on the same
 * threads, so two hashes always leave two threads for the database.
 */
export const PASSWORD_HASHES_AT_ONCE = 2

/**
 * Hashes allowed to wait for a turn; beyond that a request is refused with
 * 503 at once. Eight waiting behind two running is about a second of wait.
 */
export const PASSWORD_HASHES_WAITING = 8

/** `Retry-After` of that 503: about the time the waiting hashes take to drain. */
export const PASSWORD_BUSY_RETRY_AFTER_SECONDS = 1
