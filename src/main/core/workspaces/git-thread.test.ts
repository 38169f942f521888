import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, expect, it } from 'vitest'
import { GitThread } from './git-thread'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-git-thread-'))
execFileSync('git', ['init', '-q', '-b', 'main', dir])
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', HOME: dir }

it('runs gits from its thread and answers each call with its own output and exit code', async () => {
  const thread = new GitThread()
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => thread.run(dir, i % 2 ? ['rev-parse', '--show-toplevel'] : ['rev-parse', `no-such-ref-${i}`], env)))
  answers.forEach((a, i) => {
    if (i % 2) expect(a).toMatchObject({ exitCode: 0, stdout: `${fs.realpathSync(dir)}\n` })
    else expect(a).toMatchObject({ exitCode: 128, stderr: expect.stringContaining(`no-such-ref-${i}`) })
  })
})

it('fails the calls in flight when its thread dies, with the reason, and starts a new one for the next call', async () => {
  const thread = new GitThread()
  await thread.run(dir, ['--version'], env)
  const inFlight = thread.run(dir, ['log', '--all'], env)
  await (thread as unknown as { worker: Worker }).worker.terminate()
  await expect(inFlight).rejects.toThrow(/the git thread stopped/)
  expect((await thread.run(dir, ['--version'], env)).stdout).toMatch(/^git version/)
})

it('reports a git that could not start (no such folder) as an error, not an exit code', async () => {
  await expect(new GitThread().run(path.join(dir, 'missing'), ['status'], env)).rejects.toThrow(/ENOENT/)
})
