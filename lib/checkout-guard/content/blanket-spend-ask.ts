import { sendMessage } from '@/lib/messaging/client';
import type { BlanketSpend } from '@/lib/checkout-guard/blanket-spend';
import type { GuardState } from '@/lib/checkout-guard/contract';

/**
 * The shopper opened the Generate panel (a trusted click): ask the background what each budgeted blanket PO has
 * left, once per PO while the answer is known (the background caches it for a few minutes anyway). Without API
 * access nothing is asked: the panel shows the budget and says the spend is not known.
 */
export function askBlanketSpend(state: GuardState | null, into: Record<string, BlanketSpend>, done: () => void): void {
  if (!state?.amazonCheck) return;
  for (const { po, budget } of state.blanketPos) {
    if (!budget || into[po]?.known) continue;
    sendMessage('getBlanketSpend', { po })
      .then((spend) => {
        into[po] = spend;
        done();
      })
      .catch(() => undefined);
  }
}
