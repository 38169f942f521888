import type { Run } from './run'

/** Where a run's activity came from, in words: "hook:Stop" -> "the Stop hook". */
export function activitySourceLabel(source: string | null): string | null {
  if (!source) return null
  const [kind, rest = ''] = source.split(':', 2) as [string, string?]
  switch (kind) {
    case 'hook':
      return `the ${rest} hook`
    case 'mcp':
      return `its ${rest} call`
    case 'operator':
      return rest === 'answer' ? "the operator's answer" : `the operator (${rest})`
    case 'terminal':
      return rest === 'interrupt' ? 'an interrupt typed into its terminal' : rest === 'quiet' ? 'its silent terminal' : 'its terminal output'
    case 'process':
      return rest === 'exit' ? 'its process exit' : rest === 'start' ? 'its process start' : 'its process'
    default:
      return source
  }
}

/** "3 s", "4 min", "2 h": how long ago, coarse enough to read at a glance. */
export function ageLabel(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1_000))
  if (s < 90) return `${s} s`
  if (s < 90 * 60) return `${Math.round(s / 60)} min`
  return `${Math.round(s / 3_600)} h`
}

/**
 * A run's agent status as people read it: "working, from the Stop hook 3 s ago", "unknown: no signal for 4 min".
 * Live states age from the last signal; an agent that never reported says so rather than guessing.
 */
export function describeActivity(run: Pick<Run, 'activity' | 'activitySource' | 'activityAt' | 'updatedAt'>, nowMs = Date.now()): string {
  const label = run.activity.replace('_', ' ')
  const at = Date.parse(run.activityAt ?? run.updatedAt)
  const age = Number.isFinite(at) ? ageLabel(nowMs - at) : null
  if (run.activity === 'unknown') return run.activityAt ? `unknown: no signal for ${age}` : 'unknown: no signal yet'
  const source = activitySourceLabel(run.activitySource)
  if (!source) return label
  return `${label}, from ${source}${age ? ` ${age} ago` : ''}`
}
