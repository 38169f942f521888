import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import type { NotificationSeverity } from '../../../../shared/host'

export const severityIcon: Record<NotificationSeverity, { icon: LucideIcon; color: string }> = {
  info: { icon: Info, color: 'text-accent' },
  success: { icon: CircleCheck, color: 'text-ok' },
  warning: { icon: TriangleAlert, color: 'text-warn' },
  error: { icon: CircleAlert, color: 'text-danger' }
}
