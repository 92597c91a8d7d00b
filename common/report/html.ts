// The one way text reaches the project's HTML pages (the evaluation report, the case report): the
// `html` tagged template escapes every interpolated value for text and quoted-attribute contexts unless
// it is a fragment the template itself built, so no value can open or close an element, an attribute,
// a style or a comment. Number formatting for the reports sits beside it. Pure shared code (common/).
import { escapeInvisible } from '../display-text.js';
import { formatRate, formatRateInterval } from '../format/figures.js';

/** Markup built by `html` (or a constant of this repository): inserted as is into another `html` template. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text and numbers are escaped, SafeHtml is kept, lists are joined, nothing prints nothing. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes text for HTML element content and quoted attribute values: the markup characters become
 * references, and controls and bidi overrides become visible escapes (display-text.ts), so a value can
 * neither hide, reorder nor break the text around it.
 */
export function escapeHtml(text: string): string {
  return escapeInvisible(text).replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

function interpolate(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(interpolate).join('');
}

/** Tagged template: html`<td title="${text}">${text}</td>` escapes both; nested html`` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** A constant of this repository (a style sheet, fixed markup), never data: kept as written. */
export const constantHtml = (markup: string): SafeHtml => new SafeHtml(markup);

/** Fragments joined by a separator (itself markup). */
export const joinHtml = (parts: readonly SafeHtml[], separator: string): SafeHtml => new SafeHtml(parts.map((p) => p.markup).join(separator));

/** Text escaped, its line breaks shown as <br>. */
export const textWithBreaks = (text: string): SafeHtml => new SafeHtml(escapeHtml(text).replace(/\n/g, '<br>'));

/** A link when `url` is http(s), else the URL as text (a javascript: or data: URL is never a link). */
export function link(url: string, text: string = url): SafeHtml {
  return /^https?:\/\//i.test(url) ? html`<a href="${url}">${text}</a>` : html`${text}`;
}

/** A value as JSON inside <script type="application/json">: `<` written \u003c so no text can close the element. */
export const jsonScript = (id: string, json: string): SafeHtml =>
  html`<script type="application/json" id="${id}">${constantHtml(json.replace(/</g, '\\u003c'))}</script>`;

export type ReportImages = "img-src data:" | "img-src 'self'";

/**
 * The Content-Security-Policy both reports declare: no script (so no javascript: URL either), no
 * <base>, no form submission, only inline style and the given images. A meta refresh cannot be
 * forbidden by CSP; no value can write one because every value is escaped.
 */
export const reportCsp = (images: ReportImages): SafeHtml =>
  constantHtml(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`);

/** A rate as a percentage with two decimals, e.g. "3.46 %". */
export function percent(rate: number): string {
  return formatRate(rate);
}

/** An interval as "low–high %" with two decimals. */
export function percentRange(low: number, high: number): string {
  return formatRateInterval({ lower: low, upper: high });
}
