// What a person sees, checked: an axe scan (serious and critical violations, colour contrast included) and a
// layout check (table rows as wide as their header, text that fits its box or is ellipsised with a full-text
// tooltip, nothing past the viewport's right edge). Each problem names its element (selector + text).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Accessibility problems of impact serious or critical on the page as it is now. */
export async function axeProblems(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const problems: string[] = [];
  for (const violation of result.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    for (const node of violation.nodes) {
      const text = node.html.replace(/\s+/g, ' ').slice(0, 120);
      problems.push(`${screen}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${text} — ${node.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`);
    }
  }
  return problems;
}

/** Layout problems on the page as it is now (runs in the page). */
export async function layoutProblems(page: Page, screen: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element): boolean => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      return (el as HTMLElement).getClientRects().length > 0;
    };
    const selectorOf = (el: Element): string => {
      const parts: string[] = [];
      for (let node: Element | null = el; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        const testId = node.getAttribute('data-testid');
        const classes = [...node.classList].slice(0, 2).map((c) => `.${c}`).join('');
        parts.unshift(`${node.tagName.toLowerCase()}${testId ? `[data-testid="${testId}"]` : ''}${classes}`);
        if (testId) break;
      }
      return parts.join(' > ');
    };
    const named = (el: Element): string => `${selectorOf(el)} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
    const ownText = (el: Element): string => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();

    // Tables: every row has its header's number of cells, each cell on the row's line and under its column.
    for (const table of document.querySelectorAll('table')) {
      if (!visible(table)) continue;
      // The first header row spans every column (later header rows subdivide it).
      const headRow = table.tHead?.rows[0];
      if (!headRow) continue;
      const rows = [...table.tBodies].flatMap((body) => [...body.rows]).filter(visible).map((row) => [...row.cells]);
      const width = (cells: Element[]) => cells.reduce((sum, cell) => sum + ((cell as HTMLTableCellElement).colSpan || 1), 0);
      for (const row of rows) {
        if (width(row) !== width([...headRow.cells]) && row.length > 1) problems.push(`table row with ${width(row)} cells under a header of ${width([...headRow.cells])}: ${named(row[0]!.parentElement!)}`);
      }
    }
    for (const grid of document.querySelectorAll('[role="grid"], [role="table"]')) {
      if (!visible(grid)) continue;
      const rowEls = [...grid.querySelectorAll('[role="row"]')].filter(visible);
      const header = rowEls.find((r) => r.querySelector('[role="columnheader"]')) ?? rowEls[0];
      if (!header || rowEls.length < 2) continue;
      const headerCells = [...header.children].filter(visible);
      const lefts = headerCells.map((c) => c.getBoundingClientRect().left);
      for (const row of rowEls) {
        if (row === header) continue;
        const cells = [...row.children].filter(visible);
        if (cells.length <= 1) continue; // a thumbnail cell of the grid view, not a table row
        if (cells.length !== headerCells.length) { problems.push(`grid row with ${cells.length} cells under a header of ${headerCells.length}: ${named(row)}`); continue; }
        const rowBox = row.getBoundingClientRect();
        cells.forEach((cell, k) => {
          const box = cell.getBoundingClientRect();
          if (box.top < rowBox.top - 1 || box.bottom > rowBox.bottom + 1) problems.push(`cell ${k + 1} wraps out of its row: ${named(cell)}`);
          if (Math.abs(box.left - lefts[k]!) > 2) problems.push(`cell ${k + 1} is not under its header "${headerCells[k]!.textContent}": ${named(cell)}`);
        });
      }
    }

    // Text that does not fit its box, unless ellipsised with the full text in a tooltip.
    for (const el of document.body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || ['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE', 'CANVAS'].includes(el.tagName)) continue;
      const text = ownText(el);
      if (!text || !visible(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents') continue;
      if (['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY)) continue;
      const wide = el.scrollWidth > el.clientWidth + 1;
      const tall = style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2;
      if (!wide && !tall) continue;
      const tooltip = el.closest('[title]')?.getAttribute('title') ?? '';
      const ellipsised = style.textOverflow === 'ellipsis' && style.overflowX === 'hidden';
      if (ellipsised && el.clientWidth < 24) { problems.push(`text squeezed to ${el.clientWidth} px: ${named(el)}`); continue; }
      if (ellipsised && tooltip.replace(/\s+/g, ' ').includes((el.textContent ?? '').replace(/\s+/g, ' ').trim())) continue;
      problems.push(`text overflows its box (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}${ellipsised ? ', ellipsised without a full-text tooltip' : ''}): ${named(el)}`);
    }

    // Nothing past the viewport horizontally, unless a clipping ancestor inside the viewport hides it.
    const width = document.documentElement.clientWidth;
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
      let clipped = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.overflowX !== 'visible') { const b = up.getBoundingClientRect(); if (b.right <= width + 1 && b.left >= -1) { clipped = true; break; } }
      }
      if (!clipped) { problems.push(`outside the viewport horizontally (${Math.round(box.left)}–${Math.round(box.right)} of ${width}): ${named(el)}`); }
    }
    return problems;
  });
  return [...new Set(found)].map((p) => `${screen}: ${p}`);
}

/**
 * Contrast inside the charts, which axe does not look into: every SVG text at least 4.5:1 against what is behind it
 * (the panel, and its halo stroke where it has one), every fully drawn line, curve and marker at least 3:1, and
 * grid lines quiet but visible (1.1:1 to 3.5:1). Faint layers (opacity below 0.9: shaded areas, crosshairs) and
 * transparent hit areas are left out. The map canvas must take the theme's background (read from a screenshot).
 */
export async function chartContrastProblems(page: Page, screen: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const canvas = document.createElement('canvas').getContext('2d')!;
    const rgba = (colour: string): [number, number, number, number] | null => {
      if (!colour || colour === 'none' || colour === 'transparent') return null;
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = '#000';
      canvas.fillStyle = colour;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return a === 0 ? null : [r!, g!, b!, a! / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const contrast = (a: number[], b: number[]) => { const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (l1! + 0.05) / (l2! + 0.05); };
    const backgroundOf = (el: Element): number[] => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        if (node instanceof SVGElement) continue;
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour && colour[3] > 0.5) return colour.slice(0, 3);
      }
      return rgba(getComputedStyle(document.body).backgroundColor)?.slice(0, 3) ?? [255, 255, 255];
    };
    const opacityOf = (el: Element, which: 'fill' | 'stroke'): number => {
      let opacity = Number(getComputedStyle(el).getPropertyValue(`${which}-opacity`) || 1);
      for (let node: Element | null = el; node && node instanceof SVGElement; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity || 1);
      return opacity;
    };
    const name = (el: Element): string => {
      const chart = el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'chart';
      const classes = [...el.classList].slice(0, 2).map((c) => `.${c}`).join('');
      const text = el.tagName === 'text' ? ` "${(el.textContent ?? '').trim().slice(0, 40)}"` : '';
      return `[data-testid="${chart}"] ${el.tagName}${classes}${text}`;
    };
    const ratio = (value: number) => value.toFixed(2);
    for (const svg of document.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width < 120 || box.height < 80 || getComputedStyle(svg).visibility === 'hidden') continue;
      const background = backgroundOf(svg);
      for (const el of svg.querySelectorAll('text, line, path, polyline, circle')) {
        if ((el as SVGGraphicsElement).getClientRects().length === 0 || el.closest('[data-export="skip"]')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        if (el.tagName === 'text') {
          if (!(el.textContent ?? '').trim()) continue;
          const fill = rgba(style.fill);
          if (!fill || opacityOf(el, 'fill') < 0.9) continue;
          const against = contrast(fill, background);
          if (against < 4.5) problems.push(`chart text at ${ratio(against)}:1 against its background: ${name(el)}`);
          const halo = rgba(style.stroke);
          const haloWidth = parseFloat(style.strokeWidth);
          if (halo && haloWidth >= 2 && style.paintOrder.startsWith('stroke') && contrast(fill, halo) < 4.5) problems.push(`chart text at ${ratio(contrast(fill, halo))}:1 against its halo: ${name(el)}`);
          continue;
        }
        // A circle shows by its fill or its outline, whichever stands out more; lines and curves by their stroke.
        const paints = (el.tagName === 'circle' ? ['fill', 'stroke'] as const : ['stroke'] as const)
          .map((which) => ({ which, colour: rgba(which === 'fill' ? style.fill : style.stroke) }))
          .filter((p) => p.colour !== null && opacityOf(el, p.which) >= 0.9 && (p.which === 'fill' || parseFloat(style.strokeWidth) > 0));
        if (paints.length === 0) continue;
        const paint = paints.length > 1 ? 'fill or outline' : paints[0]!.which;
        const against = Math.max(...paints.map((p) => contrast(p.colour!, background)));
        const grid = el.closest('.recharts-cartesian-grid') !== null;
        if (grid && (against < 1.1 || against > 3.5)) problems.push(`grid line at ${ratio(against)}:1 (wanted 1.1–3.5): ${name(el)}`);
        else if (!grid && against < 3) problems.push(`chart ${paint} at ${ratio(against)}:1 against its background (wanted ≥ 3): ${name(el)}`);
      }
    }
    return problems;
  });
  const problems = [...new Set(found)].map((p) => `${screen}: ${p}`);
  const map = page.getByTestId('embedding-map-canvas');
  if (await map.count() > 0 && await map.isVisible()) {
    const panel = await page.getByTestId('embedding-map').evaluate((el) => getComputedStyle(el).backgroundColor);
    const box = (await map.boundingBox())!;
    const shot = await page.screenshot({ clip: { x: box.x + 2, y: box.y + 2, width: 1, height: 1 } });
    const { default: sharp } = await import('sharp');
    const pixel = [...(await sharp(shot).removeAlpha().raw().toBuffer()).subarray(0, 3)];
    const panelRgb = (panel.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) => c.reduce((sum, v, k) => sum + [0.2126, 0.7152, 0.0722][k]! * ((v / 255) <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4), 0);
    const [hi, lo] = [lum(pixel), lum(panelRgb)].sort((a, b) => b - a);
    const against = (hi! + 0.05) / (lo! + 0.05);
    if (against > 1.5) problems.push(`${screen}: the map canvas's background rgb(${pixel.join(', ')}) is not the theme's (its panel is ${panel}, ${against.toFixed(2)}:1 apart)`);
  }
  return problems;
}

/** "<first> beside <second>" problems: both visible, their boxes apart and the second's left edge right of the first's right edge. */
export async function besideProblems(page: Page, first: string, second: string, screen: string): Promise<string[]> {
  const [a, b] = await Promise.all([page.getByTestId(first).boundingBox(), page.getByTestId(second).boundingBox()]);
  if (!a || !b) return [`${screen}: ${!a ? first : second} is not shown`];
  return b.x >= a.x + a.width ? [] : [`${screen}: ${second} (x ${Math.round(b.x)}–${Math.round(b.x + b.width)}) is not beside ${first} (x ${Math.round(a.x)}–${Math.round(a.x + a.width)})`];
}

/** Elements matching the selector whose text runs over more than one line (each named with its text). */
export async function wrappedTextProblems(page: Page, selector: string, screen: string): Promise<string[]> {
  const found = await page.evaluate((css) => [...document.querySelectorAll(css)].flatMap((el) => {
    // The lines of its text (a swatch or icon beside the text sits on the baseline, not on a line of its own).
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const lines = new Set<number>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) lines.add(Math.round(rect.top));
    }
    return lines.size > 1 ? [`${css} "${(el.textContent ?? '').trim()}" runs over ${lines.size} lines`] : [];
  }), selector);
  return found.map((problem) => `${screen}: ${problem}`);
}
