import type { Issue } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { showToast } from '../ui/toast'
import { useSubmit } from '../use-submit'

export type IssuePatch = Partial<Pick<Issue, 'title' | 'body' | 'acceptanceCriteria' | 'priority' | 'labels' | 'dependsOn'>>

/**
 * Saves an edit through `issue.update` and raises a toast whose Undo writes the previous values back
 * (itself an edit, so an event and, for briefing fields, a new ContextPacket version).
 */
export function useIssueEdit(issue: Issue) {
  const client = useClient()
  const { pending, submit, error } = useSubmit()
  async function save(patch: IssuePatch, what: string): Promise<boolean> {
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, issue[k as keyof IssuePatch]])) as IssuePatch
    const saved = await submit(() => client.invoke('issue.update', { id: issue.id, ...patch }))
    if (!saved) return false
    showToast({ message: `${what} · ${saved.title.length > 48 ? `${saved.title.slice(0, 47)}…` : saved.title}`, undo: () => client.invoke('issue.update', { id: issue.id, ...before }) })
    return true
  }
  return { save, pending, error }
}
