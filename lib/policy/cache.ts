/**
 * The background's memo of compiled policies. The background reads the effective policy from storage for every
 * message, so each read is a new object and compilePolicy's per-object cache misses: compiling the largest legal
 * policy costs hundreds of milliseconds. `compiledPolicyFor` keys by the policy's JSON instead, so equal policies
 * share one compiled form, and a changed policy (another JSON) gets a new one: no explicit invalidation needed.
 */
import type { Policy } from './schema';
import { compilePolicy, toMatcherSpec, type CompiledPolicy } from './compile';
import type { MatcherSpec } from './matcher';

/** Distinct policies kept: the user's, the admin's, and the one being edited in the options page. */
const KEEP = 4;

const byKey = new Map<string, CompiledPolicy>();
const byObject = new WeakMap<Policy, CompiledPolicy>();
const specs = new WeakMap<CompiledPolicy, MatcherSpec>();

/**
 * The compiled form of a parsed policy, shared by every policy object with the same JSON. Its `policy` is the
 * first such object seen: pass that one to validatePo/fixPo/describeFormats so they reuse this compiled form too.
 * Throws on a policy parsePolicy rejects, like compilePolicy.
 */
export function compiledPolicyFor(policy: Policy): CompiledPolicy {
  const known = byObject.get(policy);
  if (known) return known;
  const key = JSON.stringify(policy);
  let compiled = byKey.get(key);
  if (compiled)
    byKey.delete(key); // re-inserted below as the most recently used
  else compiled = compilePolicy(policy);
  byKey.set(key, compiled);
  while (byKey.size > KEEP) byKey.delete(byKey.keys().next().value!);
  byObject.set(policy, compiled);
  return compiled;
}

/** The MatcherSpec for the content script (GuardState.matcher), built once per compiled policy. */
export function matcherSpecFor(policy: Policy): MatcherSpec {
  const compiled = compiledPolicyFor(policy);
  let spec = specs.get(compiled);
  if (!spec) {
    spec = toMatcherSpec(compiled);
    specs.set(compiled, spec);
  }
  return spec;
}
