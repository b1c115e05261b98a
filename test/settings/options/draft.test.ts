import { describe, expect, it } from 'vitest';
import {
  blankField,
  canonicalJson,
  draftFromPolicy,
  draftProblems,
  emptyDraft,
  moveItem,
  patchDraft,
  patchRow,
  policyFromDraft,
  removeKeptValue,
  replaceAt,
} from '@/lib/settings/draft';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

describe('draft ↔ policy', () => {
  it.each([
    ['the sample policy', SAMPLE_POLICY],
    ['a minimal policy (defaults left out)', { version: 1, formats: [{ id: 'a', template: 'PO-{yyyy}' }] }],
    [
      'a digits field with default lengths',
      { version: 1, formats: [{ id: 'a', template: '{n}' }], fields: { n: { type: 'digits' } } },
    ],
    ['a blanket PO without budget', { version: 1, formats: [{ id: 'a', template: 'X' }], blanketPos: [{ po: 'B-1' }] }],
    [
      'only submit selectors',
      { version: 1, formats: [{ id: 'a', template: 'X' }], selectors: { submit: ['#go', 'button.buy'] } },
    ],
  ])('round-trips %s unchanged', (_name, policy) => {
    expect(policyFromDraft(draftFromPolicy(policy)!)).toStrictEqual(policy);
  });

  it('keeps what the form cannot show, so parsePolicy still reports it at its own path', () => {
    const written = {
      version: 2,
      enforcment: 'block',
      required: 'yes',
      maxLength: '30',
      formats: [{ id: 'a', template: '{x}', exampel: 'A' }, 'not a format'],
      fields: {
        x: { type: 'regex', pattern: '.*' },
        y: 'MKT',
        z: { type: 'list', values: [{ code: 'A', colour: 'red' }] },
      },
      blanketPos: [{ po: 'B', budget: { amount: '5', currencyCode: 'USD' }, label: '' }],
      selectors: { poField: ['#a', 7], other: ['#b'] },
    };
    const draft = draftFromPolicy(written)!;
    expect(policyFromDraft(draft)).toStrictEqual(written);
    const result = parsePolicy(policyFromDraft(draft));
    expect(result.ok).toBe(false);
    const paths = !result.ok ? result.problems.map((problem) => problem.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'version',
        'enforcment',
        'required',
        'maxLength',
        'formats[0].exampel',
        'formats[1]',
        'fields.x.type',
        'fields.y',
        'fields.z.values[0].colour',
        'blanketPos[0].budget.amount',
        'blanketPos[0].label',
        'selectors.poField[1]',
      ]),
    );
  });

  it('reports a field without a type rather than inventing a list', () => {
    const draft = draftFromPolicy({
      version: 1,
      formats: [{ id: 'a', template: '{x}' }],
      fields: { x: { values: [{ code: 'A' }] } },
    })!;
    expect(policyFromDraft(draft).fields).toStrictEqual({ x: { values: [{ code: 'A' }] } });
  });

  it('drops a kept value once its control is edited', () => {
    const draft = draftFromPolicy({
      version: 1,
      maxLength: 'thirty',
      formats: [{ id: 'a', template: 'X', label: 5 }],
    })!;
    const edited = patchDraft(draft, {
      maxLength: '30',
      formats: replaceAt(draft.formats, 0, patchRow(draft.formats[0]!, { label: 'Order' })),
    });
    expect(policyFromDraft(edited)).toStrictEqual({
      version: 1,
      maxLength: 30,
      formats: [{ id: 'a', label: 'Order', template: 'X' }],
    });
  });

  it('writes numbers typed as text as numbers, and other text as text for parsePolicy to report', () => {
    const draft = patchDraft(emptyDraft(), { maxLength: ' 12 ' });
    expect(policyFromDraft(draft).maxLength).toBe(12);
    expect(policyFromDraft(patchDraft(draft, { maxLength: 'twelve' })).maxLength).toBe('twelve');
    expect(policyFromDraft(patchDraft(draft, { maxLength: '' }))).not.toHaveProperty('maxLength');
  });

  it('keeps the codes of a list while its type is switched away and back', () => {
    const draft = draftFromPolicy(SAMPLE_POLICY)!;
    const dept = draft.fields[0]!;
    const asDigits = replaceAt(draft.fields, 0, patchRow(dept, { type: 'digits' }));
    expect(policyFromDraft({ ...draft, fields: asDigits }).fields).toMatchObject({
      dept: { type: 'digits', label: 'Department' },
    });
    const back = replaceAt(asDigits, 0, patchRow(asDigits[0]!, { type: 'list' }));
    expect(policyFromDraft({ ...draft, fields: back })).toStrictEqual(SAMPLE_POLICY);
  });

  it('reports two fields with one name, and writes only the first', () => {
    const draft = draftFromPolicy(SAMPLE_POLICY)!;
    const copy = { ...blankField(), name: 'dept', type: 'digits' as const };
    const twice = { ...draft, fields: [...draft.fields, copy] };
    expect(draftProblems(twice)).toEqual([
      {
        controlId: 'pol-field-3-name',
        location: 'Field 4, name',
        message: 'Field 1 is already named "dept": choose another name.',
      },
    ]);
    expect((policyFromDraft(twice).fields as Record<string, { type: string }>).dept!.type).toBe('list');
  });

  it('removes an unknown property kept as written', () => {
    const draft = draftFromPolicy({ version: 1, colour: 'red', formats: [{ id: 'a', template: 'X', exampel: 'X' }] })!;
    const once = removeKeptValue(draft, ['formats', 0, 'exampel'])!;
    const twice = removeKeptValue(once, ['colour'])!;
    expect(policyFromDraft(twice)).toStrictEqual({ version: 1, formats: [{ id: 'a', template: 'X' }] });
    expect(removeKeptValue(twice, ['colour'])).toBeNull();
  });

  it('moves rows, clamped to the list', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });

  it('compares policies regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, { f: 1, e: 2 }] } })).toBe(
      canonicalJson({ a: { c: [1, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });

  it('starts from an empty form that is not yet a valid policy', () => {
    const result = parsePolicy(policyFromDraft(emptyDraft()));
    expect(result.ok).toBe(false);
    expect(draftFromPolicy([1, 2])).toBeNull();
  });
});
