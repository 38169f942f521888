import fs from 'node:fs'
import type { RunCommandInfo, RunEnvironmentLog } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'
import type { RunCommandSessionTable } from '../db/tables/environment.table'
import { now } from '../ids'
import { runPolicy } from '../runs/run-context'
import { findRun } from '../runs/run.repository'
import { agentBaseEnv } from '../sandbox/agent-env'
import type { SessionInfo, SessionManager } from '../sessions/session-manager'
import type { Store } from '../store'
import { environmentLog } from './environment'
import { portEnv } from './port-leases'

export interface RunCommandDeps {
  store: Store
  home: string
  /** The pty host (connected or started on first use). */
  sessions(): Promise<SessionManager>
}

type Row = RunCommandSessionTable

/** The latest session of a run's named command, if it was ever started. */
export async function latestCommandSession(db: Db, runId: string, name: string): Promise<Row | undefined> {
  return db.selectFrom('run_command_sessions').selectAll().where('run_id', '=', runId).where('name', '=', name).orderBy('started_at', 'desc').orderBy('session_id', 'desc').executeTakeFirst()
}

function info(name: string, argv: string[], row: Row | undefined, hosted: SessionInfo | undefined): RunCommandInfo {
  if (!row) return { name, argv, state: 'idle', sessionId: null, exitCode: null, startedAt: null, endedAt: null }
  const running = hosted !== undefined && hosted.exit === null
  return {
    name,
    argv: JSON.parse(row.argv) as string[],
    state: running ? 'running' : 'exited',
    sessionId: row.session_id,
    exitCode: row.exit_code ?? (hosted?.exit ? hosted.exit.code : null),
    startedAt: row.started_at,
    endedAt: row.ended_at
  }
}

/**
 * A run's named commands (policy `environment.commands`: a dev server, the tests): started on demand in its
 * worktree as the operator's own commands (outside the agent's sandbox, like setup), each in a pty session of
 * its own that the run view and `run exec` show, with the run's ports in its environment. Sessions are recorded
 * in SQLite, so their terminals outlive a restart of the core; cleanup stops them with the worktree.
 */
export class RunCommandService {
  private watching: SessionManager | undefined

  constructor(private readonly deps: RunCommandDeps) {}

  /** With the engine: exits are recorded as they happen, and those missed while no engine watched are settled now. */
  async watch(): Promise<void> {
    const sessions = await this.sessionManager()
    const open = await this.deps.store.db.selectFrom('run_command_sessions').select('session_id').where('ended_at', 'is', null).execute()
    if (open.length === 0) return
    const hosted = new Map((await sessions.list()).map((s) => [s.id, s]))
    for (const { session_id: id } of open) {
      const s = hosted.get(id)
      if (!s || s.exit) await this.ended(id, s?.exit?.code ?? null, s?.exit?.signal ?? null)
    }
  }

  async list(runId: string): Promise<RunCommandInfo[]> {
    const { commands } = await this.commandsOf(runId)
    const hosted = await this.hosted()
    return Promise.all(commands.map(async (c) => {
      const row = await latestCommandSession(this.deps.store.db, runId, c.name)
      return info(c.name, c.argv, row, row ? hosted.get(row.session_id) : undefined)
    }))
  }

  async start(runId: string, name: string): Promise<RunCommandInfo> {
    const { run, commands } = await this.commandsOf(runId)
    const command = commands.find((c) => c.name === name)
    if (!command) throw unknownCommand(name, commands.map((c) => c.name))
    if (!run.worktreePath || !fs.existsSync(run.worktreePath)) throw new ApiError('refused', `run ${runId} has no worktree (it is ${run.state}${run.worktreePath ? '' : ', cleaned up or never prepared'}); a command runs in the run's worktree`, 'runId')
    const sessions = await this.sessionManager()
    const hosted = new Map((await sessions.list()).map((s) => [s.id, s]))
    const last = await latestCommandSession(this.deps.store.db, runId, name)
    if (last && hosted.get(last.session_id)?.exit === null) throw new ApiError('refused', `"${name}" is already running in run ${runId} (session ${last.session_id}); stop it first`, 'name')
    const count = await this.deps.store.db.selectFrom('run_command_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow()
    // A dot keeps it apart from the agent's sessions (`<run>-<attempt>`), which the launcher reclaims by prefix.
    const sessionId = `${runId}.cmd.${Number(count.n) + 1}`
    const lease = await this.deps.store.db.selectFrom('port_leases').select(['base', 'count']).where('run_id', '=', runId).executeTakeFirst()
    const env = { ...agentBaseEnv(process.env, []), TERM: 'xterm-256color', COLORTERM: 'truecolor', ...portEnv(lease ?? null), FLIGHTDECK_RUN_ID: runId, FLIGHTDECK_COMMAND: name }
    const startedAt = now()
    await sessions.spawn({ id: sessionId, argv: command.argv, cwd: run.worktreePath, env, cols: 120, rows: 30, scrollbackLines: 5_000 })
    await this.deps.store.write(async (tx) => {
      await tx.db.insertInto('run_command_sessions').values({ session_id: sessionId, run_id: runId, name, argv: JSON.stringify(command.argv), started_at: startedAt, ended_at: null, exit_code: null }).execute()
      tx.emit('run.command', runId, { runId, name, sessionId, state: 'running', exitCode: null })
    })
    // An exit that came before the row was written is settled here, once.
    const spawned = (await sessions.list()).find((s) => s.id === sessionId)
    if (spawned?.exit) await this.ended(sessionId, spawned.exit.code, spawned.exit.signal)
    return info(name, command.argv, await latestCommandSession(this.deps.store.db, runId, name), spawned)
  }

  async stop(runId: string, name: string): Promise<RunCommandInfo> {
    const { commands } = await this.commandsOf(runId)
    const command = commands.find((c) => c.name === name)
    if (!command) throw unknownCommand(name, commands.map((c) => c.name))
    const last = await latestCommandSession(this.deps.store.db, runId, name)
    const sessions = await this.sessionManager()
    const hosted = (await sessions.list()).find((s) => s.id === last?.session_id)
    if (!last || !hosted || hosted.exit !== null) throw new ApiError('refused', `"${name}" is not running in run ${runId}`, 'name')
    await this.kill(sessions, last.session_id)
    return info(name, command.argv, await latestCommandSession(this.deps.store.db, runId, name), (await sessions.list()).find((s) => s.id === last.session_id))
  }

  /** What the worktree's setup and teardown printed. */
  async log(runId: string): Promise<RunEnvironmentLog> {
    await this.commandsOf(runId)
    return environmentLog(this.deps.home, runId)
  }

  /** Before a worktree goes: every command still running in it is stopped. */
  async stopAll(runId: string): Promise<void> {
    const rows = await this.deps.store.db.selectFrom('run_command_sessions').select('session_id').where('run_id', '=', runId).where('ended_at', 'is', null).execute()
    if (rows.length === 0) return
    const sessions = await this.sessionManager()
    const live = new Set((await sessions.list()).filter((s) => s.exit === null).map((s) => s.id))
    for (const row of rows) if (live.has(row.session_id)) await this.kill(sessions, row.session_id)
  }

  /** SIGTERM, then SIGKILL for a command that ignores it; resolves once its exit is recorded (or after 5 s). */
  private async kill(sessions: SessionManager, sessionId: string): Promise<void> {
    await sessions.kill(sessionId, 'SIGTERM').catch(() => undefined)
    for (let waited = 0; waited < 5_000; waited += 50) {
      const s = (await sessions.list()).find((x) => x.id === sessionId)
      if (!s || s.exit) return void (await this.ended(sessionId, s?.exit?.code ?? null, s?.exit?.signal ?? null))
      if (waited === 3_000) await sessions.kill(sessionId, 'SIGKILL').catch(() => undefined)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** Records a command's end once (the exit listener and a stop may both see it). */
  private async ended(sessionId: string, code: number | null, signal: number | null): Promise<void> {
    await this.deps.store.write(async (tx) => {
      const row = await tx.db.selectFrom('run_command_sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst()
      if (!row || row.ended_at) return
      const exitCode = signal ? 128 + signal : code
      await tx.db.updateTable('run_command_sessions').set({ ended_at: now(), exit_code: exitCode }).where('session_id', '=', sessionId).execute()
      tx.emit('run.command', row.run_id, { runId: row.run_id, name: row.name, sessionId, state: 'exited', exitCode })
    })
  }

  private async commandsOf(runId: string) {
    const run = await findRun(this.deps.store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    return { run, commands: (await runPolicy(this.deps.store, runId)).environment.commands }
  }

  private async hosted(): Promise<Map<string, SessionInfo>> {
    const sessions = await this.sessionManager().catch(() => undefined)
    return new Map(((await sessions?.list().catch(() => [])) ?? []).map((s) => [s.id, s]))
  }

  /** The session manager, listening for the exits of command sessions from the first use on. */
  private async sessionManager(): Promise<SessionManager> {
    const sessions = await this.deps.sessions()
    if (this.watching !== sessions) {
      this.watching = sessions
      sessions.onExit(({ id, code, signal }) => {
        if (id.includes('.cmd.')) void this.ended(id, code, signal).catch((e: unknown) => console.error(`run commands: recording the exit of ${id}: ${e instanceof Error ? e.message : e}`))
      })
    }
    return sessions
  }
}

const unknownCommand = (name: string, names: string[]) =>
  new ApiError('not_found', `the run's policy has no command "${name}" (environment.commands: ${names.length ? names.join(', ') : 'none'})`, 'name')
