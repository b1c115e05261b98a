import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CHECKOUT_MATCHES } from './lib/amazon/marketplaces';
import { API_HOST_PERMISSIONS } from './lib/api/regions';
import { FIREFOX_EXTENSION_ID } from './lib/settings/managed-settings';

/**
 * Public half of the key that fixes the unpacked/test build's extension id at
 * dclbnbbfkialpdndoahpkankgliacokd, so admins can target policy at it. The Chrome Web Store refuses a manifest
 * with a `key`, so store builds (PO_ASSIST_STORE=1, see the zip script) leave it out.
 */
const UNPACKED_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxjZebtjP5WemKMnGnDDsX7r7K397WbbSt/WWyP98oDn3VS+f8Dm4tJdEDsboMJ0O3owekZAyHAxwLdEcTHvc5gNknYxzhqXBi3oGyVUh34uDbLvAAOdalHYUMxxDauoAY0xew8Qx5ZJ8UvyVdtKnisvlNw9w8hYacqEGXbiFx/LRe+qXdHzrwV9fWVGMsdkfmqpdesj+Vg5UG5MyavdUTUZF7JaktC5Aao4T1YKCUY4Av8mYClIdZTlX0j9RD9SY/TmWC3LpVk1ks57i9mNFwPFmtWNb9dzwoe4yMsmjaZPXZC8uf66QQFuzu7oiKvCc3aoZ9n9OgdpiaOQQNsCliQIDAQAB';

const isStoreBuild = process.env.PO_ASSIST_STORE === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: isStoreBuild ? '.output/store' : '.output',
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // `scripting` injects the element picker and the page report into a checkout tab on demand (MV3); Firefox's MV2
    // build uses tabs.executeScript, which needs no permission beyond the checkout hosts.
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['storage', 'alarms', 'scripting'],
    // The background calls Login with Amazon and the Reporting API hosts, which send no CORS headers. Nothing
    // else: the token broker and the remote policy are the company's own services and answer with CORS.
    // The named hosts only (lib/api/regions.ts API_HOST_PERMISSIONS, checked in test/build): no wildcard subdomain.
    // The checkout pages, which the content script already runs on (no new install warning): measured with
    // Chromium 156, content script matches do not let scripting.executeScript inject the picker there.
    host_permissions: [...API_HOST_PERMISSIONS, ...CHECKOUT_MATCHES],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              strict_min_version: '140.0',
              // Nothing leaves the browser except the company's own API calls the user configures.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // Chromium delivers managed (admin) storage only to an extension that declares its schema.
          storage: { managed_schema: 'managed_schema.json' },
          ...(isStoreBuild ? {} : { key: UNPACKED_KEY }),
        }),
  }),
});
