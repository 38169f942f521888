import type { ReactNode } from 'react'

/** A form control's look without its width, for controls that size themselves (toolbars). */
export const controlClass =
  'rounded-md border border-line bg-bg px-2.5 py-1.5 text-[13px] text-fg placeholder:text-muted/70 focus:border-accent focus:outline-none aria-[invalid=true]:border-danger disabled:cursor-not-allowed disabled:opacity-50'

export const inputClass = `${controlClass} w-full`

export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block space-y-1">
      <span className="text-xs font-medium text-muted">{label}</span>
      {children}
      {error ? <span className="block text-xs text-danger">{error}</span> : hint && <span className="block text-xs text-muted">{hint}</span>}
    </label>
  )
}
