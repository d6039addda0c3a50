// A windowed list: only the rows in view (plus a margin) are in the DOM, so thousands of rows
// stay fast. Rows have a fixed height. Short lists are rendered whole, so that the browser's
// find-in-page sees every row and no row is replaced while a person (or a test) works on it.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export function VirtualList<T>(props: {
  items: T[];
  rowHeight: number;
  render: (item: T, index: number) => ComponentChildren;
  height?: string;
  label: string;
  testid?: string;
  overscan?: number;
  /** Up to this many rows, render them all. */
  windowFrom?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [view, setView] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setView(el.clientHeight || 600);
    measure();
    // Re-render on the next frame, not inside the observer (which would make the browser
    // report a "ResizeObserver loop" error).
    let frame = 0;
    const ro =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(measure);
          })
        : null;
    ro?.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro?.disconnect();
    };
  }, []);
  const over = props.overscan ?? 6;
  const whole = props.items.length <= (props.windowFrom ?? 60);
  const first = whole ? 0 : Math.max(0, Math.floor(top / props.rowHeight) - over);
  const last = whole ? props.items.length : Math.min(props.items.length, Math.ceil((top + view) / props.rowHeight) + over);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div role="listitem" key={i} class="vrow" style={{ top: i * props.rowHeight + 'px', height: props.rowHeight + 'px' }}>
        {props.render(props.items[i], i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      class="vlist"
      style={{ height: props.height ?? '70vh' }}
      onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}
      tabIndex={0}
      aria-label={props.label}
      role="region"
      data-testid={props.testid}
    >
      <div role="list" style={{ height: props.items.length * props.rowHeight + 'px', position: 'relative' }}>
        {rows}
      </div>
    </div>
  );
}
