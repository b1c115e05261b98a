import { buildPageReport, renderPageReport } from '@/lib/amazon/page-tools';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import { startPicker } from './picker-ui';

/** The picker in the checkout tab it was injected into: what it may do comes from the background, saving goes back
 * there (validated, and refused when the admin locked the policy). */
export async function startPickerInPage(): Promise<void> {
  const { overrides: _overrides, ...context } = await sendMessage('getPickerContext', {});
  startPicker(document, {
    context,
    save: async (picked) => {
      try {
        await sendMessage('savePickedSelectors', picked);
      } catch (error) {
        throw new Error(messageErrorText(error));
      }
    },
    copy: (text) => navigator.clipboard.writeText(text),
  });
}

/** The page report of this tab, with the selector overrides in force, as text (the injected script's result). */
export async function pageReportInPage(): Promise<string> {
  const { overrides } = await sendMessage('getPickerContext', {});
  const active = {
    ...(overrides.poField.length ? { poField: overrides.poField } : {}),
    ...(overrides.submit.length ? { submit: overrides.submit } : {}),
  };
  return renderPageReport(buildPageReport(document, undefined, active));
}
