import { type FormEvent, useState } from 'react'
import { type IssuePriority, type IssueType, issuePriorities, issueTypes } from '../../../shared/domain'
import { useApp, useClient } from '../app/context'
import { Button } from './ui/Button'
import { Dialog } from './ui/Dialog'
import { Field, inputClass } from './ui/Field'
import { useSubmit } from './use-submit'

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

export function NewIssueDialog() {
  const client = useClient()
  const repos = useApp((s) => s.repos)
  const repoFilter = useApp((s) => s.repoFilter)
  const openDialog = useApp((s) => s.openDialog)
  const close = () => openDialog(null)
  const [form, setForm] = useState({
    repoId: repoFilter ?? repos[0]?.id ?? '',
    title: '',
    body: '',
    criteria: '',
    priority: 'medium' as IssuePriority,
    type: 'feature' as IssueType,
    labels: ''
  })
  const { pending, submit, fieldError, formError } = useSubmit()
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value })

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const issue = await submit(() =>
      client.invoke('issue.create', {
        repoId: form.repoId,
        title: form.title,
        body: form.body,
        acceptanceCriteria: lines(form.criteria),
        priority: form.priority,
        type: form.type,
        labels: form.labels.split(',').map((l) => l.trim()).filter(Boolean)
      })
    )
    if (issue) close()
  }

  return (
    <Dialog
      title="New issue"
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>Cancel</Button>
          <Button variant="primary" type="submit" form="new-issue" disabled={pending}>Create issue</Button>
        </>
      }
    >
      <form id="new-issue" onSubmit={onSubmit} className="space-y-4">
        <div className="grid grid-cols-[1fr_130px_130px] gap-3">
          <Field label="Repository" error={fieldError('repoId')}>
            <select name="repoId" className={inputClass} value={form.repoId} onChange={set('repoId')}>
              {repos.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </Field>
          <Field label="Priority" error={fieldError('priority')}>
            <select name="priority" className={inputClass} value={form.priority} onChange={set('priority')}>
              {issuePriorities.map((p) => <option key={p}>{p}</option>)}
            </select>
          </Field>
          <Field label="Type" error={fieldError('type')}>
            <select name="type" className={inputClass} value={form.type} onChange={set('type')}>
              {issueTypes.map((t) => <option key={t}>{t}</option>)}
            </select>
          </Field>
        </div>
        <Field label="Title" error={fieldError('title')}>
          <input autoFocus name="title" className={inputClass} placeholder="Add a /health endpoint" value={form.title} onChange={set('title')} aria-invalid={Boolean(fieldError('title'))} />
        </Field>
        <Field label="Description" error={fieldError('body')}>
          <textarea name="body" rows={4} className={inputClass} placeholder="What and why, in a few sentences" value={form.body} onChange={set('body')} />
        </Field>
        <Field label="Acceptance criteria" error={fieldError('acceptanceCriteria')} hint="One per line; the grader checks the result against them.">
          <textarea name="criteria" rows={3} className={inputClass} placeholder={'GET /health returns 200\nResponse includes the version'} value={form.criteria} onChange={set('criteria')} />
        </Field>
        <Field label="Labels" error={fieldError('labels')} hint="Comma-separated">
          <input name="labels" className={inputClass} placeholder="api, backend" value={form.labels} onChange={set('labels')} />
        </Field>
        {formError && <p className="text-xs text-danger">{formError}</p>}
      </form>
    </Dialog>
  )
}
