import { matchPath, useLocation } from 'react-router';
import { useDataset } from '../../data/queries';
import { useBilingual } from '../../ui/i18n';

/**
 * The agreement screen before its code is here: the agreement's name as the screen's heading
 * (the same element, text and styles as AgreementPage's, so that heading stays the largest paint).
 * It ships in the entry. An agreement not in the data yet (a user's, before the register has
 * loaded) shows nothing here; the screen says "loading" once its code has come.
 */
export function AgreementHeading() {
  const { pathname } = useLocation();
  const dataset = useDataset();
  const name = useBilingual();
  const id = matchPath('/agreements/:agreementId', pathname)?.params.agreementId;
  const agreement = dataset.agreements.find((a) => a.id === id);
  if (!agreement) return null;
  return (
    <section className="page agreement" aria-labelledby="agreement-title" aria-busy="true">
      <div className="page-head">
        <div>
          <h1 id="agreement-title">{name(agreement.name)}</h1>
        </div>
      </div>
    </section>
  );
}
