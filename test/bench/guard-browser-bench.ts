/**
 * Issue 7 §7, measured in Chromium with the built extension (.output/chrome-mv3) for the sample, a realistic large
 * and the largest legal policy:
 * - the guard state as the content script receives it: the getGuardState answer the background keeps in
 *   storage.session, serialized, with this browser's history full (PO_HISTORY_LIMIT uses) and empty;
 * - page load → guard attached: from DOMContentLoaded (and from navigation start) of the simulator's checkout page
 *   to the hint showing the policy's formats (the content script has its state and decides);
 * - keystroke → diagnosis shown while typing at full speed (no delay between keys): for each keystroke that leaves
 *   an invalid PO, the time until the hint is right about what is in the field then (that keystroke's text or a later
 *   one's): the diagnosis the background words (the content → background round trip for explainPo), or the local
 *   verdict once the PO is valid.
 * Page-side observers stamp every moment with performance.now(); run under `flock /tmp/po-e2e.lock`.
 */
import type { Page } from 'playwright-core';
import { compiledPolicyFor } from '@/lib/policy/cache';
import { verdictMessage } from '@/lib/policy-words';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { startCheckoutSession, type CheckoutSession } from '../e2e/support/session';
import { LARGEST_POLICY_INPUT, REALISTIC_LARGE_POLICY_INPUT } from './large-policies';
import { parseOrThrow, typedPos } from './guard-state-bench';

export const BENCH_POLICIES: { name: string; input: unknown }[] = [
  { name: 'sample policy', input: SAMPLE_POLICY },
  { name: 'realistic large (3 formats, 60 departments)', input: REALISTIC_LARGE_POLICY_INPUT },
  { name: 'largest legal (20 formats × 500-code lists)', input: LARGEST_POLICY_INPUT },
];

export interface GuardBrowserFigures {
  name: string;
  /** Serialized guard state (UTF-8 bytes) with a full history, and with none. */
  stateBytes: number;
  stateBytesNoHistory: number;
  /** DOMContentLoaded → hint with the policy shown; navigation start → the same. One per page load. */
  attachFromDcl: number[];
  attachFromStart: number[];
  /** Keystroke → diagnosis shown, one per keystroke leaving an invalid PO. */
  keystrokes: number[];
}

const FIXTURE = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const FIELD = FIXTURE.expectedPoField!;
const ATTACH_RUNS = 7;
/** PO_HISTORY_LIMIT of lib/storage/items.ts (not imported: wxt/storage needs a browser at import; a test compares). */
export const HISTORY_USES = 5000;
/** POs typed per policy: the first formats' (each also with a typo half-way), so the run stays short. */
const FORMATS_TYPED = 3;

export interface PageMarks {
  ready?: number;
  dcl?: number;
  /** `t` the keystroke's event time; `h` when the page's own listener saw it (after the content script's). */
  inputs: { t: number; v: string; h?: number }[];
  paints: { t: number; v: string; text: string }[];
}

/**
 * In the page's main world, before its scripts: stamps the hint's first ready paint and every keystroke and paint.
 * Plain JavaScript text: tsx would wrap a TypeScript function's inner functions in helpers the page does not have.
 */
const INSTRUMENT = `(field) => {
  const marks = { inputs: [], paints: [] };
  window.__poMarks = marks;
  const input = () => document.querySelector(field);
  const sample = () => {
    const root = document.querySelector('po-assist-hint')?.shadowRoot;
    if (!root) return;
    if (marks.ready === undefined && root.querySelector('.po-hint .formats')) marks.ready = performance.now();
    const text = root.querySelector('[data-testid="po-verdict"]')?.textContent ?? '';
    const last = marks.paints.at(-1);
    const v = input()?.value ?? '';
    if (!last || last.text !== text || last.v !== v) marks.paints.push({ t: performance.now(), v, text });
  };
  const watched = new WeakSet();
  new MutationObserver(() => {
    const root = document.querySelector('po-assist-hint')?.shadowRoot;
    if (root && !watched.has(root)) {
      watched.add(root);
      new MutationObserver(sample).observe(root, { childList: true, subtree: true, characterData: true });
    }
    sample();
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => (marks.dcl = performance.now()));
  // Bubbling on the window: after the content script's own listener on the field has painted synchronously.
  window.addEventListener('input', (event) => {
    if (event.target !== input()) return;
    marks.inputs.push({ t: event.timeStamp, v: input().value, h: performance.now() });
    sample();
  });
}`;

const readMarks = (page: Page) => page.evaluate(() => (window as unknown as { __poMarks: PageMarks }).__poMarks);

async function setGuardInputs(session: CheckoutSession, policy: unknown, historySize: number) {
  const history = Array.from({ length: historySize }, (_, i) => ({
    po: `HIST-${String(i).padStart(6, '0')}`,
    date: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    marketplace: 'US',
  }));
  await session.browser.worker.evaluate(
    async ({ policy, history }) => {
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } })
        .chrome;
      await chrome.storage.local.set({ userPolicy: policy, poHistory: history });
    },
    { policy, history },
  );
}

/** The state the background answers getGuardState with, once it reflects this policy and history: its bytes. */
async function guardStateBytes(session: CheckoutSession, formats: number, hashes: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await session.browser.worker.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome;
      const state = (await chrome.storage.session.get('guardStateCache')).guardStateCache as
        { formats?: unknown[]; usedPoHashes?: unknown[] } | undefined;
      return {
        formats: state?.formats?.length ?? 0,
        hashes: state?.usedPoHashes?.length ?? 0,
        bytes: new TextEncoder().encode(JSON.stringify(state ?? null)).length,
      };
    });
    if (answer.formats === formats && answer.hashes === hashes) return answer.bytes;
    if (Date.now() > deadline)
      throw new Error(`bench: guard state never reflected the policy (${JSON.stringify(answer)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The diagnosis the background gives for `po` (the same engine and English words as in the extension). */
export function expectedDiagnoses(policyInput: unknown, pos: string[]): Map<string, string | null> {
  const compiled = compiledPolicyFor(parseOrThrow(policyInput)).policy;
  const now = new Date();
  const expected = new Map<string, string | null>();
  for (const po of pos) {
    for (let i = 1; i <= po.length; i++) {
      const prefix = po.slice(0, i);
      const verdict = validatePo(compiled, prefix, { now });
      expected.set(prefix, verdict.valid || verdict.code === 'empty' ? null : verdictMessage(verdict));
    }
  }
  return expected;
}

/**
 * Per keystroke that leaves an invalid PO: the first moment after it that the hint is right about the field's text
 * then (that keystroke's or a later one's): its diagnosis, or, once typing made the PO valid, the local verdict.
 */
export function keystrokeLatencies(marks: PageMarks, expected: Map<string, string | null>): number[] {
  const latencies: number[] = [];
  for (const keystroke of marks.inputs) {
    if (!expected.get(keystroke.v)) continue;
    const shown = marks.paints.find((paint) => {
      if (paint.t < keystroke.t || !paint.v.startsWith(keystroke.v) || !expected.has(paint.v)) return false;
      const diagnosis = expected.get(paint.v);
      return diagnosis === null || paint.text === diagnosis;
    });
    if (!shown) throw new Error(`bench: the hint never showed the diagnosis of "${keystroke.v}" or a later text`);
    latencies.push(shown.t - keystroke.t);
  }
  return latencies;
}

export async function benchGuardInBrowser(): Promise<GuardBrowserFigures[]> {
  const session = await startCheckoutSession();
  try {
    const page = await session.browser.context.newPage();
    await page.addInitScript({ content: `(${INSTRUMENT})(${JSON.stringify(FIELD)});` });
    const figures: GuardBrowserFigures[] = [];
    for (const { name, input } of BENCH_POLICIES) {
      const policy = parseOrThrow(input);
      const formats = policy.formats.length;
      await setGuardInputs(session, input, 0);
      const stateBytesNoHistory = await guardStateBytes(session, formats, 0);
      await setGuardInputs(session, input, HISTORY_USES);
      const stateBytes = await guardStateBytes(session, formats, HISTORY_USES);

      const attachFromDcl: number[] = [];
      const attachFromStart: number[] = [];
      // Load 0 warms the service worker up (a cold start is a browser-start cost, measured elsewhere): not counted.
      for (let run = 0; run <= ATTACH_RUNS; run++) {
        await page.goto(session.server.urlOf(FIXTURE.file));
        await page.waitForSelector('po-assist-hint .po-hint .formats', { timeout: 20_000 });
        const marks = await readMarks(page);
        if (run === 0) continue;
        attachFromDcl.push(marks.ready! - marks.dcl!);
        attachFromStart.push(marks.ready!);
      }

      // Typing at full speed into the page loaded last (guard attached, state in hand). The hint stays quiet about an
      // invalid PO until the shopper has left the field once with something in it (po-guard.tsx, `touched`): so a
      // first PO is typed and the field left, as a shopper coming back to correct it would have.
      await page.fill(FIELD, 'X');
      await page.locator(FIELD).blur();
      const pos = typedPos(policy, new Date()).slice(0, FORMATS_TYPED);
      const targets = pos.flatMap((po) => [po, `${po.slice(0, po.length >> 1)}#${po.slice((po.length >> 1) + 1)}`]);
      const expected = expectedDiagnoses(input, targets);
      const keystrokes: number[] = [];
      for (const target of targets) {
        await page.fill(FIELD, '');
        await page.evaluate(() => {
          const marks = (window as unknown as { __poMarks: PageMarks }).__poMarks;
          marks.inputs = [];
          marks.paints = [];
        });
        await page.focus(FIELD);
        await page.keyboard.type(target);
        // The last keystroke's diagnosis (if the PO ends invalid): wait for it, then read the stamps.
        const last = expected.get(target);
        if (last) {
          await page
            .waitForFunction(
              ({ text }) =>
                document.querySelector('po-assist-hint')?.shadowRoot?.querySelector('[data-testid="po-verdict"]')
                  ?.textContent === text,
              { text: last },
              { timeout: 10_000 },
            )
            .catch(async (error: unknown) => {
              const shown = await page.evaluate(
                () =>
                  document.querySelector('po-assist-hint')?.shadowRoot?.querySelector('[data-testid="po-verdict"]')
                    ?.textContent,
              );
              throw new Error(`bench: typed "${target}", expected "${last}", the hint says "${shown}"`, {
                cause: error,
              });
            });
        } else await page.waitForTimeout(200);
        const typed = await readMarks(page);
        if (process.env.BENCH_DEBUG) {
          const gaps = typed.inputs.slice(1).map((k, i) => Math.round(k.t - typed.inputs[i]!.t));
          const lat = keystrokeLatencies(typed, expected).map(Math.round);
          const handled = typed.inputs.map((k) => Math.round((k.h ?? k.t) - k.t));
          console.log(
            target,
            'gaps',
            gaps.join(','),
            'latencies',
            lat.join(','),
            'key handled after',
            handled.join(','),
          );
        }
        keystrokes.push(...keystrokeLatencies(typed, expected));
      }
      figures.push({ name, stateBytes, stateBytesNoHistory, attachFromDcl, attachFromStart, keystrokes });
    }
    return figures;
  } finally {
    await session.close();
  }
}

/** `flock /tmp/po-e2e.lock npx tsx test/bench/guard-browser-bench.ts` (after `npx wxt build`): these rows alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  for (const f of await benchGuardInBrowser()) {
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
    console.log(
      JSON.stringify({
        name: f.name,
        stateBytes: f.stateBytes,
        stateBytesNoHistory: f.stateBytesNoHistory,
        attachFromDcl: sorted(f.attachFromDcl).map(Math.round),
        attachFromStart: sorted(f.attachFromStart).map(Math.round),
        keystrokeP95: p95(f.keystrokes),
        keystrokeMedian: sorted(f.keystrokes)[f.keystrokes.length >> 1],
        keystrokes: f.keystrokes.length,
        max: Math.max(...f.keystrokes),
      }),
    );
  }
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
