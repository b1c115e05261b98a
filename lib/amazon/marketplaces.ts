/**
 * The 11 Amazon Business marketplaces. One source for the content script's match patterns, the order links'
 * domains and the Reporting API region of each marketplace.
 */
export interface Marketplace {
  /** Reporting API region code: `UK`, not `GB`. */
  region: 'US' | 'CA' | 'MX' | 'UK' | 'DE' | 'FR' | 'IT' | 'ES' | 'IN' | 'JP' | 'AU';
  host: string;
  /** BCP 47 language of the storefront, used to pick label words when looking for the PO field. */
  lang: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { region: 'US', host: 'www.amazon.com', lang: 'en-US' },
  { region: 'CA', host: 'www.amazon.ca', lang: 'en-CA' },
  { region: 'MX', host: 'www.amazon.com.mx', lang: 'es-MX' },
  { region: 'UK', host: 'www.amazon.co.uk', lang: 'en-GB' },
  { region: 'DE', host: 'www.amazon.de', lang: 'de-DE' },
  { region: 'FR', host: 'www.amazon.fr', lang: 'fr-FR' },
  { region: 'IT', host: 'www.amazon.it', lang: 'it-IT' },
  { region: 'ES', host: 'www.amazon.es', lang: 'es-ES' },
  { region: 'IN', host: 'www.amazon.in', lang: 'en-IN' },
  { region: 'JP', host: 'www.amazon.co.jp', lang: 'ja-JP' },
  { region: 'AU', host: 'www.amazon.com.au', lang: 'en-AU' },
];

export type Region = Marketplace['region'];

/** Checkout paths: the current single-page checkout and the legacy `/gp/buy/...` flow. */
const CHECKOUT_PATHS = ['/checkout/*', '/gp/buy/*'] as const;

export const CHECKOUT_MATCHES: string[] = MARKETPLACES.flatMap((m) =>
  CHECKOUT_PATHS.map((path) => `https://${m.host}${path}`),
);

export function marketplaceForHost(host: string): Marketplace | undefined {
  return MARKETPLACES.find((m) => m.host === host.toLowerCase());
}
