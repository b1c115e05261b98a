/**
 * Issue 7 §7 figures for three policies (the sample, a realistic large one, the largest legal one): the size of the
 * guard state's matcher, the time to build it in the background, the content script's attach proxy (matcherFromSpec
 * on a spec fresh from JSON, plus the first match), and keystroke → verdict with diagnosis at p95 while typing.
 */
import { compiledPolicyFor, matcherSpecFor } from '@/lib/policy/cache';
import { compilePolicy, toMatcherSpec } from '@/lib/policy/compile';
import { generatePo } from '@/lib/policy/generate';
import { matchFormat, matcherFromSpec, normaliseWith, type MatcherSpec } from '@/lib/policy/matcher';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { validatePo } from '@/lib/policy/validate';
import { LARGEST_POLICY_INPUT, REALISTIC_LARGE_POLICY_INPUT } from './large-policies';

export interface GuardStateFigures {
  name: string;
  specBytes: number;
  /** parse + compile + spec, once, in the background (what a policy change costs). */
  buildMs: number;
  /** The same through compiledPolicyFor/matcherSpecFor for a re-read (equal) policy: the cache hit. */
  cachedMs: number;
  /** Content script: JSON.parse of the spec, matcherFromSpec, first match (median of runs). */
  attachMs: number;
  /** One verdict per keystroke typing a PO and a typo'd PO, validatePo with diagnosis: p95. */
  keystrokeP95Ms: number;
}

const NOW = new Date(2026, 10, 24);
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export function parseOrThrow(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(`bench policy is invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.policy;
}

/** POs a shopper would type for each format: generated with the middle code of each list, for the day `now`. */
export function typedPos(policy: Policy, now = NOW): string[] {
  const compiled = compilePolicy(policy);
  return compiled.formats.map((format) => {
    const values: Record<string, string> = {};
    for (const segment of format.segments) {
      if (segment.kind === 'list') values[segment.name] = segment.codes[Math.floor(segment.codes.length / 2)]!;
      if (segment.kind === 'text') values[segment.name] = 'ATLAS';
    }
    const generated = generatePo(policy, format.id, { now, values });
    if (!generated.ok)
      throw new Error(
        `bench: cannot generate a PO for ${format.id}: ${generated.problems.map((problem) => problem.code).join(', ')}`,
      );
    return generated.po;
  });
}

export function benchGuardState(name: string, input: unknown): GuardStateFigures {
  const text = JSON.stringify(input);
  const t0 = process.hrtime.bigint();
  const policy = parseOrThrow(JSON.parse(text));
  const spec = toMatcherSpec(compilePolicy(policy));
  const buildMs = ms(t0);
  const specJson = JSON.stringify(spec);

  // The background re-reads the policy from storage per message: a new, equal object.
  compiledPolicyFor(policy);
  matcherSpecFor(policy);
  const reread = JSON.parse(text) as Policy; // already valid: what storage gives back after parsing once
  const t1 = process.hrtime.bigint();
  matcherSpecFor(compiledPolicyFor(reread).policy);
  const cachedMs = ms(t1);

  const attach: number[] = [];
  const first = typedPos(policy)[0]!;
  for (let run = 0; run < 7; run++) {
    const t = process.hrtime.bigint();
    const fresh = JSON.parse(specJson) as MatcherSpec;
    const matcher = matcherFromSpec(fresh);
    matchFormat(matcher, normaliseWith(fresh.caseInsensitive, first));
    attach.push(ms(t));
  }

  // Typing at full speed: every prefix of every format's PO, and of a copy with a typo half-way.
  const cached = compiledPolicyFor(reread).policy;
  const keystrokes: number[] = [];
  for (const po of typedPos(policy)) {
    const typo = `${po.slice(0, po.length >> 1)}#${po.slice((po.length >> 1) + 1)}`;
    for (const target of [po, typo]) {
      for (let i = 1; i <= target.length; i++) {
        const t = process.hrtime.bigint();
        validatePo(cached, target.slice(0, i), { now: NOW });
        keystrokes.push(ms(t));
      }
    }
  }
  return {
    name,
    specBytes: new TextEncoder().encode(specJson).length,
    buildMs,
    cachedMs,
    attachMs: median(attach),
    keystrokeP95Ms: p95(keystrokes),
  };
}

export function benchGuardStates(): GuardStateFigures[] {
  return [
    benchGuardState('sample policy', SAMPLE_POLICY),
    benchGuardState('realistic large (3 formats, 60 departments)', REALISTIC_LARGE_POLICY_INPUT),
    benchGuardState('largest legal (20 formats × 500-code lists)', LARGEST_POLICY_INPUT),
  ];
}

/** `npx tsx test/bench/guard-state-bench.ts`: these rows alone, without a build or a browser. */
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of benchGuardStates()) console.log(JSON.stringify(f));
}
