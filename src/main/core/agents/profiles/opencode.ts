import path from 'node:path'
import { type AgentProfile, initialPrompt } from '../agent-profile'

export const opencode: AgentProfile = {
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
