/**
 * Stored shapes of the connected-persons tables (schema version 5).
 */
import type { ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import type { CategoryId } from '../domain/model';

export interface ConnectedConfigRow {
  /** Always "current". */
  readonly key: string;
  readonly config: ConnectedPersonsConfig;
  readonly updatedAt: string;
}

/**
 * A connected person's ledger row that no rule classified: a compliance gap
 * shown on the overview and in the reports until a rule or the user assigns
 * it a category (then it becomes a manual ledger entry and stays here, assigned).
 */
export interface OpenItemRecord {
  /** `${importId}:${row}`. */
  readonly id: string;
  /** The raw import that found it. */
  readonly importId: string;
  readonly fileName: string;
  readonly row: number;
  /** Day number. */
  readonly day: number;
  /** Transaction-side amount in fen (RMB, the functional currency). */
  readonly amountMinor: number;
  readonly entityId: string;
  readonly counterparty: string;
  readonly code: string;
  readonly reference: string;
  readonly description: string;
  /** Header row and cells of the file, so rules can be tried on it later. */
  readonly headers: readonly string[];
  readonly cells: readonly string[];
  readonly status: 'open' | 'assigned';
  readonly categoryId?: CategoryId;
  /** How it was assigned: a rule's id, or "user". */
  readonly assignedBy?: string;
  readonly assignedAt?: string;
  /** Id of the manual ledger entry created for it. */
  readonly manualEntryId?: number;
  readonly createdAt: string;
}

/** One recorded classification action. */
export interface ClassificationLogRecord {
  readonly id?: number;
  readonly at: string;
  readonly action: 'import' | 'reapply-rules' | 'assign';
  /** Open items it settled (ids) and what it did, in words. */
  readonly items: readonly string[];
  readonly detail: string;
}
