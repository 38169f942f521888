import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { ApiError } from '../../../shared/errors'

const writes = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode'])

/**
 * Installed on `Store.db`: a query that changes rows there is refused when it is built, because a change
 * outside `Store.write` would commit without its event (and outside any transaction's all-or-nothing).
 */
export class ReadOnlyPlugin implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (writes.has(node.kind)) {
      throw new ApiError('internal', `a ${node.kind.replace('QueryNode', '').toLowerCase()} outside Store.write was refused: change rows inside store.write(tx => ...)`)
    }
    return node
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result
  }
}
