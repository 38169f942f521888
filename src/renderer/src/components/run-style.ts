import type { AgentActivity, RunState } from '../../../shared/domain'

export const runStateLabel: Record<RunState, string> = {
  queued: 'queued',
  preparing: 'preparing',
  running: 'running',
  waiting: 'waiting',
  validating: 'validating',
  ready_to_merge: 'ready to merge',
  queued_to_land: 'queued to land',
  merged: 'merged',
  failed: 'failed',
  stopped: 'stopped',
  lost: 'lost'
}

/** Badge colors: working states warm, done states green, trouble red, parked states muted. */
export const runStateStyle: Record<RunState, string> = {
  queued: 'bg-raised text-muted',
  preparing: 'bg-accent/12 text-accent',
  running: 'bg-warn/15 text-warn',
  waiting: 'bg-warn/15 text-warn',
  validating: 'bg-accent/12 text-accent',
  ready_to_merge: 'bg-[#a66bff]/15 text-[#8a4fe0] dark:text-[#c19bff]',
  queued_to_land: 'bg-[#a66bff]/25 text-[#8a4fe0] dark:text-[#c19bff]',
  merged: 'bg-ok/15 text-ok',
  failed: 'bg-danger/15 text-danger',
  stopped: 'bg-raised text-muted',
  lost: 'bg-danger/15 text-danger'
}

export const activityDot: Record<AgentActivity, string> = {
  unknown: 'bg-line',
  working: 'bg-warn animate-pulse',
  idle: 'bg-ok',
  needs_input: 'bg-danger animate-pulse',
  stalled: 'bg-danger',
  exited: 'bg-muted'
}
