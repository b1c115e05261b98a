import { browser } from 'wxt/browser';
import { useEffect, useState } from 'preact/hooks';
import { PolicyTester } from '@/components/PolicyTester';
import type { EffectivePolicy } from '@/lib/settings/resolve';
import { readEffectivePolicy, watchPolicySources } from '@/lib/settings/policy-store';

/** Toolbar popup: which PO policy is in force, and a quick check of any PO number against it. */
export function App() {
  const [effective, setEffective] = useState<EffectivePolicy | null>(null);
  useEffect(() => {
    const load = () => void readEffectivePolicy().then(setEffective);
    load();
    return watchPolicySources(load);
  }, []);

  const openSettings = () => void browser.runtime.openOptionsPage();
  if (!effective) return <p class="muted">Loading…</p>;
  const { policy } = effective;
  return (
    <>
      <h1>PO Assist</h1>
      {policy ? (
        <>
          <p class="muted">
            {effective.source === 'admin' ? 'Policy set by your organization' : 'Your own PO policy'}:{' '}
            {policy.formats.map((f) => f.label ?? f.id).join(', ')}.
          </p>
          <PolicyTester policy={policy} now={new Date()} id="popup-tester" />
        </>
      ) : effective.broken.length > 0 ? (
        <p class="error">The PO policy has problems, so PO checks are off. Open settings to see them.</p>
      ) : (
        <p>No PO policy is set yet, so nothing is checked at checkout.</p>
      )}
      <button type="button" onClick={openSettings}>
        Open settings
      </button>
    </>
  );
}
