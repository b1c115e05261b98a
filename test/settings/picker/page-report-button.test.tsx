/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageReportButton } from '@/components/settings/PageReportButton';
import { button, click, mount, unmount } from '../../order-lookup/popup/support';

afterEach(async () => {
  await unmount();
});

const REPORT = 'PO Assist page report (po-assist-page-report/1)\nfields (1):\n';
const note = (root: HTMLElement) => root.querySelector('[data-testid="page-report-note"]')?.textContent;
const shown = (root: HTMLElement) => root.querySelector<HTMLTextAreaElement>('[data-testid="page-report"]');

describe('Diagnostics: Copy a page report', () => {
  it('copies the report and shows it, so the shopper sees what they send', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const root = await mount(<PageReportButton onGetReport={async () => REPORT} />);
    await click(button(root, 'Copy a page report'));
    expect(writeText).toHaveBeenCalledWith(REPORT);
    expect(note(root)).toContain('Page report copied');
    expect(shown(root)?.value).toBe(REPORT);
    expect(shown(root)?.readOnly).toBe(true);
  });

  it('when the browser refuses to copy, says to copy it from the box', async () => {
    const writeText = vi.fn(async () => Promise.reject(new Error('Document is not focused.')));
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const root = await mount(<PageReportButton onGetReport={async () => REPORT} />);
    await click(button(root, 'Copy a page report'));
    expect(note(root)).toBe('The browser did not allow copying: select the report below and copy it.');
    expect(shown(root)?.value).toBe(REPORT);
  });

  it('with no checkout tab open, shows what to do', async () => {
    const root = await mount(
      <PageReportButton
        onGetReport={async () => {
          throw new Error('Open the Amazon checkout page in a tab first, then copy the page report.');
        }}
      />,
    );
    await click(button(root, 'Copy a page report'));
    expect(note(root)).toBe('Open the Amazon checkout page in a tab first, then copy the page report.');
    expect(shown(root)).toBeNull();
  });
});
