import type { DateRange, IsoDate } from './dates';
import type { Money } from './money';

/** Text in both languages the app speaks. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** Where a figure comes from, precise enough for a reader to find it. */
export interface SourceRef {
  /** Document title, e.g. the announcement's heading. */
  readonly document: string;
  readonly documentDate: IsoDate;
  /** Section heading path, e.g. "II.A.2(1) Annual caps and historical amounts". */
  readonly section: string;
  /** Table or paragraph within the section, when there is one. */
  readonly table?: string;
  /** The disclosed wording the figure was read from. */
  readonly quote?: string;
}

export type CurrencyCode = 'RMB' | 'HKD';

export type CategoryId = string;
export type AgreementId = string;

/** Whose money flows: the Group's revenue or the Group's purchases. */
export type Direction = 'provided-by-group' | 'procured-by-group';

export interface Party {
  readonly id: string;
  readonly name: Bilingual;
  readonly description?: Bilingual;
  /** Stock codes, e.g. "HKEX 3896". */
  readonly listings?: readonly string[];
}

export interface ConnectedRelationship {
  readonly issuerId: string;
  readonly counterpartyId: string;
  /** Shareholding of the counterparty in the issuer, percent, as disclosed. */
  readonly holdingPercent: string;
  readonly basis: Bilingual;
  readonly source: SourceRef;
}

export interface Supplement {
  readonly date: IsoDate;
  readonly description: Bilingual;
  readonly source: SourceRef;
}

export interface Agreement {
  readonly id: AgreementId;
  readonly name: Bilingual;
  readonly issuerId: string;
  readonly counterpartyId: string;
  readonly currency: CurrencyCode;
  readonly signedOn: IsoDate;
  /** Inclusive term of the agreement as a whole (union of its categories' terms). */
  readonly term: DateRange;
  readonly supplements: readonly Supplement[];
  readonly source: SourceRef;
  /** True for the read-only disclosed data built into the app. */
  readonly builtIn: boolean;
  /** The board's approval as recorded in the cap register (date and minutes); built-in data states it in the announcement. */
  readonly boardApproval?: { readonly date: IsoDate; readonly source: string } | null;
  /**
   * Decimals of a million its amounts were disclosed with (26.47 → 2); every amount
   * of the agreement is shown with them. Absent: one, as the built-in announcement.
   */
  readonly amountDecimals?: number;
}

export interface Category {
  readonly id: CategoryId;
  readonly agreementId: AgreementId;
  readonly name: Bilingual;
  readonly direction: Direction;
  /** Inclusive term over which transactions of this category may occur. */
  readonly term: DateRange;
  readonly termNote?: Bilingual;
  readonly description: Bilingual;
  readonly source: SourceRef;
}

/**
 * A shareholders' resolution that one or more cap versions wait on
 * (e.g. the June 30, 2026 AGM resolution on the cloud-services caps).
 */
export interface Resolution {
  readonly id: string;
  readonly meeting: Bilingual;
  readonly meetingDate: IsoDate;
  readonly description: Bilingual;
  readonly source: SourceRef;
}

export type CapKind = 'original' | 'revised' | 'new';

export type ApprovalRequirement =
  /** In force from the start of its period (an original cap, already approved or exempt when set). */
  | { readonly kind: 'in-force' }
  /** Exempt from independent shareholders' approval: binds from its announcement date. */
  | { readonly kind: 'exempt' }
  /** Binds only from the date the independent shareholders approve the resolution. */
  | { readonly kind: 'independent-shareholders'; readonly resolutionId: string };

/** One cap amount for one inclusive period of one category. */
export interface CapVersion {
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly kind: CapKind;
  /** Inclusive cap period; may be a non-calendar or partial year. */
  readonly period: DateRange;
  readonly amount: Money;
  /** Date the cap was announced (for originals: the date it was set). */
  readonly announcedOn: IsoDate;
  readonly approval: ApprovalRequirement;
  /** Ids of the cap versions this one replaces once it binds. */
  readonly supersedes: readonly string[];
  readonly source: SourceRef;
  /** The board's approval of this cap as recorded in the cap register. */
  readonly boardApproval?: { readonly date: IsoDate; readonly source: string } | null;
}

/**
 * A disclosed cumulative amount: everything transacted from `range.start` to
 * `range.end` (the "up-to" date), both included.
 */
export interface HistoricalAmount {
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly range: DateRange;
  readonly amount: Money;
  /** As the text states it: true "(Audited)", false "(Unaudited)", null when it does not say. */
  readonly audited: boolean | null;
  /** "historical": disclosed against a cap; "comparative": disclosed only to compute growth. */
  readonly role: 'historical' | 'comparative';
  readonly source: SourceRef;
}

/** An amount the issuer expects for a period (basis of a proposed cap). */
export interface ExpectedAmount {
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly period: DateRange;
  readonly amount: Money;
  /** "approximately" in the text. */
  readonly approximate: boolean;
  readonly source: SourceRef;
}

/** A figure the announcement states outright, kept so tests can re-derive it. */
export interface StatedFigure {
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly kind: 'utilisation' | 'growth';
  /** Percent to one decimal, as printed (e.g. "97.6"). */
  readonly percent: string;
  readonly description: Bilingual;
  readonly source: SourceRef;
}

/** The Chapter 14A band the announcement states for a category's caps. */
export interface StatedBand {
  readonly categoryId: CategoryId;
  readonly band: 'de-minimis' | 'announcement' | 'shareholders';
  readonly description: Bilingual;
  readonly source: SourceRef;
}

/** Internal-control settings the announcement describes. */
export interface InternalControls {
  /** Alert threshold as a percent of the cap ("approximately 80%"). */
  readonly alertThresholdPercent: string;
  readonly managementReporting: 'monthly';
  readonly directorsReporting: 'half-yearly';
  readonly source: SourceRef;
}

/**
 * A complete set of connected-transaction data: the built-in disclosure, or a
 * register the user keeps. Engine functions take one of these, never globals.
 */
export interface Dataset {
  readonly id: string;
  readonly title: Bilingual;
  readonly parties: readonly Party[];
  readonly relationships: readonly ConnectedRelationship[];
  readonly agreements: readonly Agreement[];
  readonly categories: readonly Category[];
  readonly resolutions: readonly Resolution[];
  readonly caps: readonly CapVersion[];
  readonly historicals: readonly HistoricalAmount[];
  readonly expected: readonly ExpectedAmount[];
  readonly statedFigures: readonly StatedFigure[];
  readonly statedBands: readonly StatedBand[];
  readonly controls: InternalControls;
}

/** The user's record of a shareholders' vote on a resolution. */
export interface ApprovalRecord {
  readonly resolutionId: string;
  readonly outcome: 'approved' | 'rejected';
  readonly date: IsoDate;
}
