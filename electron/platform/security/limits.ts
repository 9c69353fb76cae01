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

// ---- Admin sign-in (admins/service.ts) and first-run setup (http/routes/admin-session.ts) ----

/**
 * Failed sign-ins per (client address, email). Counted per pair, not per
 * address alone, so one address guessing at an account does not lock the
 * account's owner out from another address.
 */
export const SIGN_IN_PER_ADDRESS_AND_ACCOUNT: Budget = { max: 5, windowMs: MINUTE }

/**
 * Failed sign-ins per email, from every address that has not signed in to
 * that account before: caps guessing spread over many addresses at 50 per
 * quarter hour (under 5,000 a day, hopeless against a 12-character password).
 * An address the account signed in from is exempt (`SIGN_IN_KNOWN_ADDRESS_MS`),
 * so the owner keeps signing in while a botnet holds the ceiling full.
 */
export const SIGN_IN_PER_ACCOUNT: Budget = { max: 50, windowMs: 15 * MINUTE }

/** How long a successful sign-in makes its address exempt from the per-account ceiling. */
export const SIGN_IN_KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE

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

// ---- Activation (activation/service.ts) ----

/**
 * Failed activations per (client address, first group of the code). A person
 * mistyping their own code keeps its first group, so they use up only their
 * own budget: colleagues behind the same office address, whose codes start
 * differently, are not refused because of them.
 */
export const ACTIVATION_PER_ADDRESS_AND_PREFIX: Budget = { max: 5, windowMs: MINUTE }

/**
 * Failed activations per address over all prefixes: what stops a guesser who
 * varies the first group. 50 a quarter hour is ~2^12 guesses a day against a
 * 60-bit code; no one person mistypes 50 times, so an office is not locked out.
 */
export const ACTIVATION_PER_ADDRESS: Budget = { max: 50, windowMs: 15 * MINUTE }
