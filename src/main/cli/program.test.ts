import path from 'node:path'
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeGitRepo, tempDir } from '../../../test/fixtures/temp'
import { createCore } from '../core/core'
import { cliRunner } from '../../../test/fixtures/cli'

describe('flightdeck CLI', () => {
  let tmp: ReturnType<typeof tempDir>
  let home: string
  beforeEach(() => {
    tmp = tempDir('fd-cli-')
    home = path.join(tmp.dir, 'home')
  })
  afterEach(() => tmp.cleanup())

  const cli = (...argv: string[]) => cliRunner(() => createCore({ home }), tmp.dir)(...argv)

  it('adds a repo, creates and lists issues, shows one, all with --json', async () => {
    const repoDir = makeGitRepo(path.join(tmp.dir, 'shop'))
    expect((await cli('repo', 'add', repoDir)).stdout).toMatch(/registered shop .* base branch main/)
    const repos = JSON.parse((await cli('repo', 'list', '--json')).stdout)
    expect(repos).toHaveLength(1)

    const created = await cli('issue', 'create', '--repo', 'shop', '--title', 'Add cart', '--priority', 'high', '--ac', 'cart holds items', '--label', 'ui', '--json')
    expect(created.code).toBe(0)
    const issue = JSON.parse(created.stdout)
    expect(issue).toMatchObject({ title: 'Add cart', priority: 'high', acceptanceCriteria: ['cart holds items'], labels: ['ui'] })

    await cli('issue', 'create', '--repo', repoDir, '--title', 'Second')
    const listed = await cli('issue', 'list', '--repo', repos[0].id, '--status', 'planning')
    expect(listed.stdout).toMatch(/^ID\s+STATUS\s+PRIORITY\s+TITLE/)
    expect(listed.stdout).toContain('Add cart')
    expect(listed.stdout).toContain('Second')
    expect(JSON.parse((await cli('issue', 'list', '--json')).stdout)).toHaveLength(2)
    expect((await cli('issue', 'show', issue.id)).stdout).toContain('cart holds items')
    expect(JSON.parse((await cli('issue', 'show', issue.id, '--json')).stdout).id).toBe(issue.id)
  })

  it('edits an issue: title, body, priority, labels and dependencies; refuses a cycle with the reason', async () => {
    makeGitRepo(path.join(tmp.dir, 'shop'))
    await cli('repo', 'add', path.join(tmp.dir, 'shop'))
    const a = JSON.parse((await cli('issue', 'create', '--repo', 'shop', '--title', 'A', '--json')).stdout)
    const b = JSON.parse((await cli('issue', 'create', '--repo', 'shop', '--title', 'B', '--depends-on', a.id, '--json')).stdout)
    const edited = await cli('issue', 'edit', a.id, '--title', 'A renamed', '--body', '**bold**', '--priority', 'urgent', '--label', 'ui', '--json')
    expect(edited.code).toBe(0)
    expect(JSON.parse(edited.stdout)).toMatchObject({ title: 'A renamed', body: '**bold**', priority: 'urgent', labels: ['ui'] })
    const cycle = await cli('issue', 'edit', a.id, '--depends-on', b.id)
    expect(cycle.code).not.toBe(0)
    expect(cycle.stderr).toContain('that would make a dependency cycle: "A renamed" depends on "B" depends on "A renamed"')
    expect((await cli('issue', 'edit', b.id, '--no-depends-on', '--no-labels')).stdout).toMatch(/^updated .*: B \[medium\]/)
    expect(JSON.parse((await cli('issue', 'show', b.id, '--json')).stdout).dependsOn).toEqual([])
    expect(JSON.parse((await cli('issue', 'show', a.id, '--json')).stdout).labels).toEqual(['ui'])
    await cli('issue', 'edit', b.id, '--depends-on', a.id)
    expect((await cli('issue', 'show', b.id)).stdout).toContain(`depends on: A renamed (${a.id})`)
  })

  it('reads and changes settings by path, validated whole, and confirms hosts for keys', async () => {
    await cli('settings', 'set', 'model.gradingName', 'claude-opus-4-1')
    expect(JSON.parse((await cli('settings', 'get', 'model')).stdout)).toMatchObject({ name: 'claude-sonnet-4-5', gradingName: 'claude-opus-4-1' })
    await cli('settings', 'set', 'concurrency.global', '8')
    expect(JSON.parse((await cli('settings', 'get', 'concurrency.global')).stdout)).toBe(8)
    const bad = await cli('settings', 'set', 'concurrency.global', '0')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/concurrency\.global: .*>=1/)
    expect(JSON.parse((await cli('settings', 'get', 'concurrency.global')).stdout)).toBe(8)
    expect((await cli('secret', 'trust', 'https://llm.example.com')).stdout).toContain('confirmed https://llm.example.com')
    expect((await cli('secret', 'trust', 'https://llm.example.com/v1')).code).toBe(2)
    expect((await cli('secret', 'status')).stdout).toMatch(/confirmed hosts: https:\/\/llm\.example\.com/)
  })

  it('explains bad input and exits non-zero without writing', async () => {
    const plain = path.join(tmp.dir, 'plain')
    fs.mkdirSync(plain)
    const notGit = await cli('repo', 'add', plain)
    expect(notGit.code).toBe(1)
    expect(notGit.stderr).toMatch(/not_a_git_repo.*not a git repository/)

    const badPriority = await cli('issue', 'create', '--repo', 'x', '--title', 't', '--priority', 'critical')
    expect(badPriority.code).not.toBe(0)
    expect(badPriority.stderr).toMatch(/critical.*Allowed choices are low, medium, high, urgent/)

    makeGitRepo(path.join(tmp.dir, 'r'))
    await cli('repo', 'add', path.join(tmp.dir, 'r'))
    const emptyTitle = await cli('issue', 'create', '--repo', 'r', '--title', '  ')
    expect(emptyTitle.code).toBe(2)
    expect(emptyTitle.stderr).toMatch(/title is required/)
    expect((await cli('issue', 'list')).stdout).toMatch(/no issues/)
    expect((await cli('issue', 'show', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).stderr).toMatch(/not_found/)
  })
})
