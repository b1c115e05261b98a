/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createGuardSession, type GuardSession } from '@/lib/checkout-guard/content/guard-session';
import { parseOnPolicyUnavailable } from '@/lib/checkout-guard/content/managed-fallback';
import { HOLD_MS, initSubmitGuard } from '@/lib/checkout-guard/content/submit-guard';
import { sendMessage } from '@/lib/messaging/client';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { managedKeySchemas } from '@/lib/storage/managed';

/**
 * Issue 7 §1: a checkout page whose background never answers (worker dead or hung, extension updated before the
 * content script got its first state) holds a submit, and after the hold follows the admin's `onPolicyUnavailable`,
 * which the content script reads from managed storage itself: under "block" the order is refused, not released.
 */
vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const ctx = { isInvalid: false, onInvalidated: () => () => undefined } as unknown as ContentScriptContext;

/** The place-order form of the current checkout; `submitted` counts clicks that reached Amazon's own handler. */
function checkoutPage() {
  document.body.innerHTML = `
    <form id="spc"><input id="po" name="poNumber" value="NOT-A-PO">
      <span id="submitOrderButtonId"><input type="submit" value="Place your order"></span></form>`;
  let submitted = 0;
  const button = document.querySelector<HTMLInputElement>('#submitOrderButtonId input')!;
  button.addEventListener('click', (event) => {
    event.preventDefault();
    submitted++;
  });
  return { button, submitted: () => submitted };
}

async function startGuard(): Promise<GuardSession> {
  const session = createGuardSession(ctx);
  session.field = document.querySelector<HTMLInputElement>('#po');
  initSubmitGuard(ctx, session);
  await vi.advanceTimersByTimeAsync(0);
  return session;
}

const submitText = (session: GuardSession) => session.submitMessage?.text ?? '';

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  // The background never answers: every message stays out.
  vi.mocked(sendMessage).mockImplementation(() => new Promise(() => undefined));
});
afterEach(() => {
  vi.useRealTimers();
  vi.mocked(sendMessage).mockReset();
  document.body.innerHTML = '';
});

describe('a held submit with no answer from the background', () => {
  it('is refused after the hold when the admin set onPolicyUnavailable "block" in managed storage', async () => {
    await fakeBrowser.storage.managed.set({
      policy: { ...SAMPLE_POLICY, enforcement: 'block' },
      onPolicyUnavailable: 'block',
    });
    const page = checkoutPage();
    const session = await startGuard();

    page.button.click();
    expect(submitText(session)).toBe('Checking your PO…');
    await vi.advanceTimersByTimeAsync(HOLD_MS + 100);

    expect(page.submitted()).toBe(0);
    expect(submitText(session)).toMatch(/^Order not submitted: your company's PO policy could not be checked/);
    expect(session.submitMessage?.blocking).toBe(true);
  });

  it('is released after the hold when the admin allows it, or set nothing', async () => {
    for (const managed of [{ onPolicyUnavailable: 'allow' }, {}]) {
      fakeBrowser.reset();
      await fakeBrowser.storage.managed.set(managed);
      const page = checkoutPage();
      const session = await startGuard();

      page.button.click();
      await vi.advanceTimersByTimeAsync(HOLD_MS + 100);

      expect(page.submitted(), JSON.stringify(managed)).toBe(1);
      expect(submitText(session)).toBe('');
    }
  });

  it('falls back to the default "allow" when the managed value is not one it knows, or managed storage throws', async () => {
    await fakeBrowser.storage.managed.set({ onPolicyUnavailable: 'BLOCK!' });
    const page = checkoutPage();
    await startGuard();
    page.button.click();
    await vi.advanceTimersByTimeAsync(HOLD_MS + 100);
    expect(page.submitted()).toBe(1);

    fakeBrowser.reset();
    // Firefox with no managed manifest, or a content script orphaned by an update.
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    const second = checkoutPage();
    await startGuard();
    second.button.click();
    await vi.advanceTimersByTimeAsync(HOLD_MS + 100);
    expect(second.submitted()).toBe(1);
  });

  it('still refuses under the admin\'s "block" when the extension went away before the background ever answered', async () => {
    await fakeBrowser.storage.managed.set({ onPolicyUnavailable: 'block' });
    const page = checkoutPage();
    const session = await startGuard();
    // The extension is updated under the open tab: this content script's storage calls fail from now on.
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Extension context invalidated.'));

    page.button.click();
    await vi.advanceTimersByTimeAsync(HOLD_MS + 100);

    expect(page.submitted()).toBe(0);
    expect(session.submitMessage?.blocking).toBe(true);
  });

  it('reads only onPolicyUnavailable from managed storage, with the values the background accepts', async () => {
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const page = checkoutPage();
    await startGuard();
    page.button.click();
    await vi.advanceTimersByTimeAsync(0);
    // Once as the page starts, and again at the hold (nothing was set: the admin's value may arrive late).
    expect(get.mock.calls).toEqual([['onPolicyUnavailable'], ['onPolicyUnavailable']]);

    for (const value of ['allow', 'block', 'Block', 'deny', '', 1, true, null, undefined]) {
      expect(parseOnPolicyUnavailable(value) !== null, String(value)).toBe(
        managedKeySchemas.onPolicyUnavailable.safeParse(value).success,
      );
    }
  });
});
