// The case report in an examiner's words: custody as a table of time, examiner, action and details in
// words (never raw JSON), the workstation account shown as the exporting examiner, the score and the
// sample count in plain language, the technical definitions in an appendix. Node side (cases).
import { describe, expect, it } from 'vitest';
import { pageText } from '../../test/support/html-tokens.js';
import { casePage } from '../../test/support/report-fixtures.js';

/** The fixture with plain values: the examiner 'A. Analyst' exported under the account 'root'. */
const page = casePage((field) => ({
  examiner: 'A. Analyst', account: 'root', 'custody-actor-0': 'root', 'custody-actor-5': 'B. Second', source: 'annotated',
  'custody-at-0': '2026-12-01T12:00:00.000Z', 'custody-tag': 'batch-7', 'custody-verdict': 'bona-fide', 'custody-status': 'open', 'custody-species': '',
  'custody-dataset': '/data/demo', 'score-definition': 'softmax(logits)[:, 1]',
} as Record<string, string>)[field] ?? field);
const text = pageText(page);
const custodyRows = (): string[][] => {
  const table = page.slice(page.indexOf('<table class="custody">'), page.indexOf('</table>', page.indexOf('<table class="custody">')));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((cell) => cell[1]!));
};

describe('case report wording', () => {
  it('lists custody as time, examiner, action and details in words', () => {
    const [head, ...rows] = custodyRows();
    expect(head).toEqual(['#', 'Time', 'Examiner', 'Action', 'Details']);
    expect(rows[1]).toEqual(['2', '2026-12-01 12:00:00 UTC', 'A. Analyst', 'dataset listed', '2 samples listed (2 new) from /data/demo']);
    expect(rows.find((r) => r[3] === 'threshold saved')?.[4]).toBe('threshold #1: τ = 0.4176, chosen by custody-criterion on custody-split');
    expect(rows.find((r) => r[4]!.startsWith('finding #1'))).toEqual(['7', 'custody-at-5', 'B. Second', 'finding recorded', 'finding #1 on sample 1: bona fide, open']);
    expect(rows.find((r) => r[4]!.startsWith('tagged'))?.[4]).toBe('tagged 2 samples at once with batch-7 (samples 1, 2)');
    expect(page).not.toMatch(/<td[^>]*>\{&quot;/); // no raw JSON in a cell
  });

  it('names the exporting examiner for the workstation account and says so in the appendix', () => {
    expect(custodyRows().slice(1).map((r) => r[2])).not.toContain('root');
    expect(text).toContain('entries recorded under the workstation account root are shown with the name of the examiner who exported this case, A. Analyst');
  });

  it('speaks plainly in the body and keeps the technical definition in the appendix', () => {
    expect(text).toContain('2 samples from the annotated set');
    expect(text).not.toContain('sample(s)');
    expect(text).toContain('attack score (probability the image is an attack)');
    const appendix = text.slice(text.indexOf('Appendix A: technical definitions'));
    expect(appendix).toContain('softmax(logits)[:, 1]');
    expect(text.slice(0, text.indexOf('Appendix A'))).not.toContain('softmax(logits)');
  });
});
