import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { fixPo } from '@/lib/policy/fix';
import { validatePo } from '@/lib/policy/validate';

/** A three-format policy, and the RegExp a developer would hand-write for the same formats. */
export const BENCH_POLICY_INPUT = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  maxLength: 30,
  formats: [
    { id: 'dept', label: 'Department order', template: '{dept}-{yyyy}{mm}-{seq}', example: 'MKT-202611-0042' },
    { id: 'project', label: 'Project order', template: 'PRJ-{proj}-{seq}', example: 'PRJ-ATLAS-0001' },
    { id: 'quarter', label: 'Quarterly order', template: 'Q{q}-{yy}-{dept}{seq}', example: 'Q4-26-ENG0007' },
  ],
  fields: {
    dept: {
      type: 'list',
      values: [
        { code: 'MKT', label: 'Marketing' },
        { code: 'ENG', label: 'Engineering' },
        { code: 'FIN', label: 'Finance' },
      ],
    },
    proj: { type: 'text', charset: 'A-Z0-9', minLength: 3, maxLength: 8 },
    seq: { type: 'digits', minLength: 4, maxLength: 4 },
  },
  reuse: 'warn',
};

const HAND_WRITTEN = [
  /^(?:MKT|ENG|FIN)-\d{4}(?:0[1-9]|1[0-2])-\d{4}$/,
  /^PRJ-[A-Z0-9]{3,8}-\d{4}$/,
  /^Q[1-4]-\d{2}-(?:MKT|ENG|FIN)\d{4}$/,
];

export function handWrittenValidate(input: string): boolean {
  const value = input.trim().toUpperCase();
  return value.length <= 30 && HAND_WRITTEN.some((re) => re.test(value));
}

const VALID_INPUTS = ['MKT-202611-0042', 'prj-atlas-0001', 'Q4-26-ENG0007', ' FIN-202601-9999 ', 'PRJ-X1Y2Z3-0100'];
const INVALID_INPUTS = ['MKTG-202611-0042', 'MKT-202613-0042', 'PRJ-AB-0001', 'Q5-26-ENG0007', 'hello'];

function timePerCall(fn: (input: string) => unknown, inputs: string[], iterations: number): number {
  for (let i = 0; i < 2000; i++) fn(inputs[i % inputs.length]!); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(inputs[i % inputs.length]!);
  return Number(process.hrtime.bigint() - start) / iterations; // ns per call
}

export interface PolicyBenchResult {
  validNsPerCall: number;
  regexValidNsPerCall: number;
  ratioValid: number;
  invalidNsPerCall: number;
  regexInvalidNsPerCall: number;
  ratioInvalid: number;
  longInputMs: number;
  /** Slowest validation under the most expensive policy the limits allow, on hostile inputs. */
  hostileWorstMs: number;
  /** fixPo giving up on 10,000 characters of near-misses. */
  fixLongMs: number;
}

export function runPolicyBench(iterations = 200_000): PolicyBenchResult {
  const parsed = parsePolicy(BENCH_POLICY_INPUT);
  if (!parsed.ok) throw new Error(`bench policy is invalid: ${JSON.stringify(parsed.problems)}`);
  const policy: Policy = parsed.policy;
  const now = new Date(2026, 10, 24);
  for (const input of VALID_INPUTS) {
    if (!validatePo(policy, input, { now }).valid || !handWrittenValidate(input))
      throw new Error(`bench: ${input} should be valid`);
  }
  for (const input of INVALID_INPUTS) {
    if (validatePo(policy, input, { now }).valid || handWrittenValidate(input))
      throw new Error(`bench: ${input} should be invalid`);
  }
  const validNsPerCall = timePerCall((input) => validatePo(policy, input, { now }), VALID_INPUTS, iterations);
  const regexValidNsPerCall = timePerCall(handWrittenValidate, VALID_INPUTS, iterations);
  const invalidNsPerCall = timePerCall((input) => validatePo(policy, input, { now }), INVALID_INPUTS, iterations);
  const regexInvalidNsPerCall = timePerCall(handWrittenValidate, INVALID_INPUTS, iterations);

  // Worst case for the matcher: 10,000 characters that keep several formats alive (no maxLength shortcut).
  const { maxLength: _ignored, ...unbounded } = policy;
  const long = 'PRJ-' + 'A'.repeat(9_990) + '-0001';
  const runs = 50;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) validatePo(unbounded, long, { now });
  const longInputMs = Number(process.hrtime.bigint() - start) / runs / 1e6;

  const text = { type: 'text', charset: 'A-Z0-9', minLength: 1, maxLength: 40 };
  const hostileParsed = parsePolicy({
    version: 1,
    formats: Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, template: `{a}{b}{c}${'X'.repeat(i)}` })),
    fields: { a: text, b: text, c: { type: 'digits', minLength: 1, maxLength: 40 } },
  });
  if (!hostileParsed.ok) throw new Error('bench: the hostile policy must be within the limits');
  const hostileInputs = ['A'.repeat(120), '1'.repeat(121), 'A1'.repeat(60), `${'A'.repeat(119)}XX`, 'A'.repeat(10_000)];
  for (const input of hostileInputs) validatePo(hostileParsed.policy, input, { now });
  let hostileWorstMs = 0;
  hostileInputs.forEach((input, i) => {
    const t0 = process.hrtime.bigint();
    validatePo(hostileParsed.policy, `${input}${i}`, { now });
    hostileWorstMs = Math.max(hostileWorstMs, Number(process.hrtime.bigint() - t0) / 1e6);
  });
  const t1 = process.hrtime.bigint();
  fixPo(policy, 'MKT 2026 11 '.repeat(800), { now });
  const fixLongMs = Number(process.hrtime.bigint() - t1) / 1e6;

  return {
    hostileWorstMs,
    fixLongMs,
    validNsPerCall,
    regexValidNsPerCall,
    ratioValid: validNsPerCall / regexValidNsPerCall,
    invalidNsPerCall,
    regexInvalidNsPerCall,
    ratioInvalid: invalidNsPerCall / regexInvalidNsPerCall,
    longInputMs,
  };
}
