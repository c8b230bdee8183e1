/**
 * A free loopback TCP port: the system picks one for a probe server, which is
 * closed before the port is returned. Plain JavaScript so the .mjs scripts
 * (bench, lighthouse) import it as they are; the TypeScript ones and the
 * browser tests use its declaration (freePort.d.mts).
 */
import { createServer } from 'node:net';

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
