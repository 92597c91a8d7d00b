// Path fields: the Browse… button (the desktop app's native open/save dialog for a kind of path), the
// inline check of a typed path (browser mode has no dialogs: the host says whether the path fits), and a
// labelled path field with recent entries and an action button built from both. Renderer component.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PathKind } from '../../common/contract/app';
import { useWorkbench } from '../store';

/** Browse… for `kind` in the desktop app (nothing in browser mode); `onPicked` gets the chosen path. */
export function BrowseButton({ kind, testId, disabled, label = 'Browse…', onPicked }: {
  kind: PathKind; testId: string; disabled?: boolean; label?: string; onPicked: (path: string) => void;
}) {
  const nativeDialogs = useWorkbench((s) => s.appInfo?.nativeDialogs ?? false);
  const pickPath = useWorkbench((s) => s.pickPath);
  if (!nativeDialogs) return null;
  const pick = async () => {
    const picked = await pickPath(kind);
    if (picked) onPicked(picked);
  };
  return <button type="button" data-testid={testId} disabled={disabled} onClick={() => void pick()}>{label}</button>;
}

/** The host's verdict on a typed path (null while empty, unchecked or fitting); the latest value wins. */
export function usePathProblem(kind: PathKind | undefined, value: string): string | null {
  const checkPath = useWorkbench((s) => s.checkPath);
  const [verdict, setVerdict] = useState<{ value: string; problem: string | null } | null>(null);
  useEffect(() => {
    if (!kind || value.trim() === '') return;
    let current = true;
    void checkPath(kind, value).then((problem) => { if (current) setVerdict({ value, problem }); });
    return () => { current = false; };
  }, [kind, value, checkPath]);
  return verdict && verdict.value === value && value.trim() !== '' ? verdict.problem : null;
}

/** The inline message under a path field whose typed path does not fit. */
export function PathProblem({ problem, testId }: { problem: string | null; testId: string }) {
  if (!problem) return null;
  return <div className="path-problem error" role="alert" data-testid={testId}>{problem}</div>;
}

export interface PathFieldProps {
  label: string;
  placeholder: string;
  recent: string[];
  action: string;
  /** Something is under way: the button reads "…" and, like Browse…, waits. */
  busy?: boolean;
  /** Nothing can be submitted now (e.g. the model list is full): the button keeps its word, greyed. */
  disabled?: boolean;
  testId: string;
  /** The path currently in use (shown in the field when it changes, e.g. after the demo loads). */
  current?: string;
  onSubmit: (path: string) => void | Promise<unknown>;
  /** The kind of path: Browse… offers its native dialog in the desktop app (the chosen path is submitted at
   * once), and a typed path is checked against it. */
  browse?: PathKind;
}

export function PathField({ label, placeholder, recent, action, busy, disabled, testId, current, onSubmit, browse }: PathFieldProps) {
  const [value, setValue] = useState(current ?? '');
  useEffect(() => { if (current) setValue(current); }, [current]);
  const problem = usePathProblem(browse, value);
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
          aria-invalid={problem ? true : undefined} onChange={(e) => setValue(e.target.value)} />
      </label>
      <datalist id={listId}>{recent.map((p) => <option key={p} value={p} />)}</datalist>
      <button type="submit" data-testid={`${testId}-open`} disabled={busy || disabled || value.trim() === ''}>{busy ? '…' : action}</button>
      {browse && <BrowseButton kind={browse} testId={`${testId}-browse`} disabled={busy || disabled} onPicked={(picked) => { setValue(picked); void onSubmit(picked); }} />}
      <PathProblem problem={problem} testId={`${testId}-path-error`} />
    </form>
  );
}
