// A labelled path field with recent entries and an action button; in the desktop app also Browse…, the
// native dialog for its kind of path (browser mode has none: the path is typed). Renderer component.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PathKind } from '../../../common/contract/app';
import { useWorkbench } from '../../store';

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
  /** The native dialog offered by Browse… in the desktop app; the chosen path is submitted at once. */
  browse?: PathKind;
}

export function PathField({ label, placeholder, recent, action, busy, testId, current, onSubmit, browse }: PathFieldProps) {
  const nativeDialogs = useWorkbench((s) => s.appInfo?.nativeDialogs ?? false);
  const pickPath = useWorkbench((s) => s.pickPath);
  const [value, setValue] = useState(current ?? '');
  useEffect(() => { if (current) setValue(current); }, [current]);
  const listId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() !== '') void onSubmit(value);
  };
  const pick = async () => {
    if (!browse) return;
    const picked = await pickPath(browse);
    if (!picked) return;
    setValue(picked);
    void onSubmit(picked);
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
      {browse && nativeDialogs && <button type="button" data-testid={`${testId}-browse`} disabled={busy} onClick={() => void pick()}>Browse…</button>}
    </form>
  );
}
