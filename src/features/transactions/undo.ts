/**
 * Undo / redo of manual ledger changes (add, edit, delete). Session state in
 * zustand; every step is applied through the writes the page passes in (the
 * data layer's mutations), so each undo is itself one atomic write that keeps
 * the aggregates exact and refreshes what shows the ledger.
 */
import { create } from 'zustand';
import type { SavedManualEntry } from '../../data/types';

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
  undo: (writes: ManualWrites) => Promise<LedgerAction | null>;
  redo: (writes: ManualWrites) => Promise<LedgerAction | null>;
  clear: () => void;
}

/** The two writes undo and redo need: put an entry back as it was, and delete one. */
export interface ManualWrites {
  save(entry: SavedManualEntry): Promise<unknown>;
  remove(id: number): Promise<unknown>;
}

async function applyInverse(a: LedgerAction, w: ManualWrites): Promise<void> {
  if (a.kind === 'add') await w.remove(a.after.id);
  else await w.save({ ...a.before });
}

async function applyForward(a: LedgerAction, w: ManualWrites): Promise<void> {
  if (a.kind === 'delete') await w.remove(a.before.id);
  else await w.save({ ...a.after });
}

export const useUndoStore = create<UndoState>((set, get) => ({
  past: [],
  future: [],
  busy: false,
  record: (a) => set((s) => ({ past: [...s.past, a].slice(-UNDO_DEPTH), future: [] })),
  undo: async (writes) => {
    const { past, busy } = get();
    const a = past[past.length - 1];
    if (!a || busy) return null;
    set({ busy: true });
    try {
      await applyInverse(a, writes);
      set((s) => ({ past: s.past.slice(0, -1), future: [...s.future, a] }));
      return a;
    } finally {
      set({ busy: false });
    }
  },
  redo: async (writes) => {
    const { future, busy } = get();
    const a = future[future.length - 1];
    if (!a || busy) return null;
    set({ busy: true });
    try {
      await applyForward(a, writes);
      set((s) => ({ future: s.future.slice(0, -1), past: [...s.past, a] }));
      return a;
    } finally {
      set({ busy: false });
    }
  },
  clear: () => set({ past: [], future: [] }),
}));
