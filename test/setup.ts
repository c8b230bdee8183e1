import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadChartLibrary } from '../src/ui/charts/drawQueue';

// Charts draw once the chart library has loaded (src/ui/charts/drawQueue.ts): loaded before any test renders one.
await loadChartLibrary();

afterEach(() => cleanup());
