/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/precompress';

export default defineConfig(({ command }) => ({
  resolve: {
    // React Router 7's package exports name only its development build (dev warnings and checks
    // included, remix-run/react-router#12532 and #14753); the production build sits beside it.
    alias:
      command === 'build'
        ? [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(
                new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            },
          ]
        : [],
  },
  plugins: [
    react(),
    // Installable and offline after one visit: a service worker (Workbox, generated at build)
    // precaches the whole build; a new version waits until the user accepts it (src/app/UpdatePrompt.tsx).
    VitePWA({
      registerType: 'prompt',
      // Registered from the app's own code (no inline script: the CSP forbids them).
      injectRegister: null,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Headroom — connected-transaction caps',
        short_name: 'Headroom',
        description: 'Continuing connected transactions against their annual caps.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f6f9',
        theme_color: '#12355b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every screen, worker and library chunk, so any route opens offline (about 2 MB).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The precompressed copies are the server's business; the build manifest is not served.
        globIgnores: ['**/*.br', '**/*.gz', '.vite/**'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
      },
    }),
    precompress(),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // .vite/manifest.json: the chunk graph scripts/size.mjs measures the entry from (not served: a dotfile).
    manifest: true,
    rollupOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry imports statically, in one chunk: it is all loaded before the
            // overview paints anyway, and as 19 small chunks it took four rounds of six requests
            // (HTTP/1.1) on a slow network, each waiting a round trip.
            { name: 'app', tags: ['$initial'] },
          ],
        },
      },
    },
  },
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
}));
