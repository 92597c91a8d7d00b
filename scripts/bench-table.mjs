// What the browser benchmark scripts print and record (bench-ui.mjs, bench-scale.mjs): the machine with its load
// and chromium, and rows of cells as a Markdown table (each column padded to its widest cell, the first row the header).
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The machine a run measured on, with the load average before (given) and after (now). */
export function machineOf(chromium, loadBefore) {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.platform()} ${os.release()}`, node: process.version,
    chromium: spawnSync(chromium, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '',
    loadAverageBefore: loadBefore.map((l) => +l.toFixed(2)), loadAverageAfter: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

export function markdownTable(table) {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => String(row[c]).length)));
  return table.flatMap((row, i) => {
    const line = `| ${row.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
    return i === 0 ? [line, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`] : [line];
  }).join('\n');
}
