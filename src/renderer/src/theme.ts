export type ThemeChoice = 'light' | 'dark' | 'system'

const KEY = 'flightdeck.theme'

export function storedTheme(): ThemeChoice {
  const stored = localStorage.getItem(KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

/** Puts the `dark` class on <html> for the chosen theme (or the system's), and follows system changes. */
export function applyTheme(choice: ThemeChoice = storedTheme()): void {
  if (choice === 'system') localStorage.removeItem(KEY)
  else localStorage.setItem(KEY, choice)
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const dark = choice === 'dark' || (choice === 'system' && media.matches)
  document.documentElement.classList.toggle('dark', dark)
  media.onchange = () => storedTheme() === 'system' && applyTheme('system')
}
