import type { App } from 'electron'
import { linkFromArgv, parseAppLink, routeForLink, type AppLink } from './app-links'

export interface LinkRoutingDeps {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>
  argv: readonly string[]
  /** Shows the window (creating it if needed) at this renderer route. */
  open(route: string): void
  /** Brings the window forward without changing what it shows. */
  focus(): void
}

/**
 * One running app: a second launch hands its link to the first and quits.
 * Links arrive in argv (Windows, Linux: cold start and `second-instance`) or
 * as `open-url` (macOS, listened for from `will-finish-launching`, before the
 * app is ready). Until the window exists (`takeInitialRoute`, called when it
 * is created), the newest link waits; afterwards each link opens its route.
 * `primary` is false when this process is the second instance and quits.
 */
export function installLinkRouting(deps: LinkRoutingDeps): {
  primary: boolean
  takeInitialRoute(): string | null
} {
  if (!deps.app.requestSingleInstanceLock()) {
    deps.app.quit()
    return { primary: false, takeInitialRoute: () => null }
  }
  let windowReady = false
  let pending: AppLink | null = linkFromArgv(deps.argv)
  const route = (link: AppLink | null) => {
    if (!windowReady) {
      if (link) pending = link
      return
    }
    if (link) deps.open(routeForLink(link))
    else deps.focus()
  }
  deps.app.on('second-instance', (_event, argv) => route(linkFromArgv(argv)))
  deps.app.on('will-finish-launching', () => {
    deps.app.on('open-url', (event, url) => {
      event.preventDefault()
      route(parseAppLink(url))
    })
  })
  return {
    primary: true,
    takeInitialRoute() {
      windowReady = true
      const link = pending
      pending = null
      return link ? routeForLink(link) : null
    },
  }
}
