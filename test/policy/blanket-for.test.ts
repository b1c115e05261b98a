import { describe, expect, it } from 'vitest';
import { blanketPosFor } from '@/lib/policy/blanket';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

const policy: Policy = {
  ...SAMPLE_POLICY,
  blanketPos: [
    { po: 'BPO-ALL', validFrom: '2026-01-01', validTo: '2026-12-31' },
    { po: 'BPO-MKT', for: { groups: ['Marketing'] } },
    { po: 'BPO-ACME', for: { emailDomains: ['@acme.example'] } },
    { po: 'BPO-OLD', validTo: '2025-12-31' },
    { po: 'BPO-NOBODY', for: {} },
  ],
};
const pos = (shopper: Parameters<typeof blanketPosFor>[1], today = '2026-06-01') =>
  blanketPosFor(policy, shopper, today).map((entry) => entry.po);

describe('blanketPosFor: the blanket POs a shopper may use', () => {
  it('offers an unknown shopper only the unrestricted ones valid today', () => {
    expect(pos({})).toEqual(['BPO-ALL']);
  });
  it('matches groups case-insensitively', () => {
    expect(pos({ groups: ['marketing '] })).toEqual(['BPO-ALL', 'BPO-MKT']);
    expect(pos({ groups: ['Engineering'] })).toEqual(['BPO-ALL']);
  });
  it("matches the email's domain exactly, not a look-alike", () => {
    expect(pos({ email: 'Kim@ACME.example' })).toEqual(['BPO-ALL', 'BPO-ACME']);
    expect(pos({ email: 'kim@notacme.example' })).toEqual(['BPO-ALL']);
    expect(pos({ email: 'kim@acme.example.evil' })).toEqual(['BPO-ALL']);
    expect(pos({ email: 'acme.example' })).toEqual(['BPO-ALL']);
  });
  it('still honours validity for a matching shopper', () => {
    expect(pos({ groups: ['Marketing'] }, '2027-01-05')).toEqual(['BPO-MKT']);
  });
  it('accepts owner and for in the schema, and refuses unknown keys inside for', () => {
    const good = parsePolicy({
      ...SAMPLE_POLICY,
      blanketPos: [{ po: 'BPO-1', owner: 'Dana (Marketing)', for: { groups: ['MKT'], emailDomains: ['a.example'] } }],
    });
    expect(good.ok).toBe(true);
    const bad = parsePolicy({ ...SAMPLE_POLICY, blanketPos: [{ po: 'BPO-1', for: { domains: ['a.example'] } }] });
    expect(bad.ok).toBe(false);
  });
});
