import type { EventEnvelope } from '../../../shared/contract'
import type { ForumPost } from '../../../shared/domain'
import type { CliContext } from '../context'

/** Streams posts committed from now on (by any process sharing the database) until Ctrl-C or `max`. */
export async function watchForum(ctx: CliContext, o: { thread?: string; max?: number; json?: boolean }): Promise<void> {
  const core = await ctx.openCore()
  if (o.thread) await core.client.invoke('forum.thread', { threadId: o.thread })
  let seen = 0
  await new Promise<void>((resolve) => {
    const finish = () => {
      off()
      process.off('SIGINT', finish)
      resolve()
    }
    const off = core.subscribe((event) => {
      const post = postOf(event)
      if (!post || (o.thread && post.threadId !== o.thread)) return
      ctx.stdout.write(o.json ? `${JSON.stringify(post)}\n` : `[${post.threadId}] ${post.author}${post.isAnswer ? ' (answer)' : ''}: ${post.body}\n`)
      if (o.max && ++seen >= o.max) finish()
    })
    process.once('SIGINT', finish)
    // On stderr, so --json output stays one post a line: from here on, no post is missed.
    ctx.stderr.write(`watching ${o.thread ? `thread ${o.thread}` : 'the forum'} (Ctrl-C stops)\n`)
  })
  await core.close()
}

function postOf(event: EventEnvelope): ForumPost | undefined {
  if (event.topic === 'forum.post_added') return (event.payload as EventEnvelope<'forum.post_added'>['payload']).post
  if (event.topic === 'forum.thread_opened') return (event.payload as EventEnvelope<'forum.thread_opened'>['payload']).post
  return undefined
}
