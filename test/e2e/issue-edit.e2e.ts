import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-edit-', (deck) => ({ tmp, home, serve } = deck))

const show = async (id: string) => JSON.parse(await runCli(home, 'issue', 'show', id, '--json')) as { title: string; body: string; priority: string; dependsOn: string[] }

async function shootSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [[1024, 700], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height })
    await shoot(page, `${name}-${width}`)
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

test('a person edits an issue in the drawer, undoes an edit, is refused a cycle, and confirms a Stop', async ({ page }) => {
  makeGitRepo(path.join(tmp.dir, 'shop'))
  await runCli(home, 'repo', 'add', path.join(tmp.dir, 'shop'))
  const schema = JSON.parse(await runCli(home, 'issue', 'create', '--repo', 'shop', '--title', 'Set up the schema', '--json')) as { id: string }
  const endpoint = JSON.parse(await runCli(home, 'issue', 'create', '--repo', 'shop', '--title', 'Add the endpoint', '--body', 'plain *old* text', '--json')) as { id: string }

  await page.goto(serve.url)
  await page.getByTestId('column-planning').getByText('Add the endpoint').click()
  const drawer = page.getByTestId('issue-drawer')
  await expect(drawer.getByTestId('markdown').locator('em')).toHaveText('old')

  // Title: inline, Enter saves through issue.update.
  await drawer.getByRole('button', { name: 'Edit title' }).click()
  await drawer.getByLabel('Title').fill('Add the health endpoint')
  await page.keyboard.press('Enter')
  await expect(drawer.getByRole('heading', { name: 'Add the health endpoint' })).toBeVisible()
  await expect.poll(async () => (await show(endpoint.id)).title).toBe('Add the health endpoint')
  await drawer.getByRole('button', { name: 'Edit title' }).click()
  await drawer.getByLabel('Title').fill('Typed by mistake')
  await page.keyboard.press('Escape')
  await expect(drawer.getByRole('heading', { name: 'Add the health endpoint' })).toBeVisible()
  expect((await show(endpoint.id)).title).toBe('Add the health endpoint')

  // Acceptance criteria, one per line.
  await drawer.getByRole('button', { name: 'Edit acceptance criteria' }).click()
  await drawer.getByLabel('Acceptance criteria, one per line').fill('- GET /health returns 200\nanswers in under 50 ms\n')
  await drawer.getByRole('button', { name: 'Save criteria' }).click()
  await expect(drawer.getByRole('listitem').filter({ hasText: 'answers in under 50 ms' })).toBeVisible()
  await expect.poll(async () => (await show(endpoint.id) as unknown as { acceptanceCriteria: string[] }).acceptanceCriteria).toEqual(['GET /health returns 200', 'answers in under 50 ms'])

  // Description: written as markdown, previewed, saved and shown rendered; raw HTML is not rendered.
  await drawer.getByRole('button', { name: 'Edit description' }).click()
  const body = '## Goal\n\nReturn **200** from `/health`.\n\n<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>\n\n- fast\n- [docs](javascript:window.pwned=3)'
  await drawer.getByLabel('Description').fill(body)
  await drawer.getByRole('tab', { name: 'Preview' }).click()
  await expect(drawer.getByTestId('body-editor').locator('strong')).toHaveText('200')
  await drawer.getByRole('button', { name: 'Save description' }).click()
  const rendered = drawer.getByTestId('markdown')
  await expect(rendered.getByRole('heading', { name: 'Goal' })).toBeVisible()
  await expect(rendered.locator('strong')).toHaveText('200')
  await expect(rendered.locator('code')).toHaveText('/health')
  await expect(rendered.locator('img, script')).toHaveCount(0)
  await expect(rendered.getByRole('link', { name: 'docs' })).not.toHaveAttribute('href', /javascript/)
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
  expect((await show(endpoint.id)).body).toBe(body)

  // Priority, then Undo from the toast: the old value is written back.
  await drawer.getByLabel('Priority').selectOption('urgent')
  const toast = page.getByTestId('action-toast').filter({ hasText: 'Priority set to urgent' })
  await expect(toast).toBeVisible()
  await expect.poll(async () => (await show(endpoint.id)).priority).toBe('urgent')
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(toast).toHaveCount(0)
  await expect(drawer.getByLabel('Priority')).toHaveValue('medium')
  expect((await show(endpoint.id)).priority).toBe('medium')

  // A dependency chosen by searching titles; it shows by title, not id.
  await drawer.getByLabel('Add a dependency').fill('schema')
  await drawer.getByRole('option', { name: /Set up the schema/ }).click()
  await expect(drawer.getByTestId('dependency')).toHaveText('Set up the schema')
  await expect.poll(async () => (await show(endpoint.id)).dependsOn).toEqual([schema.id])
  await shootSizes(page, 'issue-edit-drawer')

  // The other way round would be a cycle: refused, in words, and nothing changes.
  await drawer.getByRole('button', { name: 'Close' }).click()
  await page.getByTestId('column-planning').getByText('Set up the schema').click()
  await drawer.getByLabel('Add a dependency').fill('health')
  await drawer.getByRole('option', { name: /Add the health endpoint/ }).click()
  await expect(drawer.getByTestId('edit-error')).toHaveText('that would make a dependency cycle: "Set up the schema" depends on "Add the health endpoint" depends on "Set up the schema"')
  expect((await show(schema.id)).dependsOn).toEqual([])

  // Stop asks first; Cancel keeps the run going, confirming stops it; then Stop is disabled and says why.
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'printf "ready "; read n'`)
  await drawer.getByRole('button', { name: 'Start run' }).click()
  const view = page.getByTestId('run-view')
  await expect(view.getByTestId('terminal')).toContainText('ready')
  await view.getByRole('button', { name: 'Stop' }).click()
  const dialog = page.getByRole('dialog', { name: 'Stop this run?' })
  await expect(dialog).toContainText('The agent\'s process is ended now')
  await shootSizes(page, 'issue-edit-confirm-stop')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(view.getByTestId('run-state')).toHaveText('running')
  await view.getByRole('button', { name: 'Stop' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('stopped')
  const stop = view.getByRole('button', { name: 'Stop' })
  await expect(stop).toBeDisabled()
  await expect(stop).toHaveAttribute('title', 'the run is already stopped')
  await expect(stop).toHaveCSS('opacity', '0.4')
  await shootSizes(page, 'issue-edit-stop-disabled')
})
