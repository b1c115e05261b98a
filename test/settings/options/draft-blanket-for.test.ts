import { describe, expect, it } from 'vitest';
import { draftFromPolicy, policyFromDraft } from '@/lib/settings/draft';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

describe('options editor keeps blanketPos[].owner and .for', () => {
  it('saves them back unchanged after an edit elsewhere', () => {
    const entry = { po: 'BPO-1', owner: 'Dana Reyes', for: { groups: ['Marketing'], emailDomains: ['acme.example'] } };
    const draft = draftFromPolicy({ ...SAMPLE_POLICY, blanketPos: [entry] })!;
    const saved = policyFromDraft({ ...draft, help: 'changed' }) as { blanketPos: unknown[] };
    expect(saved.blanketPos).toEqual([entry]);
  });
});
