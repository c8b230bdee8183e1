/**
 * The import worker (a worker thread, one per upload): reads the uploaded
 * file from its temporary folder, parses it with the app's own import code
 * (src/domain/import/parseFile.ts, the same code the browser's import worker
 * runs), aggregates the rows it will store (src/domain/ledger/aggregates.ts)
 * and hands the server the rows as COPY text, one chunk each time it asks
 * (so at most one chunk waits in the server's memory).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { stringAt } from '../../src/domain/import/accepted';
import { parseFile } from '../../src/domain/import/parseFile';
import type { DateOrderAmbiguity, FatalError, ParseOptions } from '../../src/domain/import/types';
import { aggregateColumns } from '../../src/domain/ledger/aggregates';
import { planImport } from '../../src/domain/ledger/importPlan';
import { copyField } from './copyText';
import { rowErrorText } from '../../src/ui/messages/importIssues';

export interface WorkerInput {
  path: string;
  fileName: string;
  batchId: string;
  options: ParseOptions;
  skipDuplicates: boolean;
  chunkRows: number;
}

export interface ParsedSummary {
  format: string;
  rowCount: number;
  stored: number;
  totalMinor: string;
  skippedDuplicates: number;
  /** Rows repeating an earlier row of the same file (skipped or not), with their exact total. */
  withinFile: { count: number; totalMinor: string };
  errorCount: number;
  firstErrors: { row: number; message: string }[];
  minDay: number | null;
  maxDay: number | null;
  /** Per category: ascending days with the exact sum (decimal string) and count of the stored rows. */
  aggregates: { categoryId: string; days: number[]; sums: string[]; counts: number[] }[];
}

export type WorkerMessage =
  /** A refusal as codes and values; server/ledger/imports.ts turns it into the catalogue's refusal (apiRefusals.ts). */
  | { type: 'refused'; refusal: ImportRefusal }
  | { type: 'parsed'; summary: ParsedSummary }
  | { type: 'chunk'; text: string }
  | { type: 'end' };

/** Why the worker refuses a file: the reader's refusal, dates only the user can order, or nothing left to store. */
export type ImportRefusal =
  | { readonly kind: 'fatal'; readonly fatal: FatalError }
  | { readonly kind: 'date-order'; readonly fileName: string; readonly ambiguity: DateOrderAmbiguity }
  | { readonly kind: 'no-rows'; readonly fileName: string };

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);

const result = parseFile(new Uint8Array(readFileSync(input.path)), input.fileName, input.options);
if (result.fatal) {
  post({ type: 'refused', refusal: { kind: 'fatal', fatal: result.fatal } });
} else if (result.ambiguity) {
  post({ type: 'refused', refusal: { kind: 'date-order', fileName: input.fileName, ambiguity: result.ambiguity } });
} else {
  const a = result.accepted;
  // Duplicates within the file, counted whether or not they are skipped (the import result reports them).
  const { plan, skipMask: fileDuplicates } = planImport(a.amountMinor, a.duplicateOf, undefined);
  const skipMask = input.skipDuplicates ? fileDuplicates : undefined;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (skipMask?.[i]) continue;
    if (a.day[i]! < minDay) minDay = a.day[i]!;
    if (a.day[i]! > maxDay) maxDay = a.day[i]!;
  }
  const aggregates = aggregateColumns(a.day, a.category, result.categoryIds, a.amountMinor, 0, a.length, skipMask);
  const kept = input.skipDuplicates ? plan.skipping : plan.all;
  const withinFile = {
    count: plan.skipping.skipped,
    totalMinor: (plan.all.totalMinor - plan.skipping.totalMinor).toString(),
  };
  if (kept.count === 0) {
    post({ type: 'refused', refusal: { kind: 'no-rows', fileName: input.fileName } });
  } else {
    post({
      type: 'parsed',
      summary: {
        format: result.format,
        rowCount: result.rowCount,
        stored: kept.count,
        totalMinor: kept.totalMinor.toString(),
        skippedDuplicates: input.skipDuplicates ? plan.skipping.skipped : 0,
        withinFile,
        errorCount: result.errorCount,
        firstErrors: result.errors
          .slice(0, 20)
          .map((e) => ({ row: e.row, message: rowErrorText(e, input.fileName, 'en') })),
        minDay: minDay === Infinity ? null : minDay,
        maxDay: maxDay === -Infinity ? null : maxDay,
        aggregates: aggregates.map((g) => ({
          categoryId: g.categoryId,
          days: Array.from(g.days),
          sums: Array.from(g.sums, (s) => s.toString()),
          counts: Array.from(g.counts),
        })),
      },
    });
    // Rows as COPY text (batch_id, row_number, day, category_id, amount_minor, reference, description), on request.
    const batch = copyField(input.batchId);
    const ids = result.categoryIds.map(copyField);
    let next = 0;
    port.on('message', () => {
      if (next >= a.length) {
        post({ type: 'end' });
        return;
      }
      const lines: string[] = [];
      while (next < a.length && lines.length < input.chunkRows) {
        const i = next++;
        if (skipMask?.[i]) continue;
        lines.push(
          `${batch}\t${a.rowNumber[i]}\t${a.day[i]}\t${ids[a.category[i]!]}\t${a.amountMinor[i]}\t` +
            `${copyField(stringAt(a.reference, i))}\t${copyField(stringAt(a.description, i))}\n`,
        );
      }
      post({ type: 'chunk', text: lines.join('') });
    });
  }
}
