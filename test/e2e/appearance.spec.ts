// e2e (browser mode, chromium): the page follows the system's light or dark preference, with color-scheme
// set so native controls match; Help says where the log goes.
import { expect, test } from './support/browser-host';

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} system preference: ${scheme} page and native controls`, async ({ page, host }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(host.url);
    await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    const look = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const input = getComputedStyle(document.querySelector('[data-testid="workspace-path"]')!);
      const luminance = (css: string) => {
        const [r, g, b] = css.match(/\d+/g)!.map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      };
      return { colorScheme: root.colorScheme, background: luminance(root.backgroundColor), text: luminance(root.color), field: luminance(input.backgroundColor) };
    });
    expect(look.colorScheme).toBe(scheme);
    if (scheme === 'light') expect([look.background > 0.9, look.text < 0.3, look.field > 0.9]).toEqual([true, true, true]);
    else expect([look.background < 0.15, look.text > 0.7, look.field < 0.15]).toEqual([true, true, true]);
  });
}

test('Help names where the log goes', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-log-file')).toHaveText('Browser mode: the host writes its log to the terminal it was started from.');
});
