import { appDecoders } from './decode/app-decoders'
import { decodeAttempts, type Attempt } from './decode/image-attempts'

/** What the Scan screen says when a picture holds no code it can read. */
export const NO_CODE_IN_IMAGE =
  'No QR code found in this image. Open the QR code from your invitation email (a screenshot of the email works too), or enter the code manually.'
export const NOT_AN_IMAGE =
  'This file is not a picture phone.systems™ can open. Use a PNG or JPEG image.'

export class ImageDecodeError extends Error {}

function draw(bitmap: ImageBitmap, { scale, pad }: Attempt): ImageData {
  const w = Math.max(1, Math.round(bitmap.width * scale))
  const h = Math.max(1, Math.round(bitmap.height * scale))
  const canvas = document.createElement('canvas')
  canvas.width = w + 2 * pad
  canvas.height = h + 2 * pad
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new ImageDecodeError(NOT_AN_IMAGE)
  // Paper behind the picture: transparent pixels and the padding read as white.
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(bitmap, pad, pad, w, h)
  return ctx.getImageData(0, 0, canvas.width, canvas.height)
}

/**
 * The text of the QR code in a picture file (picked, pasted or dropped),
 * read with the same decoders as the camera. Throws an `ImageDecodeError`
 * whose message is the sentence to show.
 */
export async function decodeImageFile(file: Blob): Promise<string> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new ImageDecodeError(NOT_AN_IMAGE)
  }
  try {
    const decoders = await appDecoders('attemptBoth')
    const text = await decodeAttempts(decoders, bitmap.width, bitmap.height, (a) => draw(bitmap, a))
    if (!text) throw new ImageDecodeError(NO_CODE_IN_IMAGE)
    return text
  } finally {
    bitmap.close()
  }
}
