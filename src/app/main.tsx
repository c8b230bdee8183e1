import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { holdStorageUntil } from '../data/repositories';
import { chooseRepositories, reportWriteError } from '../data/team';
import { App } from './App';
import { firstScreenPainted } from './firstScreen';
import { preloadPath, routeOf } from './routes';
import { TeamGate } from './TeamGate';
import '../ui/theme.css';

// The service worker's registration and update prompt load after the first screen has painted.
const UpdatePrompt = lazy(() =>
  firstScreenPainted.then(() => import('./UpdatePrompt')).then((m) => ({ default: m.UpdatePrompt })),
);

const queryClient = new QueryClient({
  // networkMode 'always': offline, reads still run (local: IndexedDB; team: the last copy kept) and a
  // write is refused with a message at once instead of waiting silently for the network.
  defaultOptions: {
    queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: false, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
  // Team mode: a write the server refuses (a viewer's, a self-check) is shown with the server's reason.
  mutationCache: new MutationCache({ onError: reportWriteError }),
});

// The screen this address shows starts downloading now, and the first render waits for it:
// the frame and the screen paint together, instead of the frame with "loading" and the screen
// (its heading is the page's largest paint) 0.3 s later at the soonest, React's reveal throttle
// for a Suspense fallback once shown. The stored data is read once that screen has painted
// (src/app/firstScreen.tsx).
// A screen with a shell (its heading, in the entry) paints that at once instead, and its code is
// asked for once that has painted (App.tsx, RouteScreen).
const screenCode = routeOf(window.location.pathname)?.shell ? Promise.resolve() : preloadPath(window.location.pathname);
holdStorageUntil(firstScreenPainted);

// Team mode (served by `npm run server`) or the local mode, decided before the first read.
void Promise.all([chooseRepositories(), screenCode]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <TeamGate>
            <App />
          </TeamGate>
        </BrowserRouter>
        <Suspense fallback={null}>
          <UpdatePrompt />
        </Suspense>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
