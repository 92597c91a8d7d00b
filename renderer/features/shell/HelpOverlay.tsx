// Help overlay (press ?): keyboard shortcuts, the glossary of every abbreviation and symbol on the screens, and where
// the app's log file is. Renderer component.
import { useWorkbench } from '../../store';
import { GLOSSARY } from '../../components/glossary';

export const SHORTCUTS: [string, string][] = [
  ['↑ / ↓', 'previous / next sample'],
  ['← / →', 'previous / next sample (grid view)'],
  ['Page Up / Page Down', 'one screen up / down'],
  ['Home / End', 'first / last sample'],
  ['Enter', 'inspect the selected sample'],
  ['Shift+click / Ctrl+click', 'select a range / add or remove a sample, to tag them together'],
  ['[ / ]', 'previous / next MoE layer in the inspector'],
  ['e', 'next expert in the inspector'],
  ['/', 'search paths'],
  ['b / a / i', 'finding: bona fide / attack / inconclusive (inspector)'],
  ['m', 'bookmark the inspected sample for a case file'],
  ['Ctrl+Enter', 'save the finding (also from the note); with "then next sample" on, the next sample opens'],
  ['?', 'show or hide this help'],
  ['Esc', 'close this help'],
];

export function HelpOverlay() {
  const open = useWorkbench((s) => s.helpOpen);
  const setOpen = useWorkbench((s) => s.setHelpOpen);
  const logFile = useWorkbench((s) => s.appInfo?.logFile ?? null);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-label="Help: keyboard shortcuts and glossary" data-testid="help-overlay" onClick={() => setOpen(false)}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table><tbody>{SHORTCUTS.map(([key, what]) => <tr key={key}><td><kbd>{key}</kbd></td><td>{what}</td></tr>)}</tbody></table>
        <h2 id="glossary">Glossary</h2>
        <dl className="glossary" data-testid="help-glossary">
          {Object.entries(GLOSSARY).map(([term, meaning]) => <div key={term}><dt>{term}</dt><dd>{meaning}</dd></div>)}
        </dl>
        <p className="muted" data-testid="help-log-file">
          {logFile ? <>Log file: <span className="mono">{logFile}</span></> : 'Browser mode: the host writes its log to the terminal it was started from.'}
        </p>
        <button type="button" onClick={() => setOpen(false)}>Close</button>
      </div>
    </div>
  );
}
