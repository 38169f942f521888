import { type Command, Option } from 'commander'
import type { ForumThread, ForumThreadView } from '../../../shared/domain'
import { forumPriorities, forumThreadKinds, forumThreadStates } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'
import { watchForum } from './forum-watch'

const collect = (value: string, previous: string[] = []) => [...previous, value]
const headers = ['ID', 'KIND', 'STATE', 'PRIORITY', 'ASSIGNEE', 'RUN', 'TITLE']
const row = (t: ForumThread) => [t.id, t.kind, t.state, t.priority, t.assignee ?? '—', t.runId ?? '—', truncate(t.title, 60)]

function describe(view: ForumThreadView): string {
  const t = view.thread
  const head = [`${t.kind} ${t.id}: ${t.title}`, `state: ${t.state}   priority: ${t.priority}   assignee: ${t.assignee ?? 'nobody'}${t.blocking ? '   (pauses its run)' : ''}`]
  if (t.issueId || t.runId) head.push(`issue: ${t.issueId ?? '—'}   run: ${t.runId ?? '—'}`)
  const posts = view.posts.map((p) => `--- ${p.author} (${p.authorRole}) ${p.createdAt}${p.isAnswer ? ' [answer]' : ''}\n${p.body}`)
  return `${[...head, '', ...posts].join('\n')}\n`
}

/** forum ask|answer|assign|state|priority|close|list|thread|watch: the operator's side of coordination. */
export function registerForumCommands(program: Command, ctx: CliContext): void {
  const forum = program.command('forum').description('questions, blockers, decisions and notes, tied to issues and runs')

  forum
    .command('ask')
    .description('open a thread')
    .requiredOption('--title <title>', 'one-line title')
    .requiredOption('--body <text>', 'the first post')
    .addOption(new Option('--kind <kind>', 'kind of thread').choices(forumThreadKinds).default('question'))
    .addOption(new Option('--priority <priority>', 'priority').choices(forumPriorities).default('medium'))
    .option('--issue <id>', 'the issue it is about')
    .option('--run <id>', 'the run it is about')
    .option('--assignee <name>', 'who should answer')
    .option('--option <choice>', 'a choice to offer (repeatable)', collect)
    .option('--json', 'print the thread as JSON')
    .action(async (o: { title: string; body: string; kind: ForumThread['kind']; priority: ForumThread['priority']; issue?: string; run?: string; assignee?: string; option?: string[]; json?: boolean }) => {
      const input = { title: o.title, body: o.body, kind: o.kind, priority: o.priority, issueId: o.issue, runId: o.run, assignee: o.assignee, options: o.option ?? [] }
      const t = await withCore(ctx, (core) => core.client.invoke('forum.ask', input))
      ctx.stdout.write(o.json ? json(t) : `opened ${t.kind} ${t.id}: ${t.title}\n`)
    })

  forum
    .command('answer')
    .description('answer a thread; a run waiting on it resumes with the answer')
    .argument('<thread>', 'thread id')
    .requiredOption('--text <answer>', 'the answer')
    .option('--json', 'print the thread as JSON')
    .action(async (threadId: string, o: { text: string; json?: boolean }) => {
      const view = await withCore(ctx, (core) => core.client.invoke('forum.answer', { threadId, text: o.text }))
      ctx.stdout.write(o.json ? json(view) : `answered ${threadId}${view.thread.runId ? `; run ${view.thread.runId} continues` : ''}\n`)
    })

  const change = (name: 'assign' | 'state' | 'priority', description: string, arg: string, toInput: (threadId: string, value: string) => object) =>
    forum
      .command(name)
      .description(description)
      .argument('<thread>', 'thread id')
      .argument(`<${arg}>`, arg)
      .option('--json', 'print the thread as JSON')
      .action(async (threadId: string, value: string, o: { json?: boolean }) => {
        const t = await withCore(ctx, (core) => core.dispatch(`forum.${name}`, toInput(threadId, value)).then((r) => (r.ok ? (r.value as ForumThread) : Promise.reject(ApiError.from(r.error)))))
        ctx.stdout.write(o.json ? json(t) : `${t.id}: ${t.state}, ${t.priority}, assigned to ${t.assignee ?? 'nobody'}\n`)
      })
  change('assign', 'assign a thread ("none" clears it)', 'assignee', (threadId, v) => ({ threadId, assignee: v === 'none' ? null : v }))
  change('state', `move a thread: ${forumThreadStates.join(', ')}`, 'state', (threadId, state) => ({ threadId, state }))
  change('priority', `set a thread's priority: ${forumPriorities.join(', ')}`, 'priority', (threadId, priority) => ({ threadId, priority }))

  forum
    .command('close')
    .description('close a thread; a run waiting on it resumes with the reason')
    .argument('<thread>', 'thread id')
    .option('--reason <text>', 'why')
    .option('--json', 'print the thread as JSON')
    .action(async (threadId: string, o: { reason?: string; json?: boolean }) => {
      const t = await withCore(ctx, (core) => core.client.invoke('forum.close', { threadId, reason: o.reason }))
      ctx.stdout.write(o.json ? json(t) : `closed ${t.id}\n`)
    })

  forum
    .command('list')
    .description('list threads (--inbox: open ones, those waiting for you first)')
    .option('--inbox', 'the inbox order: needs the operator, priority, age')
    .addOption(new Option('--state <state>', 'only this state').choices(forumThreadStates))
    .addOption(new Option('--kind <kind>', 'only this kind').choices(forumThreadKinds))
    .option('--issue <id>', 'only this issue')
    .option('--run <id>', 'only this run')
    .option('--json', 'print JSON')
    .action(async (o: { inbox?: boolean; state?: ForumThread['state']; kind?: ForumThread['kind']; issue?: string; run?: string; json?: boolean }) => {
      const threads = await withCore(ctx, (core) =>
        o.inbox ? core.client.invoke('forum.inbox', { openOnly: true }) : core.client.invoke('forum.list', { state: o.state, kind: o.kind, issueId: o.issue, runId: o.run })
      )
      if (o.json) return void ctx.stdout.write(json(threads))
      if (threads.length === 0) return void ctx.stdout.write('no threads\n')
      ctx.stdout.write(table(headers, threads.map(row)))
    })

  forum
    .command('thread')
    .description('show a thread with its posts')
    .argument('<thread>', 'thread id')
    .option('--json', 'print JSON')
    .action(async (threadId: string, o: { json?: boolean }) => {
      const view = await withCore(ctx, (core) => core.client.invoke('forum.thread', { threadId }))
      ctx.stdout.write(o.json ? json(view) : describe(view))
    })

  forum
    .command('watch')
    .description('stream new posts as they are written (Ctrl-C stops)')
    .option('--thread <id>', 'only this thread')
    .option('--max <n>', 'stop after this many posts', (v) => Number.parseInt(v, 10))
    .option('--json', 'one JSON object per line')
    .action((o: { thread?: string; max?: number; json?: boolean }) => watchForum(ctx, o))
}
