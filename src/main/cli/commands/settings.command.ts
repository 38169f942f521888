import type { Command } from 'commander'
import { type CliContext, withCore } from '../context'
import { json } from '../format'

/** A value as typed: JSON when it parses (numbers, objects, null), the plain string otherwise. */
function valueOf(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Replaces `key.path` inside a copy of `root` (dots walk into objects). */
function withPath(root: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = keys as [string, ...string[]]
  const current = root[head]
  return { ...root, [head]: rest.length ? withPath(typeof current === 'object' && current ? (current as Record<string, unknown>) : {}, rest, value) : value }
}

export function registerSettingsCommands(program: Command, ctx: CliContext): void {
  const settings = program.command('settings').description('the settings the app shows (theme, models, concurrency, agents...); keys are under `secret`')

  settings
    .command('get')
    .argument('[key]', 'a setting, e.g. model or model.gradingName (default: all)')
    .action(async (key?: string) => {
      const all = (await withCore(ctx, (core) => core.client.invoke('settings.get', {}))) as Record<string, unknown>
      const value = key ? key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), all) : all
      if (value === undefined) throw new Error(`no setting ${key}`)
      ctx.stdout.write(json(value))
    })

  settings
    .command('set')
    .description('change one setting; the whole result is validated before anything is written')
    .argument('<key>', 'a setting, e.g. concurrency.global or model.name')
    .argument('<value>', 'JSON (4, true, null, {"global":8}) or a plain string')
    .action(async (key: string, value: string) => {
      const keys = key.split('.')
      const next = await withCore(ctx, async (core) => {
        const current = (await core.client.invoke('settings.get', {})) as Record<string, unknown>
        const top = keys[0] as string
        const patched = withPath(current, keys, valueOf(value))
        return core.client.invoke('settings.update', { patch: { [top]: patched[top] } })
      })
      ctx.stdout.write(`set ${key}\n${json((next as Record<string, unknown>)[keys[0] as string])}`)
    })
}
