import { ref, shallowRef, type Ref } from 'vue'
import { errorMessage } from '../format'

/**
 * What a page shows from one platform request, with its loading and error
 * state; `load()` again refreshes it. The previous value stays on screen
 * while a refresh runs, and an error leaves it too, beside the message.
 */
export function useLoaded<T>(fetch: () => Promise<T>): {
  value: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  load: () => Promise<void>
} {
  const value = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  async function load(): Promise<void> {
    loading.value = true
    try {
      value.value = await fetch()
      error.value = null
    } catch (err) {
      error.value = errorMessage(err)
    } finally {
      loading.value = false
    }
  }
  return { value, loading, error, load }
}
