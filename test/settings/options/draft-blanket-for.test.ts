import { describe, expect, it } from 'vitest';
import {
  draftFromPolicy,
  patchFor,
  patchRow,
  policyFromDraft,
  removeKeptValue,
  replaceAt,
  type PolicyDraft,
} from '@/lib/settings/draft';
import { checkDraft } from '@/lib/settings/editor-state';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

const withBlanket = (entry: unknown) => ({ ...SAMPLE_POLICY, blanketPos: [entry] });
const blanketOf = (draft: PolicyDraft) => (policyFromDraft(draft) as { blanketPos: unknown[] }).blanketPos[0];
const editBlanket = (draft: PolicyDraft, edit: (entry: PolicyDraft['blanketPos'][number]) => unknown) => ({
  ...draft,
  blanketPos: replaceAt(draft.blanketPos, 0, edit(draft.blanketPos[0]!) as PolicyDraft['blanketPos'][number]),
});

describe('options editor: a blanket PO’s owner and who may use it (blanketPos[].owner, .for)', () => {
  const entry = {
    po: 'BPO-1',
    owner: 'Dana Reyes',
    for: { groups: ['Marketing', 'Brand team'], emailDomains: ['acme.example'] },
  };

  it('shows them in their controls, one group or domain per line, and saves them back unchanged', () => {
    const draft = draftFromPolicy(withBlanket(entry))!;
    expect(draft.blanketPos[0]).toMatchObject({
      owner: 'Dana Reyes',
      groups: 'Marketing\nBrand team',
      emailDomains: 'acme.example',
      forExtra: {},
      extra: {},
    });
    expect(blanketOf({ ...draft, help: 'changed' })).toEqual(entry);
  });

  it('writes what the admin types: lines trimmed, blank lines dropped, an owner and a `for` added', () => {
    let draft = draftFromPolicy(withBlanket({ po: 'BPO-1' }))!;
    draft = editBlanket(draft, (row) => patchRow(row, { owner: 'Finance' }));
    draft = editBlanket(draft, (row) => patchFor(row, { groups: ' Marketing \n\n Sales\n' }));
    draft = editBlanket(draft, (row) => patchFor(row, { emailDomains: 'acme.example' }));
    expect(blanketOf(draft)).toEqual({
      po: 'BPO-1',
      owner: 'Finance',
      for: { groups: ['Marketing', 'Sales'], emailDomains: ['acme.example'] },
    });
    expect(checkDraft(draft).valid).toBe(true);
  });

  it('leaves `for` out (everyone may use it) once both lists are cleared', () => {
    let draft = draftFromPolicy(withBlanket(entry))!;
    draft = editBlanket(draft, (row) => patchFor(row, { groups: '' }));
    expect(blanketOf(draft)).toEqual({ ...entry, for: { emailDomains: ['acme.example'] } });
    draft = editBlanket(draft, (row) => patchFor(row, { emailDomains: '  \n' }));
    expect(blanketOf(draft)).toEqual({ po: 'BPO-1', owner: 'Dana Reyes' });
  });

  it.each([
    ['an empty `for` (nobody may use it)', { po: 'BPO-1', for: {} }],
    ['an empty list', { po: 'BPO-1', for: { groups: [], emailDomains: ['acme.example'] } }],
    ['an unknown key inside `for`', { po: 'BPO-1', for: { teams: ['Marketing'] } }],
    ['a list given as text', { po: 'BPO-1', for: { groups: 'Marketing' } }],
    ['a `for` that is not an object', { po: 'BPO-1', for: 'everyone' }],
    ['an owner that is not text', { po: 'BPO-1', owner: 42 }],
  ])('keeps %s exactly as written', (_, written) => {
    const draft = draftFromPolicy(withBlanket(written))!;
    expect(blanketOf({ ...draft, help: 'changed' })).toEqual(written);
  });

  it('places the problems of `for` and `owner` at their controls', () => {
    const long = 'G'.repeat(200);
    const draft = draftFromPolicy(
      withBlanket({ po: 'BPO-1', owner: '', for: { groups: [long], emailDomains: ['d'.repeat(300)] } }),
    )!;
    const check = checkDraft(draft);
    expect(parsePolicy(policyFromDraft(draft)).ok).toBe(false);
    expect(check.problems.map((problem) => problem.controlId).sort()).toEqual([
      'pol-blanket-0-domains',
      'pol-blanket-0-groups',
      'pol-blanket-0-owner',
    ]);
  });

  it('offers to remove an unknown key inside `for`, keeping the lists', () => {
    const draft = draftFromPolicy(withBlanket({ po: 'BPO-1', for: { groups: ['Marketing'], teams: ['x'] } }))!;
    const removed = removeKeptValue(draft, ['blanketPos', 0, 'for', 'teams'])!;
    expect(blanketOf(removed)).toEqual({ po: 'BPO-1', for: { groups: ['Marketing'] } });
  });
});
