import { IMAGE_TYPES } from './image-types'

/** What a paste or a drop brings: a picture to decode, text to read as a link or code, or nothing usable. */
export type TransferInput =
  { kind: 'image'; file: File } | { kind: 'text'; text: string } | { kind: 'other'; type: string }

/** The minimal DataTransfer the paste and drop events carry, so unit tests can build one. */
export interface TransferLike {
  readonly files: ArrayLike<File>
  getData(format: string): string
}

const isPicture = (type: string) => (IMAGE_TYPES as readonly string[]).includes(type)

/**
 * Reads a paste (Ctrl/Cmd+V) or a drop: a picture wins over text, because a
 * screenshot copied from some apps also carries its file name or HTML as
 * text. A file of another kind is reported, so the screen can say why
 * nothing happened.
 */
export function readTransfer(data: TransferLike | null): TransferInput | null {
  if (!data) return null
  const files = Array.from(data.files)
  const picture = files.find((f) => isPicture(f.type))
  if (picture) return { kind: 'image', file: picture }
  if (files[0]) return { kind: 'other', type: files[0].type || files[0].name }
  const text = data.getData('text/plain').trim()
  return text ? { kind: 'text', text } : null
}
