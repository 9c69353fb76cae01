import { AttemptLimiter, reserveAll, type Attempt } from './attempt-limiter'
import {
  ACTIVATION_PER_ADDRESS,
  ACTIVATION_PER_ADDRESS_AND_PREFIX,
  SIGN_IN_KNOWN_ADDRESS_MS,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS_AND_ACCOUNT,
} from './limits'

const MAX_KNOWN_ADDRESSES = 100_000

/**
 * The attempt budgets of sign-in and activation (values and reasons in
 * ./limits.ts), one instance per platform. Each method reserves an attempt
 * synchronously or throws 429; the caller settles it with `succeeded()` or
 * `failed()` once the guess has been judged.
 */
export class AttemptLimits {
  private readonly signInPerAddress = new AttemptLimiter(SIGN_IN_PER_ADDRESS_AND_ACCOUNT)
  private readonly signInPerAccount = new AttemptLimiter(SIGN_IN_PER_ACCOUNT)
  /** `account\naddress` → when that address last signed in to that account. */
  private readonly knownAddresses = new Map<string, number>()
  private readonly activationPerPrefix = new AttemptLimiter(ACTIVATION_PER_ADDRESS_AND_PREFIX)
  private readonly activationPerAddress = new AttemptLimiter(ACTIVATION_PER_ADDRESS)

  /**
   * A sign-in to `email` from `address`. Counted per (address, account), and
   * against the account's ceiling unless the address signed in to the account
   * before: a guesser elsewhere can fill the ceiling, but not lock the owner
   * out of the addresses they work from.
   */
  signIn(address: string, email: string, now: number): Attempt {
    const account = email.trim().toLowerCase()
    const knownKey = `${account}\n${address}`
    const known = now - (this.knownAddresses.get(knownKey) ?? -Infinity) < SIGN_IN_KNOWN_ADDRESS_MS
    const attempt = reserveAll(
      [
        [this.signInPerAddress, `${address}\n${account}`],
        ...(known ? [] : [[this.signInPerAccount, account] as const]),
      ],
      now,
    )
    return {
      failed: () => attempt.failed(),
      abandoned: () => attempt.abandoned(),
      succeeded: () => {
        attempt.succeeded()
        this.knownAddresses.delete(knownKey)
        this.knownAddresses.set(knownKey, now)
        if (this.knownAddresses.size > MAX_KNOWN_ADDRESSES) {
          const oldest = this.knownAddresses.keys().next().value
          if (oldest !== undefined) this.knownAddresses.delete(oldest)
        }
      },
    }
  }

  /**
   * An activation from `address` with `code` (normalised, `K7QF-3M9X-PW2D`, or
   * null when the input was no code at all). Counted per (address, first group)
   * and per address.
   */
  activation(address: string, code: string | null, now: number): Attempt {
    // Input that is no code shares one bucket per address: it is never a near miss.
    const prefix = code ? code.split('-')[0]! : '(not a code)'
    return reserveAll(
      [
        [this.activationPerPrefix, `${address}\n${prefix}`],
        [this.activationPerAddress, address],
      ],
      now,
    )
  }
}
