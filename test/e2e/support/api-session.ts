import { createServer } from 'node:net';
import { SIM_CREDENTIALS, startSimulator, type Simulator, type SimulatorOptions } from '../../sim/server';
import { extensionStorage } from './extension-storage';
import { PopupPage } from './popup-page';
import { startCheckoutSession, type CheckoutSession } from './session';

/** Login with Amazon and the Reporting API endpoints (production and sandbox): all mapped to the simulator. */
export const API_HOSTS = [
  'api.amazon.com',
  'na.business-api.amazon.com',
  'eu.business-api.amazon.com',
  'jp.business-api.amazon.com',
  'sandbox.na.business-api.amazon.com',
  'sandbox.eu.business-api.amazon.com',
  'sandbox.jp.business-api.amazon.com',
];

/** A company token broker that refuses every connection, as when offline: its broker URL is `OFFLINE_BROKER_URL`. */
export const OFFLINE_BROKER_URL = 'https://offline-broker.example.com/token';

/** `hosts` for startApiSession that map the offline broker to a loopback port nothing listens on (just freed). */
export async function offlineBrokerHosts(): Promise<Record<string, number>> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { [new URL(OFFLINE_BROKER_URL).hostname]: port };
}

/** What the extension keeps in `chrome.storage.local` under `apiAccess` (lib/settings/items.ts). */
export type ApiAccessValue =
  | { mode: 'direct'; clientId: string; clientSecret: string; refreshToken: string; region: string; sandbox: boolean }
  | { mode: 'broker'; brokerUrl: string; region: string; sandbox: boolean };

/** Direct mode with the credentials the simulator accepts, as a procurement user would store them. */
export const SIM_DIRECT_ACCESS: ApiAccessValue = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false };

export interface ApiSession extends CheckoutSession {
  sim: Simulator;
  storage: ReturnType<typeof extensionStorage>;
  /** Stores API access as the options page would (default: direct mode with the simulator's credentials). */
  setApiAccess(access?: ApiAccessValue): Promise<void>;
  /** Forgets cached lookups (session storage), so the next lookup asks the API. */
  clearLookupCache(): Promise<void>;
  /** The popup as a page in a tab (a tab has no "active checkout tab" to prefill from). */
  openPopup(): Promise<PopupPage>;
  /**
   * Closes every tab but one blank one. Never none: with no tab open, Chromium (156, headless) leaves
   * `storage.managed.get()` unresolved until the first policy load, which a browser with a window never sees.
   */
  resetTabs(): Promise<void>;
}

/**
 * The built extension in Chromium with the storefront hosts mapped to the checkout fixtures and every Amazon API
 * host mapped to a fresh simulator (plus `hosts`, e.g. a token broker or a policy server).
 */
export async function startApiSession(
  options: {
    sim?: SimulatorOptions;
    /** More hosts for the simulator, e.g. a company's token broker (the simulator has a reference one). */
    simHosts?: string[];
    hosts?: Record<string, number>;
    headless?: boolean;
    /** The browser's UI language, e.g. `de-DE`. */
    lang?: string;
  } = {},
): Promise<ApiSession> {
  const sim = await startSimulator(options.sim);
  let session: CheckoutSession;
  try {
    const apiHosts = Object.fromEntries([...API_HOSTS, ...(options.simHosts ?? [])].map((host) => [host, sim.port]));
    session = await startCheckoutSession(
      { ...apiHosts, ...options.hosts },
      { headless: options.headless, lang: options.lang },
    );
  } catch (error) {
    await sim.close();
    throw error;
  }
  const storage = extensionStorage(session.browser);
  return {
    ...session,
    sim,
    storage,
    setApiAccess: (access = SIM_DIRECT_ACCESS) => storage.set('local', { apiAccess: access }),
    clearLookupCache: () => storage.remove('session', ['lookupCache']),
    openPopup: () => PopupPage.open(session.browser),
    async resetTabs() {
      const { context } = session.browser;
      const keep = await context.newPage();
      for (const page of context.pages()) if (page !== keep) await page.close();
    },
    async close() {
      await session.close();
      await sim.close();
    },
  };
}
