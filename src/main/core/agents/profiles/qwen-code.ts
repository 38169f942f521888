import fs from 'node:fs'
import path from 'node:path'
import { mcpToolTimeoutMs } from '../../forum/agent-launch'
import { type AgentProfile, initialPrompt } from '../agent-profile'
import { prepareQwenHome, userQwenHome } from './qwen-home'

/**
 * Qwen Code (a Gemini CLI fork): its own hooks (set in the run's QWEN_HOME, see qwen-home.ts) report every turn
 * with its session id, so resume is `--resume <id>` of this run's conversation with the continuation prompt.
 * The provider is OpenAI-compatible: OPENAI_API_KEY + OPENAI_BASE_URL + OPENAI_MODEL select it with no dialog.
 * A QWEN_HOME set in a policy's or the user's agent env replaces the run's home, and with it the hooks: set it in
 * Flightdeck's own environment instead (the run's home is built from it).
 */
export const qwenCode: AgentProfile = {
  name: 'qwen-code',
  label: 'Qwen Code',
  command: 'qwen',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  providerEnv: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'DASHSCOPE_API_KEY', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL', 'QWEN_DEFAULT_AUTH_TYPE'],
  // The run's home, and the user's (its credentials and extensions are linked from there).
  configDirs: (env, home) => {
    const run = env.QWEN_HOME ?? path.join(home, '.qwen')
    const user = process.env.QWEN_HOME ? userQwenHome() : path.join(home, '.qwen')
    return user !== run && fs.existsSync(user) ? [run, user] : [run]
  },
  prepare: async (ctx) => ({ env: await prepareQwenHome(ctx, mcpToolTimeoutMs) }),
  // `--opt=value`: a prompt that starts with "-" stays a value.
  argv: (ctx) => [
    'qwen',
    '--yolo',
    ...(!ctx.resume
      ? [`--prompt-interactive=${initialPrompt(ctx)}`]
      : [...(ctx.agentSessionId ? ['--resume', ctx.agentSessionId] : ['--continue']), `--prompt-interactive=${ctx.resumePrompt}`])
  ]
}
