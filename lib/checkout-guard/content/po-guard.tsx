import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PoHint, type HintStatus, type HintVerdict, type PoHintProps } from '@/components/checkout-guard/PoHint';
import { setNativeValue, watchPoField, type PoFieldMatch } from '@/lib/amazon/checkout-dom';
import { hintStatus, verdictText } from '@/lib/checkout-guard/hint-text';
import { t } from '@/lib/i18n';
import { generateText } from '@/lib/policy-words';
import { connectMessagePort, MessageError, sendMessage, sendOverPort } from '@/lib/messaging/client';
import { quickVerdict } from '@/lib/checkout-guard/quick-verdict';
import { usedPoHash } from '@/lib/checkout-guard/used-po-hash';
import type { GenerateChoice } from '@/lib/checkout-guard/contract';
import type { BlanketSpend } from '@/lib/checkout-guard/blanket-spend';
import { askBlanketSpend } from './blanket-spend-ask';
import { reuseNotice, type GuardSession } from './guard-session';
import { HINT_CSS } from './hint-styles';

/** Marks our own elements, so field finding never mistakes them for Amazon's. */
const UI_MARK = 'data-po-assist-ui';
const REUSE_CHECK_DELAY_MS = 250;
const FIELD_MISSING_REPORT_MS = 10_000;
/** Screen readers hear the verdict once the shopper pauses typing this long (or leaves the field). */
const ANNOUNCE_PAUSE_MS = 500;
/** explainPo requests in flight at once per field (each is a short message to the background). */
export const EXPLAIN_AT_ONCE = 3;

interface Attachment {
  input: HTMLInputElement;
  refresh(): void;
  dispose(): void;
}

/**
 * Finds the PO field (following late rendering and re-renders), validates it as the shopper types, and shows the
 * hint next to it. The field's aria-invalid / aria-describedby carry the verdict for assistive technology.
 */
export function initPoGuard(ctx: ContentScriptContext, session: GuardSession): void {
  let attachment: Attachment | null = null;
  let watcher: AbortController | null = null;
  let watchedOverrides: string | null = null;

  const attach = (match: PoFieldMatch) => {
    if (attachment?.input === match.input) return;
    attachment?.dispose();
    attachment = attachField(session, match);
    void sendMessage('reportFieldStatus', {
      found: true,
      via: match.via,
      host: location.host,
      path: location.pathname,
      confidence: match.confidence,
      reasons: match.reasons,
    }).catch(() => undefined);
  };
  // The PO is Amazon's "List of defined options": nothing to type, so nothing is guarded; Diagnostics says so.
  let stoodAside = false;
  const standAside = (reason: 'po-is-select') => {
    stoodAside = true;
    void sendMessage('reportFieldStatus', {
      found: false,
      via: null,
      host: location.host,
      path: location.pathname,
      standAside: reason,
    }).catch(() => undefined);
  };

  // (Re)start watching whenever the admin's selector overrides change; the built-in selectors otherwise.
  const watch = () => {
    // Watch from the start with the built-in selectors (a submit before the policy arrives is held, not missed);
    // restart when the admin's overrides arrive.
    const overrides = session.state?.rules?.selectors;
    const key = JSON.stringify(overrides ?? null);
    if (watcher && key === watchedOverrides) return;
    watcher?.abort();
    watchedOverrides = key;
    watcher = new AbortController();
    // Not tied to ctx.signal: see attachField.
    watchPoField(document, attach, { signal: watcher.signal, overrides, onStandAside: standAside });
  };

  session.subscribe(() => {
    watch();
    if (attachment && !attachment.input.isConnected) {
      attachment.dispose();
      attachment = null;
    }
    attachment?.refresh();
  });
  // No PO field after a while: say so in the options page's diagnostics rather than silently doing nothing.
  ctx.setTimeout(() => {
    if (attachment || stoodAside) return;
    void sendMessage('reportFieldStatus', {
      found: false,
      via: null,
      host: location.host,
      path: location.pathname,
    }).catch(() => undefined);
  }, FIELD_MISSING_REPORT_MS);
  // Single-page navigation away from checkout: take the hint down with the page it belonged to.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (attachment && !attachment.input.isConnected) {
      attachment.dispose();
      attachment = null;
    }
  });
  watch();
}

function attachField(session: GuardSession, match: PoFieldMatch): Attachment {
  const { input } = match;
  // Deliberately not ctx.signal: a content script whose extension was updated or reloaded (or whose context the page
  // invalidated with WXT's forgeable "newer script started" event) keeps validating, so the submit guard never
  // decides on a stale verdict or stands down for want of a field.
  const abort = new AbortController();
  const signal = abort.signal;
  let generateError: string | null = null;
  let reportNote: string | null = null;
  let reuseTimer: ReturnType<typeof setTimeout> | undefined;
  let checkedReuseFor: string | null = null;
  /** The input the background last explained (diagnosis and fix), so repaints keep its words. */
  let explainedFor: string | null = null;
  let evaluatedFor: string | null = null;
  /** The value the shopper last typed or chose themselves (trusted input): only that one is checked with Amazon. */
  let trustedValue: string | null = null;
  /**
   * explainPo runs a few at once, so a diagnosis waits for one round trip, not for the one before it too (issue 7 §7:
   * keystroke → diagnosis); past EXPLAIN_AT_ONCE only the latest text waits its turn (full-speed typing sends no
   * backlog), and an answer for text no longer in the field is dropped.
   */
  let explaining = 0;
  let explainNext: string | null = null;
  const choices = new Map<string, GenerateChoice[]>();
  const blanketSpend: Record<string, BlanketSpend> = {};
  /** Errors wait until the shopper has left the field with something in it, or tried to submit (issue 10). */
  let touched = false;
  /** The last specific diagnosis, kept on screen while the next one is on its way (no generic flicker). */
  let lastDiagnosis: string | null = null;
  /** The polite live region's text, and the text it would say after the pause. */
  let announcement = '';
  let pendingAnnouncement = '';
  let lastSaid = '';
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  // The description lives in the light DOM: aria-describedby cannot point into a shadow root.
  const description = document.createElement('span');
  description.id = `po-assist-description-${Math.random().toString(36).slice(2, 10)}`;
  description.setAttribute(UI_MARK, '');
  description.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)';
  input.insertAdjacentElement('afterend', description);
  const previousDescribedBy = input.getAttribute('aria-describedby');
  const previousInvalid = input.getAttribute('aria-invalid');
  input.setAttribute('aria-describedby', [previousDescribedBy, description.id].filter(Boolean).join(' '));

  // The diagnoses come on this port: open it now, so the worker is up and ready before the first keystroke.
  connectMessagePort();
  session.field = input;
  session.fieldWeak = match.confidence === 'weak';
  session.submitMessage = null;
  session.warnedKey = null;

  const now = () => new Date();
  const words = { pending: t('guard_pendingDiagnosis'), empty: t('guard_emptyRequired') };

  // Validity is decided here, synchronously, so a submit is never judged on a stale answer; the words (diagnosis,
  // fix) come from the background, which keeps the diagnosis engine out of the content script.
  const evaluate = () => {
    const matcher = session.state?.matcher ?? null;
    const raw = input.value;
    const quick = matcher ? quickVerdict(matcher, raw, now(), words) : null;
    const keepExplained = quick && !quick.valid && explainedFor === raw && session.verdict && !session.verdict.valid;
    const stale = quick && !quick.valid && quick.code !== 'empty' && lastDiagnosis;
    const verdict = keepExplained ? session.verdict : stale ? { ...quick, message: lastDiagnosis!, fix: null } : quick;
    if (!quick || quick.valid || quick.code === 'empty') lastDiagnosis = null;
    if (raw !== evaluatedFor || verdict?.valid !== session.verdict?.valid) session.submitMessage = null;
    evaluatedFor = raw;
    session.verdict = verdict;
    if (quick && !quick.valid && quick.code !== 'empty' && !keepExplained) explain(raw);
    scheduleReuseCheck();
  };

  const explain = (raw: string) => {
    explainedFor = null;
    if (explaining >= EXPLAIN_AT_ONCE) {
      explainNext = raw;
      return;
    }
    explaining += 1;
    // On the port: a diagnosis per keystroke needs the shortest round trip there is (issue 7 §7).
    sendOverPort('explainPo', { po: raw })
      .then((full) => {
        if (signal.aborted || input.value !== raw || full.valid) return;
        explainedFor = raw;
        lastDiagnosis = full.message;
        session.verdict = full;
        paint();
      })
      .catch(() => undefined)
      .finally(() => {
        explaining -= 1;
        const next = explainNext;
        explainNext = null;
        if (next !== null && next === input.value && explainedFor !== next) explain(next);
      });
  };

  const scheduleReuseCheck = () => {
    const verdict = session.verdict;
    const po = verdict?.valid && !verdict.blanket && !verdict.empty ? verdict.value : null;
    if (po === checkedReuseFor) return;
    checkedReuseFor = po;
    session.reuse = { local: null, amazon: null };
    session.amazonCheckedFor = null;
    clearTimeout(reuseTimer);
    if (!po || session.state?.rules?.reuse === 'allow') return;
    // A value the page's own script put there (untrusted input) never makes the extension ask Amazon.
    const askAmazon = Boolean(session.state?.amazonCheck) && trustedValue === input.value;
    reuseTimer = setTimeout(() => {
      // This browser's history answers at once; Amazon's order history (when configured) follows.
      const lang = document.documentElement.lang;
      const current = () => checkedReuseFor === po && !signal.aborted;
      // The guard state's hashes say whether this browser used the PO before: only then are the words asked for.
      // Reading and parsing a full history costs the worker tens of milliseconds, and every diagnosis asked for
      // meanwhile waits behind it (issue 7 §7: keystroke → diagnosis).
      if (session.state?.usedPoHashes.includes(usedPoHash(po)) !== false) {
        sendMessage('checkPoReuse', { po, lang })
          .then(({ notice }) => {
            if (!current()) return;
            session.reuse = { ...session.reuse, local: notice };
            paint();
          })
          .catch(() => undefined);
      }
      if (!askAmazon) return;
      const answered = (notice: string | null) => {
        if (!current()) return;
        session.reuse = { ...session.reuse, amazon: notice };
        session.amazonCheckedFor = po;
        session.notify();
      };
      sendMessage('checkPoUsage', { po, lang })
        .then(({ notice }) => answered(notice))
        .catch(() => answered(null));
    }, REUSE_CHECK_DELAY_MS);
  };

  const paint = () => {
    if (signal.aborted) return;
    const state = session.state;
    const rules = state?.rules ?? null;
    const verdict = session.verdict;
    const status: HintStatus = hintStatus(state, session.loadError);
    if (session.submitMessage) touched = true;
    // Before the shopper acts, an invalid PO shows only the neutral "Expected:" line: no red, no aria-invalid.
    const quiet = !touched && verdict !== null && !verdict.valid;
    const hintVerdict: HintVerdict = quiet ? { tone: 'idle' } : verdictText(verdict, state);

    if (verdict && !quiet) input.setAttribute('aria-invalid', verdict.valid ? 'false' : 'true');
    else if (previousInvalid === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', previousInvalid);
    const reuse = reuseNotice(session);
    // The light DOM is the page's to read: the verdict only, never Amazon's counts and dates or past uses.
    // Read on focus only. The submit message, when shown, replaces the verdict it repeats (said once).
    const said = [
      session.submitMessage?.text ?? (hintVerdict.tone === 'idle' ? '' : hintVerdict.text),
      reuse && !session.submitMessage ? t('guard_usedBefore') : '',
    ]
      .filter(Boolean)
      .join(' ');
    description.textContent = said;
    // The live region speaks after a pause in typing; the same words are never said twice in a row.
    // A stopped submit's message (role=alert) says it all: the live region steps back rather than repeat it.
    if (session.submitMessage) announcement = '';
    else if (said !== pendingAnnouncement) {
      pendingAnnouncement = said;
      clearTimeout(announceTimer);
      announceTimer = setTimeout(flushAnnouncement, ANNOUNCE_PAUSE_MS);
    }

    const props: PoHintProps = {
      status,
      formats: state?.formats ?? [],
      help: rules?.help,
      verdict: hintVerdict,
      fix: verdict && !verdict.valid && !quiet ? verdict.fix : null,
      announcement,
      reuse,
      fieldNote:
        [
          match.confidence === 'weak' ? t('hint_weakField') : '',
          state?.historyNotSaved ? t('guard_historyNotSaved') : '',
        ]
          .filter(Boolean)
          .join(' ') || null,
      submitMessage: session.submitMessage,
      blanketPos: state?.blanketPos ?? [],
      blanketSpend,
      onGenerateOpened: () => askBlanketSpend(state, blanketSpend, paint),
      choicesFor: (formatId) => {
        const known = choices.get(formatId);
        if (known) return known;
        choices.set(formatId, []);
        sendMessage('getGenerateChoices', { formatId })
          .then((fields) => {
            choices.set(formatId, fields);
            paint();
          })
          .catch(() => choices.delete(formatId));
        return [];
      },
      generateError,
      generateLocalOnly: !state?.amazonCheck,
      onFix: () => {
        if (verdict && !verdict.valid && verdict.fix) changeTo(verdict.fix);
      },
      onGenerate: (formatId, values) => {
        sendMessage('generatePo', { formatId, values })
          .then((result) => {
            generateError = result.ok ? null : generateText(result.problems);
            if (result.ok) changeTo(result.po);
            else paint();
          })
          .catch((error: unknown) => {
            generateError = error instanceof Error ? error.message : String(error);
            paint();
          });
      },
      onUseBlanket: changeTo,
      onOpenOptions: (section) =>
        void sendMessage('openOptionsPage', section ? { section } : {}).catch(() => undefined),
      // The picker and the page report are injected by the background on demand: not carried in this script.
      onPickField: () => void sendMessage('openPicker', {}).catch(() => undefined),
      onCopyReport: () =>
        void sendMessage('getPageReport', {})
          .then(({ text }) => navigator.clipboard.writeText(text))
          .then(
            () => t('report_copied'),
            (error: unknown) => (error instanceof MessageError ? error.message : t('report_failed')),
          )
          .then((note) => {
            reportNote = note;
            paint();
          }),
      reportNote,
    };
    render(<PoHint {...props} />, ui.container);
  };

  const flushAnnouncement = () => {
    clearTimeout(announceTimer);
    if (!pendingAnnouncement || pendingAnnouncement === lastSaid) return;
    lastSaid = announcement = pendingAnnouncement;
    paint();
  };

  // Fix, Generate, blanket PO: focus goes back to the field (not <body>) and the change is said, once.
  // The shopper's click in the hint sets the value: it counts as their own (trusted) input.
  const changeTo = (po: string) => {
    touched = true;
    trustedValue = po;
    setNativeValue(input, po);
    clearTimeout(announceTimer);
    // The new verdict is in the description, which the field's focus reads: not said again after the pause.
    lastSaid = pendingAnnouncement;
    announcement = t('guard_poChanged', po);
    paint();
    input.focus();
  };

  input.addEventListener(
    'blur',
    () => {
      if (input.value.trim()) touched = true;
      paint();
      flushAnnouncement();
    },
    { signal },
  );

  const onInput = (event: Event) => {
    if (event.isTrusted) trustedValue = input.value;
    else if (input.value !== trustedValue) trustedValue = null;
    evaluate();
    paint();
  };
  input.addEventListener('input', onInput, { signal });
  input.addEventListener('change', onInput, { signal });
  // An idle worker stops after 30 s and its port closes: the shopper coming back to the field wakes it again, before
  // the first keystroke needs it (an open port alone does not keep it running, nor should it).
  input.addEventListener('focus', connectMessagePort, { signal });

  const ui = mountHintRoot(description);

  evaluate();
  paint();

  return {
    input,
    refresh() {
      evaluate();
      paint();
    },
    dispose() {
      abort.abort();
      clearTimeout(reuseTimer);
      clearTimeout(announceTimer);
      render(null, ui.container);
      ui.host.remove();
      description.remove();
      if (previousDescribedBy === null) input.removeAttribute('aria-describedby');
      else input.setAttribute('aria-describedby', previousDescribedBy);
      if (previousInvalid === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', previousInvalid);
      if (session.field === input) {
        session.field = null;
        session.fieldWeak = false;
        session.verdict = null;
        session.reuse = { local: null, amazon: null };
      }
    },
  };
}

/**
 * The hint's shadow root, right after the field. Hand-rolled rather than WXT's createShadowRootUi: that helper
 * fetches CSS asynchronously and brings ~3 KB gzipped of anchor-watching code we do not use, and the content
 * script has a 20 KB budget. Keys typed in the hint stay inside it, so Amazon's page shortcuts never see them.
 */
function mountHintRoot(after: Element): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('po-assist-hint');
  host.setAttribute(UI_MARK, '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = HINT_CSS;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of ['keydown', 'keyup', 'keypress']) {
    container.addEventListener(type, (event) => event.stopPropagation());
  }
  after.insertAdjacentElement('afterend', host);
  return { host, container };
}
