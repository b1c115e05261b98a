import { describe, expect, it } from 'vitest';
import { hintFormats } from '@/lib/checkout-guard/hint-formats';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

describe('the hint\'s "Expected:" examples', () => {
  it("shows today's example for a dated format, not the admin's stale one, and keeps undated examples", () => {
    const parsed = parsePolicy(SAMPLE_POLICY);
    if (!parsed.ok) throw new Error('sample policy does not parse');
    const formats = hintFormats(parsed.policy, new Date(2026, 11, 2, 9));
    expect(formats).toEqual([
      { id: 'dept', label: 'Department order', example: 'MKT-202612-0001' },
      { id: 'project', label: 'Project order', example: 'PRJ-ATLAS-0001' },
    ]);
  });
});
