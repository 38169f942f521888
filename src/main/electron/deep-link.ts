import { app } from 'electron'
import { DEEP_LINK_SCHEME, deepLinkFromArgv } from '../desktop/deep-links'

/**
 * Registers `flightdeck://` with the system and passes every link to `open`: macOS sends 'open-url';
 * Linux and Windows start a second instance with the link in its argv, which the single-instance lock
 * turns into 'second-instance' here. A link that arrives before the app is ready waits for `open` to exist.
 */
export function registerDeepLinks(): { setHandler(open: (url: string) => void): void } {
  let handler: ((url: string) => void) | undefined
  const pending: string[] = []
  const deliver = (url: string) => (handler ? handler(url) : void pending.push(url))
  // In development (electron .) the app path must be passed so the system starts this app, not bare Electron.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]])
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  app.on('open-url', (event, url) => {
    event.preventDefault()
    deliver(url)
  })
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv)
    if (link) deliver(link)
  })
  return {
    setHandler(open) {
      handler = open
      for (const url of pending.splice(0)) open(url)
    }
  }
}
