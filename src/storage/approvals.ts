import type { ApprovalRecord } from '../domain/model';
import { isIsoDate } from '../domain/dates';
import { db } from './db';

export async function listApprovals(): Promise<ApprovalRecord[]> {
  return db().approvals.toArray();
}

/** Records (or replaces) the outcome of a shareholders' vote. */
export async function recordApproval(rec: ApprovalRecord): Promise<void> {
  if (!isIsoDate(rec.date)) throw new RangeError(`Not a valid date: "${rec.date}"`);
  if (rec.outcome !== 'approved' && rec.outcome !== 'rejected')
    throw new RangeError(`Unknown outcome "${String(rec.outcome)}"`);
  await db().approvals.put(rec);
}

export async function clearApproval(resolutionId: string): Promise<void> {
  await db().approvals.delete(resolutionId);
}
