import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'
import { now } from '../ids'
import { findRun } from '../runs/run.repository'

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/** A fresh secret for one launch of a run; only its hash is stored, so the database never holds the key. */
export async function issueAgentToken(db: Db, runId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('run_agent_tokens')
    .values({ run_id: runId, token_hash: hash(token), created_at: now() })
    .onConflict((oc) => oc.column('run_id').doUpdateSet({ token_hash: hash(token), created_at: now() }))
    .execute()
  return token
}

/** Checks the token an agent's MCP server presents against the run's current one; throws `unauthorized`. */
export async function verifyAgentToken(db: Db, runId: string, token: string): Promise<Run> {
  const row = await db.selectFrom('run_agent_tokens').select('token_hash').where('run_id', '=', runId).executeTakeFirst()
  const given = Buffer.from(hash(token), 'hex')
  const known = Buffer.from(row?.token_hash ?? '', 'hex')
  if (!row || known.length !== given.length || !timingSafeEqual(known, given)) {
    throw new ApiError('unauthorized', `the agent token for run ${runId} is not valid (the run was relaunched, or this is not its agent)`)
  }
  const run = await findRun(db, runId)
  if (!run) throw new ApiError('not_found', `no run with id ${runId}`)
  return run
}
