import { useState } from 'react'
import { type SecretName, type SecretStatus, secretEnv } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { controlClass } from '../ui/Field'
import { useSubmit } from '../use-submit'

/** One secret: whether it is set and from where (never its value), a field to store a new one, and Clear. */
export function SecretRow({ name, label, placeholder, status }: { name: SecretName; label: string; placeholder: string; status: SecretStatus['items'][SecretName] }) {
  const client = useClient()
  const [value, setValue] = useState('')
  const { pending, submit, error } = useSubmit()
  const state = status.source === 'store' ? 'Set' : status.source === 'env' ? `Set from ${secretEnv[name]}` : 'Not set'
  const save = async () => {
    if (await submit(() => client.invoke('secret.set', { name, value }))) setValue('')
  }
  return (
    <form className="space-y-1" data-testid={`secret-${name}`} onSubmit={(e) => (e.preventDefault(), void save())}>
      <div className="flex items-center gap-2">
        <span className="text-xs font-medium text-muted">{label}</span>
        <span data-testid={`secret-${name}-state`} className={`rounded px-1.5 py-0.5 text-[11px] ${status.set ? 'bg-ok/15 text-ok' : 'bg-raised text-muted'}`}>{state}</span>
      </div>
      <div className="flex items-start gap-2">
        <input
          type="password"
          autoComplete="off"
          name={name}
          aria-label={`${label} (a new value)`}
          placeholder={status.source === 'store' ? 'Enter a new value to replace it' : placeholder}
          className={`${controlClass} w-80`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={Boolean(error)}
        />
        <Button type="submit" disabled={pending || !value.trim()}>Save</Button>
        {status.source === 'store' && <Button variant="ghost" disabled={pending} onClick={() => void submit(() => client.invoke('secret.clear', { name }))}>Clear</Button>}
      </div>
      {error && <p role="alert" className="text-xs text-danger">{error.message}</p>}
    </form>
  )
}
