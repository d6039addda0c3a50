// Light or dark: follows the system unless the user picked one (remembered).
export type Theme = 'light' | 'dark' | 'system';
const STORE = 'ab.theme';

export function savedTheme(): Theme {
  const v = localStorage.getItem(STORE);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    localStorage.removeItem(STORE);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(STORE, theme);
    document.documentElement.dataset.theme = theme;
  }
}

export function effectiveTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
