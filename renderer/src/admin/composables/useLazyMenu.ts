import type Menu from 'primevue/menu'
import { nextTick, ref } from 'vue'

/**
 * A popup Menu created on first use rather than with the page: the Users page
 * shows its rows without paying for menus nobody has opened yet. Bind
 * `<Menu v-if="mounted" ref="menu">` and call `toggle` from the button.
 */
export function useLazyMenu() {
  const menu = ref<InstanceType<typeof Menu>>()
  const mounted = ref(false)

  async function toggle(event: Event): Promise<void> {
    // The button, taken now: after the await the event no longer has a currentTarget.
    const target = event.currentTarget as HTMLElement
    if (!mounted.value) {
      mounted.value = true
      await nextTick()
    }
    menu.value?.toggle(event, target)
  }

  return { menu, mounted, toggle }
}
