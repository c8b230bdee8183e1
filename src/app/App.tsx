import { useEffect } from 'react';
import { Link, Outlet, Route, Routes } from 'react-router';
import { useLedgerSync } from '../data/queries';
import { ImportPage } from '../features/import/ImportPage';
import { ReconciliationPage } from '../features/reconciliation/ReconciliationPage';
import { TransactionsPage } from '../features/transactions/TransactionsPage';
import { AgreementPage } from '../features/agreement/AgreementPage';
import { ApprovalPanel } from '../features/approvals/ApprovalPanel';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { ExplorePage } from '../features/explore/ExplorePage';
import { RatiosPage } from '../features/ratios/RatiosPage';
import { RegisterPage } from '../features/register/RegisterPage';
import { MonthlyReportPage } from '../features/report/MonthlyReportPage';
import { ReportPage } from '../features/report/ReportPage';
import { PresentPage } from '../features/present/PresentPage';
import { useLocale, useT } from '../ui/i18n';
import { Layout, type NavEntry } from './Layout';
import { appMessages } from './messages';

/** Feature pages reachable from the main navigation, beyond overview, agreements and sources. */
const NAV: readonly NavEntry[] = [
  { path: '/transactions', label: { en: 'Transactions', zh: '交易' } },
  { path: '/import', label: { en: 'Import', zh: '导入' } },
  { path: '/reconciliation', label: { en: 'Reconciliation', zh: '对账' } },
  { path: '/explore', label: { en: 'Explorer', zh: '额度分析' } },
  { path: '/ratios', label: { en: 'Ratio check', zh: '比率测试' } },
  { path: '/register', label: { en: 'Cap register', zh: '上限登记册' } },
  { path: '/report', label: { en: 'Board report', zh: '董事会报告' } },
  { path: '/report/monthly', label: { en: 'Monthly report', zh: '月度报告' } },
  { path: '/present', label: { en: 'Present', zh: '演示模式' } },
];

function NotFound() {
  const t = useT(appMessages);
  return (
    <section className="page">
      <h1>{t('notFound')}</h1>
      <p>
        <Link to="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const locale = useLocale();
  // Ledger writes here or in another open tab refresh every ledger-backed query.
  useLedgerSync();
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : 'en';
  }, [locale]);
  return (
    <Routes>
      <Route
        element={
          <Layout nav={NAV}>
            <Outlet />
          </Layout>
        }
      >
        <Route path="/transactions" element={<TransactionsPage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route path="/reconciliation" element={<ReconciliationPage />} />
        <Route index element={<OverviewPage />} />
        <Route
          path="agreements/:agreementId"
          element={<AgreementPage approvals={(id) => <ApprovalPanel agreementId={id} />} />}
        />
        <Route path="sources" element={<SourcesPage />} />
        <Route path="explore" element={<ExplorePage />} />
        <Route path="ratios" element={<RatiosPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="report" element={<ReportPage />} />
        <Route path="report/monthly" element={<MonthlyReportPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      {/* Presentation mode: full-screen slides, no app chrome. */}
      <Route path="present" element={<PresentPage />} />
    </Routes>
  );
}
