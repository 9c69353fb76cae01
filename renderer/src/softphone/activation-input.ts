import { normalizeActivationCode, parseActivationLink } from '@shared/activation-code'

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

/**
 * Reads what the user typed, pasted or scanned: the short code, or the whole
 * `phonesystems://activate?server=…&code=…` link, whose `server` names the
 * platform to activate against. Checked here first so a typo gets a precise
 * answer at once instead of using up one of the platform's five tries a minute.
 */
export function readActivationInput(input: string): ActivationInput {
  const text = input.trim()
  if (!text) return { ok: false, message: MESSAGES.empty }
  if (text.includes('://')) {
    const link = parseActivationLink(text)
    if (!link) return { ok: false, message: MESSAGES.notALink }
    return { ok: true, code: text, server: link.server.replace(/\/+$/, '') }
  }
  const code = normalizeActivationCode(text)
  if (!code) return { ok: false, message: MESSAGES.notACode }
  return { ok: true, code, server: null }
}
