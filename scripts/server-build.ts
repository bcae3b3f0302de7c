import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';

/**
 * How the server is built (`npm run build:server`): its TypeScript, and the
 * shared contracts it imports, compiled into plain ES modules under
 * `server/dist/`, which `npm run serve` runs with Node alone. Packages from
 * node_modules stay imports (Vite's server-side build leaves them external;
 * the workspace's own `@tsunagi/shared` is linked, so it is compiled in).
 *
 * Why not run the sources through tsx, as development does: tsx compiles
 * with esbuild's `keepNames`, which wraps every named function and arrow in
 * a call that defines its `name` as an own property, so each such closure
 * the server creates carries a property dictionary — under the 1,000-session
 * benchmark 32,000 live closures and 8 MB of them, marked by every full
 * collection (docs/performance.md, session 6). Compiled once, the closures
 * are plain, tsx's loader and esbuild are not in the process (idle RSS
 * 134 MB against 241 MB), and start-up does no compiling.
 *
 * The output is flat: every entry and shared chunk in one directory, so a
 * module finds a worker thread's entry beside itself (storage/worker-thread.ts).
 */

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The server's entries: the process, and each worker thread's module (named as the thread finds it). */
export const SERVER_ENTRIES = {
  main: 'server/src/main.ts',
  'batch-commit-worker': 'server/src/features/cobrowse/batch-commit-worker.ts',
  'wal-checkpoint-worker': 'server/src/storage/wal-checkpoint-worker.ts',
} as const;

export const SERVER_OUT_DIR = 'server/dist';

/** A Node build of `entries` (name → source, relative to the repository) into `outDir`. */
export function nodeBuildConfig(entries: Record<string, string>, outDir: string): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: resolve(root, outDir),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      // Not loaded by default (`--enable-source-maps` keeps every map in
      // memory): for reading a stack trace, or for running with that flag.
      sourcemap: true,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(root, file)])),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
}

export async function buildServer(outDir: string = SERVER_OUT_DIR): Promise<void> {
  await build(nodeBuildConfig(SERVER_ENTRIES, outDir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  process.stdout.write(`server built into ${SERVER_OUT_DIR}/ in ${Math.round(performance.now() - started)} ms\n`);
}
