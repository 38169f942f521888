import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LaunchContext } from '../agent-profile'
import { qwenCode } from './qwen-code'
import { prepareQwenHome, promptsOnly } from './qwen-home'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-qwen-profile-'))
  dirs.push(d)
  return d
}

function context(runDir: string, over: Partial<LaunchContext> = {}): LaunchContext {
  return {
    runId: 'R1', worktree: '/w', runDir, briefing: '# Task', briefingFile: '/b.md', hookSettingsFile: '', resume: false, agentSessionId: null, resumePrompt: 'go on',
    mcpServer: { command: 'fd', args: ['mcp'], env: { FLIGHTDECK_RUN_ID: 'R1' } },
    signal: { argv: (s) => ['fd', 'signal', s], shell: (s) => `fd signal ${s}` },
    ...over
  }
}

describe('the Qwen Code profile', () => {
  it('starts with the briefing, and resumes this conversation by id with the continuation prompt', () => {
    const run = tmp()
    expect(qwenCode.argv(context(run))).toEqual(['qwen', '--yolo', '--prompt-interactive=# Task'])
    expect(qwenCode.argv(context(run, { resume: true, agentSessionId: 'abc-1' }))).toEqual(['qwen', '--yolo', '--resume', 'abc-1', '--prompt-interactive=go on'])
    expect(qwenCode.argv(context(run, { resume: true }))).toEqual(['qwen', '--yolo', '--continue', '--prompt-interactive=go on'])
  })

  it("builds the run's home from the user's settings: their hooks first, then Flightdeck's, its MCP server, their sign-in linked", async () => {
    const user = tmp()
    const run = tmp()
    // The user's file may carry comments, as Qwen allows.
    fs.writeFileSync(path.join(user, 'settings.json'), '{ // mine\n "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "mine" }] }] }, "model": { "name": "q" } }')
    fs.writeFileSync(path.join(user, 'oauth_creds.json'), '{}')
    const env = await prepareQwenHome(context(run), 1_000, user)
    expect(env.QWEN_HOME).toBe(path.join(run, 'qwen-home'))
    const settings = JSON.parse(fs.readFileSync(path.join(env.QWEN_HOME!, 'settings.json'), 'utf8'))
    expect(settings.model).toEqual({ name: 'q' })
    expect(settings.hooks.Stop.map((h: { hooks: { command: string }[] }) => h.hooks[0]!.command)).toEqual(['mine', 'fd signal Stop'])
    expect(settings.hooks.Notification.map((h: { matcher: string }) => h.matcher)).toEqual(['permission_prompt', 'elicitation_dialog'])
    expect(settings.mcpServers.flightdeck).toEqual({ command: 'fd', args: ['mcp'], env: { FLIGHTDECK_RUN_ID: 'R1' }, timeout: 1_000, trust: true })
    expect(fs.readlinkSync(path.join(env.QWEN_HOME!, 'oauth_creds.json'))).toBe(path.join(user, 'oauth_creds.json'))
    expect(JSON.parse(fs.readFileSync(env.QWEN_CODE_SYSTEM_DEFAULTS_PATH!, 'utf8'))).toMatchObject({ privacy: { usageStatisticsEnabled: false }, general: { enableAutoUpdate: false } })
    // Again on resume: links renewed, what Qwen made there kept.
    fs.mkdirSync(path.join(env.QWEN_HOME!, 'projects'))
    await prepareQwenHome(context(run), 1_000, user)
    expect(fs.existsSync(path.join(env.QWEN_HOME!, 'projects'))).toBe(true)
  })

  it('refuses settings that are not a JSON object, naming the file', async () => {
    const user = tmp()
    fs.writeFileSync(path.join(user, 'settings.json'), '[1, 2')
    await expect(prepareQwenHome(context(tmp()), 1_000, user)).rejects.toThrow(`Qwen Code settings ${path.join(user, 'settings.json')} are not a JSON object`)
  })

  it('passes a real prompt to the signal and drops the empty ones Qwen sends before each tool-result request', () => {
    const out = tmp()
    const line = promptsOnly(`cat > ${out}/got`)
    const run = (payload: string) => execFileSync('bash', ['-c', line], { input: payload })
    run('{"session_id":"s","prompt":""}')
    expect(fs.existsSync(path.join(out, 'got'))).toBe(false)
    run('{"session_id":"s","prompt":"say \\"prompt\\":\\"\\" please"}')
    expect(fs.readFileSync(path.join(out, 'got'), 'utf8')).toBe('{"session_id":"s","prompt":"say \\"prompt\\":\\"\\" please"}')
  })
})
