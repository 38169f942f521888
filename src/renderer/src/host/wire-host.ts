import type { EventEnvelope } from '../../../shared/contract'
import type { Host, HostTarget } from '../../../shared/host'
import { BlockedWorkMonitor } from '../../../shared/host'
import type { Client } from '../../../shared/transport'
import type { AppStore } from '../state/app.store'
import { followOverdueQuestions } from '../state/forum-blocked'
import { applyTheme } from '../theme'

/** Takes the user where a notification or a tray entry points. */
export function navigate(store: AppStore, target: HostTarget): void {
  if (target.kind === 'run') store.getState().openRun(target.runId)
  else store.getState().showView(target.view)
}

/**
 * Connects the store, the core's events and the host: blocked work and the notifications the core records go to
 * the in-app center and to the host (tray, native or browser notifications); settings (the theme) and which secrets
 * are set follow the core.
 */
export function wireHost(store: AppStore, client: Client, host: Host) {
  // Notifications come from the core, which records them (they survive a reload); the monitor keeps the badge.
  const monitor = new BlockedWorkMonitor(
    {
      setBlockedWork(items) {
        store.getState().setBlocked(items)
        host.setBlockedWork(items)
      }
    },
    (issueId) => store.getState().issues[issueId]?.title
  )
  const refreshSecrets = () => client.invoke('secret.status', {}).then((s) => store.getState().setSecrets(s), () => undefined)
  const unsubscribe = client.subscribe((event) => {
    monitor.apply(event)
    if (event.topic === 'notification.created') {
      const { notification } = event.payload as EventEnvelope<'notification.created'>['payload']
      store.getState().receiveNotification(notification)
      host.notify(notification)
    } else if (event.topic.startsWith('notification.')) store.getState().applyNotificationEvent(event.topic, event.payload)
    // Set in any window, `serve` or the CLI: every view that warns about a missing key follows.
    if (event.topic === 'secret.changed') void refreshSecrets()
    if (event.topic === 'settings.updated') {
      const { settings } = event.payload as { settings: NonNullable<ReturnType<AppStore['getState']>['settings']> }
      store.getState().setSettings(settings)
      applyTheme(settings.theme)
    }
  })
  const offActivate = host.onActivate((target) => navigate(store, target))
  const overdue = followOverdueQuestions(client, monitor)
  return {
    /** After every (re)connect's refresh: the runs snapshot and the settings. */
    async afterRefresh() {
      monitor.load(Object.values(store.getState().runs))
      void store.getState().refreshNotifications()
      void overdue.refresh()
      void refreshSecrets()
      try {
        const settings = await client.invoke('settings.get', {})
        store.getState().setSettings(settings)
        applyTheme(settings.theme)
      } catch {
        // The theme stays as stored locally; the settings view shows its own error.
      }
    },
    dispose() {
      unsubscribe()
      offActivate()
      overdue.dispose()
    }
  }
}
