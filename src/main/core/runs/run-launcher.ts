import fs from 'node:fs'
import os from 'node:os'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AgentProfile, LaunchContext } from '../agents/agent-profile'
import { agentSocketPath } from '../agent-gateway/gateway.protocol'
import { agentBaseEnv } from '../sandbox/agent-env'
import { prepareEnvironment } from '../environments/environment'
import { confineSession } from '../sandbox/confine'
import { findOnPath, withUserAgents } from '../agents/agent-catalog'
import { sessionEgress } from '../egress/session-egress'
import { sandboxSupport } from '../sandbox/sandbox-support'
import { prepareAgentCoordination } from '../forum/agent-launch'
import { listContextPackets } from '../issues/context-packet.repository'
import { isWorkspaceError } from '../workspaces'
import { renderBriefing } from './briefing'
import { claudeHookSettings, defaultResumePrompt, signalCommands } from './hook-settings'
import { type RunDeps, runPolicy, runRepoAndIssue } from './run-context'
import { runDir, writeRunFile } from './run-files'
import { clearLaunch, recordLaunch } from './run-launches'
import { findRun } from './run.repository'
import { moveRun, patchRun } from './run-transition'
import { statusFrom } from './run-status'
import { usageSessionEnv } from '../usage/usage-env'
import { acquireWorktreeLease } from './worktree-lease'

/**
 * A session's environment: the allow-listed part of Flightdeck's own (see agent-env.ts), the profile's provider
 * variables, what the user's settings and the policy add, and the run's own (briefing, and where its helpers
 * reach Flightdeck).
 */
function sessionEnv(profile: AgentProfile, extra: Record<string, string>, run: Run, briefingFile: string, home: string, agent: Record<string, string>): Record<string, string> {
  return { ...agentBaseEnv(process.env, profile.providerEnv), TERM: 'xterm-256color', COLORTERM: 'truecolor', ...extra, ...agent, FLIGHTDECK_RUN_ID: run.id, FLIGHTDECK_BRIEFING: briefingFile, FLIGHTDECK_HOME: home }
}

/** A forwarder starts inside bubblewrap through perl (see egress/forwarder.ts). */
const canForward = () => {
  const support = sandboxSupport()
  return support.ok && support.tool === 'bwrap' && findOnPath('perl') !== null
}

/**
 * Takes a queued (or stopped, failed, lost) run to running: its worktree (made once, reused on resume),
 * its briefing and hook settings, and a new pty session. Returns undefined if another engine took it.
 */
export async function launchRun(deps: RunDeps, run: Run, options: { resume: boolean; argv?: string[]; resumePrompt?: string }): Promise<Run | undefined> {
  const taken = await deps.store.write(async (tx) => {
    // Moved since it was read: another engine (a CLI's, the app's) took it first.
    if ((await findRun(tx.db, run.id))?.state !== run.state) return undefined
    const moved = await moveRun(tx, run.id, 'preparing', { detail: null, restart_due_at: null })
    if (moved) await recordLaunch(tx, run.id)
    return moved
  })
  if (!taken) return undefined
  try {
    if (!run.sessionId && deps.gates) {
      // The start gate holds only before the first launch; restarts and resumes continue started work.
      const gate = await deps.gates.start(taken)
      if (!gate.passed) {
        const detail = `start gate failed: ${gate.conditions.filter((c) => c.status === 'failed').map((c) => `${c.label}: ${c.detail}`).join('; ')}`.slice(0, 1_500)
        return await deps.store.write((tx) => moveRun(tx, run.id, 'failed', { detail }, detail))
      }
    }
    const { repo, issue } = await runRepoAndIssue(deps.store, run.repoId, run.issueId)
    const policy = withUserAgents(await runPolicy(deps.store, run.id), (await deps.settings()).agents)
    const packet = (await listContextPackets(deps.store.db, issue.id)).find((p) => p.id === run.contextPacketId)
    if (!packet) throw new ApiError('not_found', `the run's context packet ${run.contextPacketId} is missing`)

    const existing = Boolean(run.worktreePath && run.branch && run.baseBranch && fs.existsSync(run.worktreePath))
    const workspace = existing
      ? { repoPath: repo.path, path: run.worktreePath!, branch: run.branch!, baseBranch: run.baseBranch! }
      : await deps.workspaces.createWorkspace({ repoPath: repo.path, runId: run.id, title: issue.title, policy: policy.workspace, startPoint: run.startPoint?.commit })
    // Recorded at once: a launch cut short from here on (setup, a crash, a dead pty host) leaves a run that
    // knows its worktree, so resume reuses it and cleanup can find it.
    if (!existing) await deps.store.write(async (tx) => patchRun(tx, taken, { branch: workspace.branch, worktree_path: workspace.path, base_branch: workspace.baseBranch }))
    // Ready to run before the agent starts: ports, copied ignored files, setup (a failure fails the launch).
    const portVars = await prepareEnvironment({ store: deps.store, home: deps.home, runId: run.id, repoPath: repo.path, worktree: workspace.path, policy: policy.environment, agentRan: run.attempt > 0 })

    const briefing = renderBriefing(issue, packet, workspace.path)
    const briefingFile = await writeRunFile(deps.home, run.id, 'briefing.md', briefing)
    const hookSettingsFile = await writeRunFile(deps.home, run.id, 'claude-settings.json', JSON.stringify(claudeHookSettings(deps.cliCommand, deps.home, run.id), null, 2))
    const confined = policy.sandbox.mode !== 'off' && sandboxSupport().ok
    const agentSocket = confined ? agentSocketPath(deps.home, run.id) : undefined
    const coordination = await prepareAgentCoordination(deps.store, { home: deps.home, runId: run.id, worktree: workspace.path, cli: deps.cliCommand, agentSocket })
    const ctx: LaunchContext = {
      runId: run.id, worktree: workspace.path, runDir: runDir(deps.home, run.id), briefing, briefingFile, hookSettingsFile,
      resume: options.resume, agentSessionId: run.agentSessionId, resumePrompt: options.resumePrompt ?? defaultResumePrompt,
      mcpConfigFile: coordination?.mcpConfigFile, mcpServer: coordination?.mcpServer, signal: signalCommands(deps.cliCommand, deps.home, run.id)
    }
    const prepared = (await deps.agents.get(run.agentProfile).prepare?.(ctx)) ?? {}
    const launch = deps.agents.resolve(run.agentProfile, ctx, policy, options.argv ?? (run.agentProfile === 'shell' && run.argv.length ? run.argv : undefined))

    const attempt = run.attempt + 1
    const sessionId = `${run.id}-${attempt}`
    const sessions = await deps.sessions()
    // One writer per worktree: refused (the run fails to start, with the reason) while another session lives in it.
    // A session of this run's own earlier attempt that is still going (stopped a moment ago, its exit not yet
    // seen) is over as far as the run is concerned: it is ended before the new one takes the worktree.
    let hosted = await sessions.list()
    const leftovers = hosted.filter((s) => s.id.startsWith(`${run.id}-`) && s.id !== sessionId && s.exit === null).map((s) => s.id)
    for (const id of leftovers) await sessions.kill(id, 'SIGKILL').catch(() => undefined)
    for (const until = Date.now() + 5_000; leftovers.length && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      hosted = await sessions.list()
      if (!hosted.some((s) => leftovers.includes(s.id) && s.exit === null)) break
    }
    await acquireWorktreeLease(deps.store, { path: workspace.path, runId: run.id, sessionId, alive: (id) => hosted.some((s) => s.id === id && s.exit === null) })
    const agent = { ...(coordination ? { FLIGHTDECK_MCP_TOKEN_FILE: coordination.tokenFile } : {}), ...(agentSocket ? { FLIGHTDECK_AGENT_SOCKET: agentSocket } : {}) }
    const plainEnv = sessionEnv(launch.profile, { ...portVars, ...(await usageSessionEnv(deps.home, run.id, confined && policy.sandbox.network !== 'on')), ...prepared.env, ...launch.env }, run, briefingFile, deps.home, agent)
    // Its way out (allow-list: only Flightdeck's proxy) and its provider key kept out of its reach (egress/).
    const { env, forwarder } = confined
      ? await sessionEgress({ home: deps.home, runId: run.id, policy: policy.sandbox, providerVars: launch.profile.providerEnv, env: plainEnv, secrets: deps.secrets, serve: deps.egress?.serve.bind(deps.egress), canForward: canForward() })
      : { env: plainEnv, forwarder: undefined }
    const { argv, confinement } = await confineSession({
      policy: policy.sandbox, worktree: workspace.path, branch: workspace.branch, home: deps.home, runDir: runDir(deps.home, run.id),
      agentDirs: launch.profile.configDirs(env, os.homedir()), argv: launch.argv, forwarder
    })
    await sessions.spawn({ id: sessionId, argv, cwd: workspace.path, env, cols: 120, rows: 32, scrollbackLines: 5_000 })

    return await deps.store.write(async (tx) => {
      await clearLaunch(tx, run.id)
      tx.emit('run.confined', run.id, { runId: run.id, confinement })
      const moved = await moveRun(tx, run.id, 'running', {
        session_id: sessionId,
        attempt,
        branch: workspace.branch,
        worktree_path: workspace.path,
        base_branch: workspace.baseBranch,
        argv: JSON.stringify(launch.argv),
        // Nothing is known until the agent's first signal: "working" would be a guess (a resumed agent may sit at its prompt).
        ...statusFrom('process:start', 'unknown'),
        exit_code: null,
        detail: null
      })
      await deps.issues.followRun(tx, issue.id, 'in_progress')
      return moved
    })
  } catch (error) {
    const message = isWorkspaceError(error) || error instanceof ApiError || error instanceof Error ? error.message : String(error)
    await deps.store.write(async (tx) => {
      await clearLaunch(tx, run.id)
      return moveRun(tx, run.id, 'failed', { detail: `could not start: ${message}` })
    })
    throw error instanceof ApiError ? error : new ApiError('refused', `the run could not start: ${message}`)
  }
}
