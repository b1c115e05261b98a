// `npm test`: every check and every test suite, in the order a failure is cheapest to find.
// CI does not read vitest's own summary, so each suite ends with a plain "suite: N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
const checks = { passed: 0, failed: 0 };

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function runAsync(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

function check(label, command, args) {
  const ok = run(label, command, args);
  checks[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.log(`!!! ${label} failed`);
  return ok;
}

/** Runs a vitest suite and reads its JSON report: CI reads the plain "N passed, N failed" line, not vitest's. */
function vitestSuite(name, configArgs) {
  const report = `.tmp/vitest-${name}.json`;
  rmSync(report, { force: true });
  const args = ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  console.log(`\n=== ${name} tests: npx ${args.join(' ')}`);
  return new Promise((resolve) => {
    spawn('npx', args, { stdio: 'inherit' }).on('close', () => resolve(suiteResult(name, report)));
  });
}

function suiteResult(name, report) {
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
  return { name, passed, failed, skipped };
}

/** Runs a command with its output held back (for `report`), so commands side by side do not interleave. */
function captured(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => resolve({ command, args, ok: false, output: String(error) }));
    child.on('close', (code) => resolve({ command, args, ok: code === 0, output: Buffer.concat(chunks) }));
  });
}

function report(label, { command, args, ok, output }) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  process.stdout.write(output);
  checks[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.log(`!!! ${label} failed`);
}

/** Read-only checks side by side (they read the tree, write nothing): each one's output is printed when it ends. */
async function checksInParallel(list) {
  const outcomes = await Promise.all(list.map(([, command, args]) => captured(command, args)));
  outcomes.forEach((outcome, index) => report(list[index][0], outcome));
}

mkdirSync('.tmp', { recursive: true });
await checksInParallel([
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
]);
const built = check('build chrome-mv3', 'npx', ['wxt', 'build']);
const builtFirefox = check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
// web-ext lint only reads .output/firefox-mv2 and half its 17 s is waiting: it runs beside the store build (which
// writes .output/store only), its output printed when it ends.
const webExtLint = builtFirefox
  ? captured('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted', '--no-input'])
  : null;
// The store build must leave the manifest `key` out: the Chrome Web Store refuses uploads that carry one.
// Spawned, not spawnSync: web-ext lint's output must keep flowing meanwhile.
if (await runAsync('build for the stores', 'npx', ['wxt', 'build'], { PO_ASSIST_STORE: '1' })) {
  const manifest = JSON.parse(readFileSync('.output/store/chrome-mv3/manifest.json', 'utf8'));
  const ok = !('key' in manifest);
  console.log(ok ? 'store manifest has no key' : '!!! the store manifest carries a key');
  checks[ok ? 'passed' : 'failed'] += 1;
} else {
  checks.failed += 1;
}
if (webExtLint) {
  report('web-ext lint (firefox)', await webExtLint);
} else {
  console.log('!!! web-ext lint (firefox) not run: no Firefox build');
  checks.failed += 1;
}

results.push(await vitestSuite('unit', []));
// The browsers' suites one after the other: side by side on 2 cores they saved under a minute (7 min 47 s against
// 8 min 34 s) and Firefox's waits timed out.
results.push(
  built
    ? await vitestSuite('e2e', ['--config', 'vitest.e2e.config.ts'])
    : { name: 'e2e', passed: 0, failed: 1, skipped: 0 },
);
// The same journeys in Firefox ESR (test/e2e/firefox/, the built .output/firefox-mv2).
results.push(
  builtFirefox
    ? await vitestSuite('firefox-e2e', ['--config', 'vitest.firefox.config.ts'])
    : { name: 'firefox-e2e', passed: 0, failed: 1, skipped: 0 },
);

console.log('\n=== summary');
console.log(`checks: ${checks.passed} passed, ${checks.failed} failed`);
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
}
const failed = checks.failed + results.reduce((sum, r) => sum + r.failed, 0);
process.exit(failed === 0 ? 0 : 1);
