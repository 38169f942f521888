import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LaunchContext } from '../agent-profile'
import { gemini } from './gemini'
import { geminiSettings, prepareGeminiHome } from './gemini-settings'

const ctx = (over: Partial<LaunchContext> = {}): LaunchContext => ({
  runId: 'r1', worktree: '/w', runDir: '/runs/r1', briefing: 'Do the thing', briefingFile: '/runs/r1/briefing.md', hookSettingsFile: '',
  resume: false, agentSessionId: null, resumePrompt: 'Go on.',
  mcpServer: { command: '/bin/fd', args: ['mcp'], env: { FLIGHTDECK_RUN_ID: 'r1' } },
  signal: { argv: (s) => ['fd', s], shell: (s) => `'fd' 'signal' '${s}'` },
  ...over
})

describe('Gemini CLI profile', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))
  const temp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-gemini-'))
    dirs.push(d)
    return d
  }

  it('starts with the briefing, and resumes this conversation by id (or the run home\'s latest) with the continuation prompt', () => {
    expect(gemini.argv(ctx())).toEqual(['gemini', '--yolo', '--skip-trust', '--prompt-interactive', 'Do the thing'])
    expect(gemini.argv(ctx({ resume: true, agentSessionId: 'abc-1' }))).toEqual(['gemini', '--yolo', '--skip-trust', '--resume', 'abc-1', '--prompt-interactive', 'Go on.'])
    expect(gemini.argv(ctx({ resume: true }))).toEqual(['gemini', '--yolo', '--skip-trust', '--resume', 'latest', '--prompt-interactive', 'Go on.'])
  })

  it('lays the MCP server, hooks and quiet switches over the user\'s settings, keeping theirs', () => {
    const user = { model: { name: 'gemini-x' }, mcpServers: { mine: { command: 'x' } }, hooks: { AfterAgent: [{ hooks: [{ type: 'command', command: 'notify-me' }] }] }, general: { vimMode: true } }
    const s = geminiSettings(user, ctx()) as Record<string, any>
    expect(s.model).toEqual({ name: 'gemini-x' })
    expect(s.general).toEqual({ vimMode: true, enableAutoUpdate: false, enableAutoUpdateNotification: false })
    expect(s.mcpServers.mine).toEqual({ command: 'x' })
    expect(s.mcpServers.flightdeck).toMatchObject({ command: '/bin/fd', args: ['mcp'], env: { FLIGHTDECK_RUN_ID: 'r1' }, trust: true, timeout: 7 * 24 * 3_600_000 })
    expect(s.hooks.AfterAgent.map((d: any) => d.hooks[0].command)).toEqual(['notify-me', "'fd' 'signal' 'Stop'"])
    expect(Object.keys(s.hooks).sort()).toEqual(['AfterAgent', 'BeforeAgent', 'Notification', 'SessionStart'])
    expect(s.hooks.BeforeAgent[0].hooks[0].command).toBe("'fd' 'signal' 'UserPromptSubmit'")
    expect(s).toMatchObject({ privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false }, ide: { enabled: false } })
    expect((geminiSettings({}, ctx({ signal: undefined, mcpServer: undefined })) as Record<string, any>).hooks).toEqual({})
  })

  it('writes the run\'s Gemini home (0600 settings) and links the user\'s sign-in files; a broken user settings file counts as none', async () => {
    const userHome = temp()
    fs.mkdirSync(path.join(userHome, '.gemini'))
    fs.writeFileSync(path.join(userHome, '.gemini', 'settings.json'), '{ not json')
    fs.writeFileSync(path.join(userHome, '.gemini', 'oauth_creds.json'), '{"token":"t"}')
    const runDir = temp()
    const home = await prepareGeminiHome(ctx({ runDir }), userHome)
    expect(home).toBe(path.join(runDir, 'gemini-home'))
    const file = path.join(home, '.gemini', 'settings.json')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.flightdeck.command).toBe('/bin/fd')
    expect(fs.readlinkSync(path.join(home, '.gemini', 'oauth_creds.json'))).toBe(path.join(userHome, '.gemini', 'oauth_creds.json'))
    expect(fs.existsSync(path.join(home, '.gemini', 'google_accounts.json'))).toBe(false)
    // A second launch of the run (resume) rewrites the settings and keeps the links and conversations.
    await prepareGeminiHome(ctx({ runDir }), userHome)
    expect(gemini.configDirs({ GEMINI_CLI_HOME: home }, '/home/me')).toEqual([path.join(home, '.gemini'), '/home/me/.gemini'])
  })
})
