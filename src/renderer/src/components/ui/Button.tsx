import type { ButtonHTMLAttributes } from 'react'

type Variant = 'primary' | 'ghost' | 'subtle' | 'danger'

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110',
  ghost: 'text-muted hover:bg-raised hover:text-fg',
  subtle: 'bg-raised text-fg hover:brightness-95 dark:hover:brightness-125 border border-line',
  danger: 'bg-danger text-white hover:brightness-110'
}

export function Button({ variant = 'subtle', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      className={`inline-flex h-8 shrink-0 items-center whitespace-nowrap gap-1.5 rounded-md px-3 text-[13px] font-medium transition disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent ${variants[variant]} ${className}`}
      {...props}
    />
  )
}
