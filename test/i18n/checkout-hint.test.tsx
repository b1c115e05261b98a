/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it } from 'vitest';
import { PoHint, type PoHintProps } from '@/components/checkout-guard/PoHint';
import { hintStatus, verdictText } from '@/lib/checkout-guard/hint-text';
import type { GuardState } from '@/lib/checkout-guard/contract';
import { click, mount, text, unmount } from '../order-lookup/popup/support';

/** The checkout hint's words come from messages.json (English here, through t()'s fallback), as shoppers read them. */

const noop = () => undefined;
function props(overrides: Partial<PoHintProps>): PoHintProps {
  return {
    status: { kind: 'ready' },
    formats: [
      { id: 'dept', label: 'Department order', example: 'MKT-202611-0042' },
      { id: 'project', label: 'Project order', example: 'PRJ-ATLAS-0001' },
    ],
    verdict: { tone: 'idle' },
    fix: null,
    reuse: null,
    submitMessage: null,
    blanketPos: [],
    choicesFor: () => [
      { name: 'dept', label: 'Department', type: 'list', values: [{ code: 'MKT', label: 'Marketing' }] },
    ],
    generateError: null,
    onFix: noop,
    onGenerate: noop,
    onUseBlanket: noop,
    onOpenOptions: noop,
    onPickField: noop,
    onCopyReport: noop,
    ...overrides,
  };
}

afterEach(unmount);

describe('checkout hint words', () => {
  it('without a policy, offers setup', async () => {
    const root = await mount(<PoHint {...props({ status: { kind: 'no-policy' } })} />);
    expect(root.querySelector('section')?.getAttribute('aria-label')).toBe('PO Assist');
    expect(text(root)).toBe('PO Assist has no PO policy yet, so nothing is checked. Set up a policy');
  });

  it('after an extension update, says to reload', async () => {
    const root = await mount(<PoHint {...props({ status: hintStatus(null, 'Extension context invalidated.') })} />);
    expect(text(root)).toBe(
      'PO Assist is not checking this PO: the extension was updated or restarted. Reload this page. Open settings',
    );
  });

  it('ready: formats, fix, generate and blanket POs', async () => {
    const root = await mount(
      <PoHint
        {...props({
          fix: 'MKT-202611-0042',
          blanketPos: [
            {
              po: 'BPO-2026-MKT',
              label: 'Marketing 2026',
              owner: 'Dana Reyes',
              budget: { amount: 5000, currencyCode: 'USD' },
              validFrom: '2026-01-01',
              validTo: '2026-12-31',
            },
          ],
        })}
      />,
    );
    expect(text(root.querySelector('.formats')!)).toBe(
      'Expected: Department order MKT-202611-0042 or Project order PRJ-ATLAS-0001',
    );
    const buttons = () => [...root.querySelectorAll('button')].map((button) => text(button).trim());
    expect(buttons()).toEqual([
      'Fix: use MKT-202611-0042',
      'Generate a PO…',
      'Not the PO field?',
      'Copy a page report',
    ]);
    await click(root.querySelector('[data-testid="po-generate-toggle"]'));
    const panel = root.querySelector('.generate')!;
    expect(panel.getAttribute('aria-label')).toBe('Generate a PO number');
    expect(text(panel)).toContain('Format');
    expect(panel.querySelector('option[value=""]')?.textContent).toBe('Choose…');
    expect(buttons()).toContain('Insert generated PO');
    // Blanket POs are inside the panel, with what makes them a deliberate choice.
    expect(text(panel.querySelector('[data-testid="po-blanket"]')!)).toBe(
      'Use blanket PO Marketing 2026 BPO-2026-MKT · Owner: Dana Reyes · Budget: $5,000.00 (spend not known) · Valid 2026-01-01 to 2026-12-31',
    );
  });

  it.each<[string, PoHintProps['blanketSpend'], string, boolean]>([
    ['nothing known yet', {}, 'Budget: €5,000.00 (spend not known)', false],
    ['not known', { 'BPO-EU': { known: false } }, 'Budget: €5,000.00 (spend not known)', false],
    [
      'what is left',
      { 'BPO-EU': { known: true, currencyCode: 'EUR', spent: 3800, remaining: 1200 } },
      '€1,200.00 of €5,000.00 left',
      false,
    ],
    [
      'over budget, flagged',
      { 'BPO-EU': { known: true, currencyCode: 'EUR', spent: 5300.5, remaining: -300.5 } },
      'Over budget by €300.50 (budget €5,000.00)',
      true,
    ],
    [
      'a spend in another currency is never shown against the budget',
      { 'BPO-EU': { known: true, currencyCode: 'USD', spent: 10, remaining: 4990 } },
      'Budget: €5,000.00 (spend not known)',
      false,
    ],
  ])('a blanket PO budget: %s', async (_name, blanketSpend, shown, flagged) => {
    const opened: string[] = [];
    const root = await mount(
      <PoHint
        {...props({
          blanketPos: [{ po: 'BPO-EU', label: 'Europe', budget: { amount: 5000, currencyCode: 'EUR' } }],
          blanketSpend,
          onGenerateOpened: () => opened.push('opened'),
        })}
      />,
    );
    await click(root.querySelector('[data-testid="po-generate-toggle"]'));
    const budget = root.querySelector('[data-testid="po-blanket-budget"]')!;
    expect(text(budget)).toBe(shown);
    expect(budget.classList.contains('error')).toBe(flagged);
    // A script's click (not the shopper's) opens the panel but asks Amazon nothing.
    expect(opened).toEqual([]);
  });

  it('"Not the PO field?" opens the picker; "Copy a page report" asks for the report and says how it went', async () => {
    const asked: string[] = [];
    const root = await mount(
      <PoHint
        {...props({
          onPickField: () => asked.push('pick'),
          onCopyReport: () => asked.push('report'),
          reportNote: "Page report copied: paste it into your message to your administrator or to PO Assist's support.",
        })}
      />,
    );
    await click(root.querySelector('[data-testid="po-pick-field"]'));
    await click(root.querySelector('[data-testid="po-copy-report"]'));
    expect(asked).toEqual(['pick', 'report']);
    expect(root.querySelector('[data-testid="po-report-note"]')?.getAttribute('role')).toBe('status');
    expect(text(root.querySelector('[data-testid="po-report-note"]')!)).toContain('Page report copied');
  });

  it.each([
    [{ valid: true, empty: false, value: 'MKT-202611-0042', formatId: 'dept' }, 'Valid PO (Department order).'],
    [{ valid: true, empty: false, value: 'X-1', formatId: 'unknown' }, 'Valid PO.'],
    [{ valid: true, empty: false, value: 'BPO-2026-MKT', blanket: true }, 'Blanket PO (Marketing 2026).'],
    [{ valid: true, empty: false, value: 'BPO-OTHER', blanket: true }, 'Blanket PO.'],
  ])('verdict %j reads "%s"', (verdict, words) => {
    const state = {
      rules: {},
      formats: [{ id: 'dept', label: 'Department order' }],
      blanketPos: [{ po: 'BPO-2026-MKT', label: 'Marketing 2026' }],
    } as unknown as GuardState;
    expect(verdictText(verdict as Parameters<typeof verdictText>[0], state)).toEqual({ tone: 'ok', text: words });
  });

  it('a broken policy: shoppers read what to do, the admin detail stays in Diagnostics (issue 10 item 8)', async () => {
    const opened: (string | undefined)[] = [];
    const state = {
      policy: null,
      adminControlled: true,
      problemSummary: 'formats[0].template: unknown field "dpt" at column 2',
    } as unknown as GuardState;
    const root = await mount(
      <PoHint {...props({ status: hintStatus(state, null), onOpenOptions: (section) => opened.push(section) })} />,
    );
    expect(text(root)).toBe(
      "PO checks are off: your organization's PO settings have a problem. Tell your IT admin. Diagnostics",
    );
    expect(text(root)).not.toContain('dpt');
    await click(root.querySelector('button'));
    expect(opened).toEqual(['diagnostics']);
  });

  it('after a stopped submit, says the problem once, with its consequence (issue 10 item 6)', async () => {
    const diagnosis = 'Department must be one of MKT, ENG, FIN — found MKTG';
    const root = await mount(
      <PoHint
        {...props({
          verdict: { tone: 'error', text: diagnosis },
          submitMessage: { text: `Order not submitted: ${diagnosis}.`, blocking: true },
        })}
      />,
    );
    expect(text(root).split('found MKTG')).toHaveLength(2);
    expect(text(root)).toContain(`Order not submitted: ${diagnosis}.`);
  });
});
