import { useEffect } from 'react'
import type { ActionContext, AppAction } from './actions'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The key of an event the way actions name them: `mod+k`, `?`, `j`. */
export function keyOf(e: KeyboardEvent): string {
  const mod = isMac ? e.metaKey : e.ctrlKey
  return mod ? `mod+${e.key.toLowerCase()}` : e.key
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  // xterm's input is a textarea, so typing in a terminal never triggers a shortcut.
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Runs an action when its key is pressed outside text fields and dialogs; mod+key works everywhere. */
export function useShortcuts(actions: AppAction[], ctx: ActionContext): void {
  useEffect(() => {
    const byKey = new Map(actions.flatMap((a) => (a.keys ?? []).map((k) => [k, a] as const)))
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return
      const key = keyOf(e)
      const action = byKey.get(key)
      if (!action) return
      const global = key.startsWith('mod+')
      if (!global && (e.ctrlKey || e.metaKey || typingIn(e.target) || document.querySelector('[role=dialog]'))) return
      e.preventDefault()
      action.run(ctx)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [actions, ctx])
}

export function keyLabel(key: string): string {
  return key.replace('mod+', isMac ? '⌘' : 'Ctrl+').toUpperCase()
}
