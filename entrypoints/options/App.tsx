import { useEffect, useMemo, useState } from 'preact/hooks';
import { PolicyTester } from '@/components/PolicyTester';
import { ProblemList } from '@/components/ProblemList';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { parsePolicy } from '@/lib/policy/schema';
import { validatePo } from '@/lib/policy/validate';
import type { EffectivePolicy } from '@/lib/settings/resolve';
import { userPolicyItem } from '@/lib/settings/items';
import { ApiAccessSection } from './ApiAccessSection';
import { readEffectivePolicy, readManagedRaw, watchPolicySources } from '@/lib/settings/policy-store';

/** Settings: the admin policy (read-only) or the user's own policy, with import, export and a live tester. */
export function App() {
  const [effective, setEffective] = useState<EffectivePolicy | null>(null);
  const [adminRaw, setAdminRaw] = useState<unknown>(null);

  useEffect(() => {
    const load = async () => {
      const [next, managed] = await Promise.all([readEffectivePolicy(), readManagedRaw()]);
      const admin = managed.policy ?? null;
      setEffective(next);
      setAdminRaw(admin);
    };
    void load();
    return watchPolicySources(() => void load());
  }, []);

  if (!effective) return <p class="muted">Loading settings…</p>;
  return (
    <>
      <h1>PO Assist settings</h1>
      <p class="muted">
        The PO naming policy decides which PO numbers the checkout guard accepts at Amazon Business checkout.
      </p>
      {effective.adminControlled ? (
        <AdminPolicyView effective={effective} raw={adminRaw} />
      ) : (
        <UserPolicyEditor effective={effective} />
      )}
      <ApiAccessSection />
    </>
  );
}

function AdminPolicyView({ effective, raw }: { effective: EffectivePolicy; raw: unknown }) {
  const problems = effective.broken.find((report) => report.source === 'admin')?.problems ?? [];
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">PO policy</h2>
      <p class="banner locked" data-testid="locked-banner">
        Set by your organization. This policy is managed by your administrator and cannot be changed here.
      </p>
      <ProblemList problems={problems} title="Your organization's policy cannot be used, so PO checks are off" />
      <textarea readOnly aria-label="Policy set by your organization" value={JSON.stringify(raw, null, 2)} />
      {effective.policy && <PolicyPreview policy={effective.policy} />}
    </section>
  );
}

function UserPolicyEditor({ effective }: { effective: EffectivePolicy }) {
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [status, setStatus] = useState<string>('');

  useEffect(() => {
    void userPolicyItem.getValue().then((value) => {
      const initial = value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      setSaved(initial);
      setText((current) => current ?? initial);
    });
  }, [effective]);

  const draft = text ?? '';
  const parsed = useMemo(() => (draft.trim() ? parsePolicy(draft) : null), [draft]);
  const dirty = draft !== saved;

  const save = async () => {
    if (!parsed?.ok) return;
    await userPolicyItem.setValue(JSON.parse(draft));
    setSaved(draft);
    setStatus('Saved. Open checkout tabs follow it at once.');
  };
  const remove = async () => {
    await userPolicyItem.removeValue();
    setText('');
    setSaved('');
    setStatus('Policy removed. The checkout guard now checks nothing.');
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 1_000_000) {
      setStatus(`${file.name} is too large for a policy (over 1 MB).`);
      return;
    }
    setText(await file.text());
    setStatus(`Imported ${file.name}: check it below, then save.`);
  };
  const exportFile = () => {
    const blob = new Blob([draft], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'po-policy.json';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Your PO policy</h2>
      {!saved && (
        <p class="banner">
          No policy yet: the checkout guard checks nothing. Paste or import your company's policy, or start from
          the sample.
        </p>
      )}
      <div class="row">
        <button type="button" onClick={() => setText(JSON.stringify(SAMPLE_POLICY, null, 2))}>
          Start from the sample policy
        </button>
        <label class="file">
          Import from file…
          <input
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => void importFile(event.currentTarget.files?.[0])}
          />
        </label>
        <button type="button" onClick={exportFile} disabled={!draft.trim()}>
          Export to file
        </button>
      </div>
      <label for="policy-json">Policy (JSON)</label>
      <textarea
        id="policy-json"
        spellcheck={false}
        value={draft}
        aria-describedby="policy-check"
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <div id="policy-check">
        {parsed && !parsed.ok && <ProblemList problems={parsed.problems} title="This policy cannot be saved yet" />}
        {parsed?.ok && <p class="ok">The policy is valid.</p>}
      </div>
      <div class="row">
        <button type="button" class="primary" disabled={!parsed?.ok || !dirty} onClick={() => void save()}>
          Save policy
        </button>
        {saved && (
          <button type="button" onClick={() => void remove()}>
            Remove policy
          </button>
        )}
        <span role="status" class="muted">
          {status}
        </span>
      </div>
      {parsed?.ok && <PolicyPreview policy={parsed.policy} />}
    </section>
  );
}

function PolicyPreview({ policy }: { policy: NonNullable<EffectivePolicy['policy']> }) {
  const now = new Date();
  return (
    <>
      <h2>Try it</h2>
      <PolicyTester policy={policy} now={now} />
      <h3>Format examples</h3>
      <ul class="examples">
        {policy.formats.map((format) => {
          const example = format.example;
          const verdict = example ? validatePo(policy, example, { now }) : null;
          return (
            <li key={format.id}>
              {format.label ?? format.id}: <code>{format.template}</code>
              {example && (
                <>
                  {' '}
                  — <code>{example}</code>{' '}
                  <span class={verdict?.valid ? 'ok' : 'error'}>{verdict?.valid ? 'valid' : verdict?.message}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
