import { Worker } from 'node:worker_threads';

/**
 * Starts one of the server's worker threads by its module's name, found
 * beside the module that asks (`from`: its `import.meta.url`).
 *
 * Built (`npm run build:server`, what `npm run serve` runs) the server is
 * plain JavaScript in one flat directory, and the thread's entry is
 * `<name>.js` next to whichever bundle asks. From the sources (tests,
 * development, the CLI) it is `<name>.ts` next to the asking source file,
 * and it runs under tsx, whose loader hooks do not carry over into worker
 * threads (Node 20), so the thread registers tsx itself before importing it.
 */
export function startWorker(name: string, from: string, workerData: unknown, threadName: string): Worker {
  if (from.endsWith('.js')) return new Worker(new URL(`./${name}.js`, from), { workerData, name: threadName });
  const entry = new URL(`./${name}.ts`, from).href;
  const tsx = new URL(import.meta.resolve('tsx/esm/api')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData, name: threadName });
}
