import type { AgentInfo, Run, RunState } from '../../../shared/domain'

export type RunAction = 'stop' | 'restart' | 'resume' | 'merge' | 'cleanup'

export interface ActionAvailability {
  enabled: boolean
  /** Why it is disabled, for the tooltip. */
  why?: string
}

const stoppable: readonly RunState[] = ['queued', 'preparing', 'running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land', 'lost']
const busy: readonly RunState[] = ['preparing', 'running', 'waiting', 'validating']

/**
 * Which run actions make sense in the run's state, mirroring what the engine accepts, so the buttons
 * say why before a click; the engine still has the last word and its refusal is shown as it comes.
 */
export function runActions(run: Run, agent?: Pick<AgentInfo, 'resumable'>): Record<RunAction, ActionAvailability> {
  const s = run.state
  const relaunchable = s !== 'queued' && s !== 'preparing' && s !== 'merged'
  const notRelaunchable = `a ${label(s)} run cannot be relaunched`
  return {
    stop: stoppable.includes(s) ? { enabled: true } : { enabled: false, why: `the run is already ${label(s)}` },
    restart: relaunchable ? { enabled: true } : { enabled: false, why: notRelaunchable },
    resume: !relaunchable
      ? { enabled: false, why: notRelaunchable }
      : agent && !agent.resumable
        ? { enabled: false, why: `the ${run.agentProfile} agent cannot continue a conversation; restart it instead` }
        : { enabled: true },
    merge: s === 'ready_to_merge' ? { enabled: true } : { enabled: false, why: s === 'queued_to_land' ? 'the run is already queued to land' : `the run is ${label(s)}, not ready to merge` },
    cleanup: !run.worktreePath
      ? { enabled: false, why: 'the run has no worktree' }
      : busy.includes(s)
        ? { enabled: false, why: `the run is ${label(s)}; stop it first` }
        : { enabled: true }
  }
}

function label(state: RunState): string {
  return state.replaceAll('_', ' ')
}
