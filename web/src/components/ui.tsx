// Small form pieces: every input has a label; field errors sit under their input.
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { posterSrc } from '../api/client';

let fid = 0;
export function useId(prefix = 'f'): string {
  const [id] = useState(() => `${prefix}-${++fid}`);
  return id;
}

export function FieldError(props: { error?: string | null; id?: string }) {
  if (!props.error) return null;
  return (
    <p class="field-error" id={props.id} role="alert" data-testid="field-error">
      {props.error}
    </p>
  );
}

interface TextProps {
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: string;
  error?: string | null;
  hint?: string;
  name?: string;
  placeholder?: string;
  required?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  testid?: string;
  disabled?: boolean;
  min?: number;
  max?: number;
}

export function TextField(p: TextProps) {
  const id = useId();
  const errId = id + '-err';
  const hintId = id + '-hint';
  const describedBy = [p.error ? errId : '', p.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    value: p.value,
    placeholder: p.placeholder,
    required: p.required,
    disabled: p.disabled,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': p.testid,
    'data-field': p.name,
  };
  return (
    <div class={'field' + (p.error ? ' has-error' : '')}>
      <label for={id}>{p.label}</label>
      {p.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => p.onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          min={p.min}
          max={p.max}
          autoComplete={p.autoComplete}
          onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      <FieldError error={p.error} id={errId} />
    </div>
  );
}

export function NumberField(p: Omit<TextProps, 'value' | 'onInput'> & { value: number; onInput: (v: number) => void }) {
  return <TextField {...p} type="number" value={String(p.value)} onInput={(v) => p.onInput(v === '' ? 0 : Number(v))} />;
}

export function SelectField(p: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  name?: string;
  testid?: string;
}) {
  const id = useId();
  return (
    <div class={'field' + (p.error ? ' has-error' : '')}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        data-field={p.name}
        data-testid={p.testid}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? id + '-err' : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint && <div class="hint">{p.hint}</div>}
      <FieldError error={p.error} id={id + '-err'} />
    </div>
  );
}

export function Switch(p: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  testid?: string;
  hideLabel?: boolean;
  error?: string | null;
  name?: string;
}) {
  const id = useId('sw');
  return (
    <div class={'switch-field' + (p.hideLabel ? ' compact' : '')}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        class="switch"
        name={p.name}
        data-field={p.name}
        checked={p.checked}
        disabled={p.disabled}
        data-testid={p.testid}
        aria-label={p.hideLabel ? p.label : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      {!p.hideLabel && <label for={id}>{p.label}</label>}
      <FieldError error={p.error} />
    </div>
  );
}

export function Button(
  p: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'danger' | 'ghost' },
) {
  const { busy, variant, class: cls, children, disabled, ...rest } = p;
  return (
    <button
      type="button"
      {...rest}
      class={['btn', variant ? 'btn-' + variant : '', String(cls ?? '')].join(' ').trim()}
      disabled={Boolean(disabled) || busy}
      aria-busy={busy ? true : undefined}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

export function Poster(p: { link?: string | null; title: string; small?: boolean }) {
  const src = posterSrc(p.link);
  const [broken, setBroken] = useState(false);
  if (!src || broken) {
    return (
      <div class={'poster poster-empty' + (p.small ? ' small' : '')} aria-hidden="true">
        {Array.from(p.title || '?')[0]}
      </div>
    );
  }
  return (
    <img
      class={'poster' + (p.small ? ' small' : '')}
      src={src}
      alt=""
      loading="lazy"
      referrerpolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  );
}

export function Badge(p: { kind?: 'ok' | 'warn' | 'error' | 'info' | 'muted'; children: ComponentChildren; title?: string }) {
  return (
    <span class={'badge badge-' + (p.kind ?? 'muted')} title={p.title}>
      {p.children}
    </span>
  );
}

export function Empty(p: { children: ComponentChildren }) {
  return <p class="empty">{p.children}</p>;
}

export function Loading(p: { label: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {p.label}
    </p>
  );
}

export function TestResult(p: { result: { success: boolean; text: string } | null; testid?: string }) {
  if (!p.result) return null;
  return (
    <p class={'test-result ' + (p.result.success ? 'ok' : 'bad')} role="status" data-testid={p.testid ?? 'test-result'}>
      {p.result.success ? '✓ ' : '✗ '}
      {p.result.text}
    </p>
  );
}
