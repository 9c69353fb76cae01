import type { Pixels, QrDecoder } from './pixels'

/**
 * Tries each decoder on the same frame in order and returns the first text
 * read. A decoder that throws (a detector the OS withdrew, a frame it does
 * not like) counts as "nothing read", so the next one still gets its turn.
 */
export async function decodeFirst(
  decoders: readonly QrDecoder[],
  frame: Pixels,
): Promise<string | null> {
  for (const decoder of decoders) {
    try {
      const text = await decoder.decode(frame)
      if (text) return text
    } catch (err) {
      console.warn(`phone.systems: QR decoder ${decoder.name} failed`, err)
    }
  }
  return null
}
