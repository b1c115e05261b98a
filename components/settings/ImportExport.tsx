import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { fileTooLargeMessage } from '@/lib/settings/policy-file';
import type { PlacedProblem } from '@/lib/settings/problem-places';

export interface ImportExportProps {
  /** Text read from a file (with its name) or pasted (null). */
  onImport: (text: string, fileName: string | null) => void;
  /** A refusal before the text is read (a file too large). */
  onRefuse: (message: string) => void;
  onExport: () => void;
  exportLabel: string;
  /** The problems of an import that was not loaded (null when there is none). */
  heldBack: readonly PlacedProblem[] | null;
  onLoadAnyway: () => void;
}

/** Import a policy from a file or pasted text, export the current one to a file. Props in, events out. */
export function ImportExport({ onImport, onRefuse, onExport, exportLabel, heldBack, onLoadAnyway }: ImportExportProps) {
  const [pasted, setPasted] = useState('');

  const readFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    // The same file can be chosen again after fixing it.
    input.value = '';
    const tooLarge = fileTooLargeMessage(file.name, file.size);
    if (tooLarge) {
      onRefuse(tooLarge);
      return;
    }
    // Browsers read a chosen file only now: one moved or deleted since it was chosen fails here.
    let text: string;
    try {
      text = await file.text();
    } catch {
      onRefuse(t('import_fileUnreadable', [file.name]));
      return;
    }
    onImport(text, file.name);
  };

  return (
    <div class="import-export">
      <div class="control">
        <label for="pol-import-file">{t('import_file')}</label>
        <input
          id="pol-import-file"
          type="file"
          accept="application/json,.json"
          aria-describedby="pol-import-file-hint"
          onChange={(event) => void readFile(event.currentTarget)}
        />
        <p id="pol-import-file-hint" class="hint">
          {t('import_fileHint')}
        </p>
      </div>
      <div class="control">
        <label for="pol-import-paste">{t('import_paste')}</label>
        <textarea
          id="pol-import-paste"
          class="mono long"
          rows={4}
          spellcheck={false}
          value={pasted}
          onInput={(event) => setPasted(event.currentTarget.value)}
        />
        <div class="row">
          <button
            type="button"
            disabled={pasted.trim() === ''}
            onClick={() => {
              onImport(pasted, null);
            }}
          >
            {t('import_usePasted')}
          </button>
        </div>
      </div>
      {heldBack ? (
        <div class="problems" data-testid="import-problems">
          <ul aria-label={t('import_problemsLabel')}>
            {heldBack.map((problem, index) => (
              <li key={`${problem.path}:${index}`}>
                {problem.location}: {problem.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onLoadAnyway}>
            {t('import_loadAnyway')}
          </button>
        </div>
      ) : null}
      <div class="row">
        <button type="button" data-testid="policy-export" onClick={onExport}>
          {exportLabel}
        </button>
      </div>
    </div>
  );
}
