import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-', (deck) => ({ tmp, home, serve } = deck))

const column = (page: Page, status: string) => page.getByTestId(`column-${status}`)

test('a person adds a repo and issues in one tab; a second tab and the CLI see them live', async ({ browser }) => {
  const context = await browser.newContext()
  const tabA = await context.newPage()
  await tabA.goto(serve.url)
  await expect(tabA.getByTestId('connection')).toHaveAttribute('data-state', 'open')
  await expect(tabA.getByText('Register a repository to start')).toBeVisible()
  await tabA.screenshot({ path: path.join(shots, 'empty-state.png') })

  // A folder that is not a git repository gets a clear error and nothing is written.
  await tabA.getByRole('button', { name: 'Add a repository' }).click()
  await tabA.getByPlaceholder('/home/me/code/my-service').fill(tmp.dir)
  await tabA.getByRole('button', { name: 'Register' }).click()
  await expect(tabA.getByText(/is not a git repository/)).toBeVisible()

  const repoDir = makeGitRepo(path.join(tmp.dir, 'shop'))
  await tabA.getByPlaceholder('/home/me/code/my-service').fill(repoDir)
  await tabA.getByRole('button', { name: 'Register' }).click()
  await expect(tabA.getByText('No issues yet')).toBeVisible()

  // The token was traded for a cookie: a second tab opens the bare origin.
  const tabB = await context.newPage()
  await tabB.goto(serve.origin)
  await expect(tabB.getByText('No issues yet')).toBeVisible()

  await tabA.getByRole('button', { name: 'Create an issue' }).click()
  await tabA.getByRole('button', { name: 'Create issue' }).click()
  await expect(tabA.getByText('title is required')).toBeVisible()
  await tabA.getByPlaceholder('Add a /health endpoint').fill('Add a cart page')
  await tabA.locator('select[name=priority]').selectOption('high')
  await tabA.locator('textarea[name=criteria]').fill('Cart lists items\nTotal is shown')
  await tabA.locator('input[name=labels]').fill('ui, cart')
  await tabA.getByRole('button', { name: 'Create issue' }).click()

  await expect(column(tabA, 'planning').getByText('Add a cart page')).toBeVisible()
  await expect(column(tabB, 'planning').getByText('Add a cart page')).toBeVisible()
  await expect(column(tabB, 'planning').getByTestId('column-count')).toHaveText('1')

  // The CLI writes to the same database; the server's event feed brings it to both tabs.
  await runCli(home, 'issue', 'create', '--repo', 'shop', '--title', 'Checkout via CLI', '--priority', 'urgent')
  await expect(column(tabA, 'planning').getByText('Checkout via CLI')).toBeVisible()
  await expect(column(tabB, 'planning').getByTestId('column-count')).toHaveText('2')
  const listed = JSON.parse(await runCli(home, 'issue', 'list', '--json')) as { title: string }[]
  expect(listed.map((i) => i.title).sort()).toEqual(['Add a cart page', 'Checkout via CLI'])

  // Moving an issue through the lifecycle shows up in the other tab.
  await column(tabA, 'planning').getByText('Add a cart page').click()
  await tabA.getByTestId('issue-drawer').getByRole('button', { name: 'Approve' }).click()
  await expect(column(tabB, 'approved').getByText('Add a cart page')).toBeVisible()
  await expect(column(tabB, 'planning').getByTestId('column-count')).toHaveText('1')

  await tabA.screenshot({ path: path.join(shots, 'board-light.png') })
  await tabA.emulateMedia({ colorScheme: 'dark' })
  await expect(tabA.locator('html')).toHaveClass(/dark/)
  await tabA.screenshot({ path: path.join(shots, 'board-dark.png') })
  await context.close()
})

test('the UI refuses to load without the token', async ({ page }) => {
  const response = await page.goto(serve.origin)
  expect(response?.status()).toBe(401)
  await expect(page.getByText(/needs its token/)).toBeVisible()
})
