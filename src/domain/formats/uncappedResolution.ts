/**
 * The stored (and backed-up) form of a resolution of uncapped transactions
 * (domain/uncapped.ts UncappedResolution): checked by valibot on every write
 * and on restore, so a hand-edited record cannot claim an outcome it does not
 * support.
 */
import * as v from 'valibot';
import { isIsoDate } from '../dates';
import { UNCAPPED_OUTCOMES } from '../uncapped';

const isoDate = (message: string) => v.pipe(v.string(message), v.check(isIsoDate, message));
const decimalText = (message: string) => v.pipe(v.string(message), v.regex(/^-?\d+(\.\d+)?$/, message));

export const exemptionRecordSchema = v.looseObject({
  from: isoDate('exemption start is not a date'),
  to: isoDate('exemption end is not a date'),
  aggregateMinor: v.pipe(v.string('aggregate malformed'), v.regex(/^-?\d+$/, 'aggregate malformed')),
  assets: v.optional(decimalText('assets malformed')),
  revenue: v.optional(decimalText('revenue malformed')),
  consideration: v.optional(decimalText('consideration malformed')),
  denominatorCurrency: v.picklist(['RMB', 'HKD'], 'unknown currency'),
  hkdPerRmb: v.optional(decimalText('exchange rate malformed')),
  subsidiaryLevelOnly: v.boolean('subsidiary-level flag malformed'),
  highestRatio: decimalText('highest ratio malformed'),
});

export const uncappedResolutionSchema = v.pipe(
  v.looseObject({
    id: v.string('no id'),
    categoryId: v.pipe(v.string('no category'), v.nonEmpty('no category')),
    start: isoDate('start is not a date'),
    end: isoDate('end is not a date'),
    amountMinor: v.pipe(v.string('amount malformed'), v.regex(/^-?\d+$/, 'amount malformed')),
    count: v.pipe(v.number('row count malformed'), v.integer('row count malformed'), v.minValue(1, 'no rows')),
    outcome: v.picklist(UNCAPPED_OUTCOMES, 'unknown outcome'),
    note: v.pipe(v.string('no note'), v.trim(), v.nonEmpty('no note')),
    movedTo: v.optional(v.string('moved-to malformed')),
    coveredBy: v.optional(v.string('covered-by malformed')),
    reportedOn: v.optional(isoDate('reported-on is not a date')),
    exemption: v.optional(exemptionRecordSchema),
    recordedAt: v.string('no recording time'),
  }),
  v.check((r) => r.start <= r.end, 'start after end'),
  v.check((r) => r.id === `${r.categoryId}:${r.start}:${r.end}`, 'id does not match category and range'),
  v.check((r) => r.outcome !== 'misclassified' || !!r.movedTo, 'misclassified without where to'),
  v.check((r) => r.outcome !== 'other-agreement' || !!r.coveredBy, 'other agreement not named'),
  v.check((r) => r.outcome !== 'reported' || !!r.reportedOn, 'reported without a date'),
  v.check((r) => r.outcome !== 'exempt-14a76' || !!r.exemption, 'exemption without its ratio check'),
);
