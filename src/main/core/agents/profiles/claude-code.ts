import path from 'node:path'
import { type AgentProfile, initialPrompt } from '../agent-profile'

/**
 * Claude Code: hooks (see hook-settings.ts) report every turn; its SessionStart hook gives the conversation id,
 * so resume is `--resume <id>` of this run's conversation with the operator's continuation prompt.
 */
export const claudeCode: AgentProfile = {
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
    ...(!ctx.resume ? [initialPrompt(ctx)] : ctx.agentSessionId ? ['--resume', ctx.agentSessionId, ctx.resumePrompt] : ['--continue', ctx.resumePrompt])
  ]
}
