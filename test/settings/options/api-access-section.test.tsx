/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiAccessSection } from '@/lib/settings/page/ApiAccessSection';
import { MessageError, sendMessage } from '@/lib/messaging/client';
import type { ApiAccessStatus } from '@/lib/storage/api-access';
import type { ApiAccessInput } from '@/lib/settings/contract';
import {
  CONFIGURED,
  background,
  button,
  callsOf,
  choose,
  click,
  mount,
  settle,
  text,
  type,
  unmount,
} from '../../order-lookup/popup/support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const NOT_SET: ApiAccessStatus = {
  configured: false,
  mode: null,
  brokerUrl: null,
  brokerLocked: false,
  clientIdHint: null,
  hasClientSecret: false,
  hasRefreshToken: false,
  region: 'US',
  regionLocked: false,
  sandbox: false,
};

const DIRECT: ApiAccessStatus = {
  ...NOT_SET,
  configured: true,
  mode: 'direct',
  clientIdHint: 'amzn1.application-oa2-client.…9f3a',
  hasClientSecret: true,
  hasRefreshToken: true,
};

/** A background that stores what it is given and reports it back the way the real one does: without secrets. */
function storingBackground(initial: ApiAccessStatus) {
  let status = initial;
  const saved: ApiAccessInput[] = [];
  background({
    getApiAccess: () => status,
    saveApiAccess: (input) => {
      saved.push(input);
      status = {
        ...status,
        configured: true,
        mode: input.mode,
        brokerUrl: input.brokerUrl ?? status.brokerUrl,
        clientIdHint: input.clientId ? `${input.clientId.slice(0, 6)}…` : status.clientIdHint,
        hasClientSecret: status.hasClientSecret || Boolean(input.clientSecret),
        hasRefreshToken: status.hasRefreshToken || Boolean(input.refreshToken),
        region: input.region,
        sandbox: input.sandbox,
      };
      return status;
    },
    clearApiAccess: () => (status = { ...NOT_SET }),
    testApiConnection: () => ({ ok: true, message: 'Connected: Amazon answered for region US.' }),
  });
  return saved;
}

const outcome = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="api-outcome"]')!;
const radio = (root: HTMLElement, mode: string) =>
  root.querySelector<HTMLInputElement>(`input[name="api-mode"][value="${mode}"]`)!;

async function pickMode(root: HTMLElement, mode: 'broker' | 'direct') {
  const input = radio(root, mode);
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await unmount();
  vi.mocked(sendMessage).mockReset();
});

describe('API access section', () => {
  it('says direct mode keeps secrets only in this browser and that companies should prefer a broker', async () => {
    storingBackground(NOT_SET);
    const root = await mount(<ApiAccessSection />);
    expect(root.querySelector('[data-testid="storage-note"]')?.textContent).toMatch(
      /only in this browser's local storage \(never synced\);\s+companies should prefer a token broker/,
    );
    expect(text(root)).toContain('It is not set up yet, so order lookup cannot run.');
    expect(radio(root, 'broker').checked).toBe(true);
  });

  it('accepts only an HTTPS broker URL, and says why', async () => {
    const saved = storingBackground(NOT_SET);
    const root = await mount(<ApiAccessSection />);
    const url = root.querySelector<HTMLInputElement>('#api-broker-url')!;
    expect(root.querySelector('label[for="api-broker-url"]')?.textContent).toBe('Token broker URL');
    await type(url, 'http://tokens.example.com/amazon');
    await click(button(root, 'Save'));
    expect(saved).toEqual([]);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${url.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'The token broker URL must start with https:// so the token cannot be read on the way.',
    );
    expect(outcome(root).textContent).toBe('Nothing was saved: fix the fields marked below.');

    await type(url, 'https://tokens.example.com/amazon');
    await choose(root.querySelector('#api-region'), 'UK');
    await click(button(root, 'Save'));
    expect(saved).toEqual([
      { mode: 'broker', brokerUrl: 'https://tokens.example.com/amazon', region: 'UK', sandbox: false },
    ]);
    expect(outcome(root).textContent).toBe('Saved. Use "Test connection" to check that Amazon accepts it.');
    expect(url.getAttribute('aria-invalid')).toBeNull();
  });

  it('never renders a stored secret, and keeps it when the field is left empty', async () => {
    const saved = storingBackground(NOT_SET);
    const root = await mount(<ApiAccessSection />);
    await pickMode(root, 'direct');
    for (const id of ['api-client-secret', 'api-refresh-token']) {
      expect(root.querySelector<HTMLInputElement>(`#${id}`)?.type).toBe('password');
    }
    await type(root.querySelector('#api-client-id'), 'amzn1.application-oa2-client.abc');
    await type(root.querySelector('#api-client-secret'), 'SECRET-s3cr3t-value');
    await type(root.querySelector('#api-refresh-token'), 'Atzr|REFRESH-token-value');
    await click(button(root, 'Save'));
    expect(saved.at(-1)).toMatchObject({
      mode: 'direct',
      clientSecret: 'SECRET-s3cr3t-value',
      refreshToken: 'Atzr|REFRESH-token-value',
    });

    const everything = () => root.innerHTML + [...root.querySelectorAll('input')].map((input) => input.value).join('|');
    expect(everything()).not.toContain('s3cr3t');
    expect(everything()).not.toContain('REFRESH-token');
    expect(root.querySelector('[data-testid="api-client-secret-stored"]')?.textContent).toBe('•••• stored');
    expect(root.querySelector('[data-testid="api-refresh-token-stored"]')?.textContent).toBe('•••• stored');
    expect(root.querySelector('#api-client-secret')).toBeNull();

    await click(button(root, 'Save'));
    expect(saved.at(-1)).toEqual({ mode: 'direct', region: 'US', sandbox: false });

    await click(root.querySelector('button[aria-label="Replace client secret"]'));
    const secret = root.querySelector<HTMLInputElement>('#api-client-secret')!;
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(text(root)).toContain('Leave empty to keep the stored client secret.');
    await click(button(root, 'Save'));
    expect(saved.at(-1)).not.toHaveProperty('clientSecret');
  });

  it('asks for missing direct credentials instead of saving', async () => {
    const saved = storingBackground(NOT_SET);
    const root = await mount(<ApiAccessSection />);
    await pickMode(root, 'direct');
    await click(button(root, 'Save'));
    expect(saved).toEqual([]);
    expect(text(root)).toContain('Enter the client id of your Login with Amazon app.');
    expect(text(root)).toContain('Enter the client secret.');
    expect(text(root)).toContain('Enter the refresh token.');
  });

  it('shows the stored client id hint, never the full id', async () => {
    storingBackground(DIRECT);
    const root = await mount(<ApiAccessSection />);
    expect(radio(root, 'direct').checked).toBe(true);
    expect(root.querySelector<HTMLInputElement>('#api-client-id')!.value).toBe('');
    expect(text(root)).toContain('Stored: amzn1.application-oa2-client.…9f3a. Leave empty to keep it.');
  });

  it('makes fields set by the organization read-only, and still saves the rest', async () => {
    const saved = storingBackground({
      ...CONFIGURED,
      brokerUrl: 'https://broker.corp.example/token',
      brokerLocked: true,
      region: 'DE',
      regionLocked: true,
    });
    const root = await mount(<ApiAccessSection />);
    const url = root.querySelector<HTMLInputElement>('#api-broker-url')!;
    expect(url.readOnly).toBe(true);
    expect(url.value).toBe('https://broker.corp.example/token');
    expect(root.querySelector('fieldset')!.disabled).toBe(true);
    const region = root.querySelector<HTMLSelectElement>('#api-region')!;
    expect(region.disabled).toBe(true);
    expect(root.querySelector(`#${region.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Set by your organization',
    );
    expect(root.querySelector(`#${url.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Set by your organization',
    );
    const sandbox = root.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    sandbox.checked = true;
    sandbox.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    await click(button(root, 'Save'));
    expect(saved).toEqual([{ mode: 'broker', region: 'DE', sandbox: true }]);
  });

  it('shows the message of "Test connection", good or bad', async () => {
    storingBackground(CONFIGURED);
    const root = await mount(<ApiAccessSection />);
    await click(button(root, 'Test connection'));
    expect(callsOf('testApiConnection')).toEqual([
      { form: { mode: 'broker', brokerUrl: 'https://tokens.example.com/amazon', region: 'US', sandbox: false } },
    ]);
    expect(outcome(root).textContent).toBe('Connected: Amazon answered for region US.');
    expect(outcome(root).className).toBe('ok');
    expect(outcome(root).getAttribute('role')).toBe('status');

    vi.mocked(sendMessage).mockImplementation((async (type: string) =>
      type === 'testApiConnection'
        ? { ok: false, message: 'The token broker answered HTTP 401: sign in to your company portal.' }
        : CONFIGURED) as typeof sendMessage);
    await click(button(root, 'Test connection'));
    expect(outcome(root).textContent).toBe('The token broker answered HTTP 401: sign in to your company portal.');
    expect(outcome(root).className).toBe('error');
  });

  it('tests the values in the form before Save, blank secrets standing for the stored ones, and saves nothing', async () => {
    const saved = storingBackground(DIRECT);
    const root = await mount(<ApiAccessSection />);
    await choose(root.querySelector('#api-region'), 'UK');
    await click(button(root, 'Test connection'));
    expect(callsOf('testApiConnection')).toEqual([{ form: { mode: 'direct', region: 'UK', sandbox: false } }]);
    expect(saved).toEqual([]);

    await click(root.querySelector('button[aria-label="Replace client secret"]'));
    await type(root.querySelector<HTMLInputElement>('#api-client-secret')!, 'new-secret');
    await click(button(root, 'Test connection'));
    expect(callsOf('testApiConnection').at(-1)).toEqual({
      form: { mode: 'direct', clientSecret: 'new-secret', region: 'UK', sandbox: false },
    });
    expect(saved).toEqual([]);
  });

  it('does not test a form that misses a secret, and marks the field', async () => {
    storingBackground(NOT_SET);
    const root = await mount(<ApiAccessSection />);
    await pickMode(root, 'direct');
    await type(root.querySelector<HTMLInputElement>('#api-client-id')!, 'amzn1.application-oa2-client.abc');
    await click(button(root, 'Test connection'));
    expect(callsOf('testApiConnection')).toEqual([]);
    expect(outcome(root).textContent).toBe('Not tested: fix the fields marked below.');
    expect(root.querySelector('#api-client-secret')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('forgets the credentials after a confirmation', async () => {
    storingBackground(DIRECT);
    const root = await mount(<ApiAccessSection />);
    await click(button(root, 'Forget credentials'));
    expect(callsOf('clearApiAccess')).toEqual([]);
    await click(button(root, 'Keep them'));
    expect(callsOf('clearApiAccess')).toEqual([]);
    await click(button(root, 'Forget credentials'));
    await click(button(root, 'Forget them'));
    expect(callsOf('clearApiAccess')).toEqual([{}]);
    expect(outcome(root).textContent).toBe(
      'Credentials forgotten. Order lookup is off until API access is set up again.',
    );
    expect(text(root)).toContain('It is not set up yet');
    expect(() => button(root, 'Forget credentials')).toThrow();
  });

  it('shows why the background refused a save', async () => {
    background({
      getApiAccess: () => NOT_SET,
      saveApiAccess: () => {
        throw new MessageError({
          kind: 'bad-request',
          message: 'Invalid API access.',
          problems: [{ path: 'brokerUrl', code: 'required', params: {} }],
        });
      },
    });
    const root = await mount(<ApiAccessSection />);
    await type(root.querySelector('#api-broker-url'), 'https://tokens.example.com/');
    await click(button(root, 'Save'));
    expect(outcome(root).textContent).toBe('Not saved: Invalid API access. brokerUrl: is required');
  });

  it('says so when the settings cannot be read', async () => {
    background({});
    const root = await mount(<ApiAccessSection />);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Could not read the API access settings: no handler for getApiAccess',
    );
  });
});
