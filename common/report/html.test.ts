// The reports' one escaping path: the html tagged template escapes every interpolation for text and
// quoted attributes, keeps fragments it built, and links only http(s) URLs. Pure shared code test (common/).
import { describe, expect, it } from 'vitest';
import { constantHtml, escapeHtml, html, link, textWithBreaks } from './html.js';

describe('html tagged template', () => {
  it('escapes markup characters, backticks, controls and bidi marks in text and attributes', () => {
    const value = `"'<>&\`\u202E\u0000`;
    expect(html`<td title="${value}">${value}</td>`.markup).toBe('<td title="&quot;&#39;&lt;&gt;&amp;&#96;\\u{202e}\\u{0000}">&quot;&#39;&lt;&gt;&amp;&#96;\\u{202e}\\u{0000}</td>');
    expect(escapeHtml('a\tb\nc')).toBe('a\tb\nc');
  });

  it('keeps nested fragments, joins lists, prints nothing for null, undefined and false', () => {
    const cells = ['<a>', 'b'].map((v) => html`<td>${v}</td>`);
    expect(html`<tr>${cells}${null}${undefined}${false}${0}</tr>`.markup).toBe('<tr><td>&lt;a&gt;</td><td>b</td>0</tr>');
    expect(html`${constantHtml('<br>')}${'<br>'}`.markup).toBe('<br>&lt;br&gt;');
    expect(textWithBreaks('a<\nb').markup).toBe('a&lt;<br>b');
  });

  it('links http(s) URLs only; any other scheme is text', () => {
    expect(link('https://example.org/?a=1&b="2"').markup).toBe('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">https://example.org/?a=1&amp;b=&quot;2&quot;</a>');
    expect(link('javascript:alert(1)').markup).toBe('javascript:alert(1)');
    expect(link(' https://x').markup).toBe(' https://x');
  });
});
