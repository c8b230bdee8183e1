/**
 * Gateway to the connected persons, rules and open items (the parties
 * repository). Open items live under the ledger's query prefix: any ledger
 * write (here or in another tab) refreshes them. Every write is also a
 * change-history record (stored with it), so the history queries refresh too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import type { Dataset } from '../domain/model';
import type { OpenItemRecord } from '../storage/partiesTypes';
import { historyKeys } from './history';
import { queryKeys } from './queries';
import { repositories } from './repositories';

export type { OpenItemRecord } from '../storage/partiesTypes';

const parties = () => repositories().parties;

export const partiesKeys = {
  config: ['parties', 'config'] as const,
  log: [...queryKeys.ledger, 'classification-log'] as const,
  openItems: [...queryKeys.ledger, 'open-items'] as const,
};

export function useConnectedConfig() {
  return useQuery({
    queryKey: partiesKeys.config,
    queryFn: () => parties().config(),
  });
}

export function useSaveConnectedConfig(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (config: ConnectedPersonsConfig) => parties().saveConfig(config, dataset),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: partiesKeys.config }),
        qc.invalidateQueries({ queryKey: historyKeys.all }),
      ]),
  });
}

export function useImportConnectedConfig(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ text, fileName }: { text: string; fileName: string }) =>
      parties().importConfig(text, fileName, dataset),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: partiesKeys.config }),
        qc.invalidateQueries({ queryKey: historyKeys.all }),
      ]),
  });
}

export function useOpenItems() {
  return useQuery({
    queryKey: partiesKeys.openItems,
    queryFn: () => parties().openItems(),
  });
}

export function useClassificationLog() {
  return useQuery({
    queryKey: partiesKeys.log,
    queryFn: () => parties().log(),
  });
}

async function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.ledger }),
    qc.invalidateQueries({ queryKey: queryKeys.ledgerTotals }),
    qc.invalidateQueries({ queryKey: historyKeys.all }),
  ]);
}

/** Stores the open items of a raw import (after its classified rows were committed). */
export function useAddOpenItems() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ items, fileName }: { items: OpenItemRecord[]; fileName: string }) =>
      parties().addOpenItems(items, fileName),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useAssignOpenItems() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, categoryId }: { ids: string[]; categoryId: string }) => parties().assign(ids, categoryId),
    onSuccess: () => invalidateAll(qc),
  });
}

/** The explicit, recorded action that re-classifies open items with the current rules. */
export function useReapplyRules(dataset: Dataset) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => parties().reapplyRules(dataset),
    onSuccess: () => invalidateAll(qc),
  });
}
