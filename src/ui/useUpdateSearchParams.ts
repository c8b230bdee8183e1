import { useCallback, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * Updates the URL's search parameters from the latest address, not from the
 * last render: react-router's functional setSearchParams hands over the
 * parameters of the render it was created in, so two quick edits (typing in
 * one field, then another, before React re-renders) would lose the first.
 * The address is replaced (no history entry per keystroke).
 */
export function useUpdateSearchParams(): (fn: (current: URLSearchParams) => URLSearchParams) => void {
  const navigate = useNavigate();
  const location = useLocation();
  // The router's own location (works under any router), advanced by every edit
  // until the next render catches up.
  const latest = useRef({ pathname: location.pathname, search: location.search, hash: location.hash });
  latest.current = { pathname: location.pathname, search: location.search, hash: location.hash };
  return useCallback(
    (fn) => {
      const next = fn(new URLSearchParams(latest.current.search));
      const search = `?${next.toString()}`;
      // The address already says this (two quick changes, both written as the latest):
      // a navigation to the same place would only re-render every screen.
      if (search === latest.current.search) return;
      latest.current = { ...latest.current, search };
      navigate({ pathname: latest.current.pathname, search, hash: latest.current.hash }, { replace: true });
    },
    [navigate],
  );
}
