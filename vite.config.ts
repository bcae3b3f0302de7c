import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { lazyChunks } from './scripts/widget-build.ts';

const client = resolve(import.meta.dirname, 'client');

/** Pages of the demo insurer site and the consoles, built as one multi-page app. */
const pages = {
  demo: 'demo/index.html',
  'demo-renewal': 'demo/renewal/index.html',
  'demo-payment': 'demo/payment/index.html',
  'demo-fire': 'demo/fire/index.html',
  'demo-certificate': 'demo/certificate/index.html',
  'demo-change': 'demo/change/index.html',
  'demo-embed-address': 'demo/embed/address/index.html',
  'demo-embed-card': 'demo/embed/card/index.html',
  agent: 'agent/index.html',
};

export default defineConfig(({ mode }) => {
  if (mode === 'widget') {
    // The customer widget: the loader, one classic script with no dependencies on
    // the page, and the ES module chunks it imports when sharing starts (see
    // scripts/widget-build.ts; lazyChunks builds them first, into dist/widget/chunks).
    const outDir = resolve(client, 'dist/widget');
    return {
      root: client,
      plugins: [lazyChunks(client, outDir)],
      build: {
        outDir,
        // The chunk build empties its own directory; widget.js is overwritten.
        emptyOutDir: false,
        target: 'es2019',
        lib: {
          entry: resolve(client, 'widget/main.ts'),
          name: 'TsunagiWidget',
          formats: ['iife'],
          fileName: () => 'widget.js',
        },
      },
    };
  }
  return {
    root: client,
    plugins: [react()],
    build: {
      outDir: resolve(client, 'dist/app'),
      emptyOutDir: true,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(pages).map(([name, file]) => [name, resolve(client, file)])),
      },
    },
  };
});
