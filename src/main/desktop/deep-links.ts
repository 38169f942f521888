import { deepLinkToPath } from '../../shared/routes'

/** The URL scheme the desktop app registers: `flightdeck://run/<id>/changes` opens that run's changes. */
export const DEEP_LINK_SCHEME = 'flightdeck'

/** The first `flightdeck://` argument of a command line (how Linux and Windows pass a deep link), or null. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((a) => a.startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null
}

/** The page URL that shows `deepLink` (the renderer routes on the hash); the app page itself for none or a bad link. */
export function windowUrlFor(rendererUrl: string, deepLink: string | null): string {
  const target = deepLink ? deepLinkToPath(deepLink) : null
  if (!target) return rendererUrl
  const url = new URL(rendererUrl)
  url.hash = target
  return url.href
}
