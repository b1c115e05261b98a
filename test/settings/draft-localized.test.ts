import { describe, expect, it } from 'vitest';
import { draftFromPolicy, patchRow, policyFromDraft } from '@/lib/settings/draft';

const policy = {
  version: 1,
  help: { en: 'Ask finance.', de: 'Fragen Sie die Buchhaltung.' },
  formats: [{ id: 'dept', label: { de: 'Abteilungs-PO', en: 'Department PO' }, template: '{dept}' }],
  fields: {
    dept: {
      type: 'list',
      label: { ja: '部署' },
      values: [{ code: 'ENG', label: { en: 'Engineering', fr: 'Ingénierie' } }],
    },
  },
};

describe('admin texts per language in the options editor', () => {
  it('come back from the form as given', () => {
    const draft = draftFromPolicy(policy);
    expect(draft).not.toBeNull();
    expect(policyFromDraft(draft!)).toEqual(policy);
  });

  it('show the English text (else the first) in the form, and editing it keeps the other languages', () => {
    const draft = draftFromPolicy(policy)!;
    expect(draft.help).toBe('Ask finance.');
    expect(draft.formats[0]!.label).toBe('Department PO');
    expect(draft.fields[0]!.label).toBe('部署');
    const edited = {
      ...draft,
      help: 'Ask the finance team.',
      formats: [patchRow(draft.formats[0]!, { label: 'Dept PO' } as never)],
    };
    const out = policyFromDraft(edited) as typeof policy;
    expect(out.help).toEqual({ en: 'Ask the finance team.', de: 'Fragen Sie die Buchhaltung.' });
    expect(out.formats[0]!.label).toEqual({ de: 'Abteilungs-PO', en: 'Dept PO' });
  });
});
