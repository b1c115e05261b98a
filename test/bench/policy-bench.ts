import { parsePolicy, type Policy } from '@/lib/policy/schema';
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
    dept: { type: 'list', values: [{ code: 'MKT', label: 'Marketing' }, { code: 'ENG', label: 'Engineering' }, { code: 'FIN', label: 'Finance' }] },
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
}

export function runPolicyBench(iterations = 200_000): PolicyBenchResult {
  const parsed = parsePolicy(BENCH_POLICY_INPUT);
  if (!parsed.ok) throw new Error(`bench policy is invalid: ${JSON.stringify(parsed.problems)}`);
  const policy: Policy = parsed.policy;
  const now = new Date(2026, 10, 24);
  for (const input of VALID_INPUTS) {
    if (!validatePo(policy, input, { now }).valid || !handWrittenValidate(input)) throw new Error(`bench: ${input} should be valid`);
  }
  for (const input of INVALID_INPUTS) {
    if (validatePo(policy, input, { now }).valid || handWrittenValidate(input)) throw new Error(`bench: ${input} should be invalid`);
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

  return {
    validNsPerCall,
    regexValidNsPerCall,
    ratioValid: validNsPerCall / regexValidNsPerCall,
    invalidNsPerCall,
    regexInvalidNsPerCall,
    ratioInvalid: invalidNsPerCall / regexInvalidNsPerCall,
    longInputMs,
  };
}
