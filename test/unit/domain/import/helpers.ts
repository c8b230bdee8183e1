import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { importCategoriesFrom } from '../../../../src/domain/import/categories';
import { parseFile } from '../../../../src/domain/import/parseFile';
import type { ImportResult, ParseOptions } from '../../../../src/domain/import/types';

export const FIXTURES = join(__dirname, '../../../fixtures');
export const CATEGORIES = importCategoriesFrom(kingsoftCloudXiaomi2026.categories);

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

export const BASE: ParseOptions = { unit: 'yuan', maxRows: 1000, categories: CATEGORIES };

export function parseText(text: string, options: Partial<ParseOptions> = {}, name = 'test.csv'): ImportResult {
  return parseFile(new TextEncoder().encode(text), name, { ...BASE, ...options });
}

/** Per-category total in fen (last prefix sum), as a plain object with bigint values. */
export function totals(r: ImportResult): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const [id, t] of r.perCategoryDailyTotals) out[id] = t.prefix.length ? t.prefix[t.prefix.length - 1]! : 0n;
  return out;
}
