import { resolve } from 'node:path';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';

/**
 * How the customer widget is built (`vite build --mode widget`, see
 * vite.config.ts): a small classic script, `widget.js` (the loader: help
 * button, consent dialog, `window.Tsunagi`), and ES module chunks that it
 * imports only when sharing starts — `sharing` (recorder, transport,
 * guidance, every later screen) and `recorder` (all a frame needs when a
 * sharing top page invites it), plus what rolldown splits out as common to
 * both. See docs/architecture.md, "The widget's parts".
 */

/** Where the chunks are written, under the widget's output directory, and the URL path the server serves them at. */
export const CHUNKS_DIR = 'chunks';
export const CHUNKS_PATH = '/widget/chunks/';

/** The lazily loaded entries, by the name loader/lazy.ts exports a loader for. */
const LAZY_ENTRIES = { sharing: 'widget/session/sharing.ts', recorder: 'widget/frames/frame-recorder.ts' } as const;
type LazyEntry = keyof typeof LAZY_ENTRIES;
const LOADERS: Record<LazyEntry, string> = { sharing: 'loadSharing', recorder: 'loadRecorder' };

/**
 * rrweb 2.2's single-file build carries postcss twice (for the replayer's
 * CSS rewriting, `adaptCssForReplay`), wrapped as
 * `var import_postcss = __toESM((__commonJSMin(…))(), 1)` and followed by
 * bare reads such as `import_postcss.default.stringify;` (what is left of
 * postcss's own ESM re-exports) and `var postcss_default = import_postcss.default;`.
 * The outer call is not marked pure and the reads count as side effects, so
 * the bundler must keep ~100 KB of it even when only `record` is imported
 * (record never touches it). Marking the call pure, dropping the no-op reads
 * and making the alias a pure call lets tree-shaking remove postcss when
 * nothing uses it; where something does (the console's replayer), it stays
 * and runs as before. If an rrweb update changes the shape, the build stops
 * here rather than silently growing the customer's download by ~35 KB gzipped.
 */
export function rrwebWithoutUnusedPostcss(): Plugin {
  const wrapper = /^var (import_postcss(?:\$1)?) = \/\* @__PURE__ \*\/ (__toESM(?:\$1)?)\(\(/gm;
  const reads = /^import_postcss(?:\$1)?\.default(?:\.\w+)?;$/gm;
  const alias = /^var (\w+) = (import_postcss(?:\$1)?)\.default;$/gm;
  return {
    name: 'tsunagi:rrweb-without-unused-postcss',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/.test(id)) return null;
      let found = 0;
      const out = code.replace(wrapper, (_match, name: string, toEsm: string) => {
        found++;
        return `var ${name} = /* @__PURE__ */ ${toEsm}(/* @__PURE__ */ (`;
      });
      if (found === 0) this.error('rrweb dist changed: its postcss wrapper was not found (see scripts/widget-build.ts)');
      return { code: out.replace(reads, '').replace(alias, 'var $1 = /* @__PURE__ */ (() => $2.default)();'), map: null };
    },
  };
}

/**
 * The widget connects over WebSocket only (transport/connection.ts:
 * `transports: ['websocket']`; no sticky sessions behind a load balancer),
 * but engine.io-client's transport table imports HTTP long-polling and
 * WebTransport too, and the table is all or nothing for the bundler. This
 * gives the widget a table with the WebSocket transport alone; a
 * `transports` option naming another would fail at once, in every test.
 */
export function websocketOnlyEngine(): Plugin {
  return {
    name: 'tsunagi:websocket-only-engine',
    load(id) {
      if (!/[\\/]node_modules[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
      return 'import { WS } from "./websocket.js";\nexport const transports = { websocket: WS };\n';
    },
  };
}

/**
 * The chunk build: ES modules with content-hashed names, loaded by URL from
 * the Tsunagi server. `clean` empties the directory first (a real build);
 * otherwise files are only added, so a server serving them meanwhile never
 * misses one (the e2e tests build the loader in memory while it runs).
 */
export function chunksConfig(client: string, outDir: string, clean = true): InlineConfig {
  return {
    configFile: false,
    root: client,
    logLevel: 'warn',
    mode: 'production',
    plugins: [rrwebWithoutUnusedPostcss(), websocketOnlyEngine()],
    build: {
      outDir,
      emptyOutDir: clean,
      copyPublicDir: false,
      target: 'es2019',
      // No dynamic imports inside the chunks; never a preload helper (it would resolve against the page's origin).
      modulePreload: false,
      rolldownOptions: {
        input: Object.fromEntries(Object.entries(LAZY_ENTRIES).map(([name, file]) => [name, resolve(client, file)])),
        preserveEntrySignatures: 'exports-only',
        // What both entries use goes into a chunk named for what it is, not after one of its modules.
        output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: 'common-[hash].js' },
      },
    },
  };
}

/** The module that replaces loader/lazy.ts in widget.js: each loader imports its chunk by absolute URL. */
export function lazyModuleSource(files: Record<LazyEntry, string>): string {
  const lines = [`const url = (origin, file) => origin + ${JSON.stringify(CHUNKS_PATH)} + file;`];
  for (const entry of Object.keys(LAZY_ENTRIES) as LazyEntry[]) {
    lines.push(`export function ${LOADERS[entry]}(origin) { return import(/* @vite-ignore */ url(origin, ${JSON.stringify(files[entry])})); }`);
  }
  return lines.join('\n') + '\n';
}

/**
 * For the loader build: first builds the chunks (written to
 * `<outDir>/chunks`, also when the loader itself is built in memory, as the
 * e2e tests do — the server serves them from there; then without emptying
 * the directory), then swaps loader/lazy.ts for the URL-importing module.
 */
export function lazyChunks(client: string, widgetOutDir: string): Plugin {
  const lazyModule = resolve(client, 'widget/loader/lazy.ts');
  let source = '';
  let write = true;
  return {
    name: 'tsunagi:lazy-chunks',
    configResolved(config) {
      write = config.build.write;
    },
    async buildStart() {
      const output = (await build(chunksConfig(client, resolve(widgetOutDir, CHUNKS_DIR), write))) as Rolldown.RolldownOutput;
      const files = {} as Record<LazyEntry, string>;
      for (const item of output.output) {
        if (item.type === 'chunk' && item.isEntry && item.name in LAZY_ENTRIES) files[item.name as LazyEntry] = item.fileName;
      }
      for (const entry of Object.keys(LAZY_ENTRIES) as LazyEntry[]) {
        if (!files[entry]) this.error(`the widget chunk build produced no ${entry} entry`);
      }
      source = lazyModuleSource(files);
    },
    load(id) {
      return id === lazyModule ? source : null;
    },
  };
}
