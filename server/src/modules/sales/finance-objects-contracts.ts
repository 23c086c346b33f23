import { registerStandardObject, type StandardObject } from '../../metadata/standard-objects.js';
import { currencyField, descriptionField, L, opt, rel, statusOptions } from './finance-fields.js';
import { CONTRACT_STATUSES, INVOICE_STATUSES, PLAN_STATUSES } from './finance-status.js';

type Fields = StandardObject['fields'];

const remindDays = (zh: string, en: string) =>
  ({ apiName: 'remindDays', column: 'remind_days', type: 'number', label: L(zh, en), options: { scale: 0, min: 0, max: 365 } }) as const;

const contractFields: Fields = [
  { apiName: 'number', column: 'number', type: 'autoNumber', label: L('合同编号', 'Contract number'), readonly: true },
  { apiName: 'status', column: 'status', type: 'select', label: L('状态', 'Status'), options: statusOptions(CONTRACT_STATUSES) },
  { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
  { apiName: 'contactId', column: 'contact_id', type: 'relation', label: L('客户签约人', 'Customer contact'), options: rel('contacts') },
  { apiName: 'opportunityId', column: 'opportunity_id', type: 'relation', label: L('商机', 'Opportunity'), options: rel('opportunities') },
  { apiName: 'quoteId', column: 'quote_id', type: 'relation', label: L('报价单', 'Quote'), options: rel('quotes') },
  { apiName: 'amount', column: 'amount', type: 'currency', label: L('合同金额', 'Amount'), options: { min: 0 } },
  currencyField,
  { apiName: 'signDate', column: 'sign_date', type: 'date', label: L('签订日期', 'Signed on') },
  { apiName: 'startDate', column: 'start_date', type: 'date', label: L('开始日期', 'Start date') },
  { apiName: 'endDate', column: 'end_date', type: 'date', label: L('结束日期', 'End date') },
  remindDays('到期提前提醒天数', 'Remind days before expiry'),
  { apiName: 'customerSigner', column: 'customer_signer', type: 'text', label: L('客户签约人姓名', 'Customer signatory') },
  { apiName: 'companySignerId', column: 'company_signer_id', type: 'user', label: L('公司签约人', 'Company signatory') },
  { apiName: 'terms', column: 'terms', type: 'longText', label: L('合同条款', 'Terms') },
  descriptionField,
];

const planFields: Fields = [
  { apiName: 'contractId', column: 'contract_id', type: 'relation', label: L('合同', 'Contract'), required: true, options: rel('contracts') },
  { apiName: 'instalment', column: 'instalment', type: 'number', label: L('期数', 'Instalment'), options: { scale: 0, min: 1, max: 1000 } },
  { apiName: 'dueDate', column: 'due_date', type: 'date', label: L('计划回款日期', 'Due date'), required: true },
  { apiName: 'amount', column: 'amount', type: 'currency', label: L('计划回款金额', 'Amount'), required: true, options: { min: 0.01 } },
  currencyField,
  remindDays('提前提醒天数', 'Remind days ahead'),
  { apiName: 'paidAmount', column: 'paid_amount', type: 'currency', label: L('已回款金额', 'Paid'), readonly: true },
  { apiName: 'status', column: 'status', type: 'select', label: L('回款状态', 'Status'), readonly: true, options: statusOptions(PLAN_STATUSES) },
  descriptionField,
];

const paymentMethods = {
  options: [opt('bankTransfer', '银行转账', 'Bank transfer'), opt('cash', '现金', 'Cash'), opt('cheque', '支票', 'Cheque'),
    opt('acceptance', '承兑汇票', 'Bank acceptance bill'), opt('alipay', '支付宝', 'Alipay'), opt('wechatPay', '微信支付', 'WeChat Pay'),
    opt('other', '其他', 'Other')],
};

const paymentFields: Fields = [
  { apiName: 'contractId', column: 'contract_id', type: 'relation', label: L('合同', 'Contract'), required: true, options: rel('contracts') },
  { apiName: 'paymentPlanId', column: 'payment_plan_id', type: 'relation', label: L('回款计划', 'Payment plan'), options: rel('paymentPlans') },
  { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
  { apiName: 'amount', column: 'amount', type: 'currency', label: L('回款金额', 'Amount'), required: true, options: { min: 0.01 } },
  currencyField,
  { apiName: 'receivedDate', column: 'received_date', type: 'date', label: L('回款日期', 'Received on'), required: true },
  { apiName: 'method', column: 'method', type: 'select', label: L('回款方式', 'Method'), options: paymentMethods },
  { apiName: 'reference', column: 'reference', type: 'text', label: L('流水号', 'Reference'), options: { maxLength: 100 } },
  descriptionField,
];

const invoiceFields: Fields = [
  { apiName: 'number', column: 'number', type: 'autoNumber', label: L('发票申请编号', 'Invoice number'), readonly: true },
  { apiName: 'status', column: 'status', type: 'select', label: L('状态', 'Status'), options: statusOptions(INVOICE_STATUSES) },
  { apiName: 'invoiceType', column: 'invoice_type', type: 'select', label: L('发票类型', 'Invoice type'),
    options: { options: [opt('vatSpecial', '增值税专用发票', 'VAT special invoice'), opt('vatNormal', '增值税普通发票', 'VAT general invoice'),
      opt('electronic', '全电发票', 'Fully digital invoice'), opt('other', '其他', 'Other')] } },
  { apiName: 'titleType', column: 'title_type', type: 'select', label: L('抬头类型', 'Title type'),
    options: { options: [opt('company', '企业', 'Company'), opt('individual', '个人', 'Individual')] } },
  { apiName: 'title', column: 'title', type: 'text', label: L('发票抬头', 'Invoice title') },
  { apiName: 'taxNumber', column: 'tax_number', type: 'text', label: L('纳税人识别号', 'Taxpayer ID'), options: { maxLength: 20 } },
  { apiName: 'bankName', column: 'bank_name', type: 'text', label: L('开户银行', 'Bank') },
  { apiName: 'bankAccount', column: 'bank_account', type: 'text', label: L('银行账号', 'Bank account'), sensitive: true, options: { maxLength: 40 } },
  { apiName: 'registeredAddress', column: 'registered_address', type: 'text', label: L('注册地址', 'Registered address') },
  { apiName: 'registeredPhone', column: 'registered_phone', type: 'text', label: L('注册电话', 'Registered phone'), options: { maxLength: 40 } },
  { apiName: 'contractId', column: 'contract_id', type: 'relation', label: L('合同', 'Contract'), options: rel('contracts') },
  { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
  { apiName: 'amount', column: 'amount', type: 'currency', label: L('开票金额', 'Amount'), required: true, options: { min: 0.01 } },
  currencyField,
  { apiName: 'taxRate', column: 'tax_rate', type: 'percent', label: L('税率', 'Tax rate'), options: { scale: 2 } },
  { apiName: 'issueDate', column: 'issue_date', type: 'date', label: L('开票日期', 'Issued on') },
  descriptionField,
];

const targetFields: Fields = [
  { apiName: 'scope', column: 'scope', type: 'select', label: L('目标对象', 'Scope'),
    options: { options: [opt('company', '公司', 'Company'), opt('department', '部门', 'Department'), opt('user', '员工', 'Rep')] } },
  { apiName: 'departmentId', column: 'department_id', type: 'department', label: L('部门', 'Department') },
  { apiName: 'userId', column: 'user_id', type: 'user', label: L('员工', 'Rep') },
  { apiName: 'metric', column: 'metric', type: 'select', label: L('考核指标', 'Metric'),
    options: { options: [opt('contractAmount', '合同金额', 'Contract amount'), opt('paymentAmount', '回款金额', 'Payments received')] } },
  { apiName: 'periodType', column: 'period_type', type: 'select', label: L('周期', 'Period'),
    options: { options: [opt('month', '月度', 'Month'), opt('year', '年度', 'Year')] } },
  { apiName: 'year', column: 'year', type: 'number', label: L('年份', 'Year'), required: true, options: { scale: 0, min: 2000, max: 2100 } },
  { apiName: 'month', column: 'month', type: 'number', label: L('月份', 'Month'), options: { scale: 0, min: 1, max: 12 } },
  { apiName: 'amount', column: 'amount', type: 'currency', label: L('目标金额', 'Target amount'), required: true, options: { min: 0 } },
  currencyField,
  descriptionField,
];

const obj = (apiName: string, table: string, zh: string, en: string, enPlural: string, fields: Fields) =>
  registerStandardObject({ apiName, table, isCustom: false, label: L(zh, en), pluralLabel: L(zh, enPlural), fields });

obj('contracts', 'contracts', '合同', 'Contract', 'Contracts', contractFields);
obj('paymentPlans', 'payment_plans', '回款计划', 'Payment plan', 'Payment plans', planFields);
obj('payments', 'payments', '回款', 'Payment', 'Payments', paymentFields);
obj('invoices', 'invoices', '发票', 'Invoice', 'Invoices', invoiceFields);
obj('targets', 'targets', '业绩目标', 'Sales target', 'Sales targets', targetFields);
