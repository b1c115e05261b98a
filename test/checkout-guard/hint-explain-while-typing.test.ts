/** @vitest-environment happy-dom */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { buildGuardState } from '@/lib/checkout-guard/guard-state';
import { createGuardSession } from '@/lib/checkout-guard/content/guard-session';
import { EXPLAIN_AT_ONCE, initPoGuard } from '@/lib/checkout-guard/content/po-guard';
import { connectMessagePort, sendMessage, sendOverPort } from '@/lib/messaging/client';
import { compiledPolicyFor } from '@/lib/policy/cache';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { verdictMessage } from '@/lib/policy-words';

/**
 * Issue 7 §7 (keystroke → diagnosis): the checkout hint asks the background for the words of each text typed
 * (explainPo). With the background slow, typing on must not queue each diagnosis behind the one before it: later
 * texts are asked at once (a few in flight), the hint shows the diagnosis of the text in the field as soon as its
 * own answer arrives, and an answer for text the shopper has typed past never replaces it.
 */
vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn(), sendOverPort: vi.fn(), connectMessagePort: vi.fn() };
});

const ctx = {
  isInvalid: false,
  onInvalidated: () => () => undefined,
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  addEventListener: (target: EventTarget, type: string, listener: EventListener) =>
    target.addEventListener(type, listener),
} as unknown as ContentScriptContext;

const now = new Date();
const month = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}`;
/** A PO this browser used before (in its history), and one it never used. */
const USED = `ENG-${month}-0042`;
const NEW = `ENG-${month}-0043`;
// The guard state as the background builds it for this policy (lib/checkout-guard/guard-state-browser.ts).
const state = buildGuardState({
  effective: { policy: SAMPLE_POLICY, source: 'user', broken: [], adminControlled: false, userLocked: false },
  history: [{ po: USED, date: now.toISOString(), marketplace: 'US' }],
  onPolicyUnavailable: 'allow',
  amazonCheck: false,
  now,
});
const compiled = compiledPolicyFor(SAMPLE_POLICY).policy;
/** The background's explainPo answer (lib/checkout-guard/background.ts): the engine's verdict in English words. */
const answerFor = (po: string) => {
  const verdict = validatePo(compiled, po, { now });
  return verdict.valid ? verdict : { ...verdict, message: verdictMessage(verdict) };
};
const diagnosis = (po: string) => {
  const answer = answerFor(po);
  if (answer.valid) throw new Error(`"${po}" is valid: no diagnosis`);
  return answer.message;
};

/** Every message the content script sent, by type. */
const sent: { type: string; po?: string }[] = [];
/** explainPo requests the background has not answered yet, oldest first. */
let asked: { po: string; answer(): Promise<void> }[] = [];
const askedPos = () => asked.map((request) => request.po);
/** The background answers the request for `po` now (the others stay out). */
async function answer(po: string) {
  const request = asked.find((entry) => entry.po === po);
  if (!request) throw new Error(`explainPo("${po}") was never sent (sent: ${JSON.stringify(askedPos())})`);
  asked = asked.filter((entry) => entry !== request);
  await request.answer();
}

beforeAll(() => {
  const background = (type: string, input: { po?: string }): Promise<unknown> => {
    sent.push({ type, po: input.po });
    if (type === 'getGuardState') return Promise.resolve(state);
    if (type === 'explainPo') {
      const po = input.po!;
      return new Promise<unknown>((resolve) => {
        asked.push({
          po,
          answer: async () => {
            resolve(answerFor(po));
            // The content script's then/finally run in the microtasks after the answer.
            for (let i = 0; i < 5; i++) await Promise.resolve();
          },
        });
      });
    }
    if (type === 'checkPoReuse') return Promise.resolve({ uses: [], notice: `You used ${input.po} before.` });
    // Field status reports: not answered, not needed here.
    return new Promise(() => undefined);
  };
  vi.mocked(sendMessage).mockImplementation(background as unknown as typeof sendMessage);
  // explainPo goes on the port (a shorter round trip); anything else there would be a mistake the test shows.
  vi.mocked(sendOverPort).mockImplementation(((type: string, input: { po?: string }) =>
    type === 'explainPo'
      ? background(type, input)
      : Promise.reject(new Error(`${type} sent on the port`))) as unknown as typeof sendOverPort);
  // One guard for the page, as the content script starts it; each test renders a fresh PO field into the page.
  initPoGuard(ctx, createGuardSession(ctx));
});

let field: HTMLInputElement;
const shown = () =>
  document.querySelector('po-assist-hint')?.shadowRoot?.querySelector('[data-testid="po-verdict"]')?.textContent ?? '';
const type = (text: string) => {
  for (const key of text) {
    field.value += key;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
};

beforeEach(async () => {
  fakeBrowser.reset();
  document.body.innerHTML = `<form><label for="po-input">PO number</label>
    <input type="text" id="po-input" name="purchaseOrderNumber"></form>`;
  field = document.querySelector<HTMLInputElement>('#po-input')!;
  await vi.waitFor(() => expect(document.querySelector('po-assist-hint')).not.toBeNull());
  // The shopper typed a PO before and left the field: the hint now says what is wrong (it stays quiet before).
  type('X');
  field.dispatchEvent(new Event('blur'));
  await answer('X');
  expect(shown()).toBe(diagnosis('X'));
  field.value = '';
  field.dispatchEvent(new Event('input', { bubbles: true }));
  asked = [];
  sent.length = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  // Nothing left in flight for the next test's field.
  for (const { po } of [...asked]) await answer(po);
  document.body.innerHTML = '';
});

/** Every text the field held while `text` was typed key by key. */
const prefixes = (text: string) => [...text].map((_, i) => text.slice(0, i + 1));

describe('checkout hint: typing on while the background is slow to word the diagnosis', () => {
  it("asks for the later texts' diagnoses without waiting for the earlier answers, a few at once", () => {
    type('ENG');
    expect(askedPos()).toEqual(prefixes('ENG').slice(0, EXPLAIN_AT_ONCE));
    // More than one at once, or a diagnosis waits for the round trips of the texts before it.
    expect(askedPos().length).toBeGreaterThan(1);
  });

  it('shows the diagnosis of the text in the field as soon as its own answer arrives, older ones still out', async () => {
    type('ENG');
    await answer('ENG');
    expect(shown()).toBe(diagnosis('ENG'));
    expect(askedPos()).toEqual(['E', 'EN']);
  });

  it("never replaces the field's diagnosis with a late answer for text typed past", async () => {
    type('ENG');
    await answer('ENG');
    for (const older of ['EN', 'E']) {
      expect(diagnosis(older)).not.toBe(diagnosis('ENG'));
      await answer(older);
      expect(shown(), `after the late answer for "${older}"`).toBe(diagnosis('ENG'));
    }
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('past the requests at once, asks for the text in the field next, not every text typed in between', async () => {
    type('ENG-2026#');
    const first = prefixes('ENG-2026#').slice(0, EXPLAIN_AT_ONCE);
    expect(askedPos()).toEqual(first);
    // The oldest answer comes back (for text no longer in the field): not shown, and the field's text goes out.
    await answer(first[0]!);
    expect(shown()).not.toBe(diagnosis(first[0]!));
    expect(askedPos()).toEqual([...first.slice(1), 'ENG-2026#']);
    await answer('ENG-2026#');
    expect(shown()).toBe(diagnosis('ENG-2026#'));
  });

  it("asks the background about this browser's history only for a PO the guard state lists as used here", async () => {
    vi.useFakeTimers();
    const reuseAsked = () => sent.filter(({ type }) => type === 'checkPoReuse').map(({ po }) => po);
    // A new PO: the guard state's hashes already say it was never used here; the worker is left to the diagnoses.
    field.value = NEW;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reuseAsked()).toEqual([]);
    expect(document.querySelector('po-assist-hint')?.shadowRoot?.querySelector('[data-testid="po-reuse"]')).toBeNull();

    field.value = USED;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reuseAsked()).toEqual([USED]);
    const reuse = document.querySelector('po-assist-hint')?.shadowRoot?.querySelector('[data-testid="po-reuse"]');
    expect(reuse?.textContent).toContain(`You used ${USED} before.`);
  });

  it('asks for the diagnoses on the long-lived port, not with a message channel per keystroke', () => {
    vi.mocked(sendMessage).mockClear();
    vi.mocked(sendOverPort).mockClear();
    type('ENG');
    const onPort = vi.mocked(sendOverPort).mock.calls.map(([kind]) => kind);
    expect(onPort).toEqual(Array(EXPLAIN_AT_ONCE).fill('explainPo'));
    expect(vi.mocked(sendMessage).mock.calls.map(([kind]) => kind)).not.toContain('explainPo');
  });

  it('opens the port when the field is found, and again when the shopper comes back to the field', async () => {
    vi.mocked(connectMessagePort).mockClear();
    document.body.innerHTML = `<form><label for="po-again">PO number</label>
      <input type="text" id="po-again" name="purchaseOrderNumber"></form>`;
    field = document.querySelector<HTMLInputElement>('#po-again')!;
    await vi.waitFor(() => expect(field.getAttribute('aria-describedby')).toContain('po-assist'));
    expect(vi.mocked(connectMessagePort)).toHaveBeenCalledTimes(1);
    vi.mocked(connectMessagePort).mockClear();
    field.dispatchEvent(new Event('focus'));
    expect(vi.mocked(connectMessagePort)).toHaveBeenCalledTimes(1);
  });
});
