import type { AgentProfile } from './agent-profile'
import { claudeCode } from './profiles/claude-code'
import { codex } from './profiles/codex'
import { gemini } from './profiles/gemini'
import { opencode } from './profiles/opencode'
import { qwenCode } from './profiles/qwen-code'
import { shell } from './profiles/shell'

/** One file per agent under profiles/: how it starts, reports, resumes and reaches Flightdeck's tools. */
export const builtinProfiles: readonly AgentProfile[] = [claudeCode, codex, gemini, opencode, qwenCode, shell]
