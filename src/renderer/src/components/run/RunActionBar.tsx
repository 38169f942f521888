import { GitMerge, Loader2, Play, RotateCcw, Square, Trash2 } from 'lucide-react'
import { useEffect } from 'react'
import type { LucideIcon } from 'lucide-react'
import type { AgentInfo, Run } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { type RunAction, runActions } from '../../state/run-actions'
import { Button } from '../ui/Button'
import { type ConfirmOptions, useConfirm } from '../ui/ConfirmDialog'
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

/** The actions that cannot be taken back ask first. */
function confirmation(action: RunAction, run: Run): ConfirmOptions | null {
  if (action === 'stop') {
    return {
      title: 'Stop this run?',
      body: <>The agent's process is ended now, mid-task. The worktree{run.worktreePath ? <> (<code className="font-mono text-xs break-all">{run.worktreePath}</code>)</> : null} and the terminal history stay; Resume or Restart start it again.</>,
      confirmLabel: 'Stop run',
      danger: true
    }
  }
  if (action === 'restart' && (run.state === 'running' || run.state === 'waiting' || run.state === 'validating')) {
    return {
      title: 'Restart this run?',
      body: <>The agent working now is ended and a fresh session starts in the same worktree; its current conversation is lost (Resume keeps it, where the agent supports that).</>,
      confirmLabel: 'Restart run',
      danger: true
    }
  }
  if (action === 'merge') {
    return {
      title: 'Land this run?',
      body: <>The run's branch joins the landing queue: it is rebased onto the base branch, checked again and merged. A merge on the base branch is not undone from here.</>,
      confirmLabel: 'Land'
    }
  }
  return null
}

export function RunActionBar({ run, agent, actions, mergeBlockers, onCleanup }: RunActionBarProps) {
  const client = useClient()
  const confirm = useConfirm()
  async function perform(action: Exclude<RunAction, 'cleanup'>) {
    const ask = confirmation(action, run)
    if (ask && !(await confirm.ask(ask))) return
    await actions.perform(action, commands[action])
  }
  const available = runActions(run, agent)
  const online = useApp((s) => s.connection === 'open')
  const requested = useApp((s) => s.requestedRunAction)
  const clearRequest = useApp((s) => s.requestRunAction)
  useEffect(() => {
    if (!requested || requested.runId !== run.id) return
    clearRequest(null)
    const { enabled, why } = available[requested.action]
    const blocked = requested.action === 'merge' && mergeBlockers?.length ? mergeBlockers.join('; ') : !online ? 'disconnected from Flightdeck' : !enabled ? why : undefined
    if (blocked) actions.refuse(requested.action, `${labels[requested.action]} is not possible now: ${blocked}`)
    else void perform(requested.action)
  })
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
            data-action={action}
            disabled={!enabled || actions.pending !== null}
            disabledReason={why ?? (actions.pending !== null ? `waiting for ${labels[actions.pending].toLowerCase()} to finish` : undefined)}
            onClick={() => (action === 'cleanup' ? onCleanup() : void perform(action))}
          >
            <Icon size={14} className={actions.pending === action ? 'animate-spin' : ''} />
            {labels[action]}
          </Button>
        )
      })}
      {confirm.dialog}
    </>
  )
}
