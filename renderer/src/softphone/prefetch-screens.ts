/**
 * The screens that follow activation (the layout with the SIP stack, then
 * Welcome), as loaders. The Scan and code screens start them while the
 * person holds up or pastes the code, so activation → Ready waits on the
 * network and the SIP server only, not on downloading and parsing the app.
 */
export const loadActivatedLayout = () => import('./views/ActivatedLayout.vue')
export const loadWelcome = () => import('./views/WelcomeView.vue')

export function prefetchActivatedScreens(): void {
  void loadActivatedLayout()
  void loadWelcome()
}
