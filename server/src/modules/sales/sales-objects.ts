import { registerStandardObject } from '../../metadata/standard-objects.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const opt = (value: string, zh: string, en: string) => ({ value, label: L(zh, en) });

/** Why a lead or an opportunity was lost, as a select so reports can group by it; admins add their own. */
const lostReasonTypes = {
  options: [opt('price', '价格', 'Price'), opt('competitor', '输给竞争对手', 'Lost to a competitor'),
    opt('budget', '没有预算', 'No budget'), opt('noNeed', '没有需求', 'No need'), opt('noResponse', '联系不上', 'No response'),
    opt('duplicate', '重复', 'Duplicate'), opt('other', '其他', 'Other')],
};

// Pools, pipelines and the lead forms are settings with their own routes; their ids appear on records as
// read-only references (poolId) or as text validated by the sales hooks (pipelineId).
registerStandardObject({
  apiName: 'accounts', table: 'accounts', isCustom: false, label: L('客户', 'Account'), pluralLabel: L('客户', 'Accounts'),
  fields: [
    { apiName: 'poolId', column: 'pool_id', type: 'relation', label: L('所属公海', 'Public pool'), readonly: true, options: { target: 'salesPools' } },
    { apiName: 'locked', column: 'locked', type: 'boolean', label: L('已锁定', 'Locked'), readonly: true },
    { apiName: 'lockedAt', column: 'locked_at', type: 'datetime', label: L('锁定时间', 'Locked at'), readonly: true },
    { apiName: 'ownerSince', column: 'owner_since', type: 'datetime', label: L('领取/分配时间', 'Owner since'), readonly: true },
    { apiName: 'lastDealAt', column: 'last_deal_at', type: 'datetime', label: L('最近成交时间', 'Last deal'), readonly: true },
  ],
});

registerStandardObject({
  apiName: 'leads', table: 'leads', isCustom: false, label: L('线索', 'Lead'), pluralLabel: L('线索', 'Leads'),
  fields: [
    { apiName: 'lostReasonType', column: 'lost_reason_type', type: 'select', label: L('无效原因类型', 'Lost reason type'), options: lostReasonTypes },
    { apiName: 'convertedAccountId', column: 'converted_account_id', type: 'relation', label: L('转化的客户', 'Converted account'), readonly: true, options: { target: 'accounts' } },
    { apiName: 'convertedContactId', column: 'converted_contact_id', type: 'relation', label: L('转化的联系人', 'Converted contact'), readonly: true, options: { target: 'contacts' } },
    { apiName: 'convertedOpportunityId', column: 'converted_opportunity_id', type: 'relation', label: L('转化的商机', 'Converted opportunity'), readonly: true, options: { target: 'opportunities' } },
    { apiName: 'leadFormId', column: 'lead_form_id', type: 'relation', label: L('来源表单', 'Web form'), readonly: true, options: { target: 'salesLeadForms' } },
  ],
});

registerStandardObject({
  apiName: 'opportunities', table: 'opportunities', isCustom: false, label: L('商机', 'Opportunity'), pluralLabel: L('商机', 'Opportunities'),
  fields: [
    { apiName: 'pipelineId', column: 'pipeline_id', type: 'text', label: L('销售流程', 'Pipeline'), options: { maxLength: 36 } },
    { apiName: 'status', column: 'status', type: 'select', label: L('商机状态', 'Status'), readonly: true,
      options: { options: [opt('open', '进行中', 'Open'), opt('won', '赢单', 'Won'), opt('lost', '输单', 'Lost')] } },
    { apiName: 'weightedAmount', column: 'weighted_amount', type: 'currency', label: L('加权金额', 'Weighted amount'), readonly: true },
    { apiName: 'closedAt', column: 'closed_at', type: 'datetime', label: L('关闭时间', 'Closed at'), readonly: true },
    { apiName: 'stageEnteredAt', column: 'stage_entered_at', type: 'datetime', label: L('进入当前阶段时间', 'In stage since'), readonly: true },
    { apiName: 'lostReasonType', column: 'lost_reason_type', type: 'select', label: L('输单原因类型', 'Lost reason type'), options: lostReasonTypes },
  ],
});

registerStandardObject({
  apiName: 'activities', table: 'activities', isCustom: false, label: L('跟进记录', 'Follow-up'), pluralLabel: L('跟进记录', 'Follow-ups'),
  fields: [
    { apiName: 'endsAt', column: 'ends_at', type: 'datetime', label: L('结束时间', 'Ends at') },
    { apiName: 'location', column: 'location', type: 'text', label: L('地点', 'Location') },
    { apiName: 'nextContactDone', column: 'next_contact_done', type: 'boolean', label: L('已完成下次联系', 'Next contact done') },
  ],
});
