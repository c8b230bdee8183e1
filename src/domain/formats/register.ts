/**
 * The register export file (`/register` export, `--register FILE` of the
 * status command): its schema, checked by valibot before the register rules.
 */
import * as v from 'valibot';
import { REGISTER_FORMAT, REGISTER_VERSION, type RegisterAgreement } from '../register/types';
import { bilingual, bool, choice, list, obj, range, text } from './shape';

const boardApproval = v.optional(v.nullable(obj({ date: text, source: text }, 'object')));

const version = obj(
  {
    id: text,
    period: range,
    amount: text,
    announcedOn: text,
    approval: choice(['in-force', 'exempt', 'independent-shareholders']),
    meetingDate: v.optional(text),
    source: text,
    boardApproval,
  },
  'object',
);

/** One register agreement as stored and exported. */
export const registerAgreementSchema = obj({
  id: text,
  name: bilingual,
  issuer: bilingual,
  counterparty: bilingual,
  currency: choice(['RMB', 'HKD']),
  signedOn: text,
  term: range,
  source: text,
  boardApproval,
  categories: list(
    obj({
      id: text,
      name: bilingual,
      direction: choice(['provided-by-group', 'procured-by-group']),
      term: range,
      statedBand: v.nullable(choice(['de-minimis', 'announcement', 'shareholders'])),
      capLines: list(obj({ id: text, versions: list(version) })),
      historicals: list(obj({ id: text, range, amount: text, audited: bool, comparative: bool })),
    }),
  ),
});

/** The header that says a file is a register export at all. */
export const registerHeaderSchema = v.object({
  format: v.literal(REGISTER_FORMAT),
  version: v.literal(REGISTER_VERSION),
});

/** The agreements of a register file (the header is checked first, separately). */
export const registerAgreementsSchema = obj({ agreements: list(registerAgreementSchema) });

// What the schema lets through is a register agreement: a field added to the type
// without the schema (or with another type) fails to compile here.
type Fits = v.InferOutput<typeof registerAgreementSchema> extends RegisterAgreement ? true : false;
const _fits: Fits = true;
void _fits;
