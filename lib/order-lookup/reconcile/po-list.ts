/**
 * A list of POs to reconcile against, as pasted or uploaded: one PO per line, or a CSV (an invoice export) with a
 * PO column, found by its header. Pure.
 */

export interface PoListResult {
  pos: string[];
  /** The header of the column read, when the text was a CSV. */
  column: string | null;
  /** Lines that had no PO (blank cells), for a note to the user. */
  skipped: number;
}

/** Header names that mean "PO number" (compared lower-case, without spaces, dots, dashes and underscores). */
const PO_HEADERS = [
  'po',
  'ponumber',
  'pono',
  'purchaseorder',
  'purchaseordernumber',
  'purchaseorderno',
  'ordernumberpo',
];
const squash = (text: string) => text.toLowerCase().replace(/[\s._#-]/g, '');

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF), with `delimiter` between fields. */
export function parseCsvRows(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parsePoList(input: string): PoListResult {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d));
  if (delimiter) {
    const rows = parseCsvRows(text, delimiter);
    const header = rows[0] ?? [];
    const index = header.findIndex((cell) => PO_HEADERS.includes(squash(cell)));
    if (index >= 0)
      return collect(
        rows.slice(1).map((cells) => cells[index] ?? ''),
        header[index]!.trim(),
      );
  }
  const lines = text.split(/\r?\n/);
  // A lone header line ("PO number") above a plain list is not a PO.
  if (lines[0] !== undefined && PO_HEADERS.includes(squash(lines[0]))) lines.shift();
  return collect(lines, null);
}

function collect(cells: readonly string[], column: string | null): PoListResult {
  const seen = new Set<string>();
  const pos: string[] = [];
  let skipped = 0;
  for (const cell of cells) {
    const po = cell.trim();
    if (po === '') {
      skipped += 1;
      continue;
    }
    if (!seen.has(po)) {
      seen.add(po);
      pos.push(po);
    }
  }
  // Trailing blank lines are normal at the end of a file, not something to report.
  return { pos, column, skipped: Math.max(0, skipped - trailingBlanks(cells)) };
}

function trailingBlanks(cells: readonly string[]): number {
  let count = 0;
  for (let i = cells.length - 1; i >= 0 && cells[i]!.trim() === ''; i--) count++;
  return count;
}
