// Starts the import worker (TypeScript) in a worker thread: tsx compiles it on
// the fly, as it does the server itself (`npm run server` runs under tsx).
import { tsImport } from 'tsx/esm/api';

await tsImport('./importWorker.ts', import.meta.url);
