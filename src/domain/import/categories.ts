/**
 * Category matching for imports: a cell matches a category by id, English
 * name, Chinese name or an extra alias, ignoring case, full-width forms,
 * spaces and punctuation ("Cloud Services", "cloud-services", "云服务").
 */
import type { Category, CategoryId } from '../model';
import type { ImportCategory } from './types';

/** Extra names finance staff use in ERP exports, per built-in category id. */
const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'cloud-services': ['cloud', 'cloud service', '云服务', '云服务费', '云计算服务'],
  'idc-services': ['idc', 'idc service', 'IDC服务', 'IDC相关服务', '数据中心服务'],
  'hardware-equipment': ['hardware', '硬件', '硬件设备', '设备采购'],
  'api-services': ['api', 'api service', 'API服务', 'API相关服务'],
};

/** ImportCategory list from dataset categories: id, both names and common aliases. */
export function importCategoriesFrom(categories: readonly Category[]): ImportCategory[] {
  return categories.map((c) => ({
    id: c.id,
    term: c.term,
    aliases: [c.name.en, c.name.zh, ...(EXTRA_ALIASES[c.id] ?? [])],
  }));
}

/**
 * Normal form used for matching: NFKC (full-width → ASCII), lower case, with
 * whitespace, hyphens, underscores and common punctuation removed.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,;:'"()[\]{}（）【】、，。·/\\]+/g, '');
}

/**
 * Builds a lookup from normalised name to category index. Throws when two
 * categories share a name (an ambiguous configuration, a programming error).
 */
export function categoryMatcher(categories: readonly ImportCategory[]): (cell: string) => number {
  if (categories.length > 255) throw new RangeError('At most 255 categories can be imported at once');
  const byName = new Map<string, number>();
  categories.forEach((c, i) => {
    for (const name of [c.id, ...c.aliases]) {
      const key = normaliseName(name);
      if (!key) continue;
      const prev = byName.get(key);
      if (prev !== undefined && prev !== i) {
        throw new Error(`Category name "${name}" matches both ${categories[prev]!.id} and ${c.id}`);
      }
      byName.set(key, i);
    }
  });
  // Cells repeat a handful of distinct values a million times: cache raw text.
  const cache = new Map<string, number>();
  return (cell: string) => {
    let hit = cache.get(cell);
    if (hit === undefined) {
      hit = byName.get(normaliseName(cell)) ?? -1;
      if (cache.size < 10_000) cache.set(cell, hit);
    }
    return hit;
  };
}

export function categoryIdsOf(categories: readonly ImportCategory[]): CategoryId[] {
  return categories.map((c) => c.id);
}
