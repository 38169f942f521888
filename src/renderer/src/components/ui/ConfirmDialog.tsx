import { type ReactNode, useCallback, useRef, useState } from 'react'
import { Button } from './Button'
import { Dialog } from './Dialog'

export interface ConfirmOptions {
  title: string
  /** What will happen, in words: what cannot be taken back. */
  body: ReactNode
  confirmLabel: string
  /** A destructive action gets the red button. */
  danger?: boolean
}

/**
 * Asks before an irreversible action: `await confirm.ask({...})` resolves true on the confirm button,
 * false on Cancel, Escape or the backdrop. Render `confirm.dialog` once in the component.
 */
export function useConfirm() {
  const [open, setOpen] = useState<ConfirmOptions | null>(null)
  const resolver = useRef<((ok: boolean) => void) | null>(null)
  const close = useCallback((ok: boolean) => {
    resolver.current?.(ok)
    resolver.current = null
    setOpen(null)
  }, [])
  const ask = useCallback((options: ConfirmOptions) => {
    resolver.current?.(false)
    setOpen(options)
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve
    })
  }, [])
  const cancel = useCallback(() => close(false), [close])
  const dialog = open && (
    <Dialog
      title={open.title}
      onClose={cancel}
      footer={
        <>
          <Button variant="ghost" onClick={cancel}>Cancel</Button>
          <Button variant={open.danger ? 'danger' : 'primary'} autoFocus onClick={() => close(true)} data-testid="confirm-action">
            {open.confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-[13px] leading-relaxed">{open.body}</div>
    </Dialog>
  )
  return { ask, dialog }
}
