import type { Region } from '@/lib/amazon/marketplaces';
import { parseEvent } from '@/lib/messaging/client';
import { lookupProgress, type LookupProgressEvent, type LookupResponse } from './contract';
import type { MessageErrorData } from '@/lib/messaging/protocol';
import { noticeForMessageFailure, noticeForResponse, type LookupNotice } from './notices';

/**
 * The popup's lookup as a small state machine, pure so every transition is testable without a browser:
 * idle → running (progress, cancelling) → done (with its notice) or failed. Answers and progress for a lookup
 * that is no longer the current one are ignored, so a slow old lookup never overwrites a newer search.
 */
export type LookupState =
  | { phase: 'idle' }
  | {
      phase: 'running';
      lookupId: string;
      po: string;
      region: Region;
      pages: number;
      orders: number;
      /** Set while the background waits out Amazon's rate limit or a retry. */
      waitingMs?: number;
      cancelling: boolean;
    }
  | { phase: 'done'; response: LookupResponse; notice: LookupNotice | null }
  | { phase: 'failed'; po: string; region: Region; notice: LookupNotice };

export type LookupEvent =
  | { type: 'started'; lookupId: string; po: string; region: Region }
  | { type: 'progress'; event: LookupProgressEvent }
  | { type: 'cancel-requested' }
  | { type: 'finished'; lookupId: string; response: LookupResponse }
  | { type: 'failed'; lookupId: string; error: MessageErrorData }
  | { type: 'cached'; response: LookupResponse }
  | { type: 'cleared' };

export const IDLE: LookupState = { phase: 'idle' };

export function lookupReducer(state: LookupState, event: LookupEvent): LookupState {
  switch (event.type) {
    case 'started':
      return {
        phase: 'running',
        lookupId: event.lookupId,
        po: event.po,
        region: event.region,
        pages: 0,
        orders: 0,
        cancelling: false,
      };
    case 'progress': {
      if (state.phase !== 'running' || state.lookupId !== event.event.lookupId) return state;
      const { pages, orders, waitingMs } = event.event;
      return { ...state, pages, orders, waitingMs: waitingMs && waitingMs > 0 ? waitingMs : undefined };
    }
    case 'cancel-requested':
      return state.phase === 'running' ? { ...state, cancelling: true } : state;
    case 'finished':
      if (state.phase !== 'running' || state.lookupId !== event.lookupId) return state;
      return { phase: 'done', response: event.response, notice: noticeForResponse(event.response) };
    case 'failed':
      if (state.phase !== 'running' || state.lookupId !== event.lookupId) return state;
      return {
        phase: 'failed',
        po: state.po,
        region: state.region,
        notice: noticeForMessageFailure(event.error, {
          po: state.po,
          region: state.region,
          orders: 0,
          pages: state.pages,
        }),
      };
    case 'cached': {
      if (state.phase === 'running') return state;
      const response = { ...event.response, fromCache: true };
      return { phase: 'done', response, notice: noticeForResponse(response) };
    }
    case 'cleared':
      return state.phase === 'running' ? state : IDLE;
  }
}

/** A runtime message as a progress event, or null when it is anything else (other extension traffic). */
export function parseProgressEvent(message: unknown): LookupProgressEvent | null {
  return parseEvent(lookupProgress, message);
}
