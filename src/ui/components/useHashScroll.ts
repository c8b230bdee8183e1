import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Scrolls to the element named by the URL hash once it exists (client-side
 * navigation does not do this by itself), e.g. /sources#src-cap-… or
 * /agreements/…#cloud-services, and marks it with the class `is-target`.
 * `ready` delays it until the content renders.
 */
export function useHashScroll(ready = true): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const id = decodeURIComponent(hash.slice(1));
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView?.({ block: 'start' });
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus?.({ preventScroll: true });
    // CSS :target does not follow history.pushState, so the highlight is a class.
    el.classList.add('is-target');
    return () => el.classList.remove('is-target');
  }, [hash, ready]);
}
