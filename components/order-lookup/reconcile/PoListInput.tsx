import { t } from '@/lib/i18n';

export interface PoListInputProps {
  text: string;
  /** How the list was read: POs found and the CSV column used. */
  summary: { count: number; column: string | null } | null;
  onText(text: string): void;
}

/** Paste a list of POs, or upload one (a text file or an invoice CSV); the file is read here, nothing is sent. */
export function PoListInput({ text, summary, onText }: PoListInputProps) {
  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) onText(await file.text());
  };
  return (
    <fieldset class="po-list">
      <legend>{t('reconcile_list')}</legend>
      <label>
        <span>{t('reconcile_listPaste')}</span>
        <textarea rows={3} value={text} onInput={(e) => onText(e.currentTarget.value)} spellcheck={false} />
      </label>
      <label>
        <span>{t('reconcile_listUpload')}</span>
        <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void onFile(e)} />
      </label>
      {summary && (
        <p class="muted" role="status">
          {summary.column
            ? t('reconcile_listReadColumn', [summary.count, summary.column])
            : t('reconcile_listRead', summary.count)}
        </p>
      )}
      {text !== '' && (
        <button type="button" class="link" onClick={() => onText('')}>
          {t('reconcile_listClear')}
        </button>
      )}
    </fieldset>
  );
}
