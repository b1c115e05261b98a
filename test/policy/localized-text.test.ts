import { verdictMessage } from '@/lib/policy-words';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '@/lib/policy/schema';
import { localizePolicy, pickText } from '@/lib/policy/localized-text';
import { validatePo } from '@/lib/policy/validate';
import { renderManagedSchema } from '../../scripts/gen-managed-schema';

const texts = { en: 'Department', de: 'Abteilung', 'pt-BR': 'Departamento' };

describe('pickText', () => {
  it('picks the UI language by its primary subtag, then English, then the first given', () => {
    expect(pickText(texts, 'de-DE')).toBe('Abteilung');
    expect(pickText(texts, 'pt-BR')).toBe('Departamento');
    expect(pickText(texts, 'pt-PT')).toBe('Departamento');
    expect(pickText(texts, 'ja')).toBe('Department');
    expect(pickText({ fr: 'Service', ja: '部署' }, 'de')).toBe('Service');
    expect(pickText('Cost centre', 'ja')).toBe('Cost centre');
    expect(pickText(undefined, 'ja')).toBeUndefined();
  });
});

describe('admin texts per language', () => {
  const input = {
    version: 1,
    help: { en: 'Ask finance.', de: 'Fragen Sie die Buchhaltung.' },
    formats: [{ id: 'dept', label: { en: 'Department PO', de: 'Abteilungs-PO' }, template: '{dept}-{n}' }],
    fields: {
      dept: { type: 'list', label: texts, values: [{ code: 'ENG', label: { en: 'Engineering', de: 'Technik' } }] },
      n: { type: 'digits', label: 'Number', minLength: 3, maxLength: 3 },
    },
  };

  it('are accepted by the schema and kept as given', () => {
    const parsed = parsePolicy(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.policy.help).toEqual(input.help);
    expect(parsed.policy.fields.dept!.label).toEqual(texts);
  });

  it('refuse an empty object and keys that are not language tags', () => {
    expect(parsePolicy({ ...input, help: {} }).ok).toBe(false);
    expect(parsePolicy({ ...input, help: { 'not a tag': 'x' } }).ok).toBe(false);
  });

  it('show in the UI language in the diagnosis, and in English by default', () => {
    const parsed = parsePolicy(input);
    if (!parsed.ok) throw new Error('invalid');
    const german = localizePolicy(parsed.policy, 'de-DE');
    expect(german.help).toBe('Fragen Sie die Buchhaltung.');
    expect(german.formats[0]!.label).toBe('Abteilungs-PO');
    const de = validatePo(german, 'XXX-123', { now: new Date() });
    const en = validatePo(parsed.policy, 'XXX-123', { now: new Date() });
    expect(de.valid || en.valid).toBe(false);
    if (!de.valid && !en.valid) {
      expect(verdictMessage(de)).toContain('Abteilung');
      expect(verdictMessage(en)).toContain('Department');
    }
  });

  it('are single strings in the Chrome managed schema, which has no unions', () => {
    const policy = JSON.parse(renderManagedSchema()).properties.policy;
    expect(policy.properties.help.type).toBe('string');
    expect(policy.properties.formats.items.properties.label.type).toBe('string');
  });
});
