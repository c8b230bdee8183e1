/**
 * `npm run status -- --as-of YYYY-MM-DD [--json] [--threshold 80]
 *   [--approve RESOLUTION_ID=YYYY-MM-DD] [--reject RESOLUTION_ID=YYYY-MM-DD] [--lang en|zh]`
 *
 * Per-category cap status from the same domain code as the app (allStatuses).
 * Use `npm run -s status -- … --json` for output that is JSON only (npm prints
 * a banner otherwise). Exit codes: 0 success, 2 bad command line, 1 failure,
 * 3 open alerts or open items (`--alerts`).
 */
import { runStatusWithFiles } from './lib/runStatus';

const result = await runStatusWithFiles(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
