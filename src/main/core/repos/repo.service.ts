import path from 'node:path'
import type { ParsedInput } from '../../../shared/contract'
import type { Repo } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import type { Store } from '../store'
import { probeGitRepo } from './git-probe'
import { findRepo, insertRepo, listRepos, toRepo } from './repo.repository'

export class RepoService {
  constructor(private readonly store: Store) {}

  async add(input: ParsedInput<'repo.add'>): Promise<Repo> {
    const probed = await probeGitRepo(input.path)
    const existing = await findRepo(this.store.db, probed.topLevel)
    if (existing?.path === probed.topLevel) {
      throw new ApiError('already_exists', `${probed.topLevel} is already registered as "${existing.name}"`, 'path')
    }
    const row = {
      id: newId(),
      name: input.name ?? path.basename(probed.topLevel),
      path: probed.topLevel,
      default_branch: probed.currentBranch,
      created_at: now()
    }
    return this.store.write(async (tx) => {
      await insertRepo(tx.db, row)
      const repo = toRepo(row)
      tx.emit('repo.added', repo.id, { repo })
      return repo
    })
  }

  list(): Promise<Repo[]> {
    return listRepos(this.store.db)
  }

  async get(ref: string): Promise<Repo> {
    const repo = await findRepo(this.store.db, ref)
    if (!repo) throw new ApiError('not_found', `no repository with id, path or name "${ref}"`, 'ref')
    return repo
  }
}
