import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Now, ticking once a second while the component lives: for call durations. */
export function useNow(): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), 1000)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
