import { useState } from 'preact/hooks';
import type { Policy } from '@/lib/policy/schema';
import { validatePo } from '@/lib/policy/validate';

/** Type a PO, see the verdict and diagnosis the checkout guard would give. Props in; no storage. */
export function PolicyTester({ policy, now, id = 'po-tester' }: { policy: Policy; now: Date; id?: string }) {
  const [value, setValue] = useState('');
  const verdict = value ? validatePo(policy, value, { now }) : null;
  const format = verdict?.valid ? policy.formats.find((f) => f.id === verdict.formatId) : undefined;
  return (
    <div class="tester">
      <label for={id}>Test a PO number</label>
      <input
        id={id}
        type="text"
        value={value}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${id}-verdict`}
        aria-invalid={verdict ? (verdict.valid ? 'false' : 'true') : undefined}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <p id={`${id}-verdict`} role="status" aria-live="polite" class={verdict ? (verdict.valid ? 'ok' : 'error') : 'muted'}>
        {!verdict
          ? 'The verdict appears here as you type.'
          : verdict.valid
            ? verdict.empty
              ? 'Empty is allowed by this policy.'
              : verdict.blanket
                ? `Valid: blanket PO ${verdict.value}.`
                : `Valid: ${format?.label ?? verdict.formatId} (${verdict.value}).`
            : verdict.message}
        {verdict && !verdict.valid && verdict.fix ? ` Suggested fix: ${verdict.fix}` : ''}
      </p>
    </div>
  );
}
