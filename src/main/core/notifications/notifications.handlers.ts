import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { notificationCommands } from '../../../shared/contract/notifications'
import type { Services } from '../services'

type NotificationHandlers = { [N in keyof typeof notificationCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** The notification center. */
export function notificationHandlers(s: Services): NotificationHandlers {
  return {
    'notification.list': (input) => s.notifications.list(input),
    'notification.read': (input) => s.notifications.read(input),
    'notification.clear': () => s.notifications.clear()
  }
}
