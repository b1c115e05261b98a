import { useState } from 'preact/hooks';
import { fileTooLargeMessage } from '@/lib/options/policy-file';

export interface ImportExportProps {
  locked: boolean;
  /** Text read from a file or pasted, with where it came from ("policy.json", "The pasted text"). */
  onImport: (text: string, source: string) => void;
  /** A refusal before the text is read (a file too large). */
  onRefuse: (message: string) => void;
  onExport: () => void;
  exportLabel: string;
  /** Nothing to export (the organization decides and no policy is in force). */
  canExport: boolean;
}

/** Import a policy from a file or pasted text, export the current one to a file. Props in, events out. */
export function ImportExport({ locked, onImport, onRefuse, onExport, exportLabel, canExport }: ImportExportProps) {
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
    onImport(await file.text(), file.name);
  };

  return (
    <div class="import-export">
      {!locked && (
        <>
          <div class="control">
            <label for="pol-import-file">Import a policy file (.json)</label>
            <input
              id="pol-import-file"
              type="file"
              accept="application/json,.json"
              aria-describedby="pol-import-file-hint"
              onChange={(event) => void readFile(event.currentTarget)}
            />
            <p id="pol-import-file-hint" class="hint">
              A policy file, or a browser policy file made in Deployment below. The policy goes into the editor; nothing is saved until you
              press Save.
            </p>
          </div>
          <div class="control">
            <label for="pol-import-paste">Or paste a policy</label>
            <textarea id="pol-import-paste" class="mono long" rows={4} spellcheck={false} value={pasted} onInput={(event) => setPasted(event.currentTarget.value)} />
            <div class="row">
              <button
                type="button"
                disabled={pasted.trim() === ''}
                onClick={() => {
                  onImport(pasted, 'The pasted text');
                }}
              >
                Use the pasted policy
              </button>
            </div>
          </div>
        </>
      )}
      <div class="row">
        <button type="button" data-testid="policy-export" disabled={!canExport} onClick={onExport}>
          {exportLabel}
        </button>
      </div>
    </div>
  );
}
