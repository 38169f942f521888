import type { CommandName, CommandOutput, ParsedInput } from '../../../shared/contract'
import type { Services } from '../services'

/** One handler per contract entry; the type makes a missing handler a compile error. */
export type Handlers = { [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

const ok = { ok: true } as const

export function createHandlers(s: Services): Handlers {
  const { runs } = s
  return {
    'system.info': async () => s.system.info(),
    'repo.add': (input) => s.repos.add(input),
    'repo.list': () => s.repos.list(),
    'repo.get': ({ ref }) => s.repos.get(ref),
    'issue.create': (input) => s.issues.create(input),
    'issue.list': (input) => s.issues.list(input),
    'issue.get': ({ id }) => s.issues.get(id),
    'issue.transition': ({ id, to }) => s.issues.transition(id, to),
    'issue.contextPackets': ({ issueId }) => s.issues.contextPackets(issueId),
    'event.list': async ({ afterSeq, limit }) => s.store.events.since(afterSeq, limit),
    'agent.list': ({ repoId }) => runs.agents(repoId),
    'run.start': (input) => runs.start(input),
    'run.list': (input) => runs.list(input),
    'run.get': ({ id }) => runs.get(id),
    'run.stop': ({ id }) => runs.engine.stop(id),
    'run.restart': ({ id }) => runs.engine.restart(id),
    'run.resume': ({ id }) => runs.engine.resume(id),
    'run.changes': ({ id }) => runs.changes(id),
    'run.diff': ({ id }) => runs.diff(id),
    'run.mergeCheck': ({ id }) => runs.mergeCheck(id),
    'run.merge': ({ id, strategy }) => runs.merge(id, strategy),
    'run.rebase': ({ id }) => runs.rebase(id),
    'run.cleanup': ({ id, keepBranch, force }) => runs.cleanup(id, keepBranch, force),
    'run.signal': (input) => runs.signal(input),
    'terminal.open': ({ runId }) => runs.openTerminal(runId),
    'terminal.input': async ({ sessionId, data }) => {
      await (await runs.engine.terminals()).write(sessionId, data)
      return ok
    },
    'terminal.resize': async ({ sessionId, cols, rows }) => {
      await (await runs.engine.terminals()).resize(sessionId, cols, rows)
      return ok
    },
    'settings.get': () => s.settings.get(),
    'settings.update': ({ patch }) => s.settings.update(patch),
    'terminal.ack': async ({ sessionId, chars }) => {
      ;(await runs.engine.hubFor()).ack(sessionId, chars)
      return ok
    }
  }
}
