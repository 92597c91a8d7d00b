// A titled chart panel with SVG and PNG export of the chart inside it. Renderer feature component.
import { useRef, type ReactNode } from 'react';
import { useWorkbench } from '../../store';
import { downloadChartPng, downloadChartSvg, fileStem } from './download';

export function ChartFrame({ title, testId, exportName, height = 260, note, children }: {
  title: string;
  testId: string;
  /** File name stem of the exports, e.g. 'roc'. */
  exportName: string;
  height?: number;
  note?: ReactNode;
  children: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const notify = useWorkbench((s) => s.showNotice);
  const exportAs = async (format: 'svg' | 'png') => {
    const element = container.current;
    if (!element) return;
    const name = `${fileStem(exportName)}.${format}`;
    try {
      if (format === 'svg') downloadChartSvg(element, title, name);
      else await downloadChartPng(element, title, name);
    } catch (error) {
      notify({ kind: 'error', text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <section className="eval-chart">
      <header>
        <h3>{title}</h3>
        <span className="eval-chart-exports">
          <button type="button" data-testid={`export-svg-${testId}`} onClick={() => void exportAs('svg')} title="Save this chart as SVG">SVG</button>
          <button type="button" data-testid={`export-png-${testId}`} onClick={() => void exportAs('png')} title="Save this chart as PNG (2×)">PNG</button>
        </span>
      </header>
      <div ref={container} className="eval-chart-body" data-testid={testId} style={{ height }}>{children}</div>
      {note && <p className="eval-chart-note muted">{note}</p>}
    </section>
  );
}
