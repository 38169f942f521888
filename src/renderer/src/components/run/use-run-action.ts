import { useState } from 'react'
import { ApiError } from '../../../../shared/errors'
import type { RunAction } from '../../state/run-actions'

export interface ActionError {
  action: RunAction
  code: string | null
  message: string
  /** Files the refusal names (conflicts, uncommitted changes). */
  files: string[]
}

function filesOf(error: ApiError): string[] {
  const { files, conflicts } = error.details ?? {}
  const list = Array.isArray(files) ? files : Array.isArray(conflicts) ? conflicts : []
  const paths = list.map((f) => (typeof f === 'string' ? f : typeof f === 'object' && f && 'path' in f ? String(f.path) : JSON.stringify(f)))
  // The core names the files in the message when they are few; listing them again would only repeat it.
  return paths.every((p) => error.message.includes(p)) ? [] : paths
}

/** Runs one run action at a time and keeps the engine's refusal (message and files) to show inline. */
export function useRunAction() {
  const [pending, setPending] = useState<RunAction | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  async function perform<T>(action: RunAction, work: () => Promise<T>): Promise<T | undefined> {
    setPending(action)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(
        e instanceof ApiError
          ? { action, code: e.code, message: e.message, files: filesOf(e) }
          : { action, code: null, message: e instanceof Error ? e.message : String(e), files: [] }
      )
      return undefined
    } finally {
      setPending(null)
    }
  }
  /** A refusal made here (asked from the palette for an action not possible now), shown like the engine's. */
  const refuse = (action: RunAction, message: string) => setError({ action, code: 'refused', message, files: [] })
  return { pending, error, perform, refuse, clearError: () => setError(null) }
}
