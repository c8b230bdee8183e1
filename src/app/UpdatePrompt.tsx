/// <reference types="vite-plugin-pwa/react" />
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from '../ui/i18n';
import { appMessages } from './messages';

/**
 * Registers the service worker (offline use and installation) and offers a new version
 * when one has been downloaded. The update is never applied on its own — the new
 * version waits until the user chooses to reload, so nothing (an import in
 * particular) is interrupted.
 */
export function UpdatePrompt() {
  const t = useT(appMessages);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
  } = useRegisterSW();
  if (!needRefresh) return null;
  const apply = async () => {
    // The waiting worker is told to take over directly, and the page reloads once it controls
    // the page. vite-plugin-pwa's own path (updateServiceWorker) relies on Workbox's state and
    // its 'controlling' event, which never fires for a worker already waiting when this page
    // opened (vite-pwa/vite-plugin-pwa#789): the button then did nothing.
    const registration = await navigator.serviceWorker?.getRegistration();
    const waiting = registration?.waiting;
    if (!waiting) {
      window.location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  };
  return (
    <div className="update-prompt" role="status">
      <span>{t('updateReady')}</span>
      <button type="button" className="btn" onClick={() => void apply()}>
        {t('updateReload')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => setNeedRefresh(false)}>
        {t('updateLater')}
      </button>
    </div>
  );
}
