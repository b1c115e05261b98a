/**
 * What the element picker produces, and how it lands in a policy: pure, shared by the picker script (the JSON
 * snippet it copies for an admin) and the background (the override it saves into the user's policy).
 * (No zod or policy schema here: the picker script stays small.)
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the background says about saving: allowed, or why not (the admin locked the policy, no policy yet). */
export interface PickerContext {
  canSave: boolean;
  reason?: 'locked' | 'no-policy' | undefined;
}

/** The selectors the shopper picked: the PO field, and optionally the order button. */
export interface PickedSelectors {
  poField: string;
  submit?: string | undefined;
}

/** A picked selector is placed first; the ones already there stay behind it (without repeats), at most this many. */
const MAX_OVERRIDES = 10;

function merged(picked: string, existing: unknown): string[] {
  const kept = Array.isArray(existing) ? existing.filter((item): item is string => typeof item === 'string') : [];
  return [picked, ...kept.filter((item) => item !== picked)].slice(0, MAX_OVERRIDES);
}

/**
 * The user's policy (as saved, unparsed) with the picked selectors in front of its `selectors` overrides. A policy
 * override replaces the built-in list, so the built-in selectors are not copied in: the picked one is what misses.
 */
export function withPickedSelectors(policy: Record<string, unknown>, picked: PickedSelectors): Record<string, unknown> {
  const current = isRecord(policy.selectors) ? policy.selectors : {};
  const selectors: Record<string, unknown> = { ...current, poField: merged(picked.poField, current.poField) };
  if (picked.submit) selectors.submit = merged(picked.submit, current.submit);
  return { ...policy, selectors };
}

/** The `selectors` part an admin adds to the organization's policy, as pretty JSON. */
export function adminSnippet(picked: PickedSelectors): string {
  const selectors: Record<string, string[]> = { poField: [picked.poField] };
  if (picked.submit) selectors.submit = [picked.submit];
  return JSON.stringify({ selectors }, null, 2);
}
