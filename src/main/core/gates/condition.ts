import type { GateCondition } from '../../../shared/domain'

export const passed = (id: string, label: string, detail: string): GateCondition => ({ id, label, status: 'passed', detail })
export const failed = (id: string, label: string, detail: string): GateCondition => ({ id, label, status: 'failed', detail })
export const skipped = (id: string, label: string, detail: string): GateCondition => ({ id, label, status: 'skipped', detail })

/** Runs one condition; an error becomes a failed condition that names it instead of aborting the gate. */
export async function guard(id: string, label: string, evaluate: () => Promise<GateCondition>): Promise<GateCondition> {
  try {
    return await evaluate()
  } catch (error) {
    return failed(id, label, error instanceof Error ? error.message : String(error))
  }
}

/** One line per failed condition, for a run's detail and the agent's note. */
export function reasons(conditions: readonly GateCondition[]): string[] {
  return conditions.filter((c) => c.status === 'failed').map((c) => `${c.label}: ${c.detail}`)
}

export const list = (items: readonly string[], max = 5): string => (items.length > max ? `${items.slice(0, max).join('; ')}; and ${items.length - max} more` : items.join('; '))
