import { GitMerge, Loader2, Play, RotateCcw, Square, Trash2 } from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import type { AgentInfo, Run } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { type RunAction, runActions } from '../../state/run-actions'
import { Button } from '../ui/Button'
import type { useRunAction } from './use-run-action'

interface RunActionBarProps {
  run: Run
  agent: AgentInfo | undefined
  actions: ReturnType<typeof useRunAction>
  /** Why a merge would be refused now, from `run.mergeCheck`; undefined while unknown. */
  mergeBlockers: string[] | undefined
  onCleanup(): void
}

const icons: Record<RunAction, LucideIcon> = { stop: Square, restart: RotateCcw, resume: Play, merge: GitMerge, cleanup: Trash2 }
const labels: Record<RunAction, string> = { stop: 'Stop', restart: 'Restart', resume: 'Resume', merge: 'Land', cleanup: 'Clean up' }

export function RunActionBar({ run, agent, actions, mergeBlockers, onCleanup }: RunActionBarProps) {
  const client = useClient()
  const available = runActions(run, agent)
  const online = useApp((s) => s.connection === 'open')
  const commands: Record<Exclude<RunAction, 'cleanup'>, () => Promise<unknown>> = {
    stop: () => client.invoke('run.stop', { id: run.id }),
    restart: () => client.invoke('run.restart', { id: run.id }),
    resume: () => client.invoke('run.resume', { id: run.id }),
    // Land: into the queue, which rebases onto the base, checks again and merges in turn.
    merge: () => client.invoke('landing.enqueue', { runId: run.id })
  }
  const order: RunAction[] = ['stop', 'restart', 'resume', 'cleanup', 'merge']
  return (
    <>
      {order.map((action) => {
        const Icon = actions.pending === action ? Loader2 : icons[action]
        let { enabled, why } = available[action]
        if (action === 'merge' && enabled && mergeBlockers?.length) {
          enabled = false
          why = mergeBlockers.join('; ')
        }
        if (!online) {
          enabled = false
          why = 'Disconnected from Flightdeck: this waits until the connection is back'
        }
        return (
          <Button
            key={action}
            variant={action === 'merge' ? 'primary' : 'subtle'}
            disabled={!enabled || actions.pending !== null}
            title={why}
            onClick={() => (action === 'cleanup' ? onCleanup() : void actions.perform(action, commands[action]))}
          >
            <Icon size={14} className={actions.pending === action ? 'animate-spin' : ''} />
            {labels[action]}
          </Button>
        )
      })}
    </>
  )
}
