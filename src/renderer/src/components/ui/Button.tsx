import type { ButtonHTMLAttributes } from 'react'

type Variant = 'primary' | 'ghost' | 'subtle' | 'danger'

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110',
  ghost: 'text-muted hover:bg-raised hover:text-fg',
  subtle: 'bg-raised text-fg hover:brightness-95 dark:hover:brightness-125 border border-line',
  danger: 'bg-danger text-white hover:brightness-110'
}

/**
 * A button; a disabled one looks it (faded, grey, no hover) in light and dark, and `disabledReason`
 * says why in its tooltip and to screen readers.
 */
export function Button({ variant = 'subtle', className = '', disabledReason, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; disabledReason?: string | undefined }) {
  const why = props.disabled ? disabledReason : undefined
  return (
    <button
      type="button"
      title={why}
      data-disabled-reason={why}
      className={`inline-flex h-8 shrink-0 items-center whitespace-nowrap gap-1.5 rounded-md px-3 text-[13px] font-medium transition disabled:cursor-not-allowed disabled:opacity-40 disabled:grayscale disabled:shadow-none disabled:hover:brightness-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent ${variants[variant]} ${className}`}
      {...props}
    />
  )
}
