import { useState } from 'react'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { useRunAction } from './use-run-action'

interface CleanupDialogProps {
  run: Run
  onClose(): void
  onDone(note: string): void
}

/** Removes the run's worktree; the engine refuses to lose work, and only then is forcing offered. */
export function CleanupDialog({ run, onClose, onDone }: CleanupDialogProps) {
  const client = useClient()
  const [deleteBranch, setDeleteBranch] = useState(false)
  const { pending, error, perform } = useRunAction()

  async function cleanup(force: boolean) {
    const result = await perform('cleanup', () => client.invoke('run.cleanup', { id: run.id, keepBranch: !deleteBranch, force }))
    if (!result) return
    const parts = [result.removedWorktree ? 'worktree removed' : 'the worktree was already gone', result.deletedBranch ? 'branch deleted' : `branch ${run.branch ?? ''} kept`]
    onDone(`Cleaned up: ${parts.join(', ')}.`)
  }

  const losesWork = error && (error.code === 'dirty' || error.code === 'refused')
  return (
    <Dialog
      title="Clean up the run's worktree"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          {losesWork && (
            <Button variant="danger" disabled={pending !== null} onClick={() => void cleanup(true)}>
              Discard and clean up
            </Button>
          )}
          <Button variant="primary" disabled={pending !== null} onClick={() => void cleanup(false)}>
            Clean up
          </Button>
        </>
      }
    >
      <p className="text-[13px] leading-relaxed">
        Removes <code className="font-mono text-xs break-all">{run.worktreePath}</code>. The terminal history stays.
      </p>
      <label className="flex items-center gap-2 text-[13px]">
        <input type="checkbox" className="accent-accent" checked={deleteBranch} onChange={(e) => setDeleteBranch(e.target.checked)} />
        Also delete the branch <code className="font-mono text-xs">{run.branch}</code>
      </label>
      {error && (
        <div role="alert" className="rounded-md border border-danger/30 bg-danger/8 px-3 py-2 text-xs">
          <p className="text-danger">{error.message}</p>
          {error.files.length > 0 && (
            <ul className="mt-1 font-mono text-[11px]">
              {error.files.map((f) => <li key={f}>{f}</li>)}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  )
}
