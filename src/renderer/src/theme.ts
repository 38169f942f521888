export type ThemeChoice = 'light' | 'dark' | 'system'

const KEY = 'flightdeck.theme'

export function storedTheme(): ThemeChoice {
  const stored = localStorage.getItem(KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

/**
 * Puts the `dark` class on <html> for the chosen theme (or the system's), and follows system changes.
 * The choice is kept locally too so the next boot paints the right theme before the settings arrive.
 */
export function applyTheme(choice: ThemeChoice = storedTheme()): void {
  if (choice === 'system') localStorage.removeItem(KEY)
  else localStorage.setItem(KEY, choice)
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const dark = choice === 'dark' || (choice === 'system' && media.matches)
  const root = document.documentElement
  if (root.classList.contains('dark') !== dark) {
    // Swap the colors at once: hover and color transitions would otherwise fade half the page for a moment.
    root.classList.add('theme-switching')
    root.classList.toggle('dark', dark)
    requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove('theme-switching')))
  }
  root.dataset.theme = choice
  media.onchange = () => storedTheme() === 'system' && applyTheme('system')
}
