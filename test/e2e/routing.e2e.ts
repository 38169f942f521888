import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-route-', (deck) => ({ tmp, home, serve } = deck))

const hash = (page: Page) => page.evaluate(() => window.location.hash)
const current = (page: Page) => page.getByRole('navigation', { name: 'Views' }).locator('[aria-current="page"]')

test('every routed view reloads to the same place, and Back/Forward walk the history', async ({ page }) => {
  await runCli(home, 'repo', 'add', makeGitRepo(path.join(tmp.dir, 'routed')))
  await runCli(home, 'issue', 'create', '--repo', 'routed', '--title', 'Route me')
  await page.goto(serve.url)
  await expect(page.getByTestId('column-planning').getByText('Route me')).toBeVisible()

  for (const view of ['Runs', 'Grid', 'Inbox', 'Plans', 'Doctrine', 'Usage', 'Settings', 'Board']) {
    await page.getByRole('button', { name: view, exact: true }).click()
    await expect(current(page)).toHaveAttribute('aria-label', view)
    expect(await hash(page)).toBe(`#/${view.toLowerCase()}`)
    await page.reload()
    await expect(current(page)).toHaveAttribute('aria-label', view)
    expect(await hash(page)).toBe(`#/${view.toLowerCase()}`)
  }

  // Back and Forward: Board <- Settings <- Usage.
  await page.goBack()
  await expect(current(page)).toHaveAttribute('aria-label', 'Settings')
  await page.goBack()
  await expect(current(page)).toHaveAttribute('aria-label', 'Usage')
  await page.goForward()
  await expect(current(page)).toHaveAttribute('aria-label', 'Settings')

  // A deep link with filters in the query string: the filter is applied and survives a reload.
  await page.goto(`${serve.url}#/board?q=nothing-matches`)
  await expect(current(page)).toHaveAttribute('aria-label', 'Board')
  await expect(page.getByTestId('column-planning').getByText('Route me')).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('column-planning').getByText('Route me')).toHaveCount(0)
  await page.goto(`${serve.url}#/board`)
  await expect(page.getByTestId('column-planning').getByText('Route me')).toBeVisible()

  // Typed fast, the filter keeps every key: the URL it writes back never takes the box back to an older keystroke.
  await page.goto(`${serve.url}#/runs`)
  const filter = page.getByLabel('Filter issues')
  await filter.pressSequentially('route me now', { delay: 0 })
  await expect(filter).toHaveValue('route me now')
  await expect.poll(() => hash(page)).toBe('#/runs?q=route+me+now')
  await filter.fill('')
  await expect.poll(() => hash(page)).toBe('#/runs')
  await expect(filter).toHaveValue('')

  // A settings section is a URL: a reload or a deep link scrolls to it.
  await page.goto(`${serve.url}#/settings`)
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Data' }).click()
  expect(await hash(page)).toBe('#/settings/data')
  await expect(page.locator('[data-section="data"]')).toBeInViewport()
  await page.reload()
  await expect(page.locator('[data-section="data"]')).toBeInViewport()
  await expect(page.locator('[data-section="appearance"]')).not.toBeInViewport()
  await page.goto(`${serve.url}#/settings/no-such-section`)
  await expect.poll(() => hash(page)).toBe('#/settings')

  // An unknown view goes to the board and the URL says so.
  await page.goto(`${serve.url}#/no-such-view`)
  await expect(current(page)).toHaveAttribute('aria-label', 'Board')
  await expect.poll(() => hash(page)).toBe('#/board')
  await page.goto(`${serve.url}#/runs?q=route`)
  await page.setViewportSize({ width: 1024, height: 700 })
  await shoot(page, 'routing-runs-filtered-1024')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await shoot(page, 'routing-runs-filtered-1920')
})

test('a run and its tab have a URL that reloads to them', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByTestId('column-planning').getByText('Route me').click()
  const drawer = page.getByTestId('issue-drawer')
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'printf "ready> "; read x; echo "got $x"'`)
  await drawer.getByRole('button', { name: 'Start run' }).click()
  const view = page.getByTestId('run-view')
  await expect(view.getByTestId('terminal')).toContainText('ready>')
  expect(await hash(page)).toMatch(/^#\/run\/[A-Za-z0-9_-]+$/)
  const runPath = await hash(page)

  await view.getByRole('tab', { name: 'Changes' }).click()
  await expect.poll(() => hash(page)).toBe(`${runPath}/changes`)
  await page.reload()
  await expect(page.getByTestId('run-view').getByRole('tab', { name: 'Changes' })).toHaveAttribute('aria-selected', 'true')
  await page.goBack()
  await expect(page.getByTestId('run-view').getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true')
  expect(await hash(page)).toBe(runPath)
  await shoot(page, 'routing-run')
})

test('an issue open on the board and a thread open in the inbox have URLs that reload to them', async ({ page }) => {
  const issue = JSON.parse(await runCli(home, 'issue', 'create', '--repo', 'routed', '--title', 'Addressable issue', '--json')) as { id: string }
  const ask = (title: string) => runCli(home, 'forum', 'ask', '--title', title, '--body', `About ${title}`, '--issue', issue.id, '--json').then((o) => JSON.parse(o) as { id: string })
  const first = await ask('First question')
  const second = await ask('Second question')
  await page.goto(serve.url)
  await page.getByTestId('column-planning').getByText('Addressable issue').click()
  await expect(page.getByTestId('issue-drawer')).toContainText('Addressable issue')
  await expect.poll(() => hash(page)).toBe(`#/board?issue=${issue.id}`)
  await page.reload()
  await expect(page.getByTestId('issue-drawer')).toContainText('Addressable issue')

  // Another view closes the drawer; Back opens it again.
  await page.getByRole('button', { name: 'Inbox', exact: true }).click()
  const view = page.getByTestId('forum-view')
  await expect(view.getByTestId('forum-thread')).toBeVisible()
  await view.getByTestId('inbox-item').filter({ hasText: 'Second question' }).click()
  await expect(view.getByTestId('thread-title')).toHaveText('Second question')
  await expect.poll(() => hash(page)).toBe(`#/inbox?thread=${second.id}`)
  await page.reload()
  await expect(page.getByTestId('forum-view').getByTestId('thread-title')).toHaveText('Second question')
  await page.goto(`${serve.url}#/inbox?thread=${first.id}`)
  await expect(page.getByTestId('forum-view').getByTestId('thread-title')).toHaveText('First question')
  await page.goBack()
  await expect(page.getByTestId('forum-view').getByTestId('thread-title')).toHaveText('Second question')
  await page.goto(`${serve.url}#/board?issue=${issue.id}`)
  await expect(page.getByTestId('issue-drawer')).toContainText('Addressable issue')
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await expect(page.getByTestId('issue-drawer')).toHaveCount(0)
  await page.goBack()
  await expect(page.getByTestId('issue-drawer')).toContainText('Addressable issue')
  await shoot(page, 'routing-issue')
})
