import { afterEach, describe, expect, it, vi } from 'vitest'
import { labelText } from '../issue/labels'
import { showToast, toastMs, toastStore } from './toast'

describe('toasts', () => {
  afterEach(() => {
    vi.useRealTimers()
    toastStore.setState({ toasts: [] })
  })

  it('keeps the three newest, and each leaves after toastMs', () => {
    vi.useFakeTimers()
    for (const n of [1, 2, 3, 4]) showToast({ message: `edit ${n}` })
    expect(toastStore.getState().toasts.map((t) => t.message)).toEqual(['edit 2', 'edit 3', 'edit 4'])
    vi.advanceTimersByTime(toastMs - 1)
    expect(toastStore.getState().toasts).toHaveLength(3)
    vi.advanceTimersByTime(1)
    expect(toastStore.getState().toasts).toHaveLength(0)
  })

  it('dismisses one by id', () => {
    const a = showToast({ message: 'a' })
    showToast({ message: 'b' })
    toastStore.getState().dismiss(a)
    expect(toastStore.getState().toasts.map((t) => t.message)).toEqual(['b'])
  })
})

describe('label chips', () => {
  it('shortens plan labels and leaves the others', () => {
    expect(labelText('plan:01M8VGK62EBYDPQR245GZM38B5')).toBe('plan …ZM38B5')
    expect(labelText('plan:not-an-id')).toBe('plan:not-an-id')
    expect(labelText('api')).toBe('api')
  })
})
