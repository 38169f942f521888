import type { CommandName, CommandOutput, ParsedInput } from '../../../shared/contract'
import { governanceHandlers } from '../governance/governance.handlers'
import { landingHandlers } from '../landing/landing.handlers'
import { usageHandlers } from '../usage/usage.handlers'
import { commentHandlers } from '../comments/comments.handlers'
import { notificationHandlers } from '../notifications/notifications.handlers'
import { hostHandlers } from '../hosts/hosts.handlers'
import { fleetHandlers } from '../fleet/fleet.handlers'
import { planningHandlers } from '../planning/planning.handlers'
import { secretHandlers } from '../secrets/secrets.handlers'
import { leasedPorts } from '../environments/environment'
import type { Services } from '../services'
import { eventsForEntity, getConstraintSnapshot } from '../timeline/timeline.repository'

/** One handler per contract entry; the type makes a missing handler a compile error. */
export type Handlers = { [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

const ok = { ok: true } as const

export function createHandlers(s: Services): Handlers {
  const { runs } = s
  return {
    'system.info': async () => s.system.info(),
    'system.metrics': async () => s.system.metrics(),
    'system.doctor': () => s.doctor.run(),
    'run.ports': ({ runId }) => leasedPorts(s.store, runId),
    'run.command.list': ({ runId }) => runs.commands.list(runId),
    'run.command.start': ({ runId, name }) => runs.commands.start(runId, name),
    'run.command.stop': ({ runId, name }) => runs.commands.stop(runId, name),
    'run.environment.log': ({ runId }) => runs.commands.log(runId),
    'run.restore': ({ id, snapshot }) => runs.restore(id, snapshot),
    'run.checkpoints': ({ id }) => runs.checkpoints(id),
    'run.checkpointDiff': ({ id, from, to }) => runs.checkpointDiff(id, from, to),
    'run.rewind': ({ id, n }) => runs.rewind(id, n),
    'run.undoRewind': ({ id, snapshot }) => runs.undoRewind(id, snapshot),
    'repo.add': (input) => s.repos.add(input),
    'repo.list': () => s.repos.list(),
    'repo.get': ({ ref }) => s.repos.get(ref),
    'issue.create': (input) => s.issues.create(input),
    'issue.list': (input) => s.issues.list(input),
    'issue.get': ({ id }) => s.issues.get(id),
    'issue.transition': ({ id, to }) => s.issues.transition(id, to),
    'issue.update': (input) => s.issues.update(input),
    'issue.contextPackets': ({ issueId }) => s.issues.contextPackets(issueId),
    'event.list': async ({ afterSeq, limit }) => s.store.events.since(afterSeq, limit),
    'agent.list': ({ repoId }) => runs.agents(repoId),
    'run.start': (input) => runs.start(input),
    'run.list': (input) => runs.list(input),
    'run.get': ({ id }) => runs.get(id),
    'run.stop': ({ id }) => runs.engine.stop(id),
    'run.restart': ({ id }) => runs.engine.restart(id),
    'run.resume': ({ id, prompt }) => runs.engine.resume(id, prompt),
    'run.changes': ({ id }) => runs.changes(id),
    'run.diff': ({ id }) => runs.diff(id),
    'run.mergeCheck': ({ id }) => runs.mergeCheck(id),
    'run.merge': ({ id, strategy }) => runs.merge(id, strategy),
    'run.rebase': ({ id }) => runs.rebase(id),
    'run.cleanup': ({ id, keepBranch, force }) => runs.cleanup(id, keepBranch, force),
    'run.signal': (input) => runs.signal(input),
    'terminal.open': ({ runId, command }) => runs.openTerminal(runId, command),
    'terminal.input': async ({ sessionId, data, clientId, seq }) => {
      await runs.engine.input(sessionId, data, clientId && seq ? { clientId, seq } : undefined)
      return ok
    },
    'terminal.resize': async ({ sessionId, cols, rows }) => {
      await (await runs.engine.terminals()).resize(sessionId, cols, rows)
      return ok
    },
    'forum.ask': (input) => s.forum.ask(input),
    'forum.answer': (input) => s.forum.answer(input),
    'forum.post': (input) => s.forum.post(input),
    'forum.assign': (input) => s.forum.assign(input),
    'forum.state': (input) => s.forum.state(input),
    'forum.priority': (input) => s.forum.priority(input),
    'forum.close': (input) => s.forum.close(input),
    'forum.seen': (input) => s.forum.seen(input),
    'forum.list': (input) => s.forum.list(input),
    'forum.inbox': ({ limit, openOnly }) => s.forum.inbox(limit, openOnly),
    'forum.thread': ({ threadId }) => s.forum.thread(threadId),
    'forum.stats': () => s.forum.stats(),
    ...planningHandlers(s),
    ...secretHandlers(s),
    ...governanceHandlers(s),
    ...landingHandlers(s),
    ...usageHandlers(s),
    ...commentHandlers(s),
    ...notificationHandlers(s),
    ...hostHandlers(s),
    ...fleetHandlers(s),
    'settings.get': () => s.settings.get(),
    'settings.update': ({ patch }) => s.settings.update(patch),
    'event.forEntity': ({ entity, limit }) => eventsForEntity(s.store.db, entity, limit),
    'constraint.get': ({ id }) => getConstraintSnapshot(s.store.db, id),
    'terminal.ack': async ({ sessionId, chars }) => {
      ;(await runs.engine.hubFor()).ack(sessionId, chars)
      return ok
    }
  }
}
