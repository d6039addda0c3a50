// Whether this browser believes it is logged in. The cookie itself is HttpOnly, so the page
// keeps a flag to avoid calling the API (and getting a 401) when it knows it is logged out.
const KEY = 'ab.loggedIn';

export function believedLoggedIn(): boolean {
  return localStorage.getItem(KEY) === '1';
}

export function markLoggedIn(on: boolean): void {
  if (on) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}
