/**
 * Messages between the import client (main thread) and the import worker.
 * Pure types so both sides and tests share them.
 */
import type { RawLedgerOptions } from './rawLedger';
import type { PartParams, PartReading } from './split';
import type { ImportPreview, ImportResult, ParseOptions, PreviewOptions, TextEncodingName } from './types';

/** CSV files from this size are read in two parts by two workers at once (split.ts). */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

export type ImportRequest =
  | {
      readonly id: number;
      readonly kind: 'parse';
      readonly file: Blob | ArrayBuffer;
      readonly name: string;
      readonly options: ParseOptions;
      /** A line to a worker serving a 'part' request: a large CSV file is read in two parts. */
      readonly port?: MessagePort;
    }
  | {
      readonly id: number;
      /** Reads the second part of a file for the worker of the 'parse' request at the other end of `port`. */
      readonly kind: 'part';
      readonly file: Blob;
      readonly name: string;
      readonly options: ParseOptions;
      readonly port: MessagePort;
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

/** Between the worker reading a file's first part and the one reading the second (split.ts). */
export type PartMessage =
  /** First → second: the file's encoding as sniffed; decode your part. */
  | { readonly type: 'decode'; readonly encoding: TextEncodingName }
  /** First → second: what the file's start decided; read your part. */
  | { readonly type: 'params'; readonly params: PartParams }
  /** First → second: the file is read in one part; nothing to do. */
  | { readonly type: 'skip' }
  /** Second → first: the part as read, or null when it cannot be used. */
  | { readonly type: 'reading'; readonly reading: PartReading | null };
