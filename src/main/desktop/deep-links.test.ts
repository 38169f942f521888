import { describe, expect, it } from 'vitest'
import { deepLinkFromArgv, windowUrlFor } from './deep-links'

describe('deep links', () => {
  it('finds the link on a command line and routes the app page to it', () => {
    expect(deepLinkFromArgv(['/usr/bin/flightdeck', '--flag', 'flightdeck://settings'])).toBe('flightdeck://settings')
    expect(deepLinkFromArgv(['/usr/bin/flightdeck'])).toBeNull()
    const page = 'file:///opt/flightdeck/out/renderer/index.html'
    expect(windowUrlFor(page, 'flightdeck://run/R1/timeline')).toBe(`${page}#/run/R1/timeline`)
    expect(windowUrlFor(page, 'flightdeck://inbox?label=ui')).toBe(`${page}#/inbox?label=ui`)
    expect(windowUrlFor(page, 'mailto:x@example.com')).toBe(page)
    expect(windowUrlFor(page, null)).toBe(page)
  })
})
