// A labelled path field with recent entries and an action button (browser mode has no native dialogs).
// Renderer component.
import { useEffect, useId, useState, type FormEvent } from 'react';

export interface PathFieldProps {
  label: string;
  placeholder: string;
  recent: string[];
  action: string;
  busy?: boolean;
  testId: string;
  /** The path currently in use (shown in the field when it changes, e.g. after the demo loads). */
  current?: string;
  onSubmit: (path: string) => void | Promise<unknown>;
}

export function PathField({ label, placeholder, recent, action, busy, testId, current, onSubmit }: PathFieldProps) {
  const [value, setValue] = useState(current ?? '');
  useEffect(() => { if (current) setValue(current); }, [current]);
  const listId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() !== '') void onSubmit(value);
  };
  return (
    <form className="path-field" onSubmit={submit}>
      <label>
        <span>{label}</span>
        <input data-testid={`${testId}-path`} list={listId} value={value} placeholder={placeholder} spellCheck={false}
          onChange={(e) => setValue(e.target.value)} />
      </label>
      <datalist id={listId}>{recent.map((p) => <option key={p} value={p} />)}</datalist>
      <button type="submit" data-testid={`${testId}-open`} disabled={busy || value.trim() === ''}>{busy ? '…' : action}</button>
    </form>
  );
}
