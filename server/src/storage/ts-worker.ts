import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread whose entry is TypeScript. The server runs under
 * tsx, whose loader hooks do not carry over into worker threads (Node 20),
 * so the thread registers tsx itself before importing its entry.
 */
export function startTsWorker(entry: URL, workerData: unknown, name: string): Worker {
  const tsx = new URL(import.meta.resolve('tsx/esm/api')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData, name });
}
