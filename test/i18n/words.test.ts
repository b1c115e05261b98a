import { describe, expect, it } from 'vitest';
import { EMPTY_REQUIRED, PENDING_DIAGNOSIS } from '@/lib/checkout-guard/quick-verdict';
import { t } from '@/lib/i18n';

/**
 * English kept in code on purpose agrees with messages.json: quick-verdict.ts loads nothing but the matcher (the
 * checkout content script's size budget), so the content script passes it the messages, and its English defaults
 * must say the same.
 */
describe('English defaults outside messages.json', () => {
  it("the quick verdict's words", () => {
    expect(t('guard_pendingDiagnosis')).toBe(PENDING_DIAGNOSIS);
    expect(t('guard_emptyRequired')).toBe(EMPTY_REQUIRED);
  });
});
