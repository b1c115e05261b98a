import { describe, expect, it } from 'vitest';
import type { SerializedApiError } from '@/lib/api/errors';
import type { LookupResponse } from '@/lib/order-lookup/contract';
import { noticeForMessageFailure, noticeForResponse } from '@/lib/order-lookup/notices';
import { IDLE, lookupReducer, parseProgressEvent, type LookupState } from '@/lib/order-lookup/state';
import { orderReportSchema } from '@/lib/api/schemas';

const anOrder = orderReportSchema.parse({
  orderMetadata: { orderDate: '2026-01-02T03:04:05Z', orderId: '111-1', region: 'US' },
  orderStatus: 'CLOSED',
  charges: [{ type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 3 } }],
});

function answer(overrides: Partial<LookupResponse> = {}): LookupResponse {
  return {
    po: 'PO-1',
    region: 'IT',
    orders: [anOrder],
    pages: 1,
    complete: true,
    fetchedAt: '2026-03-14T12:00:00.000Z',
    fromCache: false,
    ...overrides,
  };
}

describe('lookup notices', () => {
  it('says nothing about a complete answer with orders', () => {
    expect(noticeForResponse(answer())).toBeNull();
  });

  it('an empty answer names the PO, region and 2-year window', () => {
    expect(noticeForResponse(answer({ orders: [] }))).toMatchObject({
      tone: 'info',
      text: 'No orders under PO PO-1 in Italy in the last 2 years. Check the PO or try another region.',
      actions: [{ kind: 'choose-region' }],
    });
  });

  it('an incomplete answer without an error still says it is incomplete', () => {
    expect(noticeForResponse(answer({ complete: false, pages: 3 }))).toMatchObject({
      incomplete: 'Showing 1 order from 3 pages; there may be more.',
      actions: [{ kind: 'retry', label: 'Refresh' }],
    });
  });

  const errors: SerializedApiError[] = [
    { kind: 'auth', reason: 'no-credentials', message: 'x' },
    { kind: 'auth', reason: 'refresh-failed', message: 'x' },
    { kind: 'auth', reason: 'forbidden', message: 'x' },
    { kind: 'throttled', message: 'x' },
    { kind: 'network', message: 'x' },
    { kind: 'timeout', message: 'x', timeoutMs: 15000 },
    { kind: 'api', message: 'x', status: 500 },
    { kind: 'api', message: 'PO too long', status: 0, code: 'ClientError' },
    { kind: 'malformed', message: 'x' },
    { kind: 'paging', message: 'x', reason: 'repeated-token', pages: 2 },
    { kind: 'aborted', message: 'x' },
  ];

  it.each(errors)('every error ($kind) has a title, words and a next step', (error) => {
    const notice = noticeForResponse(answer({ orders: [], complete: false, error }))!;
    expect(notice.title).not.toBe('');
    expect(notice.text).not.toBe('');
    expect(notice.actions.length).toBeGreaterThan(0);
    expect(notice.incomplete).toBeUndefined();
    const partial = noticeForResponse(answer({ complete: false, pages: 2, error }))!;
    expect(partial.incomplete).toBe('Showing 1 order from 2 pages; there may be more.');
  });

  it('a page cap points to the export rather than a retry that would stop again', () => {
    const notice = noticeForResponse(
      answer({ complete: false, pages: 50, error: { kind: 'paging', message: 'x', reason: 'page-cap', pages: 50 } }),
    )!;
    expect(notice.actions).toEqual([]);
    expect(notice.text).toContain('Export what is shown');
  });

  it('throttling without Retry-After still says when to try', () => {
    expect(noticeForResponse(answer({ orders: [], error: { kind: 'throttled', message: 'x' } }))?.text).toBe(
      'Amazon is limiting requests; try again in a minute.',
    );
  });

  it('a client-side refusal is not blamed on Amazon', () => {
    const notice = noticeForResponse(
      answer({ orders: [], error: { kind: 'api', message: 'PO too long', status: 0, code: 'ClientError' } }),
    )!;
    expect(notice.title).toBe('PO Assist could not send the request');
    expect(notice.text).not.toContain('HTTP');
  });

  it('a failed message is explained, and an API error inside one is shown as that error', () => {
    const context = { po: 'PO-1', region: 'US' as const, orders: 0, pages: 0 };
    expect(noticeForMessageFailure({ kind: 'bad-request', message: 'po: too long.' }, context)).toMatchObject({
      title: 'The lookup could not run',
      actions: [{ kind: 'retry' }],
    });
    expect(noticeForMessageFailure({ kind: 'auth', reason: 'no-credentials', message: 'x' }, context)).toMatchObject({
      title: 'Connect PO Assist to Amazon Business',
      actions: [{ kind: 'open-settings', label: 'Set up API access' }],
    });
  });
});

describe('lookup state machine', () => {
  const started = lookupReducer(IDLE, { type: 'started', lookupId: 'a', po: 'PO-1', region: 'IT' });

  it('follows progress of its own lookup only', () => {
    const progressed = lookupReducer(started, {
      type: 'progress',
      event: { poAssistEvent: 'lookupProgress', lookupId: 'a', pages: 2, orders: 20, waitingMs: 900 },
    });
    expect(progressed).toMatchObject({ phase: 'running', pages: 2, orders: 20, waitingMs: 900 });
    const resumed = lookupReducer(progressed, {
      type: 'progress',
      event: { poAssistEvent: 'lookupProgress', lookupId: 'a', pages: 3, orders: 30 },
    });
    expect(resumed).toMatchObject({ pages: 3, waitingMs: undefined });
    expect(
      lookupReducer(resumed, {
        type: 'progress',
        event: { poAssistEvent: 'lookupProgress', lookupId: 'b', pages: 9, orders: 9 },
      }),
    ).toBe(resumed);
  });

  it('finishes with the answer of its own lookup, not a stale one', () => {
    expect(lookupReducer(started, { type: 'finished', lookupId: 'old', response: answer() })).toBe(started);
    const done = lookupReducer(started, { type: 'finished', lookupId: 'a', response: answer({ orders: [] }) });
    expect(done).toMatchObject({ phase: 'done', notice: { title: 'No orders found' } });
  });

  it('marks cancelling once, and only while running', () => {
    const cancelling = lookupReducer(started, { type: 'cancel-requested' });
    expect(cancelling).toMatchObject({ phase: 'running', cancelling: true });
    expect(lookupReducer(IDLE, { type: 'cancel-requested' })).toBe(IDLE);
  });

  it('a cached answer never interrupts a running lookup, and is marked as cached', () => {
    expect(lookupReducer(started, { type: 'cached', response: answer() })).toBe(started);
    const shown = lookupReducer(IDLE, { type: 'cached', response: answer({ fromCache: false }) }) as Extract<
      LookupState,
      { phase: 'done' }
    >;
    expect(shown.response.fromCache).toBe(true);
  });

  it('a failed message keeps the PO and region for a retry', () => {
    expect(
      lookupReducer(started, { type: 'failed', lookupId: 'a', error: { kind: 'no-reply', message: 'No answer.' } }),
    ).toMatchObject({
      phase: 'failed',
      po: 'PO-1',
      region: 'IT',
      notice: { title: 'The lookup could not run' },
    });
  });

  it('recognises progress broadcasts among other runtime messages', () => {
    expect(parseProgressEvent({ poAssistEvent: 'lookupProgress', lookupId: 'a', pages: 1, orders: 10 })).toEqual({
      poAssistEvent: 'lookupProgress',
      lookupId: 'a',
      pages: 1,
      orders: 10,
    });
    expect(parseProgressEvent({ poAssist: 1, type: 'getGuardState', input: {} })).toBeNull();
    expect(parseProgressEvent({ poAssistEvent: 'lookupProgress', lookupId: 'a', pages: -1, orders: 0 })).toBeNull();
    expect(parseProgressEvent(null)).toBeNull();
  });
});
