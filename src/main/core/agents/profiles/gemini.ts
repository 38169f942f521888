import path from 'node:path'
import { type AgentProfile, initialPrompt } from '../agent-profile'

export const gemini: AgentProfile = {
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
