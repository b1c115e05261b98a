// `npm test`: every check and every test suite, in the order a failure is cheapest to find.
// CI does not read vitest's own summary, so each suite ends with a plain "suite: N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
const checks = { passed: 0, failed: 0 };

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  checks[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.log(`!!! ${label} failed`);
  return ok;
}

function vitestSuite(name, configArgs) {
  const report = `.tmp/vitest-${name}.json`;
  rmSync(report, { force: true });
  run(`${name} tests`, 'npx', [
    'vitest',
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
    skipped = json.numPendingTests + json.numTodoTests;
  } catch {
    failed = 1; // no report: the run itself crashed
  }
  results.push({ name, passed, failed, skipped });
}

mkdirSync('.tmp', { recursive: true });
check('typecheck', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
const built = check('build chrome-mv3', 'npx', ['wxt', 'build']);
const builtFirefox = check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
// The store build must leave the manifest `key` out: the Chrome Web Store refuses uploads that carry one.
if (run('build for the stores', 'npx', ['wxt', 'build'], { PO_ASSIST_STORE: '1' })) {
  const manifest = JSON.parse(readFileSync('.output/store/chrome-mv3/manifest.json', 'utf8'));
  const ok = !('key' in manifest);
  console.log(ok ? 'store manifest has no key' : '!!! the store manifest carries a key');
  checks[ok ? 'passed' : 'failed'] += 1;
} else {
  checks.failed += 1;
}
check('web-ext lint (firefox)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv2',
  '--self-hosted',
  '--no-input',
]);

vitestSuite('unit', []);
if (built) vitestSuite('e2e', ['--config', 'vitest.e2e.config.ts']);
else results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0 });
// The same journeys in Firefox ESR (test/e2e/firefox/, the built .output/firefox-mv2).
if (builtFirefox) vitestSuite('firefox-e2e', ['--config', 'vitest.firefox.config.ts']);
else results.push({ name: 'firefox-e2e', passed: 0, failed: 1, skipped: 0 });

console.log('\n=== summary');
console.log(`checks: ${checks.passed} passed, ${checks.failed} failed`);
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
}
const failed = checks.failed + results.reduce((sum, r) => sum + r.failed, 0);
process.exit(failed === 0 ? 0 : 1);
