import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { commentCommands } from '../../../shared/contract/comments'
import type { Services } from '../services'

type CommentHandlers = { [N in keyof typeof commentCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** Review comments on a run's diff. */
export function commentHandlers(s: Services): CommentHandlers {
  return {
    'comment.add': (input) => s.comments.add(input),
    'comment.list': ({ runId }) => s.comments.list(runId),
    'comment.remove': ({ id }) => s.comments.remove(id),
    'comment.send': ({ runId }) => s.comments.send(runId)
  }
}
