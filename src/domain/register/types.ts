/**
 * The cap register: agreements the user adds beside the built-in disclosure —
 * the next announcement's caps, another company's connected transactions.
 *
 * A register agreement is one JSON-safe document (amounts as exact decimal
 * strings in millions, dates as ISO strings) so that it can be stored,
 * exported and imported whole; it is validated as a whole, and converted into
 * the same `Dataset` shape as the disclosure so every screen, the engine and
 * the status command treat both alike. Pure: no storage or UI here.
 */
import type { DateRange, IsoDate } from '../dates';
import type { Bilingual, CurrencyCode, Direction, StatedBand } from '../model';

export const REGISTER_FORMAT = 'headroom-register';
export const REGISTER_VERSION = 1;

export type ApprovalChoice = 'in-force' | 'exempt' | 'independent-shareholders';
export type BandChoice = StatedBand['band'];

/** The board's approval of an agreement or of a cap revision, as its minutes record it (rule 14A.56 evidence). */
export interface BoardApproval {
  /** Date of the board meeting or written resolution. */
  readonly date: IsoDate;
  /** Where it is recorded: the minutes or resolution, e.g. "Board minutes 2026-04-22, item 5". */
  readonly source: string;
}

/** One version of a cap: the first of a line (original or new), or a later revision. */
export interface RegisterCapVersion {
  readonly id: string;
  /** Inclusive cap period; a revision may change it (e.g. a partial year becoming the whole year). */
  readonly period: DateRange;
  /** Exact amount in millions of the agreement's currency, e.g. "2309.8". */
  readonly amount: string;
  readonly announcedOn: IsoDate;
  /**
   * in-force: binds over its whole period (first version only);
   * exempt: binds from its announcement date;
   * independent-shareholders: binds once the meeting approves it.
   */
  readonly approval: ApprovalChoice;
  /** Date of the shareholders' meeting (independent-shareholders only). */
  readonly meetingDate?: IsoDate;
  /** Where the figure comes from (announcement title, section). Required for revisions. */
  readonly source: string;
  /** The board's approval of this cap (version), when recorded; the review pack lists a missing one as an exception. */
  readonly boardApproval?: BoardApproval | null;
}

/** A cap and its later revisions, oldest first. */
export interface RegisterCapLine {
  readonly id: string;
  readonly versions: readonly RegisterCapVersion[];
}

export interface RegisterHistorical {
  readonly id: string;
  /** Inclusive range: everything transacted from start to the up-to date. */
  readonly range: DateRange;
  readonly amount: string;
  readonly audited: boolean;
  /** A prior-year figure kept only to compute growth; may lie before the term. */
  readonly comparative: boolean;
}

export interface RegisterCategory {
  readonly id: string;
  readonly name: Bilingual;
  readonly direction: Direction;
  readonly term: DateRange;
  /** The Chapter 14A band the announcement states, when it states one. */
  readonly statedBand: BandChoice | null;
  readonly capLines: readonly RegisterCapLine[];
  readonly historicals: readonly RegisterHistorical[];
}

export interface RegisterAgreement {
  readonly id: string;
  readonly name: Bilingual;
  readonly issuer: Bilingual;
  readonly counterparty: Bilingual;
  readonly currency: CurrencyCode;
  readonly signedOn: IsoDate;
  readonly term: DateRange;
  /** The announcement or document the agreement is taken from. */
  readonly source: string;
  /** The board's approval of the agreement, when recorded. */
  readonly boardApproval?: BoardApproval | null;
  readonly categories: readonly RegisterCategory[];
}

/** The export / import file. */
export interface RegisterFile {
  readonly format: typeof REGISTER_FORMAT;
  readonly version: typeof REGISTER_VERSION;
  readonly exportedAt: string;
  readonly agreements: readonly RegisterAgreement[];
}
