/**
 * Live help for one format while it is typed: the template checked on its own (braces, placeholders, fields the
 * draft does not declare), and an example PO built from it with the draft's fields. Pure.
 */
import { t } from '@/lib/i18n';
import { describeFormats } from '@/lib/policy/describe';
import { parsePolicy } from '@/lib/policy/schema';
import { isBuiltinPart, parseTemplate } from '@/lib/policy/template';
import { templateProblemSentence } from '@/lib/policy-words';
import { policyFromDraft, type PolicyDraft } from './draft';

export type TemplateCheck = { ok: true; fields: string[] } | { ok: false; problems: string[] };

/** The template alone: its syntax, and placeholders that are neither built in nor among `fieldNames`. */
export function checkTemplate(template: string, fieldNames: readonly string[]): TemplateCheck {
  if (template === '') return { ok: false, problems: [t('template_empty')] };
  const parsed = parseTemplate(template);
  if (!parsed.ok) return { ok: false, problems: [templateProblemSentence(parsed)] };
  const known = new Set(fieldNames);
  const problems: string[] = [];
  const fields: string[] = [];
  for (const segment of parsed.segments) {
    if (segment.kind !== 'field') continue;
    fields.push(segment.name);
    if (known.has(segment.name)) continue;
    const lower = segment.name.toLowerCase();
    problems.push(
      isBuiltinPart(lower)
        ? t('template_builtinCase', [segment.name, segment.column, lower])
        : t('template_unknownField', [segment.name, segment.column]),
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fields };
}

/**
 * An example PO for format `index` as the draft stands, generated for `now` (first code of each list), or null
 * when the format or one of the fields it uses is not valid yet. Other formats' problems do not matter here.
 */
export function liveExample(draft: PolicyDraft, index: number, now: Date): string | null {
  const format = draft.formats[index];
  if (!format || 'raw' in format) return null;
  const parsedTemplate = parseTemplate(format.template);
  if (!parsedTemplate.ok) return null;
  const written = policyFromDraft(draft);
  const allFields = (typeof written.fields === 'object' && written.fields !== null ? written.fields : {}) as Record<
    string,
    unknown
  >;
  const used: Record<string, unknown> = {};
  for (const segment of parsedTemplate.segments) {
    if (segment.kind === 'field' && Object.prototype.hasOwnProperty.call(allFields, segment.name))
      used[segment.name] = allFields[segment.name];
  }
  const single = parsePolicy({
    version: 1,
    ...(written.caseInsensitive !== undefined ? { caseInsensitive: written.caseInsensitive } : {}),
    formats: [{ id: 'example', template: format.template }],
    fields: used,
  });
  if (!single.ok) return null;
  return describeFormats(single.policy, { now })[0]?.example ?? null;
}
