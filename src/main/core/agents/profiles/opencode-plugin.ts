import type { AgentSignal } from '../agent-signals'

/** What the generated plugin needs: the command per signal, and on resume the conversation and its prompt. */
export interface OpencodePluginSettings {
  signals: Partial<Record<AgentSignal, string[]>>
  resume: { sessionId: string; prompt: string } | null
}

/**
 * The opencode plugin Flightdeck writes into the run folder (listed in the session's config `plugin`). opencode
 * loads it in its server and hands it every bus event; it maps them onto Flightdeck's signals and runs
 * `flightdeck run signal` (argv, payload as the last argument) for each, one at a time so they arrive in the
 * order opencode emitted them:
 * - session.created (a top-level session) -> SessionStart, carrying the conversation id as `session_id`;
 * - session.status busy -> UserPromptSubmit; busy -> idle (and session.idle) -> Stop, only after a busy, so an
 *   idle session opened for resume is not taken for finished work;
 * - the same for a subagent's session (one with a parentID) -> SubagentStart / SubagentStop;
 * - permission.asked, question.asked, session.error (not an interrupt) -> Notification;
 * - session.compacted and the compacting hook -> PreCompact.
 * Every payload names the top-level session, so the run keeps the conversation the operator resumes.
 *
 * On resume the TUI is opened on the session by id (`--session`), which ignores `--prompt` (opencode 1.18), so
 * the plugin submits the continuation prompt to that session through opencode's own API, once per process.
 */
export function opencodePluginSource(settings: OpencodePluginSettings): string {
  return `// Written by Flightdeck for one run; regenerated at every launch.
import { spawn } from 'node:child_process'

const settings = ${JSON.stringify(settings)}

let queue = Promise.resolve()
function signal(name, payload) {
  const argv = settings.signals[name]
  if (!argv) return
  queue = queue.then(() => new Promise((resolve) => {
    const child = spawn(argv[0], [...argv.slice(1), JSON.stringify(payload)], { stdio: 'ignore' })
    child.on('error', () => resolve())
    child.on('exit', () => resolve())
  }))
}

export const FlightdeckSignals = async ({ client }) => {
  const parents = new Map()
  const busy = new Set()
  const root = (id) => parents.get(id) ?? id
  const settle = (id, working) => {
    if (!id || working === busy.has(id)) return
    if (working) busy.add(id)
    else busy.delete(id)
    if (parents.has(id)) signal(working ? 'SubagentStart' : 'SubagentStop', { session_id: root(id), subagent_session_id: id })
    else signal(working ? 'UserPromptSubmit' : 'Stop', { session_id: id })
  }
  if (settings.resume && !globalThis.__flightdeckResumed) {
    globalThis.__flightdeckResumed = true
    const { sessionId, prompt } = settings.resume
    setTimeout(() => {
      client.session
        .promptAsync({ path: { id: sessionId }, body: { parts: [{ type: 'text', text: prompt }] } })
        .then((r) => {
          if (r && r.error) throw new Error(JSON.stringify(r.error).slice(0, 300))
        })
        .catch((e) => signal('Notification', { session_id: sessionId, notification_type: 'error', message: 'Flightdeck could not continue opencode session ' + sessionId + ': ' + String(e && e.message ? e.message : e) }))
    }, 0)
  }
  return {
    event: async ({ event }) => {
      const p = event.properties || {}
      const id = p.sessionID || (p.info && p.info.id)
      switch (event.type) {
        case 'session.created':
          if (p.info && p.info.parentID) parents.set(p.info.id, root(p.info.parentID))
          else if (p.info) signal('SessionStart', { session_id: p.info.id, source: 'startup' })
          break
        case 'session.status':
          if (p.status) settle(id, p.status.type !== 'idle')
          break
        case 'session.idle':
          settle(id, false)
          break
        case 'permission.asked':
          signal('Notification', { session_id: root(id), notification_type: 'permission_prompt', message: 'opencode asks permission: ' + String(p.title || p.permission || 'a tool') })
          break
        case 'question.asked': {
          const q = Array.isArray(p.questions) && p.questions[0]
          signal('Notification', { session_id: root(id), notification_type: 'question', message: 'opencode asks: ' + String((q && (q.question || q.header)) || 'a question') })
          break
        }
        case 'session.error':
          if (p.error && p.error.name !== 'MessageAbortedError') signal('Notification', { session_id: root(id), notification_type: 'error', message: 'opencode: ' + String((p.error.data && p.error.data.message) || p.error.name) })
          break
        case 'session.compacted':
          signal('PreCompact', { session_id: root(id), trigger: 'compacted' })
          break
      }
    },
    'experimental.session.compacting': async (input) => signal('PreCompact', { session_id: root(input.sessionID), trigger: 'compacting' })
  }
}
`
}
