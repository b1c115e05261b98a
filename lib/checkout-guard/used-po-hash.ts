/**
 * A short hash of a normalised PO (FNV-1a, 32 bits, base 36). The guard state carries the hashes of the POs used
 * from this browser instead of the POs themselves: the content script decides local reuse at submit, synchronously,
 * from ~7 bytes per entry (5,000 entries ≈ 35 KB), and the page never gets a readable list of past POs. A false
 * "used before" needs a 32-bit collision among the history (≈ 1 in 850,000 for 5,000 entries).
 */
export function usedPoHash(po: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < po.length; i++) {
    hash ^= po.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
