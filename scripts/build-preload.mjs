// Bundles the sandboxed preload into one CommonJS file (out/preload/preload.cjs): sandboxed
// preloads can require only 'electron', so the contract code must be inlined.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'out/preload',
    emptyOutDir: true,
    minify: false,
    lib: { entry: 'electron/main/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
