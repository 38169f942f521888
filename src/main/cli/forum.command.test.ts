import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp'
import type { ForumThread, ForumThreadView } from '../../shared/domain'
import { createCore } from '../core/core'
import { Capture, cliRunner } from '../../../test/fixtures/cli'
import { runCli } from './program'

describe('flightdeck forum', () => {
  let tmp: ReturnType<typeof tempDir>
  let home: string
  beforeEach(() => {
    tmp = tempDir('fd-cli-forum-')
    home = path.join(tmp.dir, 'home')
  })
  afterEach(() => tmp.cleanup())

  const cli = (...argv: string[]) => cliRunner(() => createCore({ home }), tmp.dir)(...argv)

  it('asks, lists, assigns, answers, shows and watches threads; reads have --json', async () => {
    const asked = await cli('forum', 'ask', '--title', 'Which port?', '--body', 'The server needs one.', '--priority', 'high', '--option', '8080', '--option', '3000', '--json')
    expect(asked.code).toBe(0)
    const thread = JSON.parse(asked.stdout) as ForumThread
    expect(thread).toMatchObject({ title: 'Which port?', priority: 'high', options: ['8080', '3000'], state: 'open' })
    expect((await cli('forum', 'list')).stdout).toMatch(/^ID\s+KIND\s+STATE\s+PRIORITY\s+ASSIGNEE\s+RUN\s+TITLE\n.*Which port\?/)
    expect((await cli('forum', 'assign', thread.id, 'ada')).stdout).toContain('assigned to ada')
    expect((await cli('forum', 'priority', thread.id, 'urgent', '--json')).stdout).toContain('"priority": "urgent"')

    // `watch` streams what others write, from another core on the same file; it says on stderr when it
    // is subscribed, and the answer is written only then (no sleep that hopes it was fast enough).
    const stdout = new Capture()
    const stderr = new Capture()
    const watching = runCli(['forum', 'watch', '--thread', thread.id, '--max', '1', '--json'], { openCore: () => createCore({ home }), stdout, stderr, rendererDir: tmp.dir })
    await expect.poll(() => stderr.text, { timeout: 20_000 }).toMatch(/^watching/)
    expect((await cli('forum', 'answer', thread.id, '--text', 'Use 8080.')).stdout).toBe(`answered ${thread.id}\n`)
    expect(await watching).toBe(0)
    expect(JSON.parse(stdout.text)).toMatchObject({ threadId: thread.id, body: 'Use 8080.', isAnswer: true })
    // --inbox lists open threads only, as its help says: an answered one is not waiting for anybody.
    expect(JSON.parse((await cli('forum', 'list', '--inbox', '--json')).stdout)).toEqual([])

    const view = JSON.parse((await cli('forum', 'thread', thread.id, '--json')).stdout) as ForumThreadView
    expect(view.thread).toMatchObject({ state: 'answered', assignee: 'ada', priority: 'urgent' })
    expect((await cli('forum', 'thread', thread.id)).stdout).toMatch(/--- operator \(operator\) .* \[answer\]\nUse 8080\./)
    expect((await cli('forum', 'close', thread.id)).stdout).toBe(`closed ${thread.id}\n`)
    expect(JSON.parse((await cli('forum', 'list', '--inbox', '--json')).stdout)).toEqual([])
    expect((await cli('forum', 'state', thread.id, 'open')).stdout).toContain('open')
  })

  it('explains bad input and unknown threads, exiting non-zero without writing', async () => {
    const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    const unknown = await cli('forum', 'answer', ghost, '--text', 'hi')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe(`error (not_found): no forum thread with id ${ghost}\n`)
    const big = await cli('forum', 'ask', '--title', 'T', '--body', 'x'.repeat(20_001))
    expect(big.code).toBe(2)
    expect(big.stderr).toMatch(/body: text is at most 20000 characters/)
    const badState = await cli('forum', 'state', ghost, 'resolved')
    expect(badState.code).toBe(2)
    expect(badState.stderr).toMatch(/state: Invalid option/)
    expect(await cli('forum', 'list', '--json')).toMatchObject({ code: 0, stdout: '[]\n' })
  })
})
