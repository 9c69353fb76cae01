import { onBeforeUnmount, onMounted, ref } from 'vue'
import { readTransfer, type TransferInput } from '../qr/transfer-input'

/** A paste aimed at a text field is typing, not a QR code: leave it to the field. */
function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement)
  )
}

/**
 * Paste (Ctrl/Cmd+V) and drag and drop anywhere on the screen, for as long
 * as the component is mounted: each picture or text pasted or dropped is
 * handed to `onInput`. `dragging` is true while a file is held over the
 * page, for a visible drop target.
 */
export function useTransferInput(onInput: (input: TransferInput) => void) {
  const dragging = ref(false)

  function onPaste(event: ClipboardEvent): void {
    if (isEditable(event.target)) return
    const input = readTransfer(event.clipboardData)
    if (!input) return
    event.preventDefault()
    onInput(input)
  }

  function onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return
    // Without preventDefault the browser would open the dropped file instead of the app getting it.
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    dragging.value = true
  }

  function onDragLeave(event: DragEvent): void {
    // Leaving a child element fires dragleave too; only leaving the window ends the drag.
    if (event.relatedTarget === null) dragging.value = false
  }

  function onDrop(event: DragEvent): void {
    dragging.value = false
    const input = readTransfer(event.dataTransfer)
    if (!input) return
    event.preventDefault()
    onInput(input)
  }

  onMounted(() => {
    document.addEventListener('paste', onPaste)
    document.addEventListener('dragenter', onDragOver)
    document.addEventListener('dragover', onDragOver)
    document.addEventListener('dragleave', onDragLeave)
    document.addEventListener('drop', onDrop)
  })
  onBeforeUnmount(() => {
    document.removeEventListener('paste', onPaste)
    document.removeEventListener('dragenter', onDragOver)
    document.removeEventListener('dragover', onDragOver)
    document.removeEventListener('dragleave', onDragLeave)
    document.removeEventListener('drop', onDrop)
  })

  return { dragging }
}
