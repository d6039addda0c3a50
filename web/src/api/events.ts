// One shared connection to the event stream; pages subscribe to the kinds they show.
import type { Event as WireEvent } from './generated/contract';
import { eventsUrl, rpc } from './client';

/** An event as sent; kinds newer than the contract arrive with their payload under their kind. */
export type StreamEvent = WireEvent & Record<string, unknown>;
type Listener = (ev: StreamEvent) => void;

const listeners = new Set<Listener>();
const recent: StreamEvent[] = [];
const RECENT_MAX = 200;
let source: EventSource | null = null;
let retry = 0;
let timer: number | undefined;
let wanted = false;

/** The event's payload object, whatever the kind is called. */
export function payload(ev: StreamEvent): Record<string, unknown> {
  const named = ev[ev.kind];
  if (named && typeof named === 'object') return named as Record<string, unknown>;
  for (const [k, v] of Object.entries(ev)) {
    if (k !== 'kind' && k !== 'at' && v && typeof v === 'object') return v as Record<string, unknown>;
  }
  return {};
}

function open(): void {
  if (!wanted || source) return;
  const es = new EventSource(eventsUrl(), { withCredentials: true });
  source = es;
  es.onopen = () => {
    retry = 0;
  };
  es.onmessage = (m: MessageEvent<string>) => {
    let ev: StreamEvent;
    try {
      ev = JSON.parse(m.data) as StreamEvent;
    } catch {
      return;
    }
    if (typeof ev.kind !== 'string') return;
    recent.push(ev);
    if (recent.length > RECENT_MAX) recent.splice(0, recent.length - RECENT_MAX);
    for (const l of listeners) l(ev);
  };
  es.onerror = () => {
    // The browser would retry at once forever; back off instead, and stop when logged out.
    es.close();
    source = null;
    if (!wanted) return;
    // The stream may have ended because the session did: a plain call finds out (a 401 there
    // sends the page to the login screen, which stops the stream for good).
    void rpc('SessionService.ListSessions', {}).catch(() => undefined);
    retry = Math.min(retry + 1, 6);
    timer = window.setTimeout(open, 1000 * 2 ** retry);
  };
}

export function startEvents(): void {
  wanted = true;
  open();
}

export function stopEvents(): void {
  wanted = false;
  if (timer !== undefined) window.clearTimeout(timer);
  source?.close();
  source = null;
  recent.length = 0;
}

export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function recentEvents(): StreamEvent[] {
  return recent.slice();
}
