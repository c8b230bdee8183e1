/**
 * Vite plugin: writes a brotli (.br) and a gzip (.gz) copy beside every compressible
 * file of the build, at the highest levels, once at build time, so the server
 * (scripts/serve.mjs) never compresses per request. Runs after every other plugin's
 * output (the service worker included), so every `vite build` output is ready to serve.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Compresses every eligible file under dir (on libuv's thread pool, several files at
 * once); resolves to how many files it compressed.
 */
export async function precompressDir(dir: string): Promise<number> {
  const eligible = [...files(resolve(dir))].filter((p) => COMPRESSIBLE.test(p) && statSync(p).size >= MIN_BYTES);
  await Promise.all(
    eligible.map(async (path) => {
      const data = await readFile(path);
      const [br, gzipped] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gz(data, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)]);
    }),
  );
  return eligible.length;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'headroom-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await precompressDir(outDir);
      },
    },
  };
}
