import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { marketplaceForHost } from '@/lib/amazon/marketplaces';
import { isSubmitControl } from '@/lib/amazon/checkout-dom';
import { decideSubmit } from '@/lib/checkout-guard/enforcement';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/client';
import { reuseNotice, type GuardSession } from './guard-session';

/**
 * Holds Continue / Use this PO / Place your order to the policy. Listens in the capture phase on the window, so a
 * blocked attempt never reaches Amazon's own handlers; `warn` stops the first attempt and lets the next through.
 */
export function initSubmitGuard(ctx: ContentScriptContext, session: GuardSession): void {
  const recorded = new Set<string>();

  const guard = (event: Event) => {
    const field = session.field;
    // A field chosen on a weak signal may not be the PO field: never hold an order for it (issue 9 §2).
    if (!field?.isConnected || !session.state?.policy || session.fieldWeak) return;
    const decision = decideSubmit({
      policy: session.state.policy,
      input: field.value,
      verdict: session.verdict,
      reuseNotice: reuseNotice(session),
      warnedKey: session.warnedKey,
    });
    if (decision.action === 'allow') {
      recordUse();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (decision.action === 'warn') session.warnedKey = decision.key;
    const blocking = decision.action === 'block';
    session.submitMessage = { text: t(blocking ? 'guard_blocked' : 'guard_warned', decision.message), blocking };
    // Moving focus here is the one exception to "never steal focus": the shopper asked to submit and must fix it.
    field.focus({ preventScroll: false });
    session.notify();
  };

  // Remember a PO once it goes out with the order, for the reuse notice and for sequence numbers.
  const recordUse = () => {
    const verdict = session.verdict;
    if (!verdict?.valid || verdict.empty || verdict.blanket || recorded.has(verdict.value)) return;
    const marketplace = marketplaceForHost(location.host);
    if (!marketplace) return;
    recorded.add(verdict.value);
    void sendMessage('recordPoUse', { po: verdict.value, marketplace: marketplace.region }).catch(() => undefined);
  };

  const overrides = () => session.state?.policy?.selectors;
  ctx.addEventListener(
    window,
    'click',
    (event) => {
      if (event.target instanceof Element && isSubmitControl(event.target, overrides())) guard(event);
    },
    { capture: true },
  );
  ctx.addEventListener(
    window,
    'keydown',
    (event) => {
      if (event.key === 'Enter' && !event.isComposing && event.target === session.field) guard(event);
    },
    { capture: true },
  );
  ctx.addEventListener(
    window,
    'submit',
    (event) => {
      const form = event.target;
      const submitter = (event as SubmitEvent).submitter;
      const field = session.field;
      const ours = form instanceof HTMLFormElement && field !== null && form.contains(field);
      if (ours || (submitter instanceof Element && isSubmitControl(submitter, overrides()))) guard(event);
    },
    { capture: true },
  );
}
