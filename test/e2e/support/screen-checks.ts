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
