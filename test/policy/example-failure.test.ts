import { describe, expect, it, vi } from 'vitest';
import { describeFormats } from '@/lib/policy/describe';
import { policyOf, NOW, SEQ4 } from './helpers';

// Example generation throwing for one format (any bug in it) stands in for the inherited-function crash of issue 7.
vi.mock('@/lib/policy/generate', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/policy/generate')>();
  return {
    ...real,
    generatePo: (...args: Parameters<typeof real.generatePo>) => {
      if (args[1] === 'broken') throw new TypeError('example generation failed');
      return real.generatePo(...args);
    },
  };
});

describe('one format failing its example never disables the others', () => {
  it('describeFormats describes every format, the failing one by its template', () => {
    const policy = policyOf({
      formats: [
        { id: 'broken', template: 'X-{seq}' },
        { id: 'fine', template: 'PRJ-{seq}' },
      ],
      fields: { seq: SEQ4 },
    });
    expect(describeFormats(policy, { now: NOW }).map(({ id, example }) => ({ id, example }))).toEqual([
      { id: 'broken', example: 'X-{seq}' },
      { id: 'fine', example: 'PRJ-0001' },
    ]);
  });
});
