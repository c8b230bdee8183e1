/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress';

export default defineConfig({
  plugins: [react(), precompress()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // .vite/manifest.json: the chunk graph scripts/size.mjs measures the entry from (not served: a dotfile).
    manifest: true,
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/server/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // A guard against hangs, not a speed check: large-ledger and component tests take
    // several seconds on a loaded 2-core machine, and no test asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
