import os from 'node:os'
import path from 'node:path'
import { type AgentProfile, initialPrompt } from '../agent-profile'
import { prepareGeminiHome } from './gemini-settings'

/**
 * Gemini CLI: its hooks (see gemini-settings.ts) report each turn with the conversation id, so resume is
 * `--resume <id>` of this run's conversation with the operator's continuation prompt. Each run has its own
 * Gemini home (GEMINI_CLI_HOME in the run folder) holding its settings, MCP entry and conversations.
 */
export const gemini: AgentProfile = {
  name: 'gemini',
  label: 'Gemini CLI',
  command: 'gemini',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  providerEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_LOCATION', 'GOOGLE_GENAI_USE_VERTEXAI'],
  // The run's Gemini home, and the user's own (its sign-in files are linked from there).
  configDirs: (env, home) => [...(env.GEMINI_CLI_HOME ? [path.join(env.GEMINI_CLI_HOME, '.gemini')] : []), path.join(home, '.gemini')],
  async prepare(ctx) {
    return { env: { GEMINI_CLI_HOME: await prepareGeminiHome(ctx, process.env.GEMINI_CLI_HOME ?? os.homedir()) } }
  },
  // --skip-trust: the run's worktree is trusted for this session (an untrusted folder drops hooks, MCP and --yolo).
  argv: (ctx) => [
    'gemini',
    '--yolo',
    '--skip-trust',
    // Without a reported id, "latest" is still this run's: the run's Gemini home holds only its conversations.
    ...(!ctx.resume ? [] : ['--resume', ctx.agentSessionId ?? 'latest']),
    '--prompt-interactive',
    ctx.resume ? ctx.resumePrompt : initialPrompt(ctx)
  ]
}
