import { ref, type Ref } from 'vue'
import { errorMessage } from '../format'
import { latestRequests } from '../latest-requests'

/**
 * One page of a list the platform pages and searches (Users, Numbers), and
 * `load()` to fetch it again. Fetched on every keystroke with no debounce:
 * only the answer to the newest request is shown (`latestRequests`).
 */
export function usePagedList<T>(
  fetchPage: (signal: AbortSignal) => Promise<{ items: T[]; total: number }>,
) {
  const items = ref([]) as Ref<T[]>
  /** How many match, all pages together. */
  const total = ref(0)
  const error = ref<string | null>(null)
  /** Set once the first answer arrived, so an empty table can say "none" rather than nothing. */
  const loaded = ref(false)
  const latest = latestRequests()

  async function load(): Promise<void> {
    const outcome = await latest(fetchPage)
    if (!outcome) return
    if ('error' in outcome) {
      error.value = errorMessage(outcome.error)
      return
    }
    items.value = outcome.value.items
    total.value = outcome.value.total
    error.value = null
    loaded.value = true
  }

  return { items, total, error, loaded, load }
}
