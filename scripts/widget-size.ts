/**
 * The customer widget's download, against the product's bars: the loader
 * (widget.js, on every page view) ≤ 10 KB gzipped; what sharing fetches
 * (the sharing chunk and the chunks it imports) ≤ 45 KB gzipped.
 *
 *   npm run size                # builds the widget (vite build --mode widget), prints the table
 *   npm run size -- --why       # also: what each chunk is made of, by package
 *   npm run size -- --check     # exit 1 when a bar is missed
 *
 * Gzip at level 9 (what a precompressing server or CDN sends); 1 KB = 1,000
 * bytes. See docs/performance.md, "Widget size".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { CHUNKS_DIR, chunksConfig } from './widget-build.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const client = resolve(root, 'client');
const widgetDir = resolve(client, 'dist/widget');
const chunksDir = resolve(widgetDir, CHUNKS_DIR);

const { values: args } = parseArgs({ options: { why: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } } });

const LOADER_BAR = 10_000;
const SHARING_BAR = 45_000;

interface Size {
  raw: number;
  gzip: number;
}

function sizeOf(code: string | Buffer): Size {
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(6) + ' KB';
const exact = (bytes: number) => bytes.toLocaleString('en-US') + ' B';

interface ChunkInfo {
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: string[];
  size: Size;
  /** Bytes of each package's code in the chunk, after tree-shaking, before minification. */
  parts: Map<string, number>;
}

/** The chunk build again, in memory (the same input, so the same files), to learn entries, imports and contents. */
async function chunkInfo(): Promise<ChunkInfo[]> {
  const chunks: ChunkInfo[] = [];
  const collect: Plugin = {
    name: 'widget-size:collect',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        const parts = new Map<string, number>();
        for (const [id, module] of Object.entries(item.modules)) {
          const key = packageOf(id);
          parts.set(key, (parts.get(key) ?? 0) + module.renderedLength);
        }
        chunks.push({ fileName: item.fileName, name: item.name, isEntry: item.isEntry, imports: item.imports, size: sizeOf(item.code), parts });
      }
    },
  };
  const config = chunksConfig(client, resolve(root, '.artifacts/widget-size'));
  await build({ ...config, plugins: [...(config.plugins ?? []), collect], build: { ...config.build, write: false } });
  return chunks;
}

/** An entry chunk and what it imports, transitively. */
function closure(chunks: ChunkInfo[], entry: string): ChunkInfo[] {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const start = chunks.find((c) => c.isEntry && c.name === entry);
  if (!start) throw new Error(`the chunk build has no ${entry} entry`);
  const seen = new Map<string, ChunkInfo>();
  const visit = (chunk: ChunkInfo) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const file of chunk.imports) visit(byFile.get(file)!);
  };
  visit(start);
  return [...seen.values()];
}

const sum = (chunks: ChunkInfo[]) => chunks.reduce((a, c) => ({ raw: a.raw + c.size.raw, gzip: a.gzip + c.size.gzip }), { raw: 0, gzip: 0 });

function verdict(size: number, bar: number): string {
  return size <= bar ? `within ${kb(bar).trim()}` : `over ${kb(bar).trim()} by ${kb(size - bar).trim()}`;
}

await build({ configFile: resolve(root, 'vite.config.ts'), mode: 'widget', logLevel: 'warn' });
const loader = sizeOf(readFileSync(resolve(widgetDir, 'widget.js')));
const chunks = await chunkInfo();
for (const chunk of chunks) {
  if (!existsSync(resolve(chunksDir, chunk.fileName))) throw new Error(`chunks/${chunk.fileName} was not built: is the build deterministic?`);
}
const sharingChunks = closure(chunks, 'sharing');
const recorderChunks = closure(chunks, 'recorder');
const sharing = sum(sharingChunks);
const recorder = sum(recorderChunks);
const names = (list: ChunkInfo[]) => list.map((c) => c.fileName).join(' + ');

console.log('\nWidget size (gzip -9; 1 KB = 1,000 bytes)\n');
console.log('file'.padEnd(36) + 'raw'.padStart(9) + 'gzip'.padStart(10));
console.log('widget.js'.padEnd(36) + kb(loader.raw) + ' ' + kb(loader.gzip));
for (const chunk of [...chunks].sort((a, b) => b.size.raw - a.size.raw)) {
  console.log(`chunks/${chunk.fileName}`.padEnd(36) + kb(chunk.size.raw) + ' ' + kb(chunk.size.gzip));
}
console.log('');
console.log(`every page view: widget.js  ${exact(loader.gzip)} gzipped (${verdict(loader.gzip, LOADER_BAR)})`);
console.log(`sharing starts:  ${names(sharingChunks)}  ${exact(sharing.gzip)} gzipped (${verdict(sharing.gzip, SHARING_BAR)})`);
console.log(`frame invited:   ${names(recorderChunks)}  ${exact(recorder.gzip)} gzipped`);

if (args.why) {
  console.log('\nWhat the chunks hold (bytes of code after tree-shaking, before minification):');
  for (const chunk of chunks) {
    const bytes = [...chunk.parts.values()].reduce((a, b) => a + b, 0);
    if (bytes < 1000) continue;
    console.log(`\n  ${chunk.fileName}`);
    for (const [name, part] of [...chunk.parts].sort((a, b) => b[1] - a[1])) {
      if (part >= 500) console.log(`    ${kb(part)}  ${((100 * part) / bytes).toFixed(0).padStart(3)} %  ${name}`);
    }
  }
}

if (args.check && (loader.gzip > LOADER_BAR || sharing.gzip > SHARING_BAR)) process.exitCode = 1;

function packageOf(id: string): string {
  const path = id.replace(/\\/g, '/');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const relative = path.startsWith(root) ? path.slice(root.length + 1) : path;
  return relative.split('/').slice(0, 3).join('/');
}
