import path from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import type { LandingEntry, PullRequestInfo } from '../../../shared/contract'
import { describeActivity, describeStartPoint, type Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { agentGateway } from '../agent-identity'
import { signalThroughGateway } from '../agent-signal'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'
import { landingState } from './queue.command'
import { attachTerminal } from './run-attach'
import { registerCheckpointCommands } from './run-checkpoints.command'
import { parsePayload, readStdinJson } from './stdin'

export function runRow(r: Run, landing?: Map<string, LandingEntry>): string[] {
  return [r.id, landingState(r, landing?.get(r.id)), r.activity, r.agentProfile, r.branch ?? '—', truncate(r.detail ?? '', 60)]
}
export const runHeaders = ['ID', 'STATE', 'AGENT STATE', 'AGENT', 'BRANCH', 'DETAIL']

/** The run's pull request in a few lines (pull-request landing). */
export function describePullRequest(pr: PullRequestInfo): string {
  return [
    `pull request: ${pr.number !== null ? `${pr.repository}#${pr.number} ${pr.state}${pr.url ? ` ${pr.url}` : ''}` : `to ${pr.repository}, not opened yet`} (${pr.remote}/${pr.branch}${pr.headSha ? ` @ ${pr.headSha.slice(0, 10)}` : ''})`,
    pr.checks.length ? `checks: ${pr.checks.map((c) => `${c.name} ${c.result}`).join(', ')}` : '',
    pr.reviews.length ? `reviews: ${pr.reviews.map((v) => `${v.user} ${v.state.toLowerCase()}`).join(', ')}` : '',
    pr.lastError ? `pull request fault: ${pr.lastError}` : ''
  ]
    .filter(Boolean)
    .join('\n')
}

function describeRun(r: Run): string {
  return [
    `run ${r.id}: ${r.state} (agent ${r.agentProfile}: ${describeActivity(r)})`,
    `issue: ${r.issueId}`,
    r.branch ? `branch: ${r.branch} (from ${r.baseBranch})` : '',
    r.startPoint ? `started from: ${describeStartPoint(r.startPoint)}` : '',
    r.worktreePath ? `worktree: ${r.worktreePath}` : '',
    r.argv.length ? `command: ${r.argv.map((a) => truncate(a, 40)).join(' ')}` : '',
    r.exitCode !== null ? `exit code: ${r.exitCode}` : '',
    r.detail ? `detail: ${r.detail}` : ''
  ]
    .filter(Boolean)
    .join('\n')
}

/** `RUN:N` of --fork; the run id and the number are checked by the contract. */
function parseFork(value: string): { runId: string; checkpoint: number } {
  const match = /^([^:]+):(\d+)$/.exec(value)
  if (!match) throw new InvalidArgumentError('expected RUN:N, a run id and a checkpoint number (see flightdeck run checkpoints RUN)')
  return { runId: match[1]!, checkpoint: Number(match[2]) }
}

export function registerRunCommands(program: Command, ctx: CliContext): void {
  const run = program.command('run').description('agent runs: one attempt on an issue, in its own worktree and terminal')
  registerCheckpointCommands(run, ctx)

  run
    .command('start')
    .description('queue a run of an issue (it starts when caps and dependencies allow)')
    .argument('<issue>', 'issue id')
    .option('--agent <name>', 'agent profile: claude-code, codex, gemini, opencode, shell')
    .argument('[argv...]', 'for --agent shell: the command and its arguments, after --')
    .option('--from-branch <name>', "start the run's branch at this branch's tip instead of the base's (it still lands on the base)")
    .option('--fork <run:n>', "start the run's branch at the files of another run's checkpoint N, e.g. --fork RUN:3", parseFork)
    .option('--json', 'print the run as JSON')
    .action(async (issueId: string, argv: string[], opts: { agent?: string; fromBranch?: string; fork?: { runId: string; checkpoint: number }; json?: boolean }) => {
      if (opts.fromBranch !== undefined && opts.fork) throw new ApiError('invalid_input', 'give --from-branch or --fork, not both', 'from')
      const from = opts.fork ?? (opts.fromBranch !== undefined ? { branch: opts.fromBranch } : undefined)
      const started = await withCore(ctx, (core) =>
        core.client.invoke('run.start', { issueId, agent: opts.agent, argv: argv.length ? argv : undefined, ...(from ? { from } : {}) })
      )
      ctx.stdout.write(opts.json ? json(started) : `${describeRun(started)}\n`)
    })

  run
    .command('list')
    .description('list runs, newest first')
    .option('--issue <id>', 'only runs of this issue')
    .option('--json', 'print JSON')
    .action(async (opts: { issue?: string; json?: boolean }) => {
      const [runs, queue] = await withCore(ctx, (core) => Promise.all([core.client.invoke('run.list', { issueId: opts.issue }), core.client.invoke('landing.list', {})]))
      const landing = new Map(queue.entries.map((e) => [e.runId, e]))
      if (opts.json) return void ctx.stdout.write(json(runs.map((r) => ({ ...r, landing: landing.get(r.id) ?? null }))))
      if (runs.length === 0) return void ctx.stdout.write('no runs yet: flightdeck run start ISSUE\n')
      ctx.stdout.write(table(runHeaders, runs.map((r) => runRow(r, landing))))
    })

  run
    .command('show')
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const [found, { pullRequest }] = await withCore(ctx, (core) => Promise.all([core.client.invoke('run.get', { id }), core.client.invoke('landing.pullRequest', { runId: id })]))
      if (opts.json) return void ctx.stdout.write(json(pullRequest ? { ...found, pullRequest } : found))
      ctx.stdout.write(`${describeRun(found)}\n${pullRequest ? `${describePullRequest(pullRequest)}\n` : ''}`)
    })

  run
    .command('resume')
    .description("continue the agent in the same worktree: this run's conversation where the agent can, told to check the worktree and go on")
    .argument('<id>', 'run id')
    .option('--prompt <text>', 'what the resumed agent is told to do next (instead of the default continuation)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { prompt?: string; json?: boolean }) => {
      const after = await withCore(ctx, (core) => core.client.invoke('run.resume', { id, ...(opts.prompt ? { prompt: opts.prompt } : {}) }))
      ctx.stdout.write(opts.json ? json(after) : `${describeRun(after)}\n`)
    })

  for (const [name, description] of [
    ['stop', 'stop the agent (its worktree and history stay)'],
    ['restart', 'start the agent afresh in the same worktree']
  ] as const) {
    run
      .command(name)
      .description(description)
      .argument('<id>', 'run id')
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { json?: boolean }) => {
        const after = await withCore(ctx, (core) => core.client.invoke(`run.${name}`, { id }))
        ctx.stdout.write(opts.json ? json(after) : `${describeRun(after)}\n`)
      })
  }

  run
    .command('diff')
    .description("print the run's unified diff against its base branch")
    .argument('<id>', 'run id')
    .option('--stat', 'list changed files instead')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { stat?: boolean; json?: boolean }) => {
      await withCore(ctx, async (core) => {
        if (opts.stat || opts.json) {
          const changes = await core.client.invoke('run.changes', { id })
          if (opts.json) return void ctx.stdout.write(json(changes))
          ctx.stdout.write(table(['KIND', '+', '-', 'PATH'], changes.map((c) => [c.kind, String(c.additions ?? 'bin'), String(c.deletions ?? 'bin'), c.path])))
          return
        }
        ctx.stdout.write((await core.client.invoke('run.diff', { id })).diff)
      })
    })

  run
    .command('attach')
    .description('stream the live terminal to stdout (read-only); Ctrl-C detaches, the agent keeps running')
    .argument('<id>', 'run id')
    .option('--command <name>', "a named command's terminal (see run commands) instead of the agent's")
    .action((id: string, opts: { command?: string }) => attachTerminal(ctx, id, opts.command))

  run
    .command('restore')
    .description("bring a snapshot's files back into the run's worktree (made again if it was cleaned up); what it holds now is saved first")
    .argument('<id>', 'run id')
    .option('--snapshot <n>', 'which snapshot (default: the newest)', (v: string) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a snapshot number is a whole number from 1')
      return n
    })
    .action(async (id: string, opts: { snapshot?: number }) => {
      const r = await withCore(ctx, (core) => core.client.invoke('run.restore', { id, snapshot: opts.snapshot }))
      ctx.stdout.write(`restored ${r.snapshot.ref} (${r.snapshot.files.length} file(s)) into ${r.path}\n${r.saved ? `what the worktree held before is on ${r.saved.ref} (flightdeck run restore ${id} --snapshot ${r.saved.n})\n` : ''}`)
    })

  run
    .command('ports')
    .description("the run's leased ports ($FLIGHTDECK_PORT, $PORT, ...) and which are listening")
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ports = await withCore(ctx, (core) => core.client.invoke('run.ports', { runId: id }))
      if (opts.json) return void ctx.stdout.write(json(ports))
      if (ports.length === 0) return void ctx.stdout.write('no ports leased (policy environment.ports is 0, or the run was cleaned up)\n')
      ctx.stdout.write(table(['PORT', 'VARIABLE', 'LISTENING'], ports.map((p) => [String(p.port), p.variable, p.listening ? `yes  http://127.0.0.1:${p.port}/` : 'no'])))
    })

  run
    .command('commands')
    .description("the named commands of the run's worktree (policy environment.commands) and whether each runs")
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const list = await withCore(ctx, (core) => core.client.invoke('run.command.list', { runId: id }))
      if (opts.json) return void ctx.stdout.write(json(list))
      if (list.length === 0) return void ctx.stdout.write('no named commands: add them to the policy as environment.commands [{ "name": "dev", "argv": [...] }]\n')
      const state = (c: (typeof list)[number]) => (c.state === 'exited' ? `exited ${c.exitCode ?? '?'}` : c.state)
      ctx.stdout.write(table(['NAME', 'STATE', 'SESSION', 'COMMAND'], list.map((c) => [c.name, state(c), c.sessionId ?? '-', c.argv.join(' ')])))
    })

  run
    .command('exec')
    .description("start a named command of the run's policy in its worktree, in a terminal of its own, with the run's ports")
    .argument('<id>', 'run id')
    .argument('<name>', 'command name (see run commands)')
    .option('--attach', 'stream its terminal to stdout afterwards (Ctrl-C detaches; it keeps running)')
    .option('--stop', 'stop it instead (its whole process group)')
    .option('--json', 'print JSON')
    .action(async (id: string, name: string, opts: { attach?: boolean; stop?: boolean; json?: boolean }) => {
      const c = await withCore(ctx, (core) => core.client.invoke(opts.stop ? 'run.command.stop' : 'run.command.start', { runId: id, name }))
      if (opts.json) ctx.stdout.write(json(c))
      else ctx.stdout.write(opts.stop ? `stopped "${name}" (${c.sessionId})\n` : `started "${name}" as ${c.sessionId}: ${c.argv.join(' ')}\nfollow it with: flightdeck run attach ${id} --command ${name}\n`)
      if (opts.attach && !opts.stop) await attachTerminal(ctx, id, name)
    })

  run
    .command('signal', { hidden: true })
    .description('record an agent hook (used by the hook settings Flightdeck gives Claude Code)')
    .argument('<id>', 'run id')
    .argument('[payload]', 'the JSON payload, for agents that pass it as an argument (Codex notify); else stdin')
    .requiredOption('--hook <name>', 'hook name, e.g. Stop')
    .action(async (id: string, given: string | undefined, opts: { hook: string }) => {
      const payload = given === undefined ? await readStdinJson(ctx.stdin) : parsePayload(given)
      // A sandboxed agent's hook reaches the engine through the run's socket; elsewhere the database.
      const env = ctx.env ?? process.env
      const gateway = agentGateway(env)
      if (gateway) {
        const left = await signalThroughGateway(gateway, env, opts.hook, payload)
        if (left) ctx.stderr.write(`flightdeck: no engine is running; the ${opts.hook} signal waits in ${left}\n`)
        return
      }
      await withCore(ctx, (core) => core.client.invoke('run.signal', { id, hook: opts.hook, payload }))
    })
}
