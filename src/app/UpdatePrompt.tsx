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
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status">
      <span>{t('updateReady')}</span>
      <button type="button" className="btn" onClick={() => void updateServiceWorker(true)}>
        {t('updateReload')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => setNeedRefresh(false)}>
        {t('updateLater')}
      </button>
    </div>
  );
}
