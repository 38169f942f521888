import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex h-full items-center justify-center p-8">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-xl bg-raised text-accent">
          <Icon size={22} />
        </div>
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="mt-2 text-[13px] leading-relaxed text-muted">{children}</div>
        {action && <div className="mt-5 flex justify-center">{action}</div>}
      </div>
    </div>
  )
}
