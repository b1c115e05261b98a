import { MARKETPLACES, type Region } from '../amazon/marketplaces';

/** The three Reporting API endpoints; each serves a fixed set of marketplaces (its `region` values). */
export type ApiEndpoint = 'na' | 'eu' | 'jp';

export const ENDPOINT_REGIONS: Readonly<Record<ApiEndpoint, readonly Region[]>> = {
  na: ['US', 'CA', 'MX'],
  eu: ['UK', 'DE', 'FR', 'IT', 'ES', 'IN'],
  jp: ['JP', 'AU'],
};

export const REGIONS: readonly Region[] = MARKETPLACES.map((m) => m.region);

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

export function regionEndpoint(region: Region): ApiEndpoint {
  for (const endpoint of ['na', 'eu', 'jp'] as const) {
    if (ENDPOINT_REGIONS[endpoint].includes(region)) return endpoint;
  }
  throw new RangeError(`Unknown Amazon Business region: ${String(region)}`);
}

/** `na.business-api.amazon.com`, or `sandbox.na.business-api.amazon.com` for Amazon's static sandbox. */
export function regionHost(region: Region, options: { sandbox?: boolean } = {}): string {
  const host = `${regionEndpoint(region)}.business-api.amazon.com`;
  return options.sandbox ? `sandbox.${host}` : host;
}

/** The order's page on the marketplace where it was placed, for links in the popup and the CSV. */
export function orderDetailsUrl(region: Region, orderId: string): string {
  const marketplace = MARKETPLACES.find((m) => m.region === region);
  if (!marketplace) throw new RangeError(`Unknown Amazon Business region: ${String(region)}`);
  return `https://${marketplace.host}/gp/your-account/order-details?orderID=${encodeURIComponent(orderId)}`;
}

/**
 * The manifest's host permissions: Login with Amazon and each named Reporting API host (production and sandbox),
 * no wildcard subdomain. wxt.config.ts lists the same; test/build checks the built manifest against this.
 */
export const API_HOST_PERMISSIONS: readonly string[] = [
  'https://api.amazon.com/*',
  ...(['na', 'eu', 'jp'] as const).flatMap((endpoint) => [
    `https://${endpoint}.business-api.amazon.com/*`,
    `https://sandbox.${endpoint}.business-api.amazon.com/*`,
  ]),
];
