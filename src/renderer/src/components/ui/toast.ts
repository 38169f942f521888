import { createStore } from 'zustand/vanilla'

export interface Toast {
  id: number
  message: string
  /** Takes the action back; the toast offers an Undo button while it is shown. */
  undo?: () => Promise<unknown> | void
  tone?: 'info' | 'error'
}

interface ToastState {
  toasts: Toast[]
  show(toast: Omit<Toast, 'id'>): number
  dismiss(id: number): void
}

/** How long a toast (and its Undo) stays on screen. */
export const toastMs = 8_000
let nextId = 1

/** Toasts live outside React so any component (or action) can raise one. */
export const toastStore = createStore<ToastState>()((set) => ({
  toasts: [],
  show(toast) {
    const id = nextId++
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }] }))
    setTimeout(() => toastStore.getState().dismiss(id), toastMs)
    return id
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
  }
}))

export const showToast = (toast: Omit<Toast, 'id'>) => toastStore.getState().show(toast)
