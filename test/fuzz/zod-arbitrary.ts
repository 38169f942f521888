import fc from 'fast-check'
import type { z } from 'zod'

/** What the generator may draw ids from: ids that exist (so handlers go past not_found) and ghosts. */
export interface ArbitraryContext {
  ids: () => string[]
}

const ulidSource = '^[0-9A-HJKMNP-TV-Z]{26}$'
const ghostId = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/)
/** Strings that break naive code: NUL, controls, lone surrogates, RTL marks, emoji, very long lines. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\u202e', '💥'.repeat(10), '../../etc/passwd', '%ff', '\r\n', ' ', '$(id)', '`id`', '-rf', '--help')
)

type Def = { type: string; [key: string]: unknown }
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): Array<Record<string, unknown>> =>
  ((def.checks as Array<{ _zod: { def: Record<string, unknown> } }> | undefined) ?? []).map((c) => c._zod.def)

/** Bounded copies of a schema's length limits, so a generated value stays small unless it is a boundary case. */
function lengths(def: Def, cap: number): { min: number; max: number; declaredMax?: number } {
  let min = 0
  let declaredMax: number | undefined
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = c.minimum as number
    if (c.check === 'max_length') declaredMax = c.maximum as number
  }
  return { min, max: Math.max(min, Math.min(declaredMax ?? cap, cap)), declaredMax }
}

function stringArbitrary(def: Def, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const pattern = checksOf(def).find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern as RegExp | undefined
  if (pattern?.source === ulidSource) {
    const known = fc.nat().map((i) => {
      const ids = ctx.ids()
      return ids.length ? (ids[i % ids.length] as string) : '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    })
    return fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: ghostId })
  }
  const { min, max, declaredMax } = lengths(def, 80)
  const plain = pattern
    ? fc.stringMatching(pattern).filter((s) => s.length <= Math.max(max, 200))
    : fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' })
  const boundary = declaredMax !== undefined && declaredMax <= 300_000 && !pattern ? [fc.constant('x'.repeat(declaredMax)), fc.constant('x'.repeat(declaredMax + 1))] : []
  return fc.oneof({ weight: 6, arbitrary: plain }, { weight: 2, arbitrary: nasty }, ...boundary.map((b) => ({ weight: 1, arbitrary: b })))
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1e9
  let max = 1e9
  let int = false
  for (const c of checksOf(def)) {
    if (c.check === 'number_format' && String(c.format).includes('int')) int = true
    if (c.check === 'greater_than') min = c.value as number
    if (c.check === 'less_than') max = c.value as number
  }
  const inside = int ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true })
  // Just outside each bound, and values JSON cannot carry faithfully.
  return fc.oneof({ weight: 6, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -0, Number.MAX_SAFE_INTEGER + 2) })
}

/** Values shaped by the schema: mostly valid, at the boundaries, sometimes just past them. */
export function fromSchema(schema: z.ZodType, ctx: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (depth > 8) return fc.constant(undefined)
  const inner = (s: unknown) => fromSchema(s as z.ZodType, ctx, depth + 1)
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, ctx)
    case 'number':
      return numberArbitrary(def)
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>))
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 })
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 3 })
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType)
    case 'pipe':
      return inner(def.in)
    case 'lazy':
      return inner((def.getter as () => unknown)())
    case 'array': {
      const { min, max } = lengths(def, 4)
      return fc.array(inner(def.element), { minLength: min, maxLength: max })
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(inner))
    case 'object': {
      const shape = def.shape as Record<string, unknown>
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)]))
      const required = Object.entries(shape).filter(([, v]) => !['optional', 'default', 'prefault'].includes(defOf(v).type)).map(([k]) => k)
      return fc.record(entries, { requiredKeys: required }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner))
    case 'intersection':
      return inner(def.left)
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** A valid-looking value made wrong in one place: a key dropped, retyped or added, or replaced whole. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fc.oneof(fc.anything(), nasty)
    const keys = Object.keys(v)
    const key = keys.length ? fc.constantFrom(...keys) : fc.constant('x')
    return fc.oneof(
      key.map((k) => Object.fromEntries(Object.entries(v).filter(([x]) => x !== k))),
      fc.tuple(key, fc.anything({ maxDepth: 2 })).map(([k, bad]) => ({ ...v, [k]: bad })),
      fc.tuple(key, nasty).map(([k, bad]) => ({ ...v, [k]: bad })),
      fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue()).map(([k, extra]) => ({ ...v, [k === '__proto__' ? 'proto' : k || 'extra']: extra })),
      fc.constant({ ...v, ['__proto__']: { polluted: true } })
    )
  })
}
