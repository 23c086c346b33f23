/** The sales domain's public face: other modules and the API layer import from here only. */
export { salesRoutes } from './sales.routes.js';
export { financeRoutes } from './finance.routes.js';
// Finance (products, quotes, contracts, payments, invoices, targets, numbering): metadata and hooks, then the API other modules use.
import './finance-objects.js';
import './finance-hooks.js';
export { dueReminders as financeReminders, remindersInTrx as financeRemindersInTrx, visibleReminders as financeVisibleReminders } from './finance-reminders.service.js';
export { markOverdue } from './payment-plans-overdue.job.js';
export { seedFinanceDemo } from './finance-demo.seed.js';
// Sales core (leads, accounts and the public pool, opportunities, follow-ups, transfers, teams): metadata,
// hooks, visibility and jobs, then the API other modules use.
import './sales-objects.js';
import './sales-hooks.js';
export { runPoolReclaim, runPoolReclaimAll } from './pool-reclaim.service.js';
export { recordAccountDeal } from './opportunities.hook.js';
export { registerTodaySection, type TodayItem, type TodaySection } from './today-list.service.js';
export { normaliseCreditCode } from './credit-code.js';
export { checkPhone } from './phone-check.js';
export { seedSalesDemo } from './sales-demo.seed.js';
