import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const OpportunityBoard = lazy(() => import('./opportunity-board'));
const PoolsPage = lazy(() => import('./pools-page'));
const PoolAccountsPage = lazy(() => import('./pool-accounts-page'));
const QuotePage = lazy(() => import('./quote-page'));
const ContractPage = lazy(() => import('./contract-page'));
const NotFoundPage = lazy(() => import('../../app/layout/not-found-page'));

/** Everything under /sales: the pipeline board, public pools, the quote workspace and contract finances. */
export default function SalesRoutes() {
  return (
    <Routes>
      <Route path="board" element={<OpportunityBoard />} />
      <Route path="pools" element={<PoolsPage />} />
      <Route path="pools/:id" element={<PoolAccountsPage />} />
      <Route path="quotes/:id" element={<QuotePage />} />
      <Route path="contracts/:id" element={<ContractPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
