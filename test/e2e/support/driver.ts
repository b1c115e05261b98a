/**
 * A small browser-neutral driver, so one journey runs in Chromium (Playwright) and in Firefox (puppeteer over
 * WebDriver BiDi). Journeys in test/e2e/journeys/ use only this; each browser has one implementation
 * (driver-chromium.ts, driver-firefox.ts).
 *
 * Selectors are CSS; ` >>> ` steps into an element's open shadow root (`po-assist-hint >>> [data-testid="po-fix"]`).
 * Actions (click, fill, press, select) are real input, so the extension sees trusted events. Reads (text,
 * attribute, value, count) answer at once (null when nothing matches): poll them with `expect.poll`.
 */
import type { CheckoutServer } from '../../support/checkout-server';
import type { Simulator, SimulatorOptions } from '../../sim/server';
import type { AdminSettings } from './managed-policy';

export type BrowserName = 'chromium' | 'firefox';
export type StorageAreaName = 'local' | 'session' | 'managed';
export type WritableArea = Exclude<StorageAreaName, 'managed'>;

export interface E2ePage {
  url(): string;
  /** A selector for the button whose text is `name` (in this driver's selector dialect; for actions, not reads). */
  button(name: string): string;
  /** Runs `fn` in the page (its main world); `arg` must be JSON-serialisable. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Replaces the input's value as a user typing would. */
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** A key on the focused `selector`, e.g. 'Enter'. */
  press(selector: string, key: string): Promise<void>;
  /** Picks an option of a <select> by value. */
  select(selector: string, value: string): Promise<void>;
  text(selector: string): Promise<string | null>;
  /** `innerText` (rendered text, line breaks as shown). */
  innerText(selector: string): Promise<string | null>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** The `value` of an input, select or textarea (null when there is none). */
  value(selector: string): Promise<string | null>;
  /** A DOM property of the first match (`disabled`, `readOnly`, `checked` …). */
  property(selector: string, name: string): Promise<unknown>;
  count(selector: string): Promise<number>;
  waitFor(selector: string, options?: { timeout?: number }): Promise<void>;
  /** Picks a file in the `<input type="file">` at `selector`, as a user does in the file dialog. */
  chooseFile(selector: string, file: { name: string; bytes: Buffer }): Promise<void>;
  /** Clicks `selector` and returns the file the page saves (a Blob download). */
  download(selector: string): Promise<{ fileName: string; bytes: Buffer }>;
  setViewport(size: { width: number; height: number }): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionStorage {
  get(area: StorageAreaName, keys?: string[] | null): Promise<Record<string, unknown>>;
  set(area: WritableArea, items: Record<string, unknown>): Promise<void>;
  remove(area: WritableArea, keys: string[]): Promise<void>;
  clear(area: WritableArea): Promise<void>;
}

export interface SessionOptions {
  /** Start the Amazon Business API simulator on every API host (plus `simHosts`). */
  sim?: SimulatorOptions | true;
  simHosts?: string[];
  /** More hosts mapped to local HTTPS servers (host → port). */
  hosts?: Record<string, number>;
  /** The admin's managed storage, delivered as the browser delivers it, present from the browser's start. */
  managed?: AdminSettings;
  headless?: boolean;
  /** The browser's UI language (`de-DE`, `ja`); Chromium only. */
  lang?: string;
}

/** One browser with the built extension, the storefront hosts on the checkout fixtures, and optionally the simulator. */
export interface E2eSession {
  browserName: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, no trailing slash. */
  extensionOrigin: string;
  server: CheckoutServer;
  /** Present when started with `sim`. */
  sim: Simulator;
  storage: ExtensionStorage;
  openPage(url: string): Promise<E2ePage>;
  /** A checkout fixture (test/fixtures/checkout) on its Amazon host, in a new tab. */
  openCheckout(file: string): Promise<E2ePage>;
  /** An extension page as a tab, loaded: 'popup.html', 'options.html'. */
  openExtensionPage(path: string): Promise<E2ePage>;
  setUserPolicy(policy: unknown): Promise<void>;
  /** Clears the extension's local storage. */
  clearStorage(): Promise<void>;
  /** Closes every tab the test opened (the session keeps what it needs itself). */
  resetTabs(): Promise<void>;
  close(): Promise<void>;
}

export type StartSession = (options?: SessionOptions) => Promise<E2eSession>;

/** The text assistive technology reads for an input: its aria-describedby targets. */
export function describedText(page: E2ePage, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const input = document.querySelector(sel);
    const ids = (input?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }, selector);
}

export interface ReadRequest {
  selector: string;
  what: 'text' | 'innerText' | 'attribute' | 'value' | 'property' | 'count';
  name?: string;
}

/**
 * Runs in the page (both drivers pass it to their `evaluate`): one read, through ` >>> ` shadow steps. Self-contained
 * on purpose, since it is serialised into the page.
 */
export function readInPage(request: ReadRequest): unknown {
  const parts = request.selector.split(' >>> ');
  let roots: ParentNode[] = [document];
  let found: Element[] = [];
  for (const [index, part] of parts.entries()) {
    found = roots.flatMap((root) => [...root.querySelectorAll(part)]);
    if (index < parts.length - 1) roots = found.map((element) => element.shadowRoot).filter((root) => root !== null);
  }
  if (request.what === 'count') return found.length;
  const element = found[0];
  if (!element) return null;
  switch (request.what) {
    case 'text':
      return element.textContent;
    case 'innerText':
      return (element as HTMLElement).innerText;
    case 'attribute':
      return element.getAttribute(request.name ?? '');
    case 'value':
      return 'value' in element ? String((element as HTMLInputElement).value) : null;
    case 'property':
      return (element as unknown as Record<string, unknown>)[request.name ?? ''] ?? null;
  }
}
