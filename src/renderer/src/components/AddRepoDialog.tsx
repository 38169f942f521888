import { type FormEvent, useState } from 'react'
import { useApp, useClient } from '../app/context'
import { Button } from './ui/Button'
import { Dialog } from './ui/Dialog'
import { Field, inputClass } from './ui/Field'
import { useSubmit } from './use-submit'

export function AddRepoDialog() {
  const client = useClient()
  const openDialog = useApp((s) => s.openDialog)
  const close = () => openDialog(null)
  const setRepoFilter = useApp((s) => s.setRepoFilter)
  const [path, setPath] = useState('')
  const { pending, submit, fieldError, formError } = useSubmit()

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const repo = await submit(() => client.invoke('repo.add', { path }))
    if (repo) {
      setRepoFilter(repo.id)
      close()
    }
  }

  return (
    <Dialog
      title="Register a repository"
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>Cancel</Button>
          <Button variant="primary" type="submit" form="add-repo" disabled={pending || !path.trim()}>Register</Button>
        </>
      }
    >
      <form id="add-repo" onSubmit={onSubmit} className="space-y-4">
        <Field label="Path to a git repository" error={fieldError('path')} hint="An existing local clone; agents work in worktrees beside it, never in it.">
          <input autoFocus name="path" className={`${inputClass} font-mono`} placeholder="/home/me/code/my-service" value={path} onChange={(e) => setPath(e.target.value)} aria-invalid={Boolean(fieldError('path'))} />
        </Field>
        {formError && <p className="text-xs text-danger">{formError}</p>}
      </form>
    </Dialog>
  )
}
