import type { ReactNode } from 'react';

/**
 * Renders `children()` as a component of its own. React renders a deferred update in slices
 * of whole components, yielding to the browser between them; work written inline in a big
 * component (a section's figures, its charts' series) is one slice however long it takes.
 * Wrapped in a Slice, each part is a slice of its own: at a phone's CPU speed, one agreement
 * section was a task of about 0.1 s.
 */
export function Slice({ children }: { children: () => ReactNode }) {
  return <>{children()}</>;
}
