// Downloads from the evaluation view: charts as SVG (the recharts surface serialised with a title and
// background) or PNG (that SVG drawn on a canvas), metrics as CSV or JSON. Renderer (DOM).
import { downloadBlob } from '../../lib/download';
import { readChartTheme } from '../../components/theme';

const TITLE_HEIGHT = 28;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A standalone SVG document of the chart inside `container`: the recharts surface with its size,
 * a background and the title on top, so the file reads on its own. Interactive layers (hit areas)
 * are dropped.
 */
export function chartSvg(container: HTMLElement, title: string): { text: string; width: number; height: number } {
  const surface = container.querySelector<SVGSVGElement>('svg.recharts-surface, svg[data-chart-surface]');
  if (!surface) throw new Error('the chart has not been drawn yet');
  const width = Math.round(surface.width.baseVal.value || surface.getBoundingClientRect().width);
  const chartHeight = Math.round(surface.height.baseVal.value || surface.getBoundingClientRect().height);
  const height = chartHeight + TITLE_HEIGHT;
  // The file carries the theme the chart was drawn in, so its text and lines keep their contrast.
  const theme = readChartTheme();
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif');
  root.setAttribute('font-size', '12');
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', theme.background);
  root.append(background);
  const heading = doc.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', '10');
  heading.setAttribute('y', '19');
  heading.setAttribute('fill', theme.text);
  heading.setAttribute('font-size', '14');
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  root.append(heading);
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0 ${TITLE_HEIGHT})`);
  for (const child of Array.from(surface.childNodes)) body.append(doc.importNode(child, true));
  for (const hit of Array.from(body.querySelectorAll('[data-export="skip"]'))) hit.remove();
  root.append(body);
  return { text: new XMLSerializer().serializeToString(doc), width, height };
}

export function downloadChartSvg(container: HTMLElement, title: string, fileName: string): void {
  downloadBlob(new Blob([chartSvg(container, title).text], { type: 'image/svg+xml' }), fileName);
}

/** Renders the SVG at `scale`× on a canvas and saves it as PNG. */
export async function downloadChartPng(container: HTMLElement, title: string, fileName: string, scale = 2): Promise<void> {
  const { text, width, height } = chartSvg(container, title);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be rendered as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas available');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
    downloadBlob(png, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file-name-safe stem, e.g. for a model name or split. */
export function fileStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'evaluation';
}
