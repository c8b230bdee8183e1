/**
 * Gateway to the connected persons, rules and open items (storage/parties.ts),
 * loaded on first use like the other storage modules. Open items live under
 * the ledger's query prefix: any ledger write (here or in another tab)
 * refreshes them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import type { Dataset } from '../domain/model';
import type { OpenItemRecord } from '../storage/partiesTypes';
import { queryKeys } from './queries';

export type { OpenItemRecord } from '../storage/partiesTypes';

const partiesModule = () => import('../storage/parties');

export const partiesKeys = {
  config: ['parties', 'config'] as const,
  log: [...queryKeys.ledger, 'classification-log'] as const,
  openItems: [...queryKeys.ledger, 'open-items'] as const,
};

export function useConnectedConfig() {
  return useQuery({
    queryKey: partiesKeys.config,
    queryFn: async () => (await partiesModule()).loadConnectedConfig(),
  });
}

export function useSaveConnectedConfig(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (config: ConnectedPersonsConfig) => (await partiesModule()).saveConnectedConfig(config, dataset),
    onSuccess: () => qc.invalidateQueries({ queryKey: partiesKeys.config }),
  });
}

export function useImportConnectedConfig(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, fileName }: { text: string; fileName: string }) =>
      (await partiesModule()).importConnectedConfig(text, fileName, dataset),
    onSuccess: () => qc.invalidateQueries({ queryKey: partiesKeys.config }),
  });
}

export function useOpenItems() {
  return useQuery({
    queryKey: partiesKeys.openItems,
    queryFn: async () => (await partiesModule()).listOpenItems(),
  });
}

export function useClassificationLog() {
  return useQuery({
    queryKey: partiesKeys.log,
    queryFn: async () => (await partiesModule()).listClassificationLog(),
  });
}

async function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.ledger }),
    qc.invalidateQueries({ queryKey: queryKeys.ledgerTotals }),
  ]);
}

/** Stores the open items of a raw import (after its classified rows were committed). */
export function useAddOpenItems() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ items, fileName }: { items: OpenItemRecord[]; fileName: string }) =>
      (await partiesModule()).addOpenItems(items, fileName),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useAssignOpenItems() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, categoryId }: { ids: string[]; categoryId: string }) =>
      (await partiesModule()).assignOpenItems(ids, categoryId),
    onSuccess: () => invalidateAll(qc),
  });
}

/** The explicit, recorded action that re-classifies open items with the current rules. */
export function useReapplyRules(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await partiesModule()).reapplyRules(dataset),
    onSuccess: () => invalidateAll(qc),
  });
}
