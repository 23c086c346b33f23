import { AppError, invalid } from '../../platform/errors.js';
import { registerHook } from '../../records/hooks.js';
import { pickLeadOwner } from './leads-assign.service.js';
import { takePreset } from './sales-common.js';

// Statuses: new → working → converted (only through the convert action) or lost (with a reason).
registerHook('leads.beforeCreate', 'lead-status', ({ ctx, values }) => {
  Object.assign(values, takePreset(ctx) ?? {});
  if (values.status === 'converted') throw invalid([{ field: 'status', code: 'sales.lead.convertOnly' }]);
  if (values.status === 'lost' && !values.lost_reason_type) throw invalid([{ field: 'lostReasonType', code: 'sales.lead.lostReasonRequired' }]);
});

/**
 * A lead created without a named owner (the API, bulk create, an import without an owner column) goes to
 * whoever the assignment rules pick; without a matching rule it stays with its creator. Naming an owner,
 * the creator included, bypasses the rules. Routing is the workspace's policy, so the rule's pick needs
 * no create rights of the creator over that owner's records.
 */
registerHook('leads.beforeCreate', 'lead-assign', async ({ ctx, values, ownerDefaulted }) => {
  if (!ownerDefaulted) return;
  const address = typeof values.address === 'string' ? JSON.parse(values.address) : values.address;
  const owner = await pickLeadOwner(ctx, { region: values.region, industry: values.industry, source: values.source, address });
  if (owner) values.owner_id = owner;
});

registerHook('leads.beforeUpdate', 'lead-status', ({ before, values }) => {
  const converting = values.converted_at !== undefined && values.converted_at !== null;
  // A converted lead is history; only its owner may still change (a departing rep's records move on).
  const edits = Object.keys(values).filter((k) => !['owner_id', 'updated_at', 'version'].includes(k));
  if (before?.status === 'converted' && !converting && edits.length > 0) throw new AppError(409, 'sales.lead.converted');
  if (values.status === 'converted' && !converting) throw invalid([{ field: 'status', code: 'sales.lead.convertOnly' }]);
  const status = values.status ?? before?.status;
  const reason = values.lost_reason_type !== undefined ? values.lost_reason_type : before?.lost_reason_type;
  if (status === 'lost' && !reason) throw invalid([{ field: 'lostReasonType', code: 'sales.lead.lostReasonRequired' }]);
});
