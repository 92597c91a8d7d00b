// Test support: an HTML tokenizer that splits a page the way a browser's tokenizer does (tags with
// quoted and unquoted attributes, comments, doctype, bogus comments, raw text inside style/script/title/
// textarea), so a test can compare the elements and attributes of a page rendered from hostile values
// with the same page rendered from benign ones. Strict: it follows the HTML tokenizer's state changes
// for every character that can open or close markup, not a regular expression over well-formed input.

export type HtmlToken =
  | { readonly kind: 'start'; readonly name: string; readonly attributes: readonly (readonly [string, string])[] }
  | { readonly kind: 'end'; readonly name: string }
  | { readonly kind: 'comment' | 'doctype'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

const SPACE = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;
/** Elements whose content is raw (or escapable raw) text: only their own end tag closes them. */
const RAW_TEXT = new Set(['style', 'script', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references the reports write (named basics and numeric); others stay as written. */
export function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec) === 0 ? 0xfffd : Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16) === 0 ? 0xfffd : parseInt(hex, 16));
    return NAMED[name!] ?? whole;
  });
}

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = '';
  let i = 0;
  const flushText = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text: decodeReferences(text) });
    text = '';
  };
  const until = (needle: string, from: number): number => {
    const at = html.indexOf(needle, from);
    return at === -1 ? html.length : at;
  };
  while (i < html.length) {
    const c = html[i];
    if (c !== '<') { text += c; i++; continue; }
    const next = html[i + 1] ?? '';
    if (html.startsWith('<!--', i)) {
      flushText();
      const end = until('-->', i + 4);
      tokens.push({ kind: 'comment', text: html.slice(i + 4, end) });
      i = end + 3;
    } else if (next === '!' || next === '?') {
      flushText();
      const end = until('>', i + 2);
      const body = html.slice(i + 2, end);
      tokens.push(/^doctype/i.test(body) ? { kind: 'doctype', text: body } : { kind: 'comment', text: body });
      i = end + 1;
    } else if (next === '/' && LETTER.test(html[i + 2] ?? '')) {
      flushText();
      const tag = readTag(html, i + 2);
      tokens.push({ kind: 'end', name: tag.name });
      i = tag.end;
    } else if (next === '/') {
      flushText();
      const end = until('>', i + 2);
      if (end > i + 2) tokens.push({ kind: 'comment', text: html.slice(i + 2, end) });
      i = end + 1;
    } else if (LETTER.test(next)) {
      flushText();
      const tag = readTag(html, i + 1);
      tokens.push({ kind: 'start', name: tag.name, attributes: tag.attributes });
      i = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        const close = new RegExp(`</${tag.name}[\\t\\n\\f\\r />]`, 'ig');
        close.lastIndex = i;
        const found = close.exec(html);
        const end = found === null ? html.length : found.index;
        if (end > i) tokens.push({ kind: 'text', text: tag.name === 'title' || tag.name === 'textarea' ? decodeReferences(html.slice(i, end)) : html.slice(i, end) });
        i = end;
      }
    } else {
      text += c;
      i++;
    }
  }
  flushText();
  return tokens;
}

/** Reads a tag name and its attributes from `start` (just after `<` or `</`) to just past its `>`. */
function readTag(html: string, start: number): { name: string; attributes: [string, string][]; end: number } {
  let i = start;
  let name = '';
  while (i < html.length && !SPACE.test(html[i]) && html[i] !== '/' && html[i] !== '>') name += html[i++];
  const attributes: [string, string][] = [];
  for (;;) {
    while (i < html.length && (SPACE.test(html[i]) || html[i] === '/')) i++;
    if (i >= html.length) return { name: name.toLowerCase(), attributes, end: i };
    if (html[i] === '>') return { name: name.toLowerCase(), attributes, end: i + 1 };
    let attr = html[i++];
    while (i < html.length && !SPACE.test(html[i]) && !'/>='.includes(html[i])) attr += html[i++];
    while (i < html.length && SPACE.test(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && SPACE.test(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, i + 1);
        const stop = end === -1 ? html.length : end;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        while (i < html.length && !SPACE.test(html[i]) && html[i] !== '>') value += html[i++];
      }
    }
    attributes.push([attr.toLowerCase(), decodeReferences(value)]);
  }
}

/** The page's markup with the data left out: every start tag with its attribute names, end tags, comments, doctype. */
export function markupOutline(html: string): string[] {
  return tokenizeHtml(html).flatMap((t) => {
    if (t.kind === 'start') return [`<${t.name}${t.attributes.map(([n]) => ` ${n}`).join('')}>`];
    if (t.kind === 'end') return [`</${t.name}>`];
    if (t.kind === 'comment') return ['<!---->'];
    if (t.kind === 'doctype') return [`<!${t.text.toLowerCase()}>`];
    return [];
  });
}

/** Every text token decoded and joined: what a reader sees (and what raw text elements hold). */
export const pageText = (html: string): string => tokenizeHtml(html).filter((t) => t.kind === 'text').map((t) => (t as { text: string }).text).join('');
