import { useCallback, useEffect, useState } from 'react'
import type { ReviewComment } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { useQuery } from '../use-query'

export interface LineRange {
  path: string
  start: number
  end: number
}

export interface ReviewComments {
  comments: ReviewComment[]
  selection: LineRange | null
  /** Click on a line number; with shift, the range grows from the first line picked in that file. */
  pick(path: string, line: number, extend: boolean): void
  clear(): void
  add(body: string): Promise<void>
  remove(id: string): Promise<void>
  send(): Promise<void>
  busy: boolean
  error: string | null
  /** What the last send did, for the bar. */
  notice: string | null
}

/** The run's review comments, kept fresh by `comment.updated`, and the line range being commented on. */
export function useReviewComments(runId: string): ReviewComments {
  const client = useClient()
  const query = useQuery(() => client.invoke('comment.list', { runId }), [client, runId])
  const { reload } = query
  useEffect(() => client.subscribe((e) => void ((e.topic === 'comment.updated' || e.topic === 'run.updated') && e.entity === runId && reload())), [client, runId, reload])
  const [selection, setSelection] = useState<LineRange | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
      reload()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }, [reload])

  return {
    comments: query.data ?? [],
    selection,
    pick: (path, line, extend) =>
      setSelection((s) => (extend && s && s.path === path ? { path, start: Math.min(s.start, line), end: Math.max(s.start, line) } : { path, start: line, end: line })),
    clear: () => setSelection(null),
    add: (body) => act(async () => {
      if (!selection) return
      await client.invoke('comment.add', { runId, path: selection.path, startLine: selection.start, endLine: selection.end, body })
      setSelection(null)
    }),
    remove: (id) => act(async () => void (await client.invoke('comment.remove', { id }))),
    send: () => act(async () => {
      const { sent, packetVersion } = await client.invoke('comment.send', { runId })
      setNotice(`${sent} ${sent === 1 ? 'comment' : 'comments'} sent to the agent (briefing v${packetVersion})`)
    }),
    busy,
    error: error ?? query.error,
    notice
  }
}
