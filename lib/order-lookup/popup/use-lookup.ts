import { browser } from 'wxt/browser';
import { useCallback, useEffect, useReducer, useRef } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { MessageError, sendMessage } from '@/lib/messaging/client';
import { rememberShownLookup } from '@/lib/order-lookup/lookup-cache';
import { IDLE, lookupReducer, parseProgressEvent, type LookupState } from '@/lib/order-lookup/state';

export interface LookupController {
  state: LookupState;
  /** Starts a lookup (cancelling one that is running); resolves when it has an answer. */
  search: (po: string, region: Region, options?: { refresh?: boolean }) => Promise<void>;
  /** Asks the background to stop; the orders fetched so far arrive as the lookup's (partial) answer. */
  cancel: () => void;
  /** Shows the cached answer for a PO, if the background has one and no search started meanwhile. */
  showCached: (po: string, region: Region) => Promise<boolean>;
  /** Back to the empty form (a restored answer that another PO replaced); a running lookup stays. */
  clear: () => void;
}

/**
 * Remembered before it is shown, so reopening the popup shows it again (issue 10, point 9) even when the popup is
 * closed the moment the answer appears: a write started after the render could be cut off with the page.
 */
const remember = (shown: { po: string; region: Region }) =>
  rememberShownLookup({ po: shown.po, region: shown.region }).catch(() => undefined);

/** Glue between the lookup state machine and the background: messages out, progress broadcasts in. */
export function useLookup(): LookupController {
  const [state, dispatch] = useReducer(lookupReducer, IDLE);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Bumped by every search, so a cache answer that arrives after a search started is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const listener = (message: unknown) => {
      const event = parseProgressEvent(message);
      if (event) dispatch({ type: 'progress', event });
      // No return value: this page answers no messages, and must not hold the channel open for the background's.
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  const cancel = useCallback(() => {
    const current = stateRef.current;
    if (current.phase !== 'running' || current.cancelling) return;
    dispatch({ type: 'cancel-requested' });
    sendMessage('cancelLookup', { lookupId: current.lookupId }).catch(() => undefined);
  }, []);

  const search = useCallback(async (po: string, region: Region, options: { refresh?: boolean } = {}) => {
    const previous = stateRef.current;
    if (previous.phase === 'running') {
      sendMessage('cancelLookup', { lookupId: previous.lookupId }).catch(() => undefined);
    }
    generation.current += 1;
    const lookupId = crypto.randomUUID();
    dispatch({ type: 'started', lookupId, po, region });
    try {
      const response = await sendMessage('lookupOrdersByPo', { po, region, refresh: options.refresh, lookupId });
      const current = stateRef.current;
      if (current.phase === 'running' && current.lookupId === lookupId) await remember(response);
      dispatch({ type: 'finished', lookupId, response });
    } catch (error) {
      const data =
        error instanceof MessageError
          ? error.data
          : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
      dispatch({ type: 'failed', lookupId, error: data });
    }
  }, []);

  const showCached = useCallback(async (po: string, region: Region) => {
    const asked = generation.current;
    try {
      const cached = await sendMessage('getCachedLookup', { po, region });
      // A search started meanwhile (before or while remembering) wins over the cached answer.
      const superseded = () => asked !== generation.current || stateRef.current.phase === 'running';
      if (!cached || superseded()) return false;
      await remember(cached);
      if (superseded()) return false;
      dispatch({ type: 'cached', response: cached });
      return true;
    } catch {
      return false;
    }
  }, []);

  const clear = useCallback(() => dispatch({ type: 'cleared' }), []);

  return { state, search, cancel, showCached, clear };
}
