/**
 * The one check for the company's own HTTPS addresses (token broker, policy URL): HTTPS, and no user name or
 * password, which would leak wherever the URL is shown or logged (fetch refuses such URLs anyway).
 */
export type HttpsUrlProblem = 'not-url' | 'not-https' | 'credentials';

export function checkHttpsUrl(value: string): { ok: true; url: URL } | { ok: false; problem: HttpsUrlProblem } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'not-url' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not-https' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  return { ok: true, url };
}
