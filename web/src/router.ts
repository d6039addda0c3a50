// A hash router: `#/rules/12?x=1` gives path ["rules", "12"] and the query.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Route {
  parts: string[];
  query: URLSearchParams;
}

function parse(): Route {
  // `#/settings#proxy`: a second `#` names a part of the screen, not a route.
  const raw = location.hash.replace(/^#\/?/, '').split('#')[0];
  const [path, qs] = raw.split('?', 2);
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  const rendered = useRef(location.hash);
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    // The listener starts after the first render: a hash that changed in between was missed.
    if (location.hash !== rendered.current) on();
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(to: string, replace = false): void {
  const target = '#' + (to.startsWith('/') ? to : '/' + to);
  if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}

export function href(to: string): string {
  return '#' + (to.startsWith('/') ? to : '/' + to);
}
