/**
 * The cap register in IndexedDB: one row per agreement, each a whole
 * validated document. Every write validates the register as it would be
 * afterwards and writes in one transaction, so nothing half-valid or
 * half-written is ever stored.
 */
import { kingsoftCloudXiaomi2026 } from '../domain/disclosed/kingsoftCloudXiaomi2026';
import {
  parseRegisterFile,
  type RegisterAgreement,
  registerFile,
  type RegisterFile,
  validateAgreement,
  validateRegister,
} from '../domain/register';
import { db } from './db';
import { RegisterValidationError } from './repositories';

export { RegisterValidationError } from './repositories';

function strip(row: RegisterAgreement & { position: number }): RegisterAgreement {
  const { position: _position, ...rest } = row;
  return rest;
}

/** Register agreements in the order they were added. */
export async function listRegister(): Promise<RegisterAgreement[]> {
  const rows = await db().registerAgreements.orderBy('position').toArray();
  return rows.map(strip);
}

/**
 * Adds or replaces (same id) one agreement after validating it against the
 * rest of the register and the built-in data.
 */
export async function saveRegisterAgreement(a: RegisterAgreement): Promise<void> {
  const d = db();
  await d.transaction('rw', d.registerAgreements, async () => {
    const rows = await d.registerAgreements.toArray();
    const others = rows.filter((r) => r.id !== a.id).map(strip);
    const issues = validateAgreement(a, others, kingsoftCloudXiaomi2026);
    if (issues.length) throw new RegisterValidationError(issues, a);
    const existing = rows.find((r) => r.id === a.id);
    const position = existing?.position ?? rows.reduce((mx, r) => Math.max(mx, r.position), -1) + 1;
    await d.registerAgreements.put({ ...a, position });
  });
}

export async function deleteRegisterAgreement(id: string): Promise<void> {
  await db().registerAgreements.delete(id);
}

/** The register as an export file object. */
export async function exportRegister(now: Date = new Date()): Promise<RegisterFile> {
  return registerFile(await listRegister(), now.toISOString());
}

/** The register export as pretty-printed JSON text. */
export async function exportRegisterJson(now: Date = new Date()): Promise<string> {
  return `${JSON.stringify(await exportRegister(now), null, 2)}\n`;
}

/**
 * Writes a list of agreements in one transaction: agreements with an id
 * already stored replace it, others are added after the existing ones (or,
 * with `replaceAll`, the register becomes exactly the list). The resulting
 * register is validated as a whole first.
 */
async function writeAll(incoming: readonly RegisterAgreement[], replaceAll: boolean): Promise<void> {
  const d = db();
  await d.transaction('rw', d.registerAgreements, async () => {
    const rows = replaceAll ? [] : await d.registerAgreements.orderBy('position').toArray();
    const byId = new Map(rows.map((r) => [r.id, r]));
    let next = rows.reduce((mx, r) => Math.max(mx, r.position), -1) + 1;
    const result = rows.map(strip);
    const positioned: (RegisterAgreement & { position: number })[] = [];
    for (const a of incoming) {
      const existing = byId.get(a.id);
      if (existing) result[result.findIndex((r) => r.id === a.id)] = a;
      else result.push(a);
      positioned.push({ ...a, position: existing?.position ?? next++ });
    }
    const issues = validateRegister(result, kingsoftCloudXiaomi2026);
    if (issues.length) throw new RegisterValidationError(issues, { agreements: result });
    if (replaceAll) await d.registerAgreements.clear();
    await d.registerAgreements.bulkPut(positioned);
  });
}

/**
 * Imports a register export: checks the file (shape and every rule), then
 * adds its agreements, replacing stored ones with the same id. Nothing is
 * written unless all of it is valid. Returns how many agreements were read.
 */
export async function importRegisterJson(text: string): Promise<number> {
  const parsed = parseRegisterFile(text, kingsoftCloudXiaomi2026);
  if (parsed.issues.length) throw new RegisterValidationError(parsed.issues, parsed.root);
  await writeAll(parsed.agreements, false);
  return parsed.agreements.length;
}
