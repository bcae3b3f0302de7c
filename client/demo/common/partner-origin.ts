/**
 * The demo's stand-in for another company's site. On one machine the server
 * answers both loopback names, and `127.0.0.1` and `localhost` are two
 * origins to the browser: a page on one embeds the payment provider's form
 * from the other, which makes a real cross-origin frame. On any other host
 * name there is no second name to use, and the partner is this same origin.
 */
export function partnerOrigin(location: Pick<Location, 'protocol' | 'hostname' | 'port' | 'origin'>): string {
  const other = location.hostname === '127.0.0.1' ? 'localhost' : location.hostname === 'localhost' ? '127.0.0.1' : null;
  if (!other) return location.origin;
  return `${location.protocol}//${other}${location.port ? `:${location.port}` : ''}`;
}
