import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import type { ContextPacketContent } from '../../src/shared/domain'
import { askOperatorScenario } from '../fixtures/ask-operator-scenario'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { toolResults } from '../fixtures/model-server/request-inspect'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let model: ModelServer

test.beforeAll(async () => {
  model = await startModelServer()
})
useDeck('fd-e2e-forum-', (deck) => ({ tmp, home, serve } = deck))
test.afterAll(() => model?.close())

const cliJson = async <T>(...args: string[]): Promise<T> => JSON.parse(await runCli(home, ...args, '--json')) as T

test('Claude Code asks the operator through MCP; the run waits; the answer given in the UI resumes it to ready_to_merge', async ({ page }) => {
  model.setScenario(askOperatorScenario(model, { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] }))
  const configDir = path.join(tmp.dir, 'claude-config')
  await prepareClaudeConfig(configDir, { projectPaths: [tmp.dir], apiKey: testApiKey })
  const env = claudeEnv({ baseUrl: model.url, configDir, apiKey: testApiKey, base: {} })
  const policy = { agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }
  const repoDir = makeGitRepo(path.join(tmp.dir, 'greeter'), { 'README.md': '# greeter\n', '.flightdeck/policy.json': JSON.stringify(policy) })
  await runCli(home, 'repo', 'add', repoDir)
  const issue = await cliJson<{ id: string }>('issue', 'create', '--repo', 'greeter', '--title', 'Greet the user', '--ac', 'hello.txt holds the greeting')
  await page.goto(serve.url)
  const run = await cliJson<{ id: string }>('run', 'start', issue.id)

  // The question reaches the top bar's count; the inbox lists it first and opens it beside the live terminal.
  const badge = page.getByTestId('open-questions')
  await expect(badge).toHaveAttribute('data-count', '1', { timeout: 90_000 })
  await expect(page.getByTestId('status-open-questions')).toHaveText('1 open question')
  await badge.click()
  const view = page.getByTestId('forum-view')
  const item = view.getByTestId('inbox-item').first()
  await expect(item).toContainText('Which greeting should hello.txt contain?')
  await expect(item).toContainText('waiting for you')
  const thread = view.getByTestId('forum-thread')
  await expect(thread.getByTestId('thread-title')).toHaveText('Which greeting should hello.txt contain?')
  await expect(thread.getByTestId('run-state')).toHaveText('waiting')
  await expect(view.getByTestId('thread-terminal').getByTestId('terminal')).toContainText('I need a decision first')
  expect((await cliJson<{ state: string }>('run', 'show', run.id)).state).toBe('waiting')
  await page.screenshot({ path: path.join(shots, 'forum-inbox-light.png') })

  // Answer with one of the offered options; the button says what it does to the run.
  await thread.getByRole('button', { name: 'howdy' }).click()
  await expect(thread.getByLabel('Answer')).toHaveValue('howdy')
  await page.screenshot({ path: path.join(shots, 'forum-thread-light.png') })
  await thread.getByRole('button', { name: 'Answer and resume' }).click()

  await expect(thread.getByTestId('thread-state')).toHaveText('answered')
  await expect(thread.locator('[data-testid=forum-post][data-role=operator]')).toHaveText(/answer\s*howdy$/)
  await expect(thread.getByTestId('run-state')).toHaveText('ready to merge', { timeout: 90_000 })
  await expect(badge).toHaveAttribute('data-count', '0')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(shots, 'forum-thread-answered-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  // The scripted model got the answer as the tool result, and the new briefing version holds the Q&A.
  const afterAnswer = model.requests.find((r) => r.kind === 'main' && toolResults(r).some((x) => x.text === 'howdy'))
  expect(afterAnswer, 'a request carrying the answer as tool_result').toBeDefined()
  const done = await cliJson<{ state: string; worktreePath: string; contextPacketId: string }>('run', 'show', run.id)
  expect(done.state).toBe('ready_to_merge')
  expect(fs.readFileSync(path.join(done.worktreePath, 'hello.txt'), 'utf8')).toBe('howdy\n')
  const db = new SqliteDatabase(path.join(home, 'flightdeck.db'), { readonly: true })
  const packets = db.prepare('SELECT id, version, content FROM context_packets WHERE issue_id = ? ORDER BY version').all(issue.id) as { id: string; version: number; content: string }[]
  db.close()
  expect(packets.map((p) => p.version)).toEqual([1, 2])
  expect((JSON.parse(packets[1]!.content) as ContextPacketContent).qa).toEqual([{ question: expect.stringContaining('Which greeting'), answer: 'howdy', threadId: expect.any(String) }])
  expect(done.contextPacketId).toBe(packets[1]!.id)
  expect(model.errors).toEqual([])

  // Merging ends the idle agent and its MCP server before the folders are removed.
  await runCli(home, 'merge', run.id)
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', /exited|history/, { timeout: 20_000 })
})
