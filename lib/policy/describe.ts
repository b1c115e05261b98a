import type { Policy } from './schema';
import type { FormatDescription } from './types';
import { compilePolicy, normaliseWith, type CompiledFormat } from './compile';
import { generatePo } from './generate';

export type { FormatDescription } from './types';

/** A few characters from a text field's set, letters and digits first: `A-Z0-9` with 3 to 8 gives `ABC`. */
function sampleText(chars: string, length: number): string {
  const alnum = [...chars].filter((c) => /[A-Za-z0-9]/.test(c));
  const pool = alnum.length > 0 ? alnum : [...chars];
  let text = '';
  for (let i = 0; i < length; i++) text += pool[i % pool.length];
  return text;
}

/** The policy's own example for a format, or one generated for `now` (first list code, first number). */
export function exampleFor(policy: Policy, format: CompiledFormat, now: Date): string {
  if (format.example) return normaliseWith(policy.caseInsensitive, format.example);
  const values = new Map<string, string>();
  for (const segment of format.segments) {
    if (segment.kind === 'list') values.set(segment.name, segment.codes[0]!);
    else if (segment.kind === 'text') values.set(segment.name, sampleText(segment.chars, segment.min));
  }
  // One format's example failing must not take the others (and the guard) down: fall back to its template.
  try {
    const generated = generatePo(policy, format.id, { now, values: Object.fromEntries(values), history: [] });
    return generated.ok ? generated.po : format.template;
  } catch {
    return format.template;
  }
}

/** Every format with an example, for hints such as "Expected: Department order — MKT-202611-0042". */
export function describeFormats(
  policy: Policy,
  /** `today`: generate today's example for templates with date parts (an admin's fixed one goes stale). */
  options: { now: Date; today?: boolean },
): FormatDescription[] {
  return compilePolicy(policy).formats.map((format) => {
    const dated = options.today && format.segments.some((segment) => segment.kind === 'date');
    return {
      id: format.id,
      label: format.label,
      template: format.template,
      example: exampleFor(policy, dated ? { ...format, example: undefined } : format, options.now),
    };
  });
}
