import path from 'node:path'
import { type AgentProfile, initialPrompt, type LaunchContext } from './agent-profile'

const claudeCode: AgentProfile = {
  name: 'claude-code',
  label: 'Claude Code',
  command: 'claude',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  providerEnv: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL', 'CLAUDE_CONFIG_DIR', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX'],
  configDirs: (env, home) => [env.CLAUDE_CONFIG_DIR ?? path.join(home, '.claude')],
  argv: (ctx) => [
    'claude',
    '--dangerously-skip-permissions',
    // --mcp-config takes several files: the next option (--settings) ends its list before the prompt.
    ...(ctx.mcpConfigFile ? ['--mcp-config', ctx.mcpConfigFile] : []),
    '--settings',
    ctx.hookSettingsFile,
    ...(ctx.resume ? ['--continue'] : [initialPrompt(ctx)])
  ]
}

const codex: AgentProfile = {
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
      ? ['codex', 'resume', '--last', '--dangerously-bypass-approvals-and-sandbox', ...codexMcp(ctx)]
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

const gemini: AgentProfile = {
  name: 'gemini',
  label: 'Gemini CLI',
  command: 'gemini',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: false,
  providerEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_CLOUD_PROJECT'],
  configDirs: (_env, home) => [path.join(home, '.gemini')],
  // Flightdeck's MCP server reaches Gemini through GEMINI_CLI_SYSTEM_DEFAULTS_PATH (set for every session).
  argv: (ctx) => ['gemini', '--yolo', '--prompt-interactive', initialPrompt(ctx)]
}

const opencode: AgentProfile = {
  name: 'opencode',
  label: 'opencode',
  command: 'opencode',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: true,
  providerEnv: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENCODE_CONFIG'],
  configDirs: (_env, home) => [path.join(home, '.local', 'share', 'opencode'), path.join(home, '.config', 'opencode'), path.join(home, '.cache', 'opencode')],
  argv: (ctx) => (ctx.resume ? ['opencode', '--continue'] : ['opencode', '--prompt', initialPrompt(ctx)])
}

/** Any program; its argv comes from the run or the policy. The briefing is in $FLIGHTDECK_BRIEFING. */
const shell: AgentProfile = {
  name: 'shell',
  label: 'Shell command',
  command: 'sh',
  briefing: 'environment',
  status: 'exit',
  resumable: false,
  providerEnv: [],
  configDirs: () => [],
  argv: () => [process.env.SHELL || '/bin/sh']
}

export const builtinProfiles: readonly AgentProfile[] = [claudeCode, codex, gemini, opencode, shell]
