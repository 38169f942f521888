import path from 'node:path'
import { type AgentProfile, initialPrompt, type LaunchContext } from '../agent-profile'

export const codex: AgentProfile = {
  name: 'codex',
  label: 'Codex CLI',
  command: 'codex',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: true,
  providerEnv: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'CODEX_HOME'],
  configDirs: (env, home) => [env.CODEX_HOME ?? path.join(home, '.codex')],
  argv: (ctx) =>
    ctx.resume
      ? ['codex', 'resume', ...(ctx.agentSessionId ? [ctx.agentSessionId] : ['--last']), '--dangerously-bypass-approvals-and-sandbox', ...codexMcp(ctx), ctx.resumePrompt]
      : ['codex', '--dangerously-bypass-approvals-and-sandbox', ...codexMcp(ctx), initialPrompt(ctx)]
}

/** Codex takes MCP servers as `-c` config overrides (TOML values); the call may wait hours for the operator. */
function codexMcp(ctx: LaunchContext): string[] {
  const server = ctx.mcpServer
  if (!server) return []
  const env = Object.entries(server.env).map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
  const key = 'mcp_servers.flightdeck'
  return ['-c', `${key}.command=${JSON.stringify(server.command)}`, '-c', `${key}.args=${JSON.stringify(server.args)}`, '-c', `${key}.env={ ${env.join(', ')} }`, '-c', `${key}.tool_timeout_sec=604800`]
}
