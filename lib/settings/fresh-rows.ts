/**
 * Rows just added to the policy form and not edited since: their empty controls are not problems yet (an error on
 * a row the user has not typed into is noise). A row stops being fresh at its first edit, or when Save is tried.
 * Pure: rows are told apart by their draft keys.
 */
import type { PolicyDraft } from './draft';

interface KeyedRow {
  key: string;
}

/** Each row's key with a signature of its content, and where its controls are (their id prefix). */
function rowsOf(draft: PolicyDraft): { key: string; content: string; prefix: string }[] {
  const rows: { key: string; content: string; prefix: string }[] = [];
  const add = (row: KeyedRow, prefix: string, content: unknown) =>
    rows.push({ key: row.key, prefix, content: JSON.stringify(content) });
  draft.formats.forEach((format, index) => add(format, `pol-format-${index}-`, format));
  draft.fields.forEach((field, index) => {
    // A field's own controls, not its codes: adding a code does not count as editing the field.
    const { values, ...own } = field;
    add(field, `pol-field-${index}-`, own);
    values.forEach((value, row) => add(value, `pol-field-${index}-value-${row}-`, value));
  });
  draft.blanketPos.forEach((entry, index) => add(entry, `pol-blanket-${index}-`, entry));
  return rows;
}

/** The fresh rows after a change from `before` to `after`: new rows join, edited and removed ones leave. */
export function nextFreshRows(before: PolicyDraft, after: PolicyDraft, fresh: ReadonlySet<string>): Set<string> {
  const previous = new Map(rowsOf(before).map((row) => [row.key, row.content]));
  const next = new Set<string>();
  for (const row of rowsOf(after)) {
    const was = previous.get(row.key);
    if (was === undefined || (fresh.has(row.key) && was === row.content)) next.add(row.key);
  }
  return next;
}

/** The id prefixes of the fresh rows' controls, longest first (a code's controls sit inside its field's). */
export function freshControlPrefixes(draft: PolicyDraft, fresh: ReadonlySet<string>): string[] {
  return rowsOf(draft)
    .filter((row) => fresh.has(row.key))
    .map((row) => row.prefix);
}

/** Whether a problem's control belongs to a fresh row. A field's own prefix must not swallow its codes' controls. */
export function isOnFreshRow(controlId: string | null, prefixes: readonly string[]): boolean {
  if (!controlId) return false;
  return prefixes.some((prefix) => {
    if (!controlId.startsWith(prefix)) return false;
    const rest = controlId.slice(prefix.length);
    // `pol-field-0-` covers `pol-field-0-name` but not `pol-field-0-value-2-code` (that code is its own row).
    return !/^value-\d+-/.test(rest);
  });
}
