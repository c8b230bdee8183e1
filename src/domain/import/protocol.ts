/**
 * Messages between the import client (main thread) and the import worker.
 * Pure types so both sides and tests share them.
 */
import type { RawLedgerOptions } from './rawLedger';
import type { ImportPreview, ImportResult, ParseOptions, PreviewOptions } from './types';

export type ImportRequest =
  | {
      readonly id: number;
      readonly kind: 'parse';
      readonly file: Blob | ArrayBuffer;
      readonly name: string;
      readonly options: ParseOptions;
    }
  | {
      readonly id: number;
      /** A raw ERP ledger: buckets, connected persons and rules (the result is a RawLedgerResult). */
      readonly kind: 'raw';
      readonly file: Blob | ArrayBuffer;
      readonly name: string;
      readonly options: RawLedgerOptions;
    }
  | {
      readonly id: number;
      readonly kind: 'preview';
      readonly file: Blob | ArrayBuffer;
      readonly name: string;
      readonly options: PreviewOptions;
    };

/** Phase of the work a progress fraction refers to. */
export type ImportPhase = 'reading' | 'decoding' | 'parsing' | 'totals';

export interface ImportProgress {
  readonly phase: ImportPhase;
  /** 0..1 over the whole job. */
  readonly fraction: number;
}

export type ImportResponse =
  | { readonly id: number; readonly type: 'progress'; readonly progress: ImportProgress }
  | {
      readonly id: number;
      readonly type: 'result';
      readonly result: ImportResult;
      /**
       * When present, `result.accepted.reference.text` and `.description.text`
       * were sent as '' and are these UTF-16 chunks in order (see wireText.ts);
       * the client wraps them in lazily decoded columns (lazyTextColumn).
       */
      readonly texts?: { readonly reference: readonly Uint16Array[]; readonly description: readonly Uint16Array[] };
    }
  | { readonly id: number; readonly type: 'preview'; readonly preview: ImportPreview }
  /** Unexpected failure (a bug or out of memory); bad files come back as `result.fatal`. */
  | { readonly id: number; readonly type: 'error'; readonly message: string };
