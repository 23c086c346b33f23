import type { FieldDef, ObjectDef } from './types.js';

type F = Omit<FieldDef, 'isCustom' | 'status' | 'position'>;

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const opt = (value: string, zh: string, en: string) => ({ value, label: L(zh, en) });

/** Fields every record has; the pipeline fills the system ones. */
export const COMMON_FIELDS: F[] = [
  { apiName: 'id', column: 'id', type: 'text', label: L('ID', 'ID'), readonly: true, system: true },
  { apiName: 'name', column: 'name', type: 'text', label: L('名称', 'Name'), required: true },
  { apiName: 'ownerId', column: 'owner_id', type: 'user', label: L('负责人', 'Owner') },
  { apiName: 'createdBy', column: 'created_by', type: 'user', label: L('创建人', 'Created by'), readonly: true, system: true },
  { apiName: 'createdAt', column: 'created_at', type: 'datetime', label: L('创建时间', 'Created at'), readonly: true, system: true },
  { apiName: 'updatedAt', column: 'updated_at', type: 'datetime', label: L('更新时间', 'Updated at'), readonly: true, system: true },
  { apiName: 'version', column: 'version', type: 'number', label: L('版本', 'Version'), readonly: true, system: true },
];

const levels = { options: [opt('A', 'A 重点客户', 'A Key'), opt('B', 'B 普通客户', 'B Regular'), opt('C', 'C 小客户', 'C Small')] };
const sources = {
  options: [opt('web', '官网', 'Website'), opt('referral', '转介绍', 'Referral'), opt('exhibition', '展会', 'Trade show'),
    opt('ads', '广告', 'Advertising'), opt('cold_call', '电话营销', 'Cold call'), opt('other', '其他', 'Other')],
};
const industries = {
  options: [opt('it', '信息技术', 'IT'), opt('manufacturing', '制造业', 'Manufacturing'), opt('finance', '金融', 'Finance'),
    opt('retail', '零售', 'Retail'), opt('education', '教育', 'Education'), opt('healthcare', '医疗', 'Healthcare'),
    opt('other', '其他', 'Other')],
};
const rel = (object: string) => ({ target: object });

export type StandardObject = Omit<ObjectDef, 'id' | 'fields' | 'status'> & { fields: F[] };

const STANDARD_OBJECTS: StandardObject[] = [
  {
    apiName: 'accounts', table: 'accounts', isCustom: false,
    label: L('客户', 'Account'), pluralLabel: L('客户', 'Accounts'),
    fields: [
      { apiName: 'phone', column: 'phone', type: 'phone', label: L('电话', 'Phone') },
      { apiName: 'email', column: 'email', type: 'email', label: L('邮箱', 'E-mail') },
      { apiName: 'website', column: 'website', type: 'url', label: L('网址', 'Website') },
      { apiName: 'industry', column: 'industry', type: 'select', label: L('行业', 'Industry'), options: industries },
      { apiName: 'level', column: 'level', type: 'select', label: L('客户级别', 'Level'), options: levels },
      { apiName: 'source', column: 'source', type: 'select', label: L('客户来源', 'Source'), options: sources },
      { apiName: 'tags', column: 'tags', type: 'multiSelect', label: L('标签', 'Tags'), options: { options: [], free: true } },
      { apiName: 'address', column: 'address', type: 'address', label: L('地址', 'Address') },
      { apiName: 'creditCode', column: 'credit_code', type: 'text', label: L('统一社会信用代码', 'Unified social credit code') },
      { apiName: 'dealStatus', column: 'deal_status', type: 'select', label: L('成交状态', 'Deal status'),
        options: { options: [opt('none', '未成交', 'No deal'), opt('won', '已成交', 'Won')] } },
      { apiName: 'lastContactAt', column: 'last_contact_at', type: 'datetime', label: L('最后跟进时间', 'Last contacted'), readonly: true },
      { apiName: 'description', column: 'description', type: 'longText', label: L('备注', 'Description') },
    ],
  },
  {
    apiName: 'contacts', table: 'contacts', isCustom: false,
    label: L('联系人', 'Contact'), pluralLabel: L('联系人', 'Contacts'),
    fields: [
      { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
      { apiName: 'title', column: 'title', type: 'text', label: L('职务', 'Title') },
      { apiName: 'phone', column: 'phone', type: 'phone', label: L('电话', 'Phone') },
      { apiName: 'mobile', column: 'mobile', type: 'phone', label: L('手机', 'Mobile') },
      { apiName: 'email', column: 'email', type: 'email', label: L('邮箱', 'E-mail') },
      { apiName: 'wechat', column: 'wechat', type: 'text', label: L('微信', 'WeChat') },
      { apiName: 'gender', column: 'gender', type: 'select', label: L('性别', 'Gender'),
        options: { options: [opt('male', '男', 'Male'), opt('female', '女', 'Female')] } },
      { apiName: 'birthday', column: 'birthday', type: 'date', label: L('生日', 'Birthday') },
      { apiName: 'isPrimary', column: 'is_primary', type: 'boolean', label: L('主要联系人', 'Primary contact') },
      { apiName: 'description', column: 'description', type: 'longText', label: L('备注', 'Description') },
    ],
  },
  {
    apiName: 'leads', table: 'leads', isCustom: false,
    label: L('线索', 'Lead'), pluralLabel: L('线索', 'Leads'),
    fields: [
      { apiName: 'company', column: 'company', type: 'text', label: L('公司', 'Company') },
      { apiName: 'title', column: 'title', type: 'text', label: L('职务', 'Title') },
      { apiName: 'phone', column: 'phone', type: 'phone', label: L('电话', 'Phone') },
      { apiName: 'mobile', column: 'mobile', type: 'phone', label: L('手机', 'Mobile') },
      { apiName: 'email', column: 'email', type: 'email', label: L('邮箱', 'E-mail') },
      { apiName: 'source', column: 'source', type: 'select', label: L('线索来源', 'Source'), options: sources },
      { apiName: 'status', column: 'status', type: 'select', label: L('状态', 'Status'),
        options: { options: [opt('new', '新线索', 'New'), opt('working', '跟进中', 'Working'),
          opt('converted', '已转化', 'Converted'), opt('lost', '无效', 'Lost')] } },
      { apiName: 'industry', column: 'industry', type: 'select', label: L('行业', 'Industry'), options: industries },
      { apiName: 'region', column: 'region', type: 'text', label: L('地区', 'Region') },
      { apiName: 'address', column: 'address', type: 'address', label: L('地址', 'Address') },
      { apiName: 'lostReason', column: 'lost_reason', type: 'text', label: L('无效原因', 'Lost reason') },
      { apiName: 'convertedAt', column: 'converted_at', type: 'datetime', label: L('转化时间', 'Converted at'), readonly: true },
      { apiName: 'description', column: 'description', type: 'longText', label: L('备注', 'Description') },
    ],
  },
  {
    apiName: 'opportunities', table: 'opportunities', isCustom: false,
    label: L('商机', 'Opportunity'), pluralLabel: L('商机', 'Opportunities'),
    fields: [
      { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
      { apiName: 'contactId', column: 'contact_id', type: 'relation', label: L('联系人', 'Contact'), options: rel('contacts') },
      { apiName: 'stage', column: 'stage', type: 'select', label: L('阶段', 'Stage'),
        options: { options: [opt('qualification', '验证客户', 'Qualification'), opt('needs', '需求分析', 'Needs analysis'),
          opt('proposal', '方案报价', 'Proposal'), opt('negotiation', '谈判审核', 'Negotiation'),
          opt('won', '赢单', 'Won'), opt('lost', '输单', 'Lost')] } },
      { apiName: 'amount', column: 'amount', type: 'currency', label: L('金额', 'Amount') },
      { apiName: 'currency', column: 'currency', type: 'text', label: L('币种', 'Currency'), options: { maxLength: 3 } },
      { apiName: 'probability', column: 'probability', type: 'percent', label: L('赢率', 'Probability'), options: { scale: 0 } },
      { apiName: 'expectedCloseDate', column: 'expected_close_date', type: 'date', label: L('预计成交日期', 'Expected close') },
      { apiName: 'lostReason', column: 'lost_reason', type: 'text', label: L('输单原因', 'Lost reason') },
      { apiName: 'description', column: 'description', type: 'longText', label: L('备注', 'Description') },
    ],
  },
  {
    apiName: 'activities', table: 'activities', isCustom: false,
    label: L('跟进记录', 'Follow-up'), pluralLabel: L('跟进记录', 'Follow-ups'),
    fields: [
      { apiName: 'type', column: 'type', type: 'select', label: L('跟进方式', 'Type'),
        options: { options: [opt('call', '电话', 'Call'), opt('visit', '拜访', 'Visit'), opt('meeting', '会议', 'Meeting'),
          opt('email', '邮件', 'E-mail'), opt('wechat', '微信', 'WeChat'), opt('note', '备注', 'Note')] } },
      { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
      { apiName: 'contactId', column: 'contact_id', type: 'relation', label: L('联系人', 'Contact'), options: rel('contacts') },
      { apiName: 'leadId', column: 'lead_id', type: 'relation', label: L('线索', 'Lead'), options: rel('leads') },
      { apiName: 'opportunityId', column: 'opportunity_id', type: 'relation', label: L('商机', 'Opportunity'), options: rel('opportunities') },
      { apiName: 'content', column: 'content', type: 'longText', label: L('跟进内容', 'Content') },
      { apiName: 'occurredAt', column: 'occurred_at', type: 'datetime', label: L('跟进时间', 'Occurred at') },
      { apiName: 'nextContactAt', column: 'next_contact_at', type: 'datetime', label: L('下次联系时间', 'Next contact') },
    ],
  },
  {
    apiName: 'tasks', table: 'tasks', isCustom: false,
    label: L('任务', 'Task'), pluralLabel: L('任务', 'Tasks'),
    fields: [
      { apiName: 'dueAt', column: 'due_at', type: 'datetime', label: L('截止时间', 'Due') },
      { apiName: 'status', column: 'status', type: 'select', label: L('状态', 'Status'),
        options: { options: [opt('open', '未完成', 'Open'), opt('done', '已完成', 'Done'), opt('cancelled', '已取消', 'Cancelled')] } },
      { apiName: 'priority', column: 'priority', type: 'select', label: L('优先级', 'Priority'),
        options: { options: [opt('low', '低', 'Low'), opt('normal', '普通', 'Normal'), opt('high', '高', 'High')] } },
      { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
      { apiName: 'contactId', column: 'contact_id', type: 'relation', label: L('联系人', 'Contact'), options: rel('contacts') },
      { apiName: 'opportunityId', column: 'opportunity_id', type: 'relation', label: L('商机', 'Opportunity'), options: rel('opportunities') },
      { apiName: 'description', column: 'description', type: 'longText', label: L('描述', 'Description') },
    ],
  },
];

/**
 * Domain modules declare their standard objects (and extra fields on the platform's objects) here at
 * import time; start-up syncs them into every workspace.
 */
export function registerStandardObject(def: StandardObject): void {
  const existing = STANDARD_OBJECTS.find((o) => o.apiName === def.apiName);
  if (existing) {
    for (const f of def.fields) if (!existing.fields.some((x) => x.apiName === f.apiName)) existing.fields.push(f);
  } else {
    STANDARD_OBJECTS.push(def);
  }
}

export function standardObjects(): readonly StandardObject[] {
  return STANDARD_OBJECTS;
}
