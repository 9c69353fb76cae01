import { readActivationText } from '@shared/activation-code'

/** What to send to which platform, or why the input cannot be a code at all. */
export type ActivationInput =
  { ok: true; code: string; server: string | null } | { ok: false; message: string }

export const MESSAGES = {
  empty: 'Enter the authentication code from your invitation email.',
  notACode:
    'An authentication code has 12 letters and digits, like K7QF-3M9X-PW2D. Check it against the invitation email, or paste the whole activation link.',
  notALink:
    'This is not a phone.systems activation link. Paste the authentication code (like K7QF-3M9X-PW2D) or the whole link from the invitation email.',
} as const

const REASONS = {
  empty: MESSAGES.empty,
  'not-a-code': MESSAGES.notACode,
  'not-a-link': MESSAGES.notALink,
}

/**
 * Reads what the user typed, pasted or scanned: the short code, either
 * activation link (`<server>/activate#<code>`, or the desktop app's
 * `phonesystems://activate?server=…&code=…`), or a paragraph of the email
 * around one. Only the code goes to the platform; a link's server says which
 * platform. Checked here first so a typo gets a precise answer at once instead
 * of using up one of the platform's five tries a minute.
 */
export function readActivationInput(input: string): ActivationInput {
  const read = readActivationText(input)
  return read.ok ? read : { ok: false, message: REASONS[read.reason] }
}
