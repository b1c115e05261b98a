/**
 * Starts the Amazon Business API simulator on 127.0.0.1 for the demo and manual testing:
 *   npx tsx test/sim/cli.ts [--port 8443] [--page-size 10] [--rate 0.5] [--burst 10] [--token-ttl 3600]
 *                           [--region-scope marketplace|endpoint] [--quiet]
 * Stops on Ctrl-C.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { SIM_CREDENTIALS, SIM_TLS, startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    'page-size': { type: 'string' },
    rate: { type: 'string' },
    burst: { type: 'string' },
    'token-ttl': { type: 'string' },
    'region-scope': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`--${name} needs a number, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const regionScope = values['region-scope'];
if (regionScope !== undefined && regionScope !== 'marketplace' && regionScope !== 'endpoint') {
  console.error('--region-scope is marketplace or endpoint');
  process.exit(2);
}
const rate = numberOption('rate', values.rate);
const burst = numberOption('burst', values.burst);

const sim = await startSimulator({
  port: numberOption('port', values.port),
  pageSize: numberOption('page-size', values['page-size']),
  tokenTtlSeconds: numberOption('token-ttl', values['token-ttl']),
  rateLimit: rate !== undefined || burst !== undefined ? { ratePerSecond: rate ?? 0.5, burst: burst ?? 10 } : undefined,
  regionScope,
  log: values.quiet ? undefined : (line) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`),
});

const port = sim.port;
const cert = relative(process.cwd(), SIM_TLS.certPath) || SIM_TLS.certPath;
const { clientId, clientSecret, refreshToken } = SIM_CREDENTIALS;
const lines = [
  `Amazon Business API simulator on https://127.0.0.1:${port} (TLS: ${cert})`,
  `  rate limit ${sim.options.rateLimit.ratePerSecond}/s, burst ${sim.options.rateLimit.burst}; page size ${sim.options.pageSize};` +
    ` tokens live ${sim.options.tokenTtlSeconds} s; region scope ${sim.options.regionScope}`,
  '',
  'Endpoints (one server, chosen by the Host header):',
  `  POST https://api.amazon.com:${port}/auth/o2/token                     LWA refresh-token grant`,
  `  GET  https://{na,eu,jp}.business-api.amazon.com:${port}/reports/2025-06-09/purchaseOrders/{po}/orderReports?region=US`,
  `       (also sandbox.{na,eu,jp}.business-api.amazon.com)`,
  `  POST https://<any host>:${port}/broker/token                          token broker: {access_token, expires_in}`,
  `  GET  /__sim/stats   GET|POST /__sim/faults   POST /__sim/reset   POST /__sim/revoke-tokens`,
  '',
  'LWA credentials it accepts:',
  `  client id      ${clientId}`,
  `  client secret  ${clientSecret}`,
  `  refresh token  ${refreshToken}`,
  '',
  'Sample POs (region → orders; any other PO has none):',
  ...sim.pos.map((info) => {
    const regions = Object.entries(info.byRegion)
      .map(([region, e]) => `${region} ${e.count}${e.cancelled ? ` (${e.cancelled} cancelled)` : ''}`)
      .join(', ');
    return `  ${info.po.padEnd(18)} ${regions.padEnd(42)} ${info.description}`;
  }),
  '',
  'Try it:',
  `  TOKEN=$(curl -s --cacert ${cert} --resolve api.amazon.com:${port}:127.0.0.1 \\`,
  `    -d grant_type=refresh_token -d client_id=${clientId} -d client_secret=${clientSecret} \\`,
  `    --data-urlencode 'refresh_token=${refreshToken}' https://api.amazon.com:${port}/auth/o2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')`,
  `  curl -s --cacert ${cert} --resolve na.business-api.amazon.com:${port}:127.0.0.1 -H "x-amz-access-token: $TOKEN" \\`,
  `    'https://na.business-api.amazon.com:${port}/reports/2025-06-09/purchaseOrders/MKT-202611-0042/orderReports?region=US'`,
  `  curl -s --cacert ${cert} https://127.0.0.1:${port}/__sim/faults -H 'content-type: application/json' \\`,
  `    -d '{"throttle":{"count":3,"retryAfterSeconds":2}}'`,
  '',
  'Chromium: --host-resolver-rules="MAP api.amazon.com 127.0.0.1:' +
    `${port}, MAP *.business-api.amazon.com 127.0.0.1:${port}" --ignore-certificate-errors`,
  '',
  'Ctrl-C stops it.',
];
console.log(lines.join('\n'));

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
