import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOfflineHandlers, dispatchMessage } from '../support/background-router';
import type { SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

/**
 * Issue 7 §7: explainPo answers every keystroke that leaves an invalid PO. The content script shows the sentence and
 * the Fix: it gets those, not the reason's parameters (a 500-code list came along twice, up to 9 KB per keystroke).
 */
const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc' };
const codes = Array.from({ length: 500 }, (_, i) => `D${String(i).padStart(3, '0')}`);
const policy = {
  ...SAMPLE_POLICY,
  formats: SAMPLE_POLICY.formats.map((format) =>
    format.id === 'dept' ? { ...format, example: 'D042-202611-0042' } : format,
  ),
  fields: {
    ...SAMPLE_POLICY.fields,
    dept: { type: 'list', label: 'Department', values: codes.map((code) => ({ code, label: code })) },
  },
};

const explain = async (po: string) => {
  const reply = await dispatchMessage(
    createOfflineHandlers(),
    { poAssist: 1, type: 'explainPo', input: { po } },
    content,
  );
  if (!reply?.ok) throw new Error(JSON.stringify(reply));
  return reply.value as Record<string, unknown>;
};

describe('explainPo reply', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ userPolicy: policy });
  });

  it('carries the diagnosis and the fix, not the list of every code', async () => {
    const reply = await explain('X');
    expect(reply).toEqual({
      valid: false,
      code: 'mismatch',
      formatId: 'dept',
      fix: null,
      message: 'Department must be a department code (e.g. D000, D001, D002, …) — found X',
    });
    expect(JSON.stringify(reply)).not.toContain('D499');
  });

  it('offers the fix it found', async () => {
    const reply = await explain(' d001_202611_42');
    expect(reply).toMatchObject({ valid: false, fix: 'D001-202611-0042' });
  });
});
