import { X } from 'lucide-react'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { useStore } from 'zustand'
import { type Toast, toastStore } from './toast'

function ToastItem({ toast }: { toast: Toast }) {
  const [undoing, setUndoing] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  const dismiss = () => toastStore.getState().dismiss(toast.id)
  async function undo() {
    setUndoing(true)
    try {
      await toast.undo?.()
      dismiss()
    } catch (e) {
      setFailed(`Undo failed: ${e instanceof Error ? e.message : String(e)}`)
      setUndoing(false)
    }
  }
  return (
    <div
      role="status"
      data-testid="action-toast"
      className={`pointer-events-auto flex w-[380px] max-w-[90vw] items-start gap-3 rounded-lg border bg-panel px-4 py-3 text-[13px] text-fg shadow-xl ${toast.tone === 'error' ? 'border-danger' : 'border-line'}`}
    >
      <div className="min-w-0 flex-1">
        <p className="leading-snug">{toast.message}</p>
        {failed && <p className="mt-1 text-xs text-danger">{failed}</p>}
      </div>
      {toast.undo && (
        <button type="button" disabled={undoing} onClick={() => void undo()} className="shrink-0 rounded px-2 py-0.5 font-semibold text-accent hover:bg-raised disabled:opacity-50">
          {undoing ? 'Undoing…' : 'Undo'}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={dismiss} className="shrink-0 rounded p-0.5 text-muted hover:bg-raised hover:text-fg">
        <X size={14} />
      </button>
    </div>
  )
}

/**
 * Toasts that report what a person just did, with Undo when it can be taken back: bottom centre, under
 * dialogs (notifications have their own toasts, bottom right). Mounted once, in the status bar.
 */
export function ActionToasts() {
  const toasts = useStore(toastStore, (s) => s.toasts)
  if (toasts.length === 0) return null
  return createPortal(
    <div aria-live="polite" className="pointer-events-none fixed bottom-10 left-1/2 z-[35] flex -translate-x-1/2 flex-col items-center gap-2">
      {toasts.map((t) => <ToastItem key={t.id} toast={t} />)}
    </div>,
    document.body
  )
}
