import { describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { PO_HISTORY_LIMIT } from '@/lib/storage/items';
import { expectedDiagnoses, HISTORY_USES, keystrokeLatencies, type PageMarks } from './guard-browser-bench';

/** How `npm run bench` turns the page's stamps into "keystroke → diagnosis shown" (issue 7 §7). */
describe('keystroke → diagnosis figure', () => {
  const expected = expectedDiagnoses(SAMPLE_POLICY, ['ENG-202#12']);
  const diagnosis = (text: string) => expected.get(text)!;

  it('waits for the diagnosis of the text in the field, not for the "checking" line shown meanwhile', () => {
    const marks: PageMarks = {
      inputs: [{ t: 10, v: 'ENG-202#' }],
      paints: [
        { t: 11, v: 'ENG-202#', text: '…' },
        { t: 40, v: 'ENG-202#', text: diagnosis('ENG-202#') },
      ],
    };
    expect(keystrokeLatencies(marks, expected)).toEqual([30]);
  });

  it("counts a keystroke done when a later text's diagnosis shows (typing went on), not before", () => {
    const marks: PageMarks = {
      inputs: [
        { t: 0, v: 'ENG-202#' },
        { t: 5, v: 'ENG-202#1' },
      ],
      paints: [
        // The first text's diagnosis while the field already holds the second: stale, not counted.
        { t: 20, v: 'ENG-202#1', text: diagnosis('ENG-202#') },
        { t: 45, v: 'ENG-202#1', text: diagnosis('ENG-202#1') },
      ],
    };
    expect(diagnosis('ENG-202#')).not.toBe(diagnosis('ENG-202#1'));
    expect(keystrokeLatencies(marks, expected)).toEqual([45, 40]);
  });

  it('refuses a run where the diagnosis never showed, instead of leaving the keystroke out', () => {
    const marks: PageMarks = { inputs: [{ t: 0, v: 'ENG-202#' }], paints: [{ t: 2, v: 'ENG-202#', text: '…' }] };
    expect(() => keystrokeLatencies(marks, expected)).toThrow(/never showed/);
  });

  it('fills the history to the limit the extension keeps', () => {
    expect(HISTORY_USES).toBe(PO_HISTORY_LIMIT);
  });
});
