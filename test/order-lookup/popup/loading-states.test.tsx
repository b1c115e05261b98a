/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/lib/order-lookup/popup/PopupApp';
import type { ApiAccessStatus } from '@/lib/storage/api-access';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CONFIGURED, activeTab, background, deferred, mount, settle, text, unmount } from './support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

beforeEach(() => {
  fakeBrowser.reset();
  activeTab(null);
});
afterEach(async () => {
  await unmount();
  vi.restoreAllMocks();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

const accessChecking = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="access-checking"]');
const orgChecking = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="org-settings-checking"]');

describe('popup: loading states (issue 10, point 10)', () => {
  it('says "Checking API access…" (busy, in the status region) until the background answers', async () => {
    const access = deferred<ApiAccessStatus>();
    background({ getApiAccess: () => access.promise });
    const root = await mount(<App />);
    const note = accessChecking(root)!;
    expect(note.textContent).toBe('Checking API access…');
    expect(note.getAttribute('aria-busy')).toBe('true');
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(note.querySelector('.spinner')).not.toBeNull();

    access.resolve({ ...CONFIGURED, configured: false });
    await settle();
    expect(accessChecking(root)).toBeNull();
    expect(text(root.querySelector('[data-testid="lookup-notice"]')!)).toContain('API access');
  });

  it("shows the user's own policy at once while managed storage is slow, then the organization's when it answers", async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    const managed = deferred<Record<string, unknown>>();
    vi.spyOn(browser.storage.managed, 'get').mockImplementation((() => managed.promise) as never);
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    const check = root.querySelector('details.policy-check')!;
    expect(text(check)).toContain('Your own PO policy: Department order, Project order.');
    expect(orgChecking(root)?.textContent).toBe("Checking for your organization's settings…");
    expect(orgChecking(root)?.getAttribute('aria-busy')).toBe('true');
    expect(check.getAttribute('aria-busy')).toBe('true');

    managed.resolve({ policy: { ...SAMPLE_POLICY, formats: [SAMPLE_POLICY.formats[1]!] } });
    await settle();
    expect(text(root.querySelector('details.policy-check')!)).toContain(
      'Policy set by your organization: Project order.',
    );
    expect(orgChecking(root)).toBeNull();
    expect(root.querySelector('details.policy-check')!.hasAttribute('aria-busy')).toBe(false);
  });
});
