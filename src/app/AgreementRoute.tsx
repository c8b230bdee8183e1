import { AgreementPage } from '../features/agreement/AgreementPage';
import { ApprovalPanel } from '../features/approvals/ApprovalPanel';

/** The agreement screen with its approvals panel: one chunk, loaded with the route. */
export function AgreementRoute() {
  return <AgreementPage approvals={(id) => <ApprovalPanel agreementId={id} />} />;
}
