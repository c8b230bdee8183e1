/**
 * Undo / redo of manual ledger changes (add, edit, delete). Session state in
 * zustand; every step is applied through the storage functions, so each undo
 * is itself one atomic write that keeps the aggregates exact.
 */
import { create } from 'zustand';
import { deleteManualEntry, saveManualEntry, type SavedManualEntry } from '../../storage/ledgerStore';

export type LedgerAction =
  | { readonly kind: 'add'; readonly after: SavedManualEntry }
  | { readonly kind: 'edit'; readonly before: SavedManualEntry; readonly after: SavedManualEntry }
  | { readonly kind: 'delete'; readonly before: SavedManualEntry };

/** How many steps are kept (the brief asks for at least 20). */
export const UNDO_DEPTH = 50;

interface UndoState {
  past: LedgerAction[];
  future: LedgerAction[];
  busy: boolean;
  record: (a: LedgerAction) => void;
  undo: () => Promise<LedgerAction | null>;
  redo: () => Promise<LedgerAction | null>;
  clear: () => void;
}

async function restore(e: SavedManualEntry): Promise<void> {
  await saveManualEntry({ ...e });
}

async function applyInverse(a: LedgerAction): Promise<void> {
  if (a.kind === 'add') await deleteManualEntry(a.after.id);
  else if (a.kind === 'edit') await restore(a.before);
  else await restore(a.before);
}

async function applyForward(a: LedgerAction): Promise<void> {
  if (a.kind === 'add') await restore(a.after);
  else if (a.kind === 'edit') await restore(a.after);
  else await deleteManualEntry(a.before.id);
}

export const useUndoStore = create<UndoState>((set, get) => ({
  past: [],
  future: [],
  busy: false,
  record: (a) => set((s) => ({ past: [...s.past, a].slice(-UNDO_DEPTH), future: [] })),
  undo: async () => {
    const { past, busy } = get();
    const a = past[past.length - 1];
    if (!a || busy) return null;
    set({ busy: true });
    try {
      await applyInverse(a);
      set((s) => ({ past: s.past.slice(0, -1), future: [...s.future, a] }));
      return a;
    } finally {
      set({ busy: false });
    }
  },
  redo: async () => {
    const { future, busy } = get();
    const a = future[future.length - 1];
    if (!a || busy) return null;
    set({ busy: true });
    try {
      await applyForward(a);
      set((s) => ({ future: s.future.slice(0, -1), past: [...s.past, a] }));
      return a;
    } finally {
      set({ busy: false });
    }
  },
  clear: () => set({ past: [], future: [] }),
}));
