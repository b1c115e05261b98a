import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface PageReportButtonProps {
  /** The open checkout page's report as text; rejects with words to show. */
  onGetReport: () => Promise<string>;
}

/** "Copy a page report": fetches the report, copies it, and shows it (so the shopper sees what they send). */
export function PageReportButton({ onGetReport }: PageReportButtonProps) {
  const [report, setReport] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const text = await onGetReport();
      setReport(text);
      try {
        await navigator.clipboard.writeText(text);
        setNote({ ok: true, text: t('report_copied') });
      } catch {
        setNote({ ok: false, text: t('report_copyFailed') });
      }
    } catch (error) {
      setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page-report">
      <p class="muted">{t('report_help')}</p>
      <button type="button" onClick={() => void copy()} disabled={busy} data-testid="copy-page-report">
        {t('report_copy')}
      </button>
      <p role="status" class={note ? (note.ok ? 'ok' : 'error') : 'muted'} data-testid="page-report-note">
        {note?.text ?? ''}
      </p>
      {report !== null && (
        <textarea
          readOnly
          rows={8}
          class="mono"
          aria-label={t('report_label')}
          data-testid="page-report"
          value={report}
        />
      )}
    </div>
  );
}
