// e2e (browser mode, chromium): a file dropped onto the page cannot reveal its path to a browser, so the page
// says to type it (the desktop app opens it: electron/main/preload.ts, renderer/features/shell/drop-target.ts).
import { expect, test } from './support/browser-host';

test('dropping a file in browser mode explains where drops work', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  const handled = await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'model.onnx'));
    const event = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(handled).toBe(true);
  await expect(page.getByTestId('notice')).toHaveText('Dropped files open in the desktop app; in the browser, type or paste the path instead.');
});
