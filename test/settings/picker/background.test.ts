import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, type SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { pickerMessages } from '@/lib/settings/contract';
import { pickerRoutes, type PickerScript } from '@/lib/settings/picker/background';

const checkout: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc', tabId: 7 };
const elsewhere: SenderInfo = { kind: 'content', url: 'https://evil.example/checkout/p/1/spc', tabId: 8 };
const options: SenderInfo = { kind: 'extension', url: 'chrome-extension://abc/options.html' };
const envelope = (type: string, input: unknown = {}) => ({ poAssist: 1, type, input });

function setup(result: unknown = 'PO Assist page report\n', checkoutTab: number | null = 5) {
  const runs: [number, PickerScript][] = [];
  const router = createRouter();
  router.register(
    pickerMessages,
    pickerRoutes({
      runScript: async (tabId, file) => {
        runs.push([tabId, file]);
        return result;
      },
      findCheckoutTab: async () => checkoutTab,
    }),
  );
  return {
    runs,
    send: (type: string, input: unknown, sender: SenderInfo) => router.dispatch(envelope(type, input), sender),
  };
}

const storedPolicy = async () => (await fakeBrowser.storage.local.get('userPolicy')).userPolicy;

describe('element picker: background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves the picked selectors in front of the policy overrides, and keeps the rest of the policy', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    const { send } = setup();
    const reply = await send('savePickedSelectors', { poField: 'input[name="boiField[0]"]', submit: '#go' }, checkout);
    expect(reply).toEqual({ ok: true, value: { saved: true } });
    expect(await storedPolicy()).toEqual({
      ...SAMPLE_POLICY,
      selectors: { poField: ['input[name="boiField[0]"]', '#po-input'], submit: ['#go', '#placeOrder'] },
    });
    // Picking the same field again does not repeat it.
    await send('savePickedSelectors', { poField: 'input[name="boiField[0]"]' }, checkout);
    expect(((await storedPolicy()) as typeof SAMPLE_POLICY).selectors.poField).toEqual([
      'input[name="boiField[0]"]',
      '#po-input',
    ]);
  });

  it('refuses to save when the admin sets the policy, and the picker is told to offer the snippet', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    await fakeBrowser.storage.managed.set({ policy: SAMPLE_POLICY });
    const { send } = setup();
    expect(await send('getPickerContext', {}, checkout)).toMatchObject({
      ok: true,
      value: { canSave: false, reason: 'locked', overrides: { poField: ['#po-input'] } },
    });
    expect(await send('savePickedSelectors', { poField: '#x' }, checkout)).toMatchObject({
      ok: false,
      error: { kind: 'locked' },
    });
    expect(await storedPolicy()).toEqual(SAMPLE_POLICY);
  });

  it('without a user policy there is nothing to save into: it says so', async () => {
    const { send } = setup();
    expect(await send('getPickerContext', {}, checkout)).toMatchObject({
      ok: true,
      value: { canSave: false, reason: 'no-policy' },
    });
    expect(await send('savePickedSelectors', { poField: '#x' }, checkout)).toMatchObject({
      ok: false,
      error: { kind: 'no-policy', message: expect.stringContaining('Set up a PO policy') },
    });
    expect(await storedPolicy()).toBeUndefined();
  });

  it('takes picks only from checkout pages, and only well-formed ones', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    const { send, runs } = setup();
    expect(await send('savePickedSelectors', { poField: '#x' }, elsewhere)).toMatchObject({
      ok: false,
      error: { kind: 'not-checkout' },
    });
    expect(await send('openPicker', {}, elsewhere)).toMatchObject({ ok: false, error: { kind: 'not-checkout' } });
    const tooLong = await send('savePickedSelectors', { poField: 'x'.repeat(501) }, checkout);
    expect(tooLong?.ok).toBe(false);
    expect((await send('savePickedSelectors', { poField: '   ' }, checkout))?.ok).toBe(false);
    expect(await storedPolicy()).toEqual(SAMPLE_POLICY);
    expect(runs).toEqual([]);
  });

  it('injects the picker into the hint’s own tab, or the tab the popup names', async () => {
    const { send, runs } = setup();
    expect(await send('openPicker', { tabId: 99 }, checkout)).toEqual({ ok: true, value: { started: true } });
    expect(await send('openPicker', { tabId: 3 }, { ...options, url: 'chrome-extension://abc/popup.html' })).toEqual({
      ok: true,
      value: { started: true },
    });
    expect(runs).toEqual([
      [7, '/picker.js'],
      [3, '/picker.js'],
    ]);
  });

  it('a page report for the options page comes from the last checkout tab; without one it says what to do', async () => {
    const found = setup('PO Assist page report (po-assist-page-report/1)\n', 5);
    expect(await found.send('getPageReport', {}, options)).toEqual({
      ok: true,
      value: { text: 'PO Assist page report (po-assist-page-report/1)\n' },
    });
    expect(found.runs).toEqual([[5, '/page-report.js']]);
    const none = setup('x', null);
    expect(await none.send('getPageReport', {}, options)).toMatchObject({
      ok: false,
      error: { kind: 'no-checkout-tab', message: expect.stringContaining('Open the Amazon checkout page') },
    });
    // What the page answered is checked: a report is text.
    const odd = setup({ not: 'text' }, 5);
    expect(await odd.send('getPageReport', {}, options)).toMatchObject({ ok: false, error: { kind: 'no-report' } });
  });
});
