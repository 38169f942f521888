import { useMemo } from 'react'
import type { HostTarget } from '../../../../shared/host'
import { useApp, useAppStore, useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { navigate } from '../../host/wire-host'
import { NotificationCenter } from '../notifications/NotificationCenter'
import { Toaster } from '../notifications/Toaster'
import { type ActionContext, appActions } from '../palette/actions'
import { CommandPalette } from '../palette/CommandPalette'
import { ShortcutsSheet } from '../palette/ShortcutsSheet'
import { useShortcuts } from '../palette/use-shortcuts'

/** What floats over every view: toasts, the notification center, the palette, the shortcuts sheet and the keys. */
export function CommandCenterOverlays() {
  const store = useAppStore()
  const client = useClient()
  const host = useHost()
  const ctx = useMemo<ActionContext>(() => ({ store, client, host }), [store, client, host])
  const actions = useMemo(() => appActions(), [])
  useShortcuts(actions, ctx)
  const overlay = useApp((s) => s.overlay)
  const centerOpen = useApp((s) => s.centerOpen)
  const open = (n: { target: HostTarget }) => {
    store.getState().toggleCenter(false)
    navigate(store, n.target)
  }
  return (
    <>
      <Toaster onOpen={open} />
      {centerOpen && <NotificationCenter onOpen={open} />}
      {overlay === 'palette' && <CommandPalette actions={actions} ctx={ctx} />}
      {overlay === 'shortcuts' && <ShortcutsSheet actions={actions} onClose={() => store.getState().setOverlay(null)} />}
    </>
  )
}
