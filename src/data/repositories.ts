/**
 * Where the app's stored data lives: the ONE place an adapter is chosen.
 * Everything in src/data reaches storage through `repositories()`; features
 * never import src/storage. No React here, so workers can read through it too.
 */
import { dexieRepositories } from '../storage/dexieRepositories';
export { holdStorageUntil } from '../storage/dexieRepositories';
import type { Repositories } from '../storage/repositories';

let current: Repositories | null = null;

/** The repositories in use (the browser's IndexedDB unless another adapter was chosen). */
export function repositories(): Repositories {
  current ??= dexieRepositories();
  return current;
}

/** Chooses another adapter (a server, or a fake in tests); call before the first read. */
export function selectRepositories(next: Repositories): void {
  current = next;
}
