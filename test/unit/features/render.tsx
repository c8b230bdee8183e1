/** Shared render helper for feature component tests (not a test file itself). */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { HeadroomDb, setDbForTests } from '../../../src/storage/db';

// Several suites share the machine: give re-renders after IndexedDB writes time to land.
configure({ asyncUtilTimeout: 5000 });

let n = 0;

/** A fresh IndexedDB (fake-indexeddb) per test, so stored approvals never leak between cases. */
export function freshDb(): HeadroomDb {
  n += 1;
  const db = new HeadroomDb(`headroom-test-${Date.now()}-${n}`);
  setDbForTests(db);
  return db;
}

/** Renders `element` at `path` (matched by `route`) inside react-query and a memory router. */
export function renderAt(element: ReactElement, path: string, route = '*') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={element} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
