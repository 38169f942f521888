import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventEnvelope } from '../../src/shared/contract'
import type { Outcome } from '../../src/shared/transport'
import { startDesktopApp } from '../../src/main/desktop/desktop-app'
import { EVENT_CHANNEL, INVOKE_CHANNEL, STREAM_CHANNEL, WATCH_CHANNEL } from '../../src/main/desktop/ipc-transport'
import { type TestSender, nodeDesktopPort, testSender } from '../fixtures/desktop/node-desktop-port'
import { ptyHostPaths } from '../../src/main/core/sessions/pty-host.protocol'
import { stopPtyHost } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'

const root = path.resolve(import.meta.dirname, '..', '..')
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/**
 * The desktop app's main process under Node: startDesktopApp is what src/main/index.ts runs, with Electron's
 * APIs behind the desktop port (ipcMain, the window) and nothing else replaced: the built pty host, the
 * engine, real git and a real shell agent in a pty. Calls go through the same IPC handlers the preload calls.
 */
describe('the desktop app runtime', () => {
  const cleanups: (() => void | Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function start(layout: { execPath?: string; appPath?: string; isPackaged?: boolean; argv?: string[] } = {}) {
    const tmp = tempDir('fd-desktop-')
    const userData = path.join(tmp.dir, 'userData')
    const port = nodeDesktopPort({ userDataPath: userData, execPath: layout.execPath ?? process.execPath, appPath: layout.appPath ?? root, isPackaged: layout.isPackaged ?? false })
    const app = await startDesktopApp(port, {}, layout.argv)
    cleanups.push(tmp.cleanup, () => stopPtyHost(userData), () => app.close({ quitting: true }))
    const window = testSender(app.rendererUrl)
    port.ipc.windows.push(window)
    const invoke = async <T>(name: string, input: unknown, from: TestSender = window): Promise<T> => {
      const outcome = (await port.ipc.invoke(from, INVOKE_CHANNEL, name, input)) as Outcome
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
      return outcome.value as T
    }
    const events = () => window.received.filter((m) => m.channel === EVENT_CHANNEL).map((m) => m.args[0] as EventEnvelope)
    return { tmp, port, app, window, invoke, events, userData }
  }

  async function shellRun(d: Awaited<ReturnType<typeof start>>, argv: string[]) {
    const repo = makeGitRepo(path.join(d.tmp.dir, 'shop'))
    const added = await d.invoke<{ id: string }>('repo.add', { path: repo })
    const issue = await d.invoke<{ id: string }>('issue.create', { repoId: added.id, title: 'Add a price list' })
    const run = await d.invoke<{ id: string; state: string }>('run.start', { issueId: issue.id, agent: 'shell', argv })
    return { repo, issue, run }
  }

  it('opens a flightdeck:// link from its command line on that view, and later links in the open window', async () => {
    const d = await start({ argv: ['/opt/flightdeck/flightdeck', '--no-sandbox', 'flightdeck://run/R1/changes'] })
    expect(d.port.opened[0]!.url).toBe(`${d.app.rendererUrl}#/run/R1/changes`)
    expect(d.app.openDeepLink('flightdeck://runs?repo=R2')).toBe(true)
    expect(d.app.openDeepLink('https://example.com/runs')).toBe(false)
    expect(d.app.openDeepLink('not a link')).toBe(false)
    expect(d.port.shown).toEqual([`${d.app.rendererUrl}#/runs?repo=R2`])
    // The routed page is still the app's own frame.
    expect(d.app.isAppFrame({ ...d.window, frameUrl: d.port.shown[0]! })).toBe(true)
  })

  it('opens its window on the app page and drives an issue through a real shell run to ready_to_merge and merge over IPC', async () => {
    const d = await start()
    expect(d.app.home).toBe(d.userData)
    expect(d.port.opened).toEqual([{ url: d.app.rendererUrl, preload: path.join(root, 'out', 'preload', 'index.cjs') }])
    expect(d.app.rendererUrl).toBe(`file://${path.join(root, 'out', 'renderer', 'index.html')}`)
    expect(fs.existsSync(d.port.opened[0]!.preload)).toBe(true)

    const { repo, issue, run } = await shellRun(d, ['sh', '-c', 'echo "apples 3" > prices.txt && git add prices.txt && git commit -qm "prices" && echo agent-done'])
    // The terminal stream reaches the window that watches it.
    d.port.ipc.send(d.window, WATCH_CHANNEL, 'terminal', run.id)
    await expect.poll(() => d.events().some((e) => e.topic === 'run.updated' && e.entity === run.id && (e.payload as { run: { state: string } }).run.state === 'ready_to_merge'), { timeout: 45_000 }).toBe(true)
    const output = () => d.window.received.filter((m) => m.channel === STREAM_CHANNEL).map((m) => JSON.stringify(m.args[2])).join('')
    await expect.poll(output, { timeout: 15_000 }).toContain('agent-done')

    const merged = await d.invoke<{ state: string }>('run.merge', { id: run.id })
    expect(merged.state).toBe('merged')
    expect(fs.readFileSync(path.join(repo, 'prices.txt'), 'utf8')).toBe('apples 3\n')
    expect(git(repo, 'log', '-1', '--format=%s')).toContain('Add a price list')
    expect((await d.invoke<{ status: string }>('issue.get', { id: issue.id })).status).toBe('done')
  })

  it('refuses IPC from any frame but its own page, and nothing reaches the core', async () => {
    const d = await start()
    const before = await d.invoke<unknown[]>('repo.list', {})
    for (const stranger of [testSender('https://evil.example/index.html'), testSender(d.app.rendererUrl, false), testSender('file:///tmp/other/index.html')]) {
      const outcome = (await d.port.ipc.invoke(stranger, INVOKE_CHANNEL, 'repo.add', { path: d.tmp.dir })) as Outcome
      expect(outcome).toEqual({ ok: false, error: { code: 'unauthorized', message: 'only the Flightdeck window may call Flightdeck' } })
    }
    expect(await d.invoke<unknown[]>('repo.list', {})).toEqual(before)
    // The app's page with a route in its hash or query is still the app's page.
    expect(await d.invoke<unknown[]>('repo.list', {}, testSender(`${d.app.rendererUrl}#/runs?repo=x`))).toEqual(before)
  })

  it('in the packaged layout, runs the pty host, the hooks and the MCP server with the app binary as Node, reaching the same engine and data', async () => {
    const tmp = tempDir('fd-packaged-')
    cleanups.push(tmp.cleanup)
    // An installed app: its binary, which acts as Node only under ELECTRON_RUN_AS_NODE=1 (as Electron's does),
    // and its files under resources/app. There is no `node` and no `flightdeck` on the PATH agents get.
    const install = path.join(tmp.dir, 'Flightdeck')
    const binary = path.join(install, 'flightdeck')
    fs.mkdirSync(path.join(install, 'resources'), { recursive: true })
    fs.symlinkSync(root, path.join(install, 'resources', 'app'))
    fs.writeFileSync(binary, `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "would open a window" >&2; exit 9; }\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 })
    const d = await start({ execPath: binary, appPath: path.join(install, 'resources', 'app'), isPackaged: true })

    const { run } = await shellRun(d, ['sh', '-c', 'sleep 120'])
    await expect.poll(async () => (await d.invoke<{ state: string }>('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('running')
    const hostInfo = JSON.parse(fs.readFileSync(ptyHostPaths(d.userData).info, 'utf8')) as { pid: number }
    expect(fs.readFileSync(`/proc/${hostInfo.pid}/cmdline`, 'utf8').split('\0')).toContain(path.join(install, 'resources', 'app', 'out', 'main', 'pty-host.js'))

    const runDir = path.join(d.userData, 'runs', run.id)
    const hooks = JSON.parse(fs.readFileSync(path.join(runDir, 'claude-settings.json'), 'utf8')).hooks as Record<string, { hooks: { command: string }[] }[]>
    const stop = hooks.Stop![0]!.hooks[0]!.command
    expect(stop.startsWith(`ELECTRON_RUN_AS_NODE='1' '${binary}' '${path.join(install, 'resources', 'app', 'out', 'main', 'cli.js')}'`)).toBe(true)
    const agentEnv = { PATH: '/nonexistent', HOME: tmp.dir }
    execFileSync('/bin/sh', ['-c', stop], { input: JSON.stringify({ hook_event_name: 'Stop', session_id: 's1' }), env: agentEnv })
    await expect.poll(() => d.events().some((e) => e.topic === 'run.signal' && e.entity === run.id), { timeout: 10_000 }).toBe(true)

    const mcp = JSON.parse(fs.readFileSync(path.join(runDir, 'mcp-config.json'), 'utf8')).mcpServers.flightdeck as { command: string; args: string[]; env: Record<string, string> }
    expect(mcp).toMatchObject({ command: binary, env: { ELECTRON_RUN_AS_NODE: '1', FLIGHTDECK_RUN_ID: run.id } })
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js')
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js')
    const client = new Client({ name: 'agent', version: '1.0.0' })
    cleanups.push(() => client.close())
    const transport = new StdioClientTransport({ command: mcp.command, args: mcp.args, env: { ...agentEnv, ...mcp.env }, stderr: 'pipe' })
    let stderr = ''
    transport.stderr?.on('data', (d) => (stderr += d))
    await client.connect(transport).catch((e: Error) => { throw new Error(`${e.message}: ${stderr}`) })
    const briefing = (await client.callTool({ name: 'get_briefing', arguments: {} })) as { content: { text: string }[] }
    expect(briefing.content[0]?.text).toContain('Add a price list')
    await client.callTool({ name: 'report_status', arguments: { state: 'working', note: 'pricing apples' } })
    await expect.poll(() => d.events().some((e) => e.entity === run.id && JSON.stringify(e.payload).includes('pricing apples')), { timeout: 10_000 }).toBe(true)
  })
})
