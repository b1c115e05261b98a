import { describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { parseManagedValues } from '@/lib/storage/managed';
import { problemSummary, resolvePolicy, type PolicySources } from '@/lib/storage/resolve';

const tagged = (help: string) => ({ ...SAMPLE_POLICY, help });
const ADMIN = tagged('admin');
const REMOTE = tagged('remote');
const USER = tagged('user');
const BROKEN = { version: 1, formats: [] };

type State = 'absent' | 'good' | 'broken';
const value = (state: State, good: unknown) => (state === 'absent' ? undefined : state === 'good' ? good : BROKEN);
const states: State[] = ['absent', 'good', 'broken'];

// Every combination of present, absent and broken sources, with and without last good values and the lock.
const cases = states.flatMap((admin) =>
  states.flatMap((remote) =>
    states.flatMap((user) =>
      [false, true].flatMap((lastGood) => [false, true].map((lock) => ({ admin, remote, user, lastGood, lock }))),
    ),
  ),
);

function expected({ admin, remote, user, lastGood, lock }: (typeof cases)[number]): string | null {
  if (admin === 'good') return 'admin';
  if (admin === 'broken') return lastGood ? 'admin' : null;
  if (remote === 'good') return 'remote';
  if (remote === 'broken' && lastGood) return 'remote';
  if (remote !== 'absent' && lock) return null;
  return user === 'good' ? 'user' : null;
}

describe('resolvePolicy layering: admin, then policyUrl, then the user', () => {
  it.each(cases)('admin $admin, remote $remote, user $user, last good $lastGood, locked $lock', (c) => {
    const sources: PolicySources = {
      admin: value(c.admin, ADMIN),
      adminLastGood: c.lastGood ? ADMIN : undefined,
      remote: value(c.remote, REMOTE),
      remoteLastGood: c.lastGood ? REMOTE : undefined,
      remoteConfigured: c.remote !== 'absent',
      user: value(c.user, USER),
      lockUserPolicy: c.lock,
    };
    const result = resolvePolicy(sources);
    const source = expected(c);
    expect(result.source).toBe(source);
    expect(result.policy?.help ?? null).toBe(source);
    // Every broken source that was consulted is reported, and none that was not.
    const reported = result.broken.map((report) => report.source);
    if (c.admin === 'broken') expect(reported).toContain('admin');
    if (c.admin === 'absent' && c.remote === 'broken') expect(reported).toContain('remote');
    if (c.admin !== 'absent') expect(reported).not.toContain('user');
    expect(result.userLocked).toBe(c.lock || c.admin !== 'absent' || source === 'remote');
  });

  it('says in one line why the guard stands down', () => {
    const result = resolvePolicy({ admin: BROKEN, user: USER });
    expect(problemSummary(result)).toMatch(/^your organization's PO policy has (a problem|\d+ problems) \(/);
    expect(problemSummary(resolvePolicy({ admin: ADMIN, user: null }))).toBeNull();
    expect(problemSummary(resolvePolicy({ admin: null, user: null }))).toBeNull();
  });

  it('reads a policy given as a JSON string, as admins sometimes deliver it', () => {
    expect(resolvePolicy({ admin: JSON.stringify(ADMIN), user: null }).source).toBe('admin');
  });
});

describe('parseManagedValues: each admin key on its own', () => {
  it('keeps the good keys when one is broken, and reports the broken one', () => {
    const result = parseManagedValues({
      region: 'GB',
      tokenBrokerUrl: 'https://broker.example.com/t',
      lockUserPolicy: true,
    });
    expect(result.values).toEqual({ tokenBrokerUrl: 'https://broker.example.com/t', lockUserPolicy: true });
    expect(result.problems).toEqual([
      { key: 'region', message: expect.stringContaining('must be one of US'), usingLastGood: false },
    ]);
  });

  it('falls back to the last good value of a key that turns bad', () => {
    const result = parseManagedValues(
      { policyUrl: 'http://policy.example.com/p.json' },
      { policyUrl: 'https://policy.example.com/p.json' },
    );
    expect(result.values.policyUrl).toBe('https://policy.example.com/p.json');
    expect(result.problems).toEqual([
      { key: 'policyUrl', message: 'policyUrl must be a full https:// address', usingLastGood: true },
    ]);
  });

  it('reports keys that are not PO Assist settings', () => {
    expect(parseManagedValues({ polcyUrl: 'x' }).problems).toEqual([
      { key: 'polcyUrl', message: 'polcyUrl is not a PO Assist setting and is ignored', usingLastGood: false },
    ]);
  });

  it('refuses a non-boolean lock', () => {
    expect(parseManagedValues({ lockUserPolicy: 'yes' }).problems[0]?.message).toBe(
      'lockUserPolicy must be true or false',
    );
  });
});

describe('admin URLs', () => {
  it.each([['http://policy.example.com/p.json'], ['https://user:secret@policy.example.com/p.json'], ['not a url']])(
    'refuses %s as a policyUrl or token broker',
    (url) => {
      const result = parseManagedValues({ policyUrl: url, tokenBrokerUrl: url });
      expect(result.values).toEqual({});
      expect(result.problems.map((problem) => problem.key)).toEqual(['policyUrl', 'tokenBrokerUrl']);
    },
  );
});
