import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/**
 * Normalises a telephone number to E.164 (`+4520304050`). Numbers must be
 * written in international form: an office's DID inventory spans countries,
 * so there is no safe default country to guess from.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim()
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) return null
  const international = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed
  const parsed = parsePhoneNumberFromString(international)
  if (!parsed || !parsed.isValid()) return null
  return parsed.number
}
