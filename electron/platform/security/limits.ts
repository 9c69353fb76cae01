/**
 * Every limit on the endpoints anyone may call (sign-in, first-run setup,
 * activation), declared once with the reason for its value. They are not
 * settings on purpose: each is a security trade-off, not a deployment choice.
 * docs/security.md ("Admin web and device API") describes them together.
 */

export interface Budget {
  /** Attempts (or requests) allowed inside the window. */
  max: number
  windowMs: number
}

const MINUTE = 60_000

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

// ---- Admin sign-in and first-run setup (http/routes/admin-session.ts) ----

/**
 * Sign-in requests per address, right or wrong, for any email: without it an
 * address cycling through emails gets 5 guesses per email and keeps the hash
 * slots busy. A few admins behind one office address sign in far less often.
 */
export const SIGN_IN_REQUESTS_PER_ADDRESS: Budget = { max: 30, windowMs: MINUTE }

/**
 * First-run setup requests per address. Setup succeeds once in a platform's
 * life; the budget only leaves room for typing mistakes.
 */
export const SETUP_REQUESTS_PER_ADDRESS: Budget = { max: 10, windowMs: MINUTE }
