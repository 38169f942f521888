import path from 'node:path'
import { type AgentProfile, initialPrompt, type LaunchContext } from '../agent-profile'
import { codexOverrides } from './codex-config'

/**
 * Codex CLI, its interactive TUI in the pty. Status comes from its lifecycle hooks (codex-config.ts), given as
 * `-c` overrides with `--dangerously-bypass-hook-trust` (hooks Flightdeck writes need no trust prompt); each
 * payload's `session_id` is the thread id, so resume is `codex resume <id> <prompt>` of this run's thread.
 * Its `notify` command is not used: it also fires for side threads (the title it generates has a thread id of
 * its own), which would pass for the run's conversation.
 */
export const codex: AgentProfile = {
  name: 'codex',
  label: 'Codex CLI',
  command: 'codex',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  providerEnv: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'CODEX_HOME'],
  configDirs: (env, home) => [env.CODEX_HOME ?? path.join(home, '.codex')],
  // --no-daemon: the session runs in this process, in the pty and the run's sandbox, never in a shared Codex
  // server the user may have running (its socket lives in CODEX_HOME, which the sandbox leaves writable).
  argv: (ctx) => ['codex', ...resumeOf(ctx), '--no-daemon', '--dangerously-bypass-approvals-and-sandbox', '--dangerously-bypass-hook-trust', ...codexOverrides(ctx), '--', ...promptOf(ctx)]
}

/** Never `--last`: without this run's thread id, a fresh session gets the briefing and the continuation prompt. */
function resumeOf(ctx: LaunchContext): string[] {
  return ctx.resume && ctx.agentSessionId ? ['resume'] : []
}

function promptOf(ctx: LaunchContext): string[] {
  if (!ctx.resume) return [initialPrompt(ctx)]
  if (ctx.agentSessionId) return [ctx.agentSessionId, ctx.resumePrompt]
  return [`${initialPrompt(ctx)}\n\n${ctx.resumePrompt}`]
}
