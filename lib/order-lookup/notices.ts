import type { Region } from '@/lib/amazon/marketplaces';
import { serializedApiErrorSchema, type SerializedApiError } from '@/lib/api/errors';
import type { LookupResponse } from './contract';
import type { MessageErrorData } from '@/lib/messaging/protocol';
import { t, tPlural } from '@/lib/i18n';
import { waitSeconds } from './format';
import { regionName } from '@/lib/api/region-names';

/**
 * What the popup says about a lookup's outcome, and what the user can do next, in words from the messages: the
 * popup renders a notice, it does not decide what it says. Every notice that is not plain good news carries at least
 * one next step.
 */
export type NoticeActionKind = 'open-settings' | 'retry' | 'choose-region';

export interface NoticeAction {
  kind: NoticeActionKind;
  /** The button's text, which is also its accessible name. */
  label: string;
}

const settings = (): NoticeAction => ({ kind: 'open-settings', label: t('notice_action_openApiSettings') });
const retry = (): NoticeAction => ({ kind: 'retry', label: t('notice_action_tryAgain') });

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
      title: t('notice_incomplete_title'),
      text: t('notice_incomplete_text'),
      incomplete: incompleteText(context),
      actions: [{ kind: 'retry', label: t('notice_action_refresh') }],
    };
  }
  if (response.orders.length === 0) return nothingFound(context);
  return null;
}

export function nothingFound({ po, region }: Pick<LookupContext, 'po' | 'region'>): LookupNotice {
  return {
    tone: 'info',
    title: t('notice_nothingFound_title'),
    text: t('notice_nothingFound_text', [po, regionName(region)]),
    actions: [{ kind: 'choose-region', label: t('notice_action_chooseRegion') }],
  };
}

/** Shown before any search when API access is not set up, and for a lookup refused for want of credentials. */
export function notConfiguredNotice(): LookupNotice {
  return {
    tone: 'info',
    title: t('notice_notConfigured_title'),
    text: t('notice_notConfigured_text'),
    actions: [{ kind: 'open-settings', label: t('notice_action_setUpApi') }],
  };
}

/** The notice for an API error; orders fetched before it stay shown, and the notice says they are incomplete. */
export function noticeForApiError(error: SerializedApiError, context: LookupContext): LookupNotice {
  const incomplete = context.orders > 0 ? incompleteText(context) : undefined;
  const withIncomplete = (notice: LookupNotice): LookupNotice => (incomplete ? { ...notice, incomplete } : notice);
  const requestId = 'requestId' in error && error.requestId ? t('notice_requestId', error.requestId) : undefined;
  switch (error.kind) {
    case 'auth':
      if (error.reason === 'no-credentials') return withIncomplete(notConfiguredNotice());
      if (error.reason === 'refresh-failed') {
        return withIncomplete({
          tone: 'error',
          title: t('notice_signedOut_title'),
          text: t('notice_signedOut_text', error.message),
          detail: requestId,
          actions: [settings(), retry()],
        });
      }
      return withIncomplete({
        tone: 'error',
        title: t('notice_forbidden_title'),
        text: t('notice_forbidden_text'),
        detail: requestId,
        actions: [settings(), retry()],
      });
    case 'throttled':
      return withIncomplete({
        tone: 'warning',
        title: t('notice_throttled_title'),
        text:
          error.retryAfterMs !== undefined
            ? t('notice_throttled_textSeconds', waitSeconds(error.retryAfterMs))
            : t('notice_throttled_text'),
        detail: requestId,
        actions: [retry()],
      });
    case 'network':
      return withIncomplete({
        tone: 'error',
        title: t('notice_offline_title'),
        text: t('notice_offline_text'),
        actions: [retry()],
      });
    case 'timeout':
      return withIncomplete({
        tone: 'error',
        title: t('notice_timeout_title'),
        text: t('notice_timeout_text', waitSeconds(error.timeoutMs)),
        actions: [retry()],
      });
    case 'api':
      return withIncomplete({
        tone: 'error',
        title: error.status === 0 ? t('notice_apiClient_title') : t('notice_api_title'),
        text: t(
          'notice_api_text',
          [
            error.message,
            error.details,
            error.status > 0
              ? error.code
                ? `(HTTP ${error.status}, ${error.code})`
                : `(HTTP ${error.status})`
              : undefined,
          ]
            .filter(Boolean)
            .join(' '),
        ),
        detail: requestId,
        actions: [retry()],
      });
    case 'malformed': {
      const read = context.orders > 0 ? t('notice_malformed_someRead') : t('notice_malformed_noneRead');
      return withIncomplete({
        tone: 'error',
        title: t('notice_malformed_title'),
        text: error.path ? t('notice_malformed_textAt', [error.path, read]) : t('notice_malformed_text', read),
        detail: requestId,
        actions: [retry()],
      });
    }
    case 'paging':
      return withIncomplete(
        error.reason === 'repeated-token'
          ? {
              tone: 'error',
              title: t('notice_repeatedPage_title'),
              text: tPlural('notice_repeatedPage_text', error.pages),
              actions: [retry()],
            }
          : {
              tone: 'warning',
              title: t('notice_pageCap_title'),
              text: tPlural('notice_pageCap_text', error.pages),
              actions: [],
            },
      );
    case 'aborted':
      return withIncomplete({
        tone: 'info',
        title: t('notice_cancelled_title'),
        text: context.orders > 0 ? tPlural('notice_cancelled_text', context.pages) : t('notice_cancelled_textNone'),
        actions: [{ kind: 'retry', label: t('notice_action_searchAgain') }],
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
    title: t('notice_messageFailed_title'),
    text: t('notice_messageFailed_text', data.message),
    actions: [retry()],
  };
}

function incompleteText({ orders, pages }: LookupContext): string {
  return t('notice_incompleteShowing', [tPlural('count_orders', orders), tPlural('count_pages', pages)]);
}
