import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/**
 * Updates the URL's search parameters from the CURRENT address, not from the
 * last render: react-router's functional setSearchParams hands over the
 * parameters of the render it was created in, so two quick edits (typing in
 * one field, then another, before React re-renders) would lose the first.
 * The address is replaced (no history entry per keystroke).
 */
export function useUpdateSearchParams(): (fn: (current: URLSearchParams) => URLSearchParams) => void {
  const navigate = useNavigate();
  return useCallback(
    (fn) => {
      const next = fn(new URLSearchParams(window.location.search));
      navigate({ pathname: window.location.pathname, search: `?${next.toString()}`, hash: window.location.hash }, { replace: true });
    },
    [navigate],
  );
}
