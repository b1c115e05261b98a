import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOfflineHandlers, dispatchMessage } from '../support/background-router';
import { classifySender, type SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { usedPoHash } from '@/lib/checkout-guard/used-po-hash';

const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc' };
const extension: SenderInfo = { kind: 'extension', url: 'chrome-extension://abc/popup.html' };
const envelope = (type: string, input: unknown = {}) => ({ poAssist: 1, type, input });

describe('background message handlers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers getGuardState with no policy when nothing is configured', async () => {
    const reply = await dispatchMessage(createOfflineHandlers(), envelope('getGuardState'), content);
    expect(reply).toMatchObject({ ok: true, value: { rules: null, source: null, usedPoHashes: [], pending: false } });
  });

  it('gives the checkout guard the user policy, parsed', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    const reply = await dispatchMessage(createOfflineHandlers(), envelope('getGuardState'), content);
    expect(reply?.ok && reply.value).toMatchObject({
      source: 'user',
      rules: { enforcement: SAMPLE_POLICY.enforcement },
    });
  });

  it('overlays the admin policy from managed storage, without copying it into local storage', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: { ...SAMPLE_POLICY, help: 'mine' } });
    await fakeBrowser.storage.managed.set({ policy: { ...SAMPLE_POLICY, help: 'from IT' } });
    const reply = await dispatchMessage(createOfflineHandlers(), envelope('getGuardState'), content);
    expect(reply?.ok && reply.value).toMatchObject({
      source: 'admin',
      adminControlled: true,
      rules: { help: 'from IT' },
    });
    expect(await fakeBrowser.storage.local.get('userPolicy')).toMatchObject({ userPolicy: { help: 'mine' } });
  });

  it("answers the options page at once with the user's own settings while managed storage has not answered", async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    let answer: (value: Record<string, unknown>) => void = () => undefined;
    const slow = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(slow as never);
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      name: 'PO Assist',
      version: '1',
      manifest_version: 3,
    });
    const handlers = createOfflineHandlers();

    const first = await dispatchMessage(handlers, envelope('getSettingsReport'), extension);
    expect(first?.ok && first.value).toMatchObject({
      organizationPending: true,
      effective: { source: 'user', userLocked: false },
      userPolicy: SAMPLE_POLICY,
    });
    const full = dispatchMessage(handlers, envelope('getSettingsReport', { waitForOrganization: true }), extension);
    answer({ policy: { ...SAMPLE_POLICY, help: 'from IT' }, lockUserPolicy: true });
    expect((await full)?.ok && (await full)).toMatchObject({
      value: { organizationPending: false, effective: { source: 'admin', userLocked: true } },
    });
  });

  it('reports a broken stored policy instead of failing', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: { version: 7 } });
    const reply = await dispatchMessage(createOfflineHandlers(), envelope('getGuardState'), content);
    expect(reply?.ok && reply.value).toMatchObject({ rules: null, broken: [{ source: 'user' }] });
  });

  it('records a submitted PO only when its tab shows the order confirmation, then reports it as used before', async () => {
    const handlers = createOfflineHandlers();
    const tab = { ...content, tabId: 7 };
    expect(await dispatchMessage(handlers, envelope('checkPoReuse', { po: 'MKT-202611-0042' }), content)).toEqual({
      ok: true,
      value: { uses: [], notice: null },
    });
    await dispatchMessage(
      handlers,
      envelope('rememberSubmittedPo', { po: 'MKT-202611-0042', marketplace: 'US', final: true }),
      tab,
    );
    expect(await fakeBrowser.storage.local.get('poHistory')).toEqual({});
    // Another tab's confirmation does not record this tab's PO.
    expect(await dispatchMessage(handlers, envelope('confirmOrderPlaced'), { ...content, tabId: 8 })).toMatchObject({
      value: { recorded: false },
    });
    expect(await dispatchMessage(handlers, envelope('confirmOrderPlaced'), tab)).toMatchObject({
      value: { recorded: true },
    });
    expect(await dispatchMessage(handlers, envelope('confirmOrderPlaced'), tab)).toMatchObject({
      value: { recorded: false },
    });
    const reply = await dispatchMessage(
      handlers,
      envelope('checkPoReuse', { po: 'MKT-202611-0042', lang: 'en-US' }),
      content,
    );
    expect(reply).toMatchObject({
      ok: true,
      value: { notice: expect.stringContaining('was used once before from this browser') },
    });
    expect(reply).toMatchObject({ ok: true, value: { uses: [{ date: expect.any(String), marketplace: 'US' }] } });
    expect(reply?.ok && (reply.value as { uses: unknown[] }).uses).toEqual([
      { date: expect.any(String), marketplace: 'US' },
    ]);
    const state = await dispatchMessage(handlers, envelope('getGuardState'), content);
    expect(state?.ok && state.value).toMatchObject({ usedPoHashes: [usedPoHash('MKT-202611-0042')] });
  });

  it('refuses messages with bad input before any handler runs', async () => {
    const reply = await dispatchMessage(
      createOfflineHandlers(),
      envelope('rememberSubmittedPo', { po: '', marketplace: 'GB', final: true }),
      content,
    );
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(await fakeBrowser.storage.local.get('poHistory')).toEqual({});
  });

  it('refuses extension-only messages from content scripts, and content-only ones from pages', async () => {
    expect(await dispatchMessage(createOfflineHandlers(), envelope('getFieldStatus'), content)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(
      await dispatchMessage(
        createOfflineHandlers(),
        envelope('rememberSubmittedPo', { po: 'X', marketplace: 'US', final: true }),
        extension,
      ),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('ignores messages that are not ours', async () => {
    expect(await dispatchMessage(createOfflineHandlers(), { hello: 'world' }, content)).toBeUndefined();
    expect(await dispatchMessage(createOfflineHandlers(), envelope('stealTokens'), content)).toBeUndefined();
  });

  it('answers only this extension: other extensions and web pages are refused', () => {
    const origin = 'chrome-extension://self/';
    expect(classifySender({ id: 'other', url: origin }, 'self', origin)).toBeNull();
    expect(classifySender({ id: 'self', url: 'chrome-extension://self/popup.html' }, 'self', origin)?.kind).toBe(
      'extension',
    );
    expect(classifySender({ id: 'self', url: 'https://www.amazon.com/', tab: {} }, 'self', origin)?.kind).toBe(
      'content',
    );
    expect(classifySender({ id: 'self', url: 'https://evil.example/' }, 'self', origin)).toBeNull();
  });
});
