import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isOrderConfirmationPath, isPlaceOrderControl } from '@/lib/amazon/confirmation';
import { marketplaceForHost } from '@/lib/amazon/marketplaces';
import { isSubmitControl } from '@/lib/amazon/checkout-dom';
import { decideSubmit, type SubmitDecision } from '@/lib/checkout-guard/enforcement';
import { usedPoHash } from '@/lib/checkout-guard/used-po-hash';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/client';
import { reuseNotice, type GuardSession } from './guard-session';
import { readManagedOnPolicyUnavailable } from './managed-fallback';
import type { OnPolicyUnavailable } from '@/lib/checkout-guard/contract';

/** A held submit never waits longer than this; then the admin's `onPolicyUnavailable` decides. */
export const HOLD_MS = 10_000;
const RETRY_MS = 1_000;

interface Held {
  replay: () => void;
  trusted: boolean;
  final: boolean;
  timer: ReturnType<typeof setTimeout>;
  retry: ReturnType<typeof setInterval>;
}

/**
 * Holds Continue / Use this PO / Place your order to the policy. Listens in the capture phase on the window, so a
 * blocked attempt never reaches Amazon's own handlers; `warn` stops the first attempt and lets the next through.
 * While no verdict is possible (policy still loading, background not answering, Amazon's check still out under
 * `reuse: "block"`) the submit is held and replayed once the verdict allows it. Only trusted (the shopper's own)
 * submits are remembered for the history, which is written when Amazon's confirmation page shows.
 */
export function initSubmitGuard(ctx: ContentScriptContext, session: GuardSession): void {
  let held: Held | null = null;
  let releasing = false;
  /** The admin's setting read from managed storage by this script, when the background gave no settled state. */
  let managedOnUnavailable: OnPolicyUnavailable | null = null;
  let managedRead: Promise<void> | null = null;
  const readManagedOnce = () => {
    managedRead ??= readManagedOnPolicyUnavailable().then((value) => {
      managedOnUnavailable = value;
      if (value === null) managedRead = null; // not there (yet): the next hold asks again
    });
  };

  // Read once as the page starts too, while the extension is surely there: a content script orphaned by an update
  // before the background ever answered can no longer read storage, and would otherwise only know the default.
  readManagedOnce();

  if (isOrderConfirmationPath(location.pathname)) {
    void sendMessage('confirmOrderPlaced', {}).catch(() => undefined);
  }

  /** Local reuse is decided here, at once, from the hashes the state carries; Amazon's answer adds its notice. */
  const reuseFor = (): string | null => {
    const verdict = session.verdict;
    const known = reuseNotice(session);
    if (known || !verdict?.valid || verdict.empty || verdict.blanket) return known;
    return session.state?.usedPoHashes.includes(usedPoHash(verdict.value)) ? t('guard_usedBefore') : null;
  };

  const needsHold = (): boolean => {
    const state = session.state;
    if (!state || state.pending) return true;
    const verdict = session.verdict;
    return Boolean(
      state.rules?.reuse === 'block' &&
      state.amazonCheck &&
      verdict?.valid &&
      !verdict.empty &&
      !verdict.blanket &&
      session.amazonCheckedFor !== verdict.value &&
      !reuseFor(),
    );
  };

  const decide = (): SubmitDecision =>
    decideSubmit({
      policy: session.state?.rules ?? null,
      input: session.field?.value ?? '',
      verdict: session.verdict,
      reuseNotice: reuseFor(),
      warnedKey: session.warnedKey,
    });

  const remember = (final: boolean) => {
    const verdict = session.verdict;
    if (!verdict?.valid || verdict.empty || verdict.blanket) return;
    const marketplace = marketplaceForHost(location.host);
    if (!marketplace) return;
    void sendMessage('rememberSubmittedPo', { po: verdict.value, marketplace: marketplace.region, final }).catch(
      () => undefined,
    );
  };

  const refuse = (decision: Exclude<SubmitDecision, { action: 'allow' }>) => {
    if (decision.action === 'warn') session.warnedKey = decision.key;
    const blocking = decision.action === 'block';
    session.submitMessage = { text: t(blocking ? 'guard_blocked' : 'guard_warned', decision.message), blocking };
    // Moving focus here is the one exception to "never steal focus": the shopper asked to submit and must fix it.
    session.field?.focus({ preventScroll: false });
    session.notify();
  };

  const settle = (timedOut: boolean) => {
    const current = held;
    if (!current) return;
    if (!timedOut && needsHold()) return;
    held = null;
    clearTimeout(current.timer);
    clearInterval(current.retry);
    session.submitMessage = null;
    if (needsHold()) {
      // Still no verdict after HOLD_MS: the organization decides (default "allow"). Managed storage, read here, is
      // the admin's setting as it is now; the state's copy may be the last good one, or absent (no answer at all).
      if ((managedOnUnavailable ?? session.state?.onPolicyUnavailable) === 'block') {
        session.submitMessage = { text: t('guard_unavailableBlocked'), blocking: true };
        session.notify();
        return;
      }
    } else {
      const decision = decide();
      if (decision.action !== 'allow') return refuse(decision);
    }
    if (current.trusted) remember(current.final);
    session.notify();
    releasing = true;
    try {
      current.replay(); // the shopper's own action again, through Amazon's handlers this time
    } finally {
      releasing = false;
    }
  };
  session.subscribe(() => settle(false));

  const hold = (event: Event, replay: () => void, final: boolean) => {
    if (held) return;
    // No settled state from the background (yet): ask managed storage for the admin's onPolicyUnavailable now, so
    // it is known when the hold runs out even if the background never answers.
    if (!session.state || session.state.pending || session.loadError) readManagedOnce();
    held = {
      replay,
      trusted: event.isTrusted,
      final,
      timer: setTimeout(() => settle(true), HOLD_MS),
      // The background may be restarting: ask again until it answers.
      retry: setInterval(() => {
        if (!session.state || session.loadError) session.reload();
      }, RETRY_MS),
    };
    session.submitMessage = { text: t('guard_checking'), blocking: false };
    session.notify();
  };

  const guard = (event: Event, replay: () => void, final: boolean) => {
    if (releasing) return;
    const field = session.field;
    // A field chosen on a weak signal may not be the PO field: never hold an order for it.
    if (!field?.isConnected || session.fieldWeak) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (held || needsHold()) return hold(event, replay, final);
    const decision = decide();
    if (decision.action !== 'allow') return refuse(decision);
    // Let this one through: undo nothing, the event was only stopped to decide; replay it as it was.
    if (event.isTrusted) remember(final);
    releasing = true;
    try {
      replay();
    } finally {
      releasing = false;
    }
  };

  const overrides = () => session.state?.rules?.selectors;
  // Plain listeners (not ctx's): they stay after the extension is updated or reloaded, so an orphaned content
  // script keeps deciding with the state it has instead of letting every order through.
  window.addEventListener(
    'click',
    (event) => {
      const target = event.target;
      if (releasing) return;
      if (!(target instanceof HTMLElement) || !isSubmitControl(target, overrides())) return;
      if (session.field?.isConnected && !held && !needsHold() && decide().action === 'allow') {
        if (event.isTrusted && !releasing) remember(isPlaceOrderControl(target));
        return; // allowed: the click goes on as it is
      }
      guard(event, () => target.click(), isPlaceOrderControl(target));
    },
    { capture: true },
  );
  window.addEventListener(
    'keydown',
    (event) => {
      if (releasing || event.key !== 'Enter' || event.isComposing || event.target !== session.field) return;
      const form = session.field?.form;
      if (!held && !needsHold() && decide().action === 'allow') {
        if (event.isTrusted && !releasing) remember(false);
        return;
      }
      guard(event, () => form?.requestSubmit(), false);
    },
    { capture: true },
  );
  window.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      const submitter = (event as SubmitEvent).submitter;
      const field = session.field;
      const ours = form instanceof HTMLFormElement && field !== null && form.contains(field);
      if (!ours && !(submitter instanceof Element && isSubmitControl(submitter, overrides()))) return;
      if (releasing || (!held && !needsHold() && decide().action === 'allow')) return;
      guard(
        event,
        () => (form as HTMLFormElement).requestSubmit((submitter as HTMLElement | null) ?? undefined),
        false,
      );
    },
    { capture: true },
  );
  void ctx;
}
