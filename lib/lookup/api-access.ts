/**
 * Checks for the API access form on the options page. Pure; the background validates again on save.
 */

/** Null when the broker URL is acceptable, else why not, in words for an admin or a procurement user. */
export function brokerUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'Enter the token broker URL your administrator gave you.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'This is not a web address. It should look like https://tokens.example.com/amazon-business.';
  }
  if (url.protocol !== 'https:') return 'The token broker URL must start with https:// so the token cannot be read on the way.';
  if (url.username || url.password) return 'Leave user names and passwords out of the URL; the broker signs you in itself.';
  return null;
}
