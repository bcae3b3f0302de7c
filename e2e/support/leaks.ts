import { existsSync, readFileSync } from 'node:fs';
import type { Database } from '../../server/src/storage/schema.ts';
import type { TestServer } from '../../server/test/support/test-server.ts';

/**
 * The end of a leak test: every place the server side could have kept what
 * must never reach it, searched as text. The test names what to search for
 * and where; `watch.ts` fills the traffic and log arrays it passes in here.
 */

/**
 * The places to search, by name: what the test gathered (traffic, logs), the
 * rows of `tables` as `database rows`, and on SQLite the raw database file
 * and its WAL, free pages included. Call it once the server has closed, so
 * the last batches are committed.
 */
export async function serverSidePlaces(
  server: TestServer,
  tables: readonly (keyof Database)[],
  gathered: Record<string, string>,
): Promise<Record<string, string>> {
  const rows: string[] = [];
  for (const table of tables) {
    rows.push(JSON.stringify(await server.storage.db.selectFrom(table).selectAll().execute()));
  }
  const places: Record<string, string> = { ...gathered, 'database rows': rows.join('\n') };
  const file = server.databaseUrl.startsWith('sqlite:') ? server.databaseUrl.slice('sqlite:'.length) : undefined;
  if (file) {
    for (const path of [file, `${file}-wal`]) {
      if (existsSync(path)) places[`raw ${path.endsWith('-wal') ? 'WAL' : 'database'} file`] = readFileSync(path).toString('latin1');
    }
  }
  return places;
}

/**
 * `<secret> in <place>` for every secret found in any place: a leak test expects none.
 * A secret of digits only (a card's security code) is found only as a number of
 * its own: `4821` must not match inside a timestamp such as 1795734821123.
 */
export function leaksIn(places: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(places).flatMap(([place, text]) =>
    secrets.filter((secret) => contains(text, secret)).map((secret) => `${secret} in ${place}`),
  );
}

function contains(text: string, secret: string): boolean {
  if (!/^[0-9]+$/.test(secret)) return text.includes(secret);
  return new RegExp(`(?<![0-9])${secret}(?![0-9])`).test(text);
}

/**
 * `<text> not in <place>` for every text missing from one of the named places
 * (a place that does not exist holds nothing). Ordinary typed text must be
 * found, or a search that finds no secret proves nothing.
 */
export function missingFrom(places: Record<string, string>, texts: readonly string[], where: readonly string[]): string[] {
  return where.flatMap((place) => texts.filter((text) => !(places[place] ?? '').includes(text)).map((text) => `${text} not in ${place}`));
}
