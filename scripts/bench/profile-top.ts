/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went:
 * self time by function and by module, and inclusive time of the functions
 * that matter most.
 *
 *   node --import tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, table } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `package` for node_modules, the repository path for our own files, `(node)` for Node's internals. */
function moduleOf(url: string): string {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return `(node) ${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const repo = url.indexOf('/main/');
  return repo >= 0 ? url.slice(repo + 6) : url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const file = url.split('/').pop();
  return `${name}  ${moduleOf(url) === file ? file : `${moduleOf(url)}${url.includes('/node_modules/') ? `/${file}` : ''}`}:${lineNumber + 1}`;
}

export function summariseProfile(path: string, top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const selfModule = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    total += dt;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    const mod = node.callFrame.url ? moduleOf(node.callFrame.url) : node.callFrame.functionName;
    selfModule.set(mod, (selfModule.get(mod) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = frameName(byId.get(at)!);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + dt);
    }
  });
  const busy = total - idle;
  const rows = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => [name, `${fmt(ms / 1000, 2)} s`, `${fmt((100 * ms) / busy)} %`]);
  const skip = /^\((root|program|garbage collector)\)|^\(anonymous\)\s*$|processTicksAndRejections|runMicrotasks|listOnTimeout|processTimers/;
  return [
    `profile: ${path}`,
    `  ${fmt(total / 1000, 1)} s sampled, ${fmt(busy / 1000, 1)} s busy (${fmt((100 * busy) / total)} %); percentages below are of busy time`,
    '',
    'self time by module',
    table([['module', 'self', 'share'], ...rows(selfModule, 20)]),
    '',
    'self time by function',
    table([['function', 'self', 'share'], ...rows(self, top)]),
    '',
    'inclusive time by function (each counted once per stack)',
    table([
      ['function', 'total', 'share'],
      ...rows(new Map([...inclusive].filter(([name]) => !skip.test(name))), top),
    ]),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top N]');
  const topArg = process.argv.indexOf('--top');
  process.stdout.write(`${summariseProfile(file, topArg > 0 ? Number(process.argv[topArg + 1]) : 25)}\n`);
}
