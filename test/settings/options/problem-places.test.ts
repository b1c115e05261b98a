import { describe, expect, it } from 'vitest';
import { draftFromPolicy, draftProblems, type PolicyDraft } from '@/lib/settings/draft';
import { countBySection, parsePath, placeProblems, problemsByControl } from '@/lib/settings/problem-places';
import { problemSentence } from '@/lib/policy-words';
import { formatPath, parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

function placedFor(policy: unknown, draft: PolicyDraft = draftFromPolicy(policy)!) {
  const result = parsePolicy(policy);
  if (result.ok) throw new Error('expected problems');
  return placeProblems(draft, result.problems, draftProblems(draft));
}

const withSample = (patch: Record<string, unknown>) => ({ ...structuredClone(SAMPLE_POLICY), ...patch });

describe('problem paths', () => {
  it.each([
    [['formats', 1, 'template']],
    [['fields', 'dept', 'values', 2, 'code']],
    [['fields', 'my field']],
    [['fields', '']],
    [['fields', 'a"b\\c', 'type']],
    [['selectors', 'poField', 0]],
    [[]],
  ])('reads back what formatPath writes: %j', (segments) => {
    expect(parsePath(formatPath(segments))).toEqual(segments);
  });

  it('refuses what is not a path', () => {
    expect(parsePath('formats[x]')).toBeNull();
    expect(parsePath('fields["open')).toBeNull();
  });
});

describe('placing problems at their controls', () => {
  it.each([
    [
      'a template',
      withSample({ formats: [SAMPLE_POLICY.formats[0], { id: 'p', label: 'Project order', template: 'PRJ-{dpt}' }] }),
      'pol-format-1-template',
      'Format 2 (Project order), template',
      /^Unknown field "dpt" at column 6\.$/,
    ],
    [
      'a duplicate code',
      withSample({
        fields: {
          ...SAMPLE_POLICY.fields,
          dept: { type: 'list', values: [{ code: 'MKT' }, { code: 'ENG' }, { code: 'mkt' }] },
        },
      }),
      'pol-field-0-value-2-code',
      'Field "dept", code 3 (mkt), code',
      /^Code "mkt" is listed twice \(also code 1\), ignoring case\.$/,
    ],
    [
      'an empty code',
      withSample({ fields: { ...SAMPLE_POLICY.fields, dept: { type: 'list', values: [{ code: '' }] } } }),
      'pol-field-0-value-0-code',
      'Field "dept", code 1, code',
      /^Code must not be empty\.$/,
    ],
    [
      'lengths the wrong way round',
      withSample({ fields: { ...SAMPLE_POLICY.fields, seq: { type: 'digits', minLength: 5, maxLength: 4 } } }),
      'pol-field-2-min',
      'Field "seq", shortest',
      /^The shortest \(5\) is more than the longest \(4\)\.$/,
    ],
    [
      'enforcement',
      withSample({ enforcement: 'stop' }),
      'pol-enforcement-warn',
      'What an invalid PO does',
      /^What an invalid PO does must be one of "block", "warn", "off"\.$/,
    ],
    [
      'a budget currency',
      withSample({ blanketPos: [{ po: 'B', budget: { amount: 5, currencyCode: 'usd' } }] }),
      'pol-blanket-0-currency',
      'Blanket PO 1 (B), currency',
      /^Currency must be a 3-letter currency code such as USD\.$/,
    ],
    [
      'a blanket date order',
      withSample({ blanketPos: [{ po: 'B', validFrom: '2026-02-01', validTo: '2026-01-01' }] }),
      'pol-blanket-0-to',
      'Blanket PO 1 (B), valid to',
      /before the "valid from" date 2026-02-01/,
    ],
    [
      'a selector',
      withSample({ selectors: { poField: ['#a', ''] } }),
      'pol-selectors-poField',
      'PO field selectors, line 2',
      /^Line 2 must not be empty\.$/,
    ],
    ['no formats', withSample({ formats: [] }), 'pol-formats-add', 'Formats', /^Formats must have at least 1 entry\.$/],
    [
      'a charset on a list field',
      withSample({
        fields: { ...SAMPLE_POLICY.fields, dept: { type: 'list', values: [{ code: 'A' }], charset: 'A-Z' } },
      }),
      'pol-field-0-type',
      'Field "dept"',
      /^Unknown property "charset"\.$/,
    ],
  ])('%s', (_what, policy, controlId, location, text) => {
    const placed = placedFor(policy);
    const problem = placed.find((p) => p.controlId === controlId);
    expect(problem, JSON.stringify(placed)).toBeDefined();
    expect(problem!.location).toBe(location);
    expect(problem!.text).toMatch(text);
  });

  it('finds a field by its name, wherever it is in the form', () => {
    const placed = placedFor({
      version: 1,
      formats: [{ id: 'a', template: '{ok}{bad name}' }],
      fields: { ok: { type: 'digits' }, 'bad name': { type: 'digits' } },
    });
    expect(placed.map((p) => [p.controlId, p.location])).toEqual([
      ['pol-field-1-name', 'Field "bad name"'],
      ['pol-format-0-template', 'Format 1 (a), template'],
    ]);
  });

  it('has no control for an unknown top-level key, but can remove it', () => {
    const [problem] = placedFor(withSample({ enforcment: 'block' }));
    expect(problem).toMatchObject({
      controlId: null,
      location: 'Policy',
      text: 'Unknown property "enforcment".',
      removable: true,
      section: 'policy',
    });
  });

  it('adds the draft’s own problems, groups them by control and counts them by section', () => {
    const draft = draftFromPolicy(SAMPLE_POLICY)!;
    draft.fields.push({ ...draft.fields[2]!, key: 'copy' });
    const placed = placeProblems(
      draft,
      [{ path: 'help', code: 'size', params: { of: 'text', bound: 'max', limit: 2000 } }],
      draftProblems(draft),
    );
    expect(problemsByControl(placed).get('pol-field-3-name')?.[0]?.text).toBe(
      'Field 3 is already named "seq": choose another name.',
    );
    expect(problemsByControl(placed).get('pol-help')?.[0]?.text).toBe(
      'Help text must be at most 2,000 characters long.',
    );
    expect(countBySection(placed)).toMatchObject({ general: 1, fields: 1, formats: 0 });
  });

  it('writes a sentence from a control name and a problem', () => {
    expect(problemSentence('Template', { path: 'formats[0].template', code: 'required', params: {} })).toBe(
      'Template is required.',
    );
    const unclosed = { column: 3, problem: { code: 'unclosed' } } as const;
    expect(problemSentence('Template', { path: 'formats[0].template', code: 'template', params: unclosed })).toBe(
      'Unclosed "{" at column 3.',
    );
    expect(problemSentence('', { path: '', code: 'wrong-type', params: { expected: 'object', found: 'list' } })).toBe(
      'Must be an object, not a list.',
    );
  });
});
