/**
 * Canonical form of an article URL, so the same article reached through different links is
 * one record: https, no `www.`, lower-case host, no fragment, no tracking parameters
 * (`utm_*`, `fbclid`, `gclid`, `ref`), sorted query, no trailing slash.
 */

const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|source)$/i;

export function canonicalUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.port === '443' || url.port === '80') url.port = '';
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(params).toString();
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '';
  const query = url.search;
  return `https://${url.host}${path}${query}`;
}
