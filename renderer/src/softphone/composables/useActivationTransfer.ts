import { ref } from 'vue'
import { useTransferInput } from './useTransferInput'

const NOT_A_PICTURE =
  'This file is not a PNG or JPEG image. Paste or drop the QR code image from your invitation email.'

/**
 * Paste and drop on an activation screen other than `Scan QR code`: a
 * picture is read with the scanner's decoders (loaded only then), text is
 * taken as it is, and either is handed to `activate` as if typed. A picture
 * without a code, or a file of another kind, sets `error`.
 */
export function useActivationTransfer(activate: (text: string) => void | Promise<void>) {
  const error = ref('')
  const reading = ref(false)

  async function fromPicture(file: File): Promise<void> {
    reading.value = true
    try {
      const { decodeImageFile } = await import('../qr/image-decode')
      const text = await decodeImageFile(file)
      reading.value = false
      await activate(text)
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    } finally {
      reading.value = false
    }
  }

  const { dragging } = useTransferInput((input) => {
    error.value = ''
    if (input.kind === 'image') void fromPicture(input.file)
    else if (input.kind === 'text') void activate(input.text)
    else error.value = NOT_A_PICTURE
  })

  return { error, reading, dragging }
}
