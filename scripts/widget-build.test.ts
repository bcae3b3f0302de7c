import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import { lazyModuleSource, rrwebWithoutUnusedPostcss } from './widget-build.ts';

const RRWEB = '/repo/node_modules/rrweb/dist/rrweb.js';

function transform(plugin: Plugin, code: string, id: string): { code: string } | null {
  const hook = plugin.transform as (this: unknown, code: string, id: string) => { code: string } | null;
  return hook.call(
    {
      error: (message: string) => {
        throw new Error(message);
      },
    },
    code,
    id,
  );
}

describe('rrwebWithoutUnusedPostcss', () => {
  const wrapped = [
    'var import_postcss$1 = /* @__PURE__ */ __toESM$1((/* @__PURE__ */ __commonJSMin$1(((exports, module) => {',
    '\tmodule.exports = {};',
    '})))(), 1);',
    'var postcss_default = import_postcss$1.default;',
    'import_postcss$1.default.stringify;',
    'import_postcss$1.default;',
    'function adaptCssForReplay(css) { return postcss_default([]).process(css).css; }',
  ].join('\n');

  it('marks the postcss wrapper and its alias pure and drops the no-op reads', () => {
    const out = transform(rrwebWithoutUnusedPostcss(), wrapped, RRWEB)!.code;
    expect(out).toContain('var import_postcss$1 = /* @__PURE__ */ __toESM$1(/* @__PURE__ */ (/* @__PURE__ */ __commonJSMin$1(');
    expect(out).toContain('var postcss_default = /* @__PURE__ */ (() => import_postcss$1.default)();');
    expect(out).not.toMatch(/^import_postcss\$1\.default/m);
    // What uses postcss still does.
    expect(out).toContain('postcss_default([]).process(css).css');
  });

  it('leaves every other module alone', () => {
    expect(transform(rrwebWithoutUnusedPostcss(), wrapped, '/repo/node_modules/other/index.js')).toBeNull();
  });

  it('stops the build when rrweb no longer has that shape', () => {
    expect(() => transform(rrwebWithoutUnusedPostcss(), 'export const record = () => {};', RRWEB)).toThrow(/postcss wrapper was not found/);
  });
});

describe('lazyModuleSource', () => {
  it('imports each chunk by its absolute URL on the Tsunagi server', () => {
    const source = lazyModuleSource({ sharing: 'sharing-abc.js', recorder: 'recorder-def.js' });
    expect(source.split('\n')).toEqual([
      'const url = (origin, file) => origin + "/widget/chunks/" + file;',
      'export function loadSharing(origin) { return import(/* @vite-ignore */ url(origin, "sharing-abc.js")); }',
      'export function loadRecorder(origin) { return import(/* @vite-ignore */ url(origin, "recorder-def.js")); }',
      '',
    ]);
  });
});
