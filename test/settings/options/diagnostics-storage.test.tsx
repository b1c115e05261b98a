/** @vitest-environment happy-dom */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticsSection } from '@/components/settings/DiagnosticsSection';
import { report } from './report';

let root: HTMLElement | null = null;
const show = (value: Parameters<typeof DiagnosticsSection>[0]['report']) => {
  root = document.createElement('div');
  document.body.append(root);
  render(<DiagnosticsSection report={value} onFetchNow={async () => ({ ok: true, message: '' })} />, root);
  return root.querySelector('[data-testid="diagnostics-storage"]')?.textContent ?? '';
};

afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

describe('Diagnostics: stored data', () => {
  it('names each stored value that could not be read or saved, and what went wrong', () => {
    const text = show(
      report({
        storageProblems: [
          { key: 'apiAccess', kind: 'unreadable', detail: 'clientSecret: invalid_type', at: '2026-12-02T08:00:00Z' },
          { key: 'poHistory', kind: 'write-failed', detail: 'QUOTA_BYTES quota exceeded', at: '2026-12-02T08:01:00Z' },
        ],
      }),
    );
    expect(text).toContain('apiAccess could not be read (clientSecret: invalid_type): PO Assist uses its default');
    expect(text).toContain('poHistory could not be saved (QUOTA_BYTES quota exceeded).');
  });

  it('says all is well when there is nothing to report', () => {
    expect(show(report())).toContain('reads back as expected');
  });
});
