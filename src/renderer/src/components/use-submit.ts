import { useState } from 'react'
import { ApiError } from '../../../shared/errors'

/** Runs a command for a form: tracks pending state and maps a failure to the field it names. */
export function useSubmit() {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<{ message: string; path?: string } | null>(null)
  async function submit<T>(work: () => Promise<T>): Promise<T | undefined> {
    setPending(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(e instanceof ApiError ? { message: e.message, path: e.path } : { message: e instanceof Error ? e.message : String(e) })
      return undefined
    } finally {
      setPending(false)
    }
  }
  const fieldError = (path: string) => (error?.path === path || error?.path?.startsWith(`${path}.`) ? error.message : undefined)
  const formError = error && !error.path ? error.message : undefined
  return { pending, submit, fieldError, formError, error }
}
