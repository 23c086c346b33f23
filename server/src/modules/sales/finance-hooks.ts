/** Registers the finance objects' hooks; imported once from index.ts. */
import './products-validation.hook.js';
import './quotes-lifecycle.hook.js';
import './contracts-lifecycle.hook.js';
import './payment-plans-derive.hook.js';
import './payments-plan-status.hook.js';
import './invoices-lifecycle.hook.js';
import './targets-validation.hook.js';
