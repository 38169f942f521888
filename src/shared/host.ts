import type { EventEnvelope } from './contract'
import type { HostNotification, HostTarget } from './contract/notifications'
import type { Run } from './domain'
import { notificationFor } from './notifications'

export type { HostNotification, HostTarget, NotificationSeverity } from './contract/notifications'

export type BlockedKind = 'question' | 'needs_input' | 'stalled' | 'gate_failed' | 'failed' | 'lost'

/** One piece of work that waits on a person; the tray counts them and its menu jumps to each. */
export interface BlockedItem {
  key: string
  kind: BlockedKind
  label: string
  target: HostTarget
}

/** A failed gate reported by governance, which counts as blocked work until the run moves on. */
export interface GateFailure {
  runId: string
  gate: string
}

/**
 * What the app needs from the platform it runs on: the Electron main process (tray, native notifications,
 * clipboard, shell, dialogs) or the browser (Notification API, the tab title, navigator.clipboard).
 */
export interface Host {
  readonly kind: 'electron' | 'browser'
  /** A system notification; the host decides whether one is allowed (permission, focus). */
  notify(notification: HostNotification): void
  /** The tray badge and menu (Electron) or the tab title's count (browser). */
  setBlockedWork(items: readonly BlockedItem[]): void
  copyText(text: string): Promise<void>
  /** Opens an http(s) link in the user's browser. */
  openExternal(url: string): void
  /** A native folder picker, or null where the platform has none (browser mode: type the path). */
  readonly pickDirectory: (() => Promise<string | null>) | null
  /** Clicks on notifications and tray entries. */
  onActivate(listener: (target: HostTarget) => void): () => void
  /** Whether system notifications may show, and asking for it (a browser asks the user once). */
  notificationPermission(): NotificationPermissionState
  requestNotificationPermission(): Promise<NotificationPermissionState>
}

export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported'

/**
 * What the Electron preload exposes on `window.flightdeckHost`: the host calls that need the main process
 * (tray, native notifications, clipboard, shell, dialogs), each a message the main process validates.
 */
export interface HostBridge {
  notify(notification: HostNotification): void
  setBlockedWork(items: readonly BlockedItem[]): void
  copyText(text: string): Promise<void>
  openExternal(url: string): void
  pickDirectory(): Promise<string | null>
  onActivate(listener: (target: HostTarget) => void): () => void
}

const blockedOrder: Record<BlockedKind, number> = { question: 0, needs_input: 1, stalled: 2, gate_failed: 3, lost: 4, failed: 5 }
const blockedVerb: Record<BlockedKind, string> = {
  question: 'asks a question',
  needs_input: 'needs input',
  stalled: 'is stalled',
  gate_failed: 'failed a gate',
  lost: 'lost its agent',
  failed: 'failed'
}

/**
 * The blocked work among runs: each issue's newest run when it waits on a question, its agent needs input or is stalled,
 * a gate failed, or it failed or was lost (a newer run of the same issue supersedes an older failure).
 */
export function blockedWork(runs: Iterable<Run>, titleOf: (issueId: string) => string | undefined, gateFailures: readonly GateFailure[] = []): BlockedItem[] {
  const newest = new Map<string, Run>()
  for (const run of runs) {
    const current = newest.get(run.issueId)
    if (!current || run.createdAt > current.createdAt || (run.createdAt === current.createdAt && run.id > current.id)) newest.set(run.issueId, run)
  }
  const failedGates = new Map(gateFailures.map((g) => [g.runId, g.gate]))
  const items: BlockedItem[] = []
  for (const run of newest.values()) {
    const kind = blockedKindOf(run, failedGates.has(run.id))
    if (!kind) continue
    const title = titleOf(run.issueId) ?? `run ${run.id.slice(-6)}`
    const gate = kind === 'gate_failed' ? ` (${failedGates.get(run.id)})` : ''
    items.push({ key: `${kind}:${run.id}`, kind, label: `${title} — ${blockedVerb[kind]}${gate}`, target: { kind: 'run', runId: run.id } })
  }
  return items.sort((a, b) => blockedOrder[a.kind] - blockedOrder[b.kind] || a.label.localeCompare(b.label))
}

function blockedKindOf(run: Run, gateFailed: boolean): BlockedKind | null {
  if (run.state === 'waiting') return 'question'
  if (run.state === 'failed') return 'failed'
  if (run.state === 'lost') return 'lost'
  if (gateFailed && run.state !== 'merged' && run.state !== 'stopped') return 'gate_failed'
  if (run.activity === 'needs_input' && (run.state === 'running' || run.state === 'validating' || run.state === 'ready_to_merge')) return 'needs_input'
  if (run.activity === 'stalled' && run.state === 'running') return 'stalled'
  return null
}

/** The tray or tab badge for a count: nothing at zero, "9+" past nine. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 9 ? '9+' : String(count)
}

/** A forum question past its SLA, for the blocked-work badge. */
export interface OverdueQuestion {
  threadId: string
  title: string
  runId: string | null
}

/**
 * What the monitor drives: the host's badge, and its notifications where the sink takes them (the app's
 * notifications come from the core instead, which records them: notifications/ in the core).
 */
export type BlockedWorkSink = Pick<Host, 'setBlockedWork'> & Partial<Pick<Host, 'notify'>>

/**
 * Follows the runs (a snapshot, then events) and tells the sink what to notify and what is blocked.
 * A snapshot never notifies (nothing new happened; a reconnect must not replay old news), and the badge
 * is only set again when the blocked set changes.
 */
export class BlockedWorkMonitor {
  private readonly runs = new Map<string, Run>()
  private gateFailures: readonly GateFailure[] = []
  private overdue: readonly OverdueQuestion[] = []
  private lastKeys: string | null = null

  constructor(
    private readonly sink: BlockedWorkSink,
    private readonly titleOf: (issueId: string) => string | undefined
  ) {}

  load(runs: readonly Run[]): void {
    this.runs.clear()
    for (const run of runs) this.runs.set(run.id, run)
    this.publish()
  }

  apply(event: EventEnvelope): void {
    if (event.topic !== 'run.created' && event.topic !== 'run.updated') return
    const { run } = event.payload as EventEnvelope<'run.updated'>['payload']
    const previous = this.runs.get(run.id)
    if (previous && previous.updatedAt > run.updatedAt) return
    this.runs.set(run.id, run)
    const notification = this.sink.notify && notificationFor(event, previous, this.titleOf)
    if (notification) this.sink.notify?.(notification)
    this.publish()
  }

  /** Governance reports the runs whose gates failed now. */
  setGateFailures(failures: readonly GateFailure[]): void {
    this.gateFailures = failures
    this.publish()
  }

  /** The forum reports questions unanswered past their SLA; each counts once (a waiting run already does). */
  setOverdueQuestions(questions: readonly OverdueQuestion[]): void {
    this.overdue = questions
    this.publish()
  }

  private publish(): void {
    const runItems = blockedWork(this.runs.values(), this.titleOf, this.gateFailures)
    const counted = new Set(runItems.map((i) => (i.target.kind === 'run' ? i.target.runId : '')))
    const overdue = this.overdue
      .filter((q) => !q.runId || !counted.has(q.runId))
      .map((q): BlockedItem => ({ key: `overdue:${q.threadId}`, kind: 'question', label: `${q.title} — unanswered past its SLA`, target: { kind: 'view', view: 'inbox' } }))
    const items = [...runItems, ...overdue]
    const keys = items.map((i) => `${i.key}|${i.label}`).join('\n')
    if (keys === this.lastKeys) return
    this.lastKeys = keys
    this.sink.setBlockedWork(items)
  }
}
