/**
 * The policies issue 7 §7 measures: a realistic large company (3 formats, 60 departments) and the largest policy the
 * schema allows in practice (20 formats, each over 500-code lists, just under the 256 KB cap). Shared by
 * `npm run bench` and the unit tests (test/policy/large-policy.test.ts).
 */

/** A deterministic code of `length` letters and digits, different for every `n`. */
function code(n: number, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let x = (n * 2654435761 + 12345) >>> 0;
  let text = alphabet[n % alphabet.length]! + alphabet[Math.floor(n / alphabet.length) % alphabet.length]!;
  while (text.length < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    text += alphabet[x % alphabet.length]!;
  }
  return text;
}

export const REALISTIC_LARGE_POLICY_INPUT = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  maxLength: 40,
  formats: [
    { id: 'dept', label: 'Department order', template: '{dept}-{yyyy}{mm}-{seq}' },
    { id: 'project', label: 'Project order', template: 'PRJ-{dept}-{proj}-{seq}' },
    { id: 'capex', label: 'Capital expense', template: 'CAPEX-{yy}Q{q}-{site}-{seq}' },
  ],
  fields: {
    dept: {
      type: 'list',
      label: 'Department',
      values: Array.from({ length: 60 }, (_, i) => ({
        code: `D${code(i, 3 + (i % 3))}`,
        label: `Department ${i + 1}`,
      })),
    },
    site: {
      type: 'list',
      label: 'Site',
      values: Array.from({ length: 25 }, (_, i) => ({ code: code(i + 500, 4), label: `Site ${i + 1}` })),
    },
    proj: { type: 'text', label: 'Project', charset: 'A-Z0-9', minLength: 3, maxLength: 10 },
    seq: { type: 'digits', minLength: 4, maxLength: 6 },
  },
  reuse: 'warn',
};

const LIST_COUNT = 20;
const CODES_PER_LIST = 500;

/**
 * 20 formats, each using two of 20 lists of 500 codes (4 to 8 characters, so tries of varying depth), a date and a
 * sequence: 10,000 codes, about 200 KB of JSON.
 */
export const LARGEST_POLICY_INPUT = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  formats: Array.from({ length: LIST_COUNT }, (_, i) => ({
    id: `f${i}`,
    label: `Format ${i}`,
    template: `{l${i}}-{l${(i + 1) % LIST_COUNT}}-{yyyy}{mm}-{seq}`,
  })),
  fields: {
    ...Object.fromEntries(
      Array.from({ length: LIST_COUNT }, (_, l) => [
        `l${l}`,
        {
          type: 'list',
          values: Array.from({ length: CODES_PER_LIST }, (_, i) => ({
            code: code(l * CODES_PER_LIST + i, 4 + (i % 5)),
          })),
        },
      ]),
    ),
    seq: { type: 'digits', minLength: 4, maxLength: 6 },
  },
  reuse: 'warn',
};
