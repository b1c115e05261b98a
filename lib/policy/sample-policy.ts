import type { Policy } from './schema';

/**
 * The README's example policy ("The policy format"), complete and valid: the demo, the options page and tests
 * start from it.
 * Written with every default spelled out, so it is both a valid input for parsePolicy and a parsed Policy.
 */
export const SAMPLE_POLICY = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  maxLength: 30,
  formats: [
    { id: 'dept', label: 'Department order', template: '{dept}-{yyyy}{mm}-{seq}', example: 'MKT-202611-0042' },
    { id: 'project', label: 'Project order', template: 'PRJ-{proj}-{seq}', example: 'PRJ-ATLAS-0001' },
  ],
  fields: {
    dept: {
      type: 'list',
      label: 'Department',
      values: [
        { code: 'MKT', label: 'Marketing' },
        { code: 'ENG', label: 'Engineering' },
        { code: 'FIN', label: 'Finance' },
      ],
    },
    proj: { type: 'text', label: 'Project code', charset: 'A-Z0-9', minLength: 3, maxLength: 8 },
    seq: { type: 'digits', label: 'Sequence number', minLength: 4, maxLength: 4 },
  },
  reuse: 'warn',
  help: 'Format DEPT-YYYYMM-NNNN. Ask finance for your department code.',
  blanketPos: [
    {
      po: 'BPO-2026-MKT',
      label: 'Marketing 2026',
      budget: { amount: 5000, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
  ],
  selectors: { poField: ['#po-input'], submit: ['#placeOrder'] },
} satisfies Policy;
