import { z } from 'zod'
import type { ConstraintSnapshot } from '../domain'
import { command } from './kit'
import { id } from './schemas'

export const timelineCommands = {
  /** One constraint snapshot (the operating envelope a run was pinned to) by id. */
  'constraint.get': command<ConstraintSnapshot>()(z.strictObject({ id }))
}
