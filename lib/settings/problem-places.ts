/**
 * Where each policy problem belongs in the editor: its path (`formats[1].template`, `fields.dept.values[2].code`)
 * mapped to the id of the control that edits it, with a plain location and a sentence to show next to it (the
 * problem's words from lib/policy-words.ts). Pure.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { PolicyProblem } from '@/lib/policy/schema';
import { problemSentence, problemText } from '@/lib/policy-words';
import { removeKeptValue, type DraftProblem, type PolicyDraft } from './draft';

export type PathSegment = string | number;

/** The editor's sections, for counts in the navigation and the error summary. */
export type SectionId = 'general' | 'formats' | 'fields' | 'blanketPos' | 'selectors' | 'policy';

export interface PlacedProblem {
  path: string;
  /** The problem in words (lib/policy-words.ts problemText). */
  message: string;
  /** A sentence for next to the control: "Template must not be empty." */
  text: string;
  /** Where, for the summary: "Format 2 (Project order), template". */
  location: string;
  /** The control that edits the value, or null when the form has none (the JSON view does). */
  controlId: string | null;
  section: SectionId;
  /** A value the form keeps as written (an unknown property): the editor can remove it. */
  removable: boolean;
  segments: PathSegment[];
}

/** Reads a path written by formatPath back into segments; null when it is not one. */
export function parsePath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      if (path[i + 1] === '"') {
        // A JSON string up to the unescaped closing quote, then "]".
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        if (path[j + 1] !== ']') return null;
        try {
          segments.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return null;
        }
        i = j + 2;
        continue;
      }
      const match = /^\[(\d+)\]/.exec(path.slice(i));
      if (!match) return null;
      segments.push(Number(match[1]));
      i += match[0].length;
      continue;
    }
    if (path[i] === '.' && segments.length > 0) i += 1;
    const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i));
    if (!match) return null;
    segments.push(match[0]);
    i += match[0].length;
  }
  return segments;
}

interface Place {
  controlId: string | null;
  /** The row or area, for the summary ("Format 2 (Project order)"). */
  where: string;
  /** The control's name within it ("Template"); '' when the problem is about the row itself. */
  control: string;
  section: SectionId;
}

const GENERAL: Record<string, { id: (draft: PolicyDraft) => string; name: MessageKey }> = {
  version: { id: () => 'pol-version', name: 'place_version' },
  enforcement: { id: (draft) => `pol-enforcement-${draft.enforcement ?? 'warn'}`, name: 'place_enforcement' },
  required: { id: () => 'pol-required', name: 'place_required' },
  caseInsensitive: { id: () => 'pol-case', name: 'policyForm_caseInsensitive' },
  maxLength: { id: () => 'pol-maxlength', name: 'place_maxLength' },
  reuse: { id: (draft) => `pol-reuse-${draft.reuse ?? 'warn'}`, name: 'place_reuse' },
  help: { id: () => 'pol-help', name: 'policyForm_help' },
};

const FORMAT_CONTROLS: Record<string, MessageKey> = {
  id: 'policyForm_id',
  label: 'policyForm_name',
  template: 'policyForm_template',
  example: 'policyForm_example',
};
const FIELD_CONTROLS: Record<string, [suffix: string, name: MessageKey]> = {
  type: ['type', 'policyForm_fieldType'],
  label: ['label', 'policyForm_fieldLabel'],
  charset: ['charset', 'policyForm_charset'],
  minLength: ['min', 'policyForm_shortest'],
  maxLength: ['max', 'policyForm_longest'],
};
const BLANKET_CONTROLS: Record<string, [suffix: string, name: MessageKey]> = {
  po: ['po', 'policyForm_blanketPo'],
  label: ['label', 'policyForm_name'],
  validFrom: ['from', 'policyForm_validFrom'],
  validTo: ['to', 'policyForm_validTo'],
  owner: ['owner', 'policyForm_blanketOwner'],
  budget: ['amount', 'policyForm_budget'],
};

function formatName(draft: PolicyDraft, index: number): string {
  const format = draft.formats[index];
  const name = format?.label || format?.id;
  return name ? t('name_formatLabelled', [index + 1, name]) : t('name_format', index + 1);
}

function fieldName(index: number, name: string): string {
  return name ? t('name_field', name) : t('name_fieldNumber', index + 1);
}

function place(draft: PolicyDraft, segments: readonly PathSegment[]): Place {
  const [head, second, third, fourth, fifth] = segments;
  const none: Place = { controlId: null, where: t('place_policy'), control: '', section: 'policy' };
  if (head === undefined) return none;

  if (typeof head === 'string' && head in GENERAL && segments.length === 1) {
    const general = GENERAL[head]!;
    const name = t(general.name);
    return { controlId: general.id(draft), where: name, control: name, section: 'general' };
  }

  if (head === 'formats') {
    const formats = t('policyForm_formats');
    if (second === undefined)
      return { controlId: 'pol-formats-add', where: formats, control: formats, section: 'formats' };
    if (typeof second !== 'number' || !draft.formats[second]) return { ...none, section: 'formats', where: formats };
    const where = formatName(draft, second);
    const format = draft.formats[second]!;
    if ('raw' in format) return { controlId: `pol-format-${second}-id`, where, control: where, section: 'formats' };
    if (typeof third === 'string' && third in FORMAT_CONTROLS && segments.length === 3) {
      return {
        controlId: `pol-format-${second}-${third}`,
        where,
        control: t(FORMAT_CONTROLS[third]!),
        section: 'formats',
      };
    }
    return {
      controlId: `pol-format-${second}-id`,
      where,
      control: segments.length === 2 ? where : '',
      section: 'formats',
    };
  }

  if (head === 'fields') {
    const fields = t('policyForm_fields');
    if (second === undefined) return { controlId: 'pol-fields-add', where: fields, control: fields, section: 'fields' };
    const index = draft.fields.findIndex((field) => field.name === second);
    const field = draft.fields[index];
    if (!field) return { controlId: 'pol-fields-add', where: fields, control: '', section: 'fields' };
    const where = fieldName(index, field.name);
    const id = (suffix: string) => `pol-field-${index}-${suffix}`;
    const atName: Place = {
      controlId: id('name'),
      where,
      control: segments.length === 2 ? where : '',
      section: 'fields',
    };
    if ('raw' in field || third === undefined) return atName;
    if (third === 'values') {
      if (field.type !== 'list') return { controlId: id('type'), where, control: '', section: 'fields' };
      if (fourth === undefined)
        return { controlId: id('values-add'), where, control: t('place_codes'), section: 'fields' };
      const value = typeof fourth === 'number' ? field.values[fourth] : undefined;
      if (!value || typeof fourth !== 'number')
        return { controlId: id('values-add'), where, control: '', section: 'fields' };
      const codeWhere = value.code
        ? t('name_codeLabelled', [where, fourth + 1, value.code])
        : t('name_code', [where, fourth + 1]);
      if (fifth === 'label' && segments.length === 5 && !('raw' in value)) {
        return {
          controlId: `${id('value')}-${fourth}-label`,
          where: codeWhere,
          control: t('policyForm_name'),
          section: 'fields',
        };
      }
      const control =
        fifth === 'code' && segments.length === 5
          ? t('policyForm_code')
          : segments.length === 4
            ? t('place_codeNumber', fourth + 1)
            : '';
      return { controlId: `${id('value')}-${fourth}-code`, where: codeWhere, control, section: 'fields' };
    }
    const known = typeof third === 'string' ? FIELD_CONTROLS[third] : undefined;
    if (known && segments.length === 3) {
      // Controls of another type are not on the page: the type control is where to change that.
      const shown =
        third === 'type' ||
        third === 'label' ||
        (field.type === 'text' && third !== 'type') ||
        (field.type === 'digits' && third !== 'charset');
      if (!shown) return { controlId: id('type'), where, control: '', section: 'fields' };
      return { controlId: id(known[0]), where, control: t(known[1]), section: 'fields' };
    }
    return { ...atName, control: '' };
  }

  if (head === 'blanketPos') {
    const blanketPos = t('policyForm_blanketPos');
    if (second === undefined)
      return { controlId: 'pol-blanket-add', where: blanketPos, control: blanketPos, section: 'blanketPos' };
    const entry = typeof second === 'number' ? draft.blanketPos[second] : undefined;
    if (!entry || typeof second !== 'number') return { ...none, where: blanketPos, section: 'blanketPos' };
    const label = entry.label || entry.po;
    const where = label ? t('name_blanketLabelled', [second + 1, label]) : t('name_blanket', second + 1);
    const id = (suffix: string) => `pol-blanket-${second}-${suffix}`;
    if ('raw' in entry || third === undefined)
      return { controlId: id('po'), where, control: segments.length === 2 ? where : '', section: 'blanketPos' };
    if (third === 'budget' && fourth !== undefined) {
      if (fourth === 'currencyCode' && segments.length === 4) {
        return { controlId: id('currency'), where, control: t('policyForm_currency'), section: 'blanketPos' };
      }
      if (fourth === 'amount' && segments.length === 4)
        return { controlId: id('amount'), where, control: t('policyForm_budget'), section: 'blanketPos' };
      return { controlId: id('amount'), where, control: '', section: 'blanketPos' };
    }
    if (third === 'for') {
      if (fourth === 'emailDomains')
        return { controlId: id('domains'), where, control: t('policyForm_blanketDomains'), section: 'blanketPos' };
      if (fourth === 'groups')
        return { controlId: id('groups'), where, control: t('policyForm_blanketGroups'), section: 'blanketPos' };
      return { controlId: id('groups'), where, control: '', section: 'blanketPos' };
    }
    const known = typeof third === 'string' ? BLANKET_CONTROLS[third] : undefined;
    if (known && segments.length === 3)
      return { controlId: id(known[0]), where, control: t(known[1]), section: 'blanketPos' };
    return { controlId: id('po'), where, control: '', section: 'blanketPos' };
  }

  if (head === 'selectors') {
    if (second === 'poField' || second === 'submit') {
      const name = t(second === 'poField' ? 'policyForm_poFieldSelectors' : 'policyForm_submitSelectors');
      if (typeof third === 'number')
        return {
          controlId: `pol-selectors-${second}`,
          where: name,
          control: t('place_line', third + 1),
          section: 'selectors',
        };
      return { controlId: `pol-selectors-${second}`, where: name, control: name, section: 'selectors' };
    }
    const selectors = t('place_selectors');
    if (second === undefined)
      return { controlId: 'pol-selectors-poField', where: selectors, control: selectors, section: 'selectors' };
    return { controlId: null, where: t('place_selectorsFor', String(second)), control: '', section: 'selectors' };
  }
  return none;
}

function isKeptValue(draft: PolicyDraft, segments: PathSegment[], problem: PolicyProblem): boolean {
  return problem.code === 'unknown-property' && removeKeptValue(draft, segments) !== null;
}

/** Places every problem of the policy written from `draft`, then the draft's own problems. */
export function placeProblems(
  draft: PolicyDraft,
  problems: readonly PolicyProblem[],
  own: readonly DraftProblem[] = [],
): PlacedProblem[] {
  const placed = problems.map((problem): PlacedProblem => {
    const words = problemText(problem);
    const segments = parsePath(problem.path) ?? [];
    const at = place(draft, segments);
    const location =
      at.control && at.control !== at.where
        ? t('place_location', [at.where, at.control.toLocaleLowerCase(t('locale'))])
        : at.where;
    return {
      path: problem.path,
      message: words,
      text: problemSentence(at.control, problem),
      location,
      controlId: at.controlId,
      section: at.section,
      removable: isKeptValue(draft, segments, problem),
      segments,
    };
  });
  for (const problem of own) {
    placed.push({
      path: '',
      message: problem.message,
      text: problem.message,
      location: problem.location,
      controlId: problem.controlId,
      section: 'fields',
      removable: false,
      segments: [],
    });
  }
  return placed;
}

/** The problems to show next to each control. */
export function problemsByControl(placed: readonly PlacedProblem[]): Map<string, PlacedProblem[]> {
  const byControl = new Map<string, PlacedProblem[]>();
  for (const problem of placed) {
    if (!problem.controlId) continue;
    const list = byControl.get(problem.controlId) ?? [];
    list.push(problem);
    byControl.set(problem.controlId, list);
  }
  return byControl;
}

export function countBySection(placed: readonly PlacedProblem[]): Record<SectionId, number> {
  const counts: Record<SectionId, number> = {
    general: 0,
    formats: 0,
    fields: 0,
    blanketPos: 0,
    selectors: 0,
    policy: 0,
  };
  for (const problem of placed) counts[problem.section] += 1;
  return counts;
}
