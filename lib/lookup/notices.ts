import type { Region } from '@/lib/amazon/marketplaces';
import { serializedApiErrorSchema, type SerializedApiError } from '@/lib/api/errors';
import type { LookupResponse, MessageErrorData } from '@/lib/messaging/protocol';
import { plural, regionName, waitSeconds } from './format';

/**
 * What the popup says about a lookup's outcome, and what the user can do next. Pure: the popup renders a notice,
 * it does not decide what it says. Every notice that is not plain good news carries at least one next step.
 */
export type NoticeActionKind = 'open-settings' | 'retry' | 'choose-region';

export interface NoticeAction {
  kind: NoticeActionKind;
  /** The button's text, which is also its accessible name. */
  label: string;
}

const SETTINGS: NoticeAction = { kind: 'open-settings', label: 'Open API access settings' };
const RETRY: NoticeAction = { kind: 'retry', label: 'Try again' };
const SEARCH_AGAIN: NoticeAction = { kind: 'retry', label: 'Search again' };
const REFRESH: NoticeAction = { kind: 'retry', label: 'Refresh' };

export interface LookupNotice {
  /** `error` and `warning` are announced at once (role=alert); `info` politely (role=status). */
  tone: 'error' | 'warning' | 'info';
  title: string;
  text: string;
  /** Set when orders are shown that are not all the orders: says how many, from how many pages. */
  incomplete?: string;
  /** Support detail, e.g. `Request id: 8f2…`. */
  detail?: string;
  actions: NoticeAction[];
}

export interface LookupContext {
  po: string;
  region: Region;
  orders: number;
  pages: number;
}

/** The notice for a finished lookup, or null when it found orders and is complete. */
export function noticeForResponse(response: LookupResponse): LookupNotice | null {
  const context: LookupContext = {
    po: response.po,
    region: response.region,
    orders: response.orders.length,
    pages: response.pages,
  };
  if (response.error) return noticeForApiError(response.error, context);
  if (!response.complete) {
    return {
      tone: 'warning',
      title: 'Incomplete results',
      text: 'Amazon stopped sending pages before the last one. Refresh to fetch them again.',
      incomplete: incompleteText(context),
      actions: [REFRESH],
    };
  }
  if (response.orders.length === 0) return nothingFound(context);
  return null;
}

export function nothingFound({ po, region }: Pick<LookupContext, 'po' | 'region'>): LookupNotice {
  return {
    tone: 'info',
    title: 'No orders found',
    text: `No orders under PO ${po} in ${regionName(region)} in the last 2 years. Check the PO or try another region.`,
    actions: [{ kind: 'choose-region', label: 'Choose another region' }],
  };
}

export const NOT_CONFIGURED: LookupNotice = {
  tone: 'info',
  title: 'Connect PO Assist to Amazon Business',
  text:
    'Looking up orders needs access to the Amazon Business Reporting API, which is not set up in this browser. ' +
    "Set it up in settings, or ask your administrator for your company's token broker.",
  actions: [{ kind: 'open-settings', label: 'Set up API access' }],
};

/** The notice for an API error; orders fetched before it stay shown, and the notice says they are incomplete. */
export function noticeForApiError(error: SerializedApiError, context: LookupContext): LookupNotice {
  const incomplete = context.orders > 0 ? incompleteText(context) : undefined;
  const withIncomplete = (notice: LookupNotice): LookupNotice => (incomplete ? { ...notice, incomplete } : notice);
  const requestId = 'requestId' in error && error.requestId ? `Request id: ${error.requestId}` : undefined;
  switch (error.kind) {
    case 'auth':
      if (error.reason === 'no-credentials') return withIncomplete(NOT_CONFIGURED);
      if (error.reason === 'refresh-failed') {
        return withIncomplete({
          tone: 'error',
          title: 'Signed out of Amazon Business',
          text:
            `PO Assist could not get an access token: ${error.message} ` +
            "Sign in to your company's token service again, or check the API access settings, then try again.",
          detail: requestId,
          actions: [SETTINGS, RETRY],
        });
      }
      return withIncomplete({
        tone: 'error',
        title: 'Amazon Business refused access',
        text:
          'Amazon refused the access token: the account may lack the Reporting API role. ' +
          'Ask your Amazon Business administrator to grant it, or check the API access settings.',
        detail: requestId,
        actions: [SETTINGS, RETRY],
      });
    case 'throttled':
      return withIncomplete({
        tone: 'warning',
        title: 'Amazon is limiting requests',
        text:
          error.retryAfterMs !== undefined
            ? `Amazon is limiting requests; try again in ${waitSeconds(error.retryAfterMs)} s.`
            : 'Amazon is limiting requests; try again in a minute.',
        detail: requestId,
        actions: [RETRY],
      });
    case 'network':
      return withIncomplete({
        tone: 'error',
        title: 'You seem to be offline',
        text: 'You seem to be offline, or Amazon Business cannot be reached. Check your connection, then try again.',
        actions: [RETRY],
      });
    case 'timeout':
      return withIncomplete({
        tone: 'error',
        title: 'Amazon did not answer in time',
        text: `Amazon did not answer within ${waitSeconds(error.timeoutMs)} s. Try again in a moment.`,
        actions: [RETRY],
      });
    case 'api':
      return withIncomplete({
        tone: 'error',
        title: error.status === 0 ? 'PO Assist could not send the request' : 'Amazon answered with an error',
        text:
          [
            error.message,
            error.details,
            error.status > 0 ? `(HTTP ${error.status}${error.code ? `, ${error.code}` : ''})` : undefined,
          ]
            .filter(Boolean)
            .join(' ') + ' Try again; if it keeps failing, give the request id to your administrator.',
        detail: requestId,
        actions: [RETRY],
      });
    case 'malformed': {
      const where = error.path ? ` (at ${error.path})` : '';
      return withIncomplete({
        tone: 'error',
        title: 'Unreadable answer from Amazon',
        text:
          `Amazon sent an answer PO Assist could not read${where}. ` +
          (context.orders > 0 ? 'The orders below are the ones read before it.' : 'No orders were read before it.') +
          ' Try again; if it keeps happening, give the request id to your administrator.',
        detail: requestId,
        actions: [RETRY],
      });
    }
    case 'paging':
      return withIncomplete(
        error.reason === 'repeated-token'
          ? {
              tone: 'error',
              title: 'Amazon repeated a page',
              text: `Amazon sent the same page token twice after ${plural(error.pages, 'page')}, so PO Assist stopped rather than loop. Try again later.`,
              actions: [RETRY],
            }
          : {
              tone: 'warning',
              title: 'Too many pages',
              text: `PO Assist stopped after ${plural(error.pages, 'page')}, the most it fetches in one lookup. Export what is shown, or ask your administrator for a full report from Amazon Business.`,
              actions: [],
            },
      );
    case 'aborted':
      return withIncomplete({
        tone: 'info',
        title: 'Lookup cancelled',
        text:
          context.orders > 0
            ? `You cancelled the lookup after ${plural(context.pages, 'page')}. Search again to fetch every order.`
            : 'You cancelled the lookup before any orders arrived. Search again when you are ready.',
        actions: [SEARCH_AGAIN],
      });
  }
}

/**
 * The notice when the message itself failed (the background did not answer, or refused the input). An API error
 * that arrives this way is still shown as that error.
 */
export function noticeForMessageFailure(data: MessageErrorData, context: LookupContext): LookupNotice {
  const asApiError = serializedApiErrorSchema.safeParse(data);
  if (asApiError.success) return noticeForApiError(asApiError.data, context);
  return {
    tone: 'error',
    title: 'The lookup could not run',
    text: `${data.message} Try again; if it keeps failing, reload PO Assist from the browser's extensions page.`,
    actions: [RETRY],
  };
}

function incompleteText({ orders, pages }: LookupContext): string {
  return `Showing ${plural(orders, 'order')} from ${plural(pages, 'page')}; there may be more.`;
}
