import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-env-', (deck) => ({ tmp, home, serve } = deck))

const cliJson = async <T>(...args: string[]): Promise<T> => JSON.parse(await runCli(home, ...args, '--json')) as T

/** A site whose server needs a dependency that only `npm install` (setup) puts in node_modules. */
const site = {
  'README.md': '# site\n',
  '.gitignore': 'node_modules/\npackage-lock.json\n',
  'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { greeting: 'file:vendor/greeting' } }),
  'vendor/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0', main: 'index.js' }),
  'vendor/greeting/index.js': "module.exports = (who) => 'hello from ' + who\n",
  'server.js': [
    "const greet = require('greeting')",
    "require('http').createServer((q, s) => s.end(greet(process.env.FLIGHTDECK_RUN_ID) + ' on ' + process.env.PORT))",
    "  .listen(+process.env.PORT, '127.0.0.1', () => console.log('dev server listening on ' + process.env.PORT))",
    ''
  ].join('\n'),
  '.flightdeck/policy.json': JSON.stringify({
    concurrency: { perRepo: 5 },
    environment: {
      ports: 3,
      setup: [{ name: 'install', argv: ['npm', 'install', '--offline', '--no-audit', '--no-fund'] }],
      commands: [{ name: 'dev', argv: ['node', 'server.js'] }]
    }
  })
}

test('setup installs a dependency; three parallel runs get their own ports and their dev servers answer; the Environment tab shows ports, the setup log and the server\'s terminal', async ({ page }) => {
  await runCli(home, 'repo', 'add', makeGitRepo(path.join(tmp.dir, 'site'), site))
  const runs = await Promise.all(['Header', 'Footer', 'Sidebar'].map(async (title) => {
    const issue = await cliJson<{ id: string }>('issue', 'create', '--repo', 'site', '--title', title)
    return JSON.parse(await runCli(home, 'run', 'start', issue.id, '--agent', 'shell', '--json', '--', 'sh', '-c', 'echo agent at work; sleep 300')) as { id: string }
  }))
  for (const run of runs) await expect.poll(async () => (await cliJson<{ state: string }>('run', 'show', run.id)).state, { timeout: 90_000 }).toBe('running')

  // Two dev servers from the CLI, the third from the UI.
  for (const run of runs.slice(1)) expect((await cliJson<{ state: string }>('run', 'exec', run.id, 'dev')).state).toBe('running')
  await page.goto(`${serve.url}#/run/${runs[0]!.id}/environment`)
  const pane = page.getByTestId('environment-pane')
  await expect(pane.getByTestId('env-setup-log')).toContainText('$ npm install --offline')
  await expect(pane.getByTestId('env-setup-log')).toContainText('added 1 package')
  const dev = pane.getByTestId('env-command').filter({ hasText: 'dev' })
  await expect(dev.getByTestId('env-command-state')).toHaveText('not started')
  await dev.getByRole('button', { name: 'Start' }).click()
  await expect(dev).toHaveAttribute('data-state', 'running')
  const first = pane.getByTestId('env-port').first()
  await expect(first).toHaveAttribute('data-listening', 'true', { timeout: 20_000 })
  const port = Number(await first.getAttribute('data-port'))
  await expect(pane.getByTestId('env-command-terminal').getByTestId('terminal')).toContainText(`dev server listening on ${port}`)
  await expect(first.getByRole('link')).toHaveText(String(port))
  await shoot(page, 'environment')

  // Distinct blocks, each server answering with the installed dependency, for its own run.
  const ports = await Promise.all(runs.map(async (run) => {
    const leased = await cliJson<{ port: number; listening: boolean }[]>('run', 'ports', run.id)
    await expect.poll(async () => (await cliJson<{ listening: boolean }[]>('run', 'ports', run.id))[0]?.listening, { timeout: 20_000 }).toBe(true)
    return leased[0]!.port
  }))
  expect(new Set(ports).size).toBe(3)
  expect(ports[0]).toBe(port)
  for (const [i, run] of runs.entries()) expect(await (await fetch(`http://127.0.0.1:${ports[i]}/`)).text()).toBe(`hello from ${run.id} on ${ports[i]}`)

  // Stopped from the UI: the server goes, the port stops listening, its last screen stays.
  await dev.getByRole('button', { name: 'Stop' }).click()
  await expect(dev).toHaveAttribute('data-state', 'exited')
  await expect(first).toHaveAttribute('data-listening', 'false', { timeout: 10_000 })
  await expect(pane.getByTestId('env-command-terminal').getByTestId('terminal-status')).toHaveAttribute('data-status', /exited|history/)
  await expect(dev.getByRole('button', { name: 'Run again' })).toBeEnabled()

  // The CLI agrees; cleanup of another run stops its server with the worktree.
  expect((await cliJson<{ name: string; state: string }[]>('run', 'commands', runs[0]!.id))[0]).toMatchObject({ name: 'dev', state: 'exited' })
  await runCli(home, 'run', 'stop', runs[1]!.id)
  await expect.poll(async () => (await cliJson<{ state: string }>('run', 'show', runs[1]!.id)).state).toBe('stopped')
  await runCli(home, 'cleanup', runs[1]!.id, '--force')
  await expect(fetch(`http://127.0.0.1:${ports[1]}/`)).rejects.toThrow()
  for (const run of [runs[0]!, runs[2]!]) await runCli(home, 'run', 'stop', run.id)
})
