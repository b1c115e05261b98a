import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Region } from '@/lib/amazon/marketplaces';
import { orderReportSchema, type OrderReport } from '@/lib/api/schemas';
import { sendMessage } from '@/lib/messaging/client';
import type { MessageInput, MessageOutput, MessageType } from '@/lib/messaging/protocol';
import type { LookupResponse } from '@/lib/order-lookup/contract';
import type { ApiAccessStatus } from '@/lib/storage/api-access';

/** A wire order as Amazon sends it (tutorial shape: nulls, string dates), parsed by the real schema. */
export function order(
  id: string,
  options: {
    status?: string;
    net?: number;
    currency?: string;
    region?: Region | null;
    date?: string | { date: string };
    buyer?: { name?: string; email?: string } | null;
    group?: string;
    approver?: { name?: string; email?: string };
    info?: Record<string, string | number | null> | null;
  } = {},
): OrderReport {
  const currency = options.currency ?? 'USD';
  const net = options.net ?? 10;
  const subtotal = Math.round(net * 0.9 * 100) / 100;
  return orderReportSchema.parse({
    orderMetadata: {
      orderDate: options.date ?? '2026-03-14T09:30:00Z',
      orderId: id,
      ...(options.region === null ? {} : { region: options.region ?? 'US' }),
    },
    purchaseOrderNumber: 'MKT-202603-0042',
    charges: [
      { type: 'SUBTOTAL', amount: { currencyCode: currency, amount: subtotal } },
      { type: 'SHIPPING_AND_HANDLING', amount: { currencyCode: currency, amount: 0 } },
      { type: 'PROMOTION', amount: { currencyCode: currency, amount: 0 } },
      { type: 'TAX', amount: { currencyCode: currency, amount: Math.round((net - subtotal) * 100) / 100 } },
      { type: 'NET_TOTAL', amount: { currencyCode: currency, amount: net } },
    ],
    orderStatus: options.status ?? 'CLOSED',
    buyingCustomer: options.buyer === undefined ? { name: 'Dana Buyer', email: 'dana@example.com' } : options.buyer,
    buyerGroup: { name: options.group ?? 'Marketing' },
    businessOrderInfo: options.info === undefined ? { glCode: '6100', costCenter: 'CC-42' } : options.info,
    approverDetails: options.approver ? { lastOrderApproverCustomer: options.approver } : null,
  });
}

export function response(overrides: Partial<LookupResponse> & { orders: OrderReport[] }): LookupResponse {
  return {
    po: 'MKT-202603-0042',
    region: 'US',
    pages: 1,
    complete: true,
    fetchedAt: new Date().toISOString(),
    fromCache: false,
    ...overrides,
  };
}

export const CONFIGURED: ApiAccessStatus = {
  configured: true,
  mode: 'broker',
  brokerUrl: 'https://tokens.example.com/amazon',
  brokerLocked: false,
  clientIdHint: null,
  hasClientSecret: false,
  hasRefreshToken: false,
  region: 'US',
  regionLocked: false,
  sandbox: false,
};

type Handlers = { [K in MessageType]?: (input: MessageInput<K>) => MessageOutput<K> | Promise<MessageOutput<K>> };

/**
 * Makes the mocked `sendMessage` answer like the background would, from `handlers`; a message without a handler
 * fails the way a missing handler does. Returns the mock for call assertions.
 */
export function background(handlers: Handlers) {
  const mock = vi.mocked(sendMessage);
  mock.mockImplementation((async (type: MessageType, input: unknown) => {
    const handler = handlers[type] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`no handler for ${type}`);
    return handler(input);
  }) as typeof sendMessage);
  return mock;
}

/** The inputs of every call of one message type. */
export function callsOf<K extends MessageType>(type: K): MessageInput<K>[] {
  return vi
    .mocked(sendMessage)
    .mock.calls.filter(([sent]) => sent === type)
    .map(([, input]) => input as MessageInput<K>);
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let root: HTMLElement | null = null;

export async function mount(node: ComponentChild): Promise<HTMLElement> {
  root = document.createElement('main');
  document.body.append(root);
  await act(() => {
    render(node, root!);
  });
  await settle();
  return root;
}

export async function unmount(): Promise<void> {
  if (!root) return;
  await act(() => {
    render(null, root!);
  });
  root.remove();
  root = null;
}

/** Lets pending promises (storage, mocked messages) and the renders they cause finish. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('nothing to click');
  await act(() => {
    (element as HTMLElement).click();
  });
  await settle();
}

export async function type(input: Element | null, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function press(target: Element | Document, key: string): Promise<void> {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
  await settle();
}

export async function choose(select: Element | null, value: string): Promise<void> {
  if (!(select instanceof HTMLSelectElement)) throw new Error('not a select');
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The button whose text (its accessible name here) is exactly `name`. */
export function button(container: ParentNode, name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) {
    const names = [...container.querySelectorAll('button')].map((b) => JSON.stringify(b.textContent?.trim()));
    throw new Error(`no button named "${name}"; buttons: ${names.join(', ')}`);
  }
  return found;
}

export function text(container: Element): string {
  return (container.textContent ?? '').replace(/\s+/g, ' ');
}

/** The tab the popup opens over: its id, and how its content script answers `getPoFieldValue` (if it has one). */
export function activeTab(id: number | null, answer: () => Promise<unknown> = async () => undefined) {
  const tabs: Browser.tabs.Tab[] = id === null ? [] : [{ id } as Browser.tabs.Tab];
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => tabs) as unknown as typeof browser.tabs.query);
  return vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(answer as unknown as typeof browser.tabs.sendMessage);
}

/** A message from the background to extension pages, as `browser.runtime.sendMessage` delivers it. */
export async function broadcast(message: unknown): Promise<void> {
  await fakeBrowser.runtime.onMessage.trigger(message, {}, () => undefined);
  await settle();
}
