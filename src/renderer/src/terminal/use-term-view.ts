import { useEffect, useRef, useState } from 'react'
import { useApp, useClient } from '../app/context'
import { useHost } from '../host/host-context'
import { type TermStatus, TermView } from './term-view'

/**
 * Mounts the TermView of a terminal stream key (a run's agent, or a named command: see terminalKey) in the returned container ref: one per session (run state changes do not rebuild
 * it, a restart's new session does), following the renderer setting and whether it is on screen.
 */
export function useTermView(key: string, sessionId: string | null, visible = true) {
  const client = useClient()
  const host = useHost()
  const container = useRef<HTMLDivElement>(null)
  const view = useRef<TermView | null>(null)
  const [status, setStatus] = useState<TermStatus>({ kind: 'loading' })
  const renderer = useApp((s) => s.settings?.terminalRenderer ?? 'auto')

  useEffect(() => {
    if (!container.current) return
    const term = new TermView(client, key, setStatus, (uri) => host.openExternal(uri))
    term.open(container.current, visible, renderer)
    view.current = term
    return () => {
      term.dispose()
      view.current = null
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, host, key, sessionId])

  useEffect(() => view.current?.setRendererPreference(renderer), [renderer])
  useEffect(() => view.current?.setVisible(visible), [visible])
  const online = useApp((s) => s.connection === 'open')
  useEffect(() => view.current?.setOnline(online), [online])

  return { container, view, status, online }
}
