import type { Repo } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { NewRepoRow, RepoRow } from '../db/tables/repo.table'

export function toRepo(row: RepoRow): Repo {
  return { id: row.id, name: row.name, path: row.path, defaultBranch: row.default_branch, createdAt: row.created_at }
}

export async function insertRepo(db: Db, row: NewRepoRow): Promise<void> {
  await db.insertInto('repos').values(row).execute()
}

export async function listRepos(db: Db): Promise<Repo[]> {
  const rows = await db.selectFrom('repos').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(toRepo)
}

/** Finds a repo by id, path or name (in that order of preference). */
export async function findRepo(db: Db, ref: string): Promise<Repo | undefined> {
  const row = await db
    .selectFrom('repos')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', ref), eb('path', '=', ref), eb('name', '=', ref)]))
    .orderBy((eb) => eb.case().when('id', '=', ref).then(0).when('path', '=', ref).then(1).else(2).end())
    .executeTakeFirst()
  return row ? toRepo(row) : undefined
}
