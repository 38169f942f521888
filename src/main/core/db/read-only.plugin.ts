import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { AsyncLocalStorage } from 'node:async_hooks'
import { ApiError } from '../../../shared/errors'

/** Set by `Store.write` around its work while its transaction is open. */
export const openWrite = new AsyncLocalStorage<{ open: boolean }>()

const writes = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode'])

/**
 * Installed on `Store.db`: a query that changes rows there is refused when it is built, because a change
 * outside `Store.write` would commit without its event (and outside any transaction's all-or-nothing); so is
 * any query there from inside a write.
 */
export class ReadOnlyPlugin implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (writes.has(node.kind)) {
      throw new ApiError('internal', `a ${node.kind.replace('QueryNode', '').toLowerCase()} outside Store.write was refused: change rows inside store.write(tx => ...)`)
    }
    // The database has one connection and the transaction holds it: a read on Store.db from inside the write
    // would wait for the write that waits for it. Refused at once, instead of a launch that hangs forever.
    if (openWrite.getStore()?.open) {
      throw new ApiError('internal', 'a read on Store.db inside Store.write was refused (it would wait forever for the transaction): read through tx.db')
    }
    return node
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result
  }
}
