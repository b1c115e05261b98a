import { useState } from 'preact/hooks';
import { PO_FIELD_SELECTORS, SUBMIT_SELECTORS } from '@/lib/amazon/selectors';
import { formatTime, lockedSettings, POLICY_SOURCE_NAMES, remoteSummary, settingSources } from '@/lib/options/diagnostics';
import type { SettingsReport } from '@/lib/messaging/protocol';

export interface DiagnosticsSectionProps {
  report: SettingsReport;
  /** Fetch the policy address now; resolves with the background's answer. */
  onFetchNow: () => Promise<{ ok: boolean; message: string }>;
}

function SelectorList({ title, inForce, builtIn, overridden }: { title: string; inForce: readonly string[]; builtIn: readonly string[]; overridden: boolean }) {
  return (
    <div class="selectors">
      <h4>{title}</h4>
      <p>{overridden ? 'Overridden by the policy. In force:' : 'Built-in selectors in force:'}</p>
      <ol class="mono-list">
        {inForce.map((selector) => (
          <li key={selector}>
            <code>{selector}</code>
          </li>
        ))}
      </ol>
      {overridden ? (
        <details>
          <summary>Built-in selectors (not used while overridden)</summary>
          <ol class="mono-list">
            {builtIn.map((selector) => (
              <li key={selector}>
                <code>{selector}</code>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

/** Where each setting comes from, what is locked, the policy address fetches, selectors, the PO field, the build. */
export function DiagnosticsSection({ report, onFetchNow }: DiagnosticsSectionProps) {
  const [fetching, setFetching] = useState(false);
  const [fetchOutcome, setFetchOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const sources = settingSources(report);
  const locked = lockedSettings(report);
  const remote = remoteSummary(report);
  const field = report.lastField;

  const fetchNow = async () => {
    setFetching(true);
    setFetchOutcome(null);
    try {
      setFetchOutcome(await onFetchNow());
    } catch (error) {
      setFetchOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setFetching(false);
    }
  };

  return (
    <div class="diagnostics">
      <table class="sources" data-testid="diagnostics-sources">
        <caption>Where each setting comes from</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">In force</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((row) => (
            <tr key={row.setting}>
              <th scope="row">{row.setting}</th>
              <td>{row.value}</td>
              <td>{row.byOrganization ? <strong>{row.source}</strong> : row.source}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Locked settings</h3>
      <p data-testid="diagnostics-locked">{locked.length > 0 ? `Set by your organization, read-only here: ${locked.join(', ')}.` : 'None: your organization locks nothing.'}</p>

      <h3>Managed settings delivered by the browser</h3>
      {report.managedKeys.length > 0 ? (
        <ul>
          {report.managedKeys.map((key) => (
            <li key={key}>
              <code>{key}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>None: no enterprise policy reaches this extension.</p>
      )}
      {report.managedProblems.length > 0 || report.effective.broken.length > 0 ? (
        <div role="alert" class="problems" data-testid="diagnostics-problems">
          <p class="error">Problems with the settings set:</p>
          <ul>
            {report.managedProblems.map((problem) => (
              <li key={`${problem.key}:${problem.message}`}>
                <code>{problem.key}</code>: {problem.message}
                {problem.usingLastGood ? ' (using the last good value)' : ''}
              </li>
            ))}
            {report.effective.broken.map((broken) => (
              <li key={broken.source}>
                {POLICY_SOURCE_NAMES[broken.source]}: the PO policy has{' '}
                {broken.problems.length === 1 ? 'a problem' : `${broken.problems.length} problems`}
                {broken.usingLastGood ? ', so the last good version is used' : ', so it is not used'}
                {broken.problems.length > 0 ? (
                  <ul>
                    {broken.problems.map((problem) => (
                      <li key={`${problem.path}:${problem.message}`}>
                        {problem.path ? <code>{problem.path}</code> : null}
                        {problem.path ? ': ' : ''}
                        {problem.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>Policy address</h3>
      <div data-testid="diagnostics-remote">
        {remote.state === 'not-set' ? (
          <p>Not set: your organization does not serve a policy from an address.</p>
        ) : (
          <>
            <p>
              <code>{remote.url}</code>
            </p>
            {remote.state === 'not-fetched' ? (
              <p>Not fetched yet.</p>
            ) : (
              <dl class="facts">
                <dt>Last attempt</dt>
                <dd>{formatTime(remote.lastAttemptAt)}</dd>
                <dt>Last successful fetch</dt>
                <dd>{formatTime(remote.fetchedAt)}</dd>
                <dt>Result</dt>
                <dd class={remote.result === 'error' ? 'error' : undefined}>{remote.text}</dd>
              </dl>
            )}
            <div class="row">
              <button type="button" disabled={fetching} onClick={() => void fetchNow()}>
                Fetch now
              </button>
            </div>
          </>
        )}
        <p role="status" class={fetchOutcome ? (fetchOutcome.ok ? 'ok' : 'error') : 'muted'}>
          {fetching ? 'Fetching…' : (fetchOutcome?.message ?? '')}
        </p>
      </div>

      <h3>Finding Amazon's checkout page</h3>
      <SelectorList title="PO field" inForce={report.selectors.poField} builtIn={PO_FIELD_SELECTORS} overridden={report.selectors.overridden.poField} />
      <SelectorList title="Order buttons" inForce={report.selectors.submit} builtIn={SUBMIT_SELECTORS} overridden={report.selectors.overridden.submit} />
      <h4>Last PO field seen at checkout</h4>
      <p data-testid="diagnostics-last-field">
        {!field
          ? 'Not seen yet: open an Amazon Business checkout page.'
          : field.found
            ? `Found on ${field.host}${field.path} by ${field.via ?? 'an unnamed rule'}.`
            : `Not found on ${field.host}${field.path}: if this is a checkout page with a PO field, add a selector override.`}
      </p>

      <h3>This extension</h3>
      <dl class="facts" data-testid="diagnostics-extension">
        <dt>Name</dt>
        <dd>{report.extension.name}</dd>
        <dt>Version</dt>
        <dd>{report.extension.version}</dd>
        <dt>Id</dt>
        <dd>
          <code>{report.extension.id}</code>
        </dd>
      </dl>
    </div>
  );
}
