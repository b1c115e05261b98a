import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accessRegions, apiAccessStatus, mergeApiAccess } from '@/lib/storage/api-access';
import { apiAccessItem } from '@/lib/storage/items';

describe('the regions of an API access ("All my regions")', () => {
  const base = {
    mode: 'broker' as const,
    brokerUrl: 'https://broker.example.com/token',
    region: 'US' as const,
    sandbox: false,
  };
  it('is the lookup region first, then the other regions saved, each once', () => {
    const saved = mergeApiAccess(null, { ...base, otherRegions: ['UK', 'US', 'UK', 'JP'] });
    expect(accessRegions(saved)).toEqual(['US', 'UK', 'JP']);
    expect(apiAccessStatus(saved, {}).regions).toEqual(['US', 'UK', 'JP']);
  });
  it('keeps the stored other regions when a save does not send them, and clears them with an empty list', () => {
    const saved = mergeApiAccess(null, { ...base, otherRegions: ['DE'] });
    expect(accessRegions(mergeApiAccess(saved, base))).toEqual(['US', 'DE']);
    expect(accessRegions(mergeApiAccess(saved, { ...base, otherRegions: [] }))).toEqual(['US']);
  });
  it('keeps the other regions in storage: read back, they are still there', async () => {
    fakeBrowser.reset();
    await apiAccessItem.setValue(mergeApiAccess(null, { ...base, otherRegions: ['UK', 'DE'] }));
    expect(accessRegions(await apiAccessItem.getValue())).toEqual(['US', 'UK', 'DE']);
  });
});
