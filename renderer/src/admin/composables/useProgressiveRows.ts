import { computed, ref, watch, type Ref } from 'vue'

/**
 * The first screenful of a table's rows in one frame, the rest in the next.
 * Each DataTable row costs a few milliseconds to create on a freshly loaded
 * page, and the rows below the fold can wait until the ones the admin looks
 * at are on screen. `complete` turns true once every row has been drawn and
 * stays true: the paginator, at the bottom, comes with the rest instead of
 * being drawn under the first rows and jumping down a frame later.
 *
 * `eachChange`: split every new list this way (a server page replaced as the
 * admin types), or only the first one (a list filtered in memory, where a
 * one-frame cut would make the paginator's count flicker).
 */
export function useProgressiveRows<T>(
  items: () => readonly T[],
  { screenful, eachChange }: { screenful: number; eachChange: boolean },
): { rows: Readonly<Ref<readonly T[]>>; complete: Readonly<Ref<boolean>> } {
  const limit = ref(screenful)
  const complete = ref(false)
  watch(
    items,
    (list) => {
      // Nothing yet (still loading) or nothing to show: wait for rows.
      if (list.length === 0) return
      if (list.length <= screenful) {
        complete.value = true
        return
      }
      if (complete.value && !eachChange) return
      limit.value = screenful
      // rAF runs just before the paint; the timeout it posts runs just after it.
      requestAnimationFrame(() =>
        setTimeout(() => {
          limit.value = Infinity
          complete.value = true
        }),
      )
    },
    { immediate: true },
  )
  return { rows: computed(() => items().slice(0, limit.value)), complete }
}
