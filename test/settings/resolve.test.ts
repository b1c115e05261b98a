import { describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { resolvePolicy } from '@/lib/settings/resolve';

const userPolicy = { ...SAMPLE_POLICY, help: 'user policy' };
const adminPolicy = { ...SAMPLE_POLICY, help: 'admin policy' };
const broken = { version: 1, formats: [] };

describe('resolvePolicy', () => {
  it('uses nothing when no policy is set', () => {
    expect(resolvePolicy({ admin: null, user: null })).toMatchObject({ policy: null, source: null, broken: [], adminControlled: false });
  });

  it('uses the user policy when there is no admin policy', () => {
    const result = resolvePolicy({ admin: undefined, user: userPolicy });
    expect(result.source).toBe('user');
    expect(result.policy?.help).toBe('user policy');
  });

  it('overlays the admin policy over the user policy', () => {
    const result = resolvePolicy({ admin: adminPolicy, user: userPolicy });
    expect(result).toMatchObject({ source: 'admin', adminControlled: true });
    expect(result.policy?.help).toBe('admin policy');
  });

  it('a broken admin policy is reported and never replaced by the user policy', () => {
    const result = resolvePolicy({ admin: broken, user: userPolicy });
    expect(result.policy).toBeNull();
    expect(result.adminControlled).toBe(true);
    expect(result.broken[0]?.source).toBe('admin');
    expect(result.broken[0]?.problems.length).toBeGreaterThan(0);
  });

  it('a broken user policy is reported and the guard stands down', () => {
    const result = resolvePolicy({ admin: null, user: '{ not json' });
    expect(result.policy).toBeNull();
    expect(result.broken).toEqual([{ source: 'user', problems: expect.any(Array) }]);
  });
});
