// A windowed list: only the rows in view (plus a margin) are in the DOM, so thousands of rows
// stay fast. Rows have a fixed height.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function VirtualList<T>(props: {
  items: T[];
  rowHeight: number;
  render: (item: T, index: number) => ComponentChildren;
  height?: string;
  label: string;
  testid?: string;
  overscan?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [view, setView] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setView(el.clientHeight || 600);
    measure();
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);
  const over = props.overscan ?? 6;
  const first = Math.max(0, Math.floor(top / props.rowHeight) - over);
  const last = Math.min(props.items.length, Math.ceil((top + view) / props.rowHeight) + over);
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
