import { fold } from '../search/tokens.js';

/** A column header folded for lookup: lower case, no spaces or punctuation ("E-mail 1 - Value" → email1value). */
export function headerKey(h: string): string {
  // Salesforce marks custom fields with __c (ACCOUNTNUMBER__C): the field is accountNumber here.
  return fold(h).replace(/__c$/, '').replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Column names of common exports (Salesforce, HubSpot, Gmail/Google Contacts, Outlook, Atomic CRM, vCard
 * and iCalendar columns of this importer, Chinese spreadsheets) → candidate targets, the first one the
 * object has wins. Targets: a field, `field:match` for relations and users (match by name, externalId,
 * email…), `name:given|middle|family` for names split over columns, `address.part`, `$externalId`.
 */
const TABLE: [string[], string[]][] = [
  [['id', 'recordid', 'externalid', 'uid', 'salesforceid', '外部编号', '原系统编号'], ['$externalId']],
  [['accountid', 'parentaccountid'], ['accountId:externalId']],
  [['contactid', 'whoid'], ['contactId:externalId']],
  [['opportunityid', 'whatid'], ['opportunityId:externalId']],
  [['name', 'fullname', 'displayname', 'contactname', 'opportunityname', 'leadname',
    'summary', 'subject', '姓名', '名称', '客户名称', '公司名称', '联系人姓名', '商机名称', '线索名称', '标题', '主题'], ['name']],
  [['firstname', 'givenname', 'first', '名'], ['name:given']],
  [['middlename', 'additionalname'], ['name:middle']],
  [['lastname', 'familyname', 'surname', 'last', '姓'], ['name:family']],
  [['mobile', 'mobilephone', 'mobilephonenumber', 'cellphone', 'cell', 'phone1value', 'mobilenumber', 'homemobile', '手机', '手机号', '手机号码', '移动电话'], ['mobile', 'phone']],
  [['phone', 'phonenumber', 'businessphone', 'workphone', 'telephone', 'tel', 'phonework', 'phonehome', 'phoneother',
    'primaryphone', 'homephone', 'phone2value', '电话', '座机', '联系电话', '办公电话', '固定电话'], ['phone', 'mobile']],
  [['email', 'emailaddress', 'email1value', 'emailwork', 'emailhome', 'emailother', 'workemail', 'mail',
    'email2address', 'email2value', 'email3address', 'primaryemail', 'secondaryemail', '邮箱', '电子邮件', '电子邮箱', '邮件地址'], ['email']],
  // Outlook's "Title" is Mr./Ms.; its "Job Title" wins when both are there (earlier in the list = preferred).
  [['jobtitle', 'position', 'organization1title', 'organizationtitle', 'title', '职务', '职位', '岗位'], ['title']],
  // A company column is the contact's account, the lead's company, or an account's own name.
  [['company', 'companyname', 'accountname', 'organization', 'organization1name', 'organizationname', 'associatedcompany', 'account', 'employer', '公司', '单位', '所属公司', '所属客户', '客户', '工作单位'], ['accountId:name', 'company', 'name']],
  [['contact', 'attendees', 'attendee', 'whocontactemail', '联系人'], ['contactId:email', 'contactId:name']],
  [['opportunity', 'deal', '商机'], ['opportunityId:name']],
  [['description', 'notes', 'note', 'background', 'comments', 'content', 'body', '备注', '描述', '说明', '跟进内容'], ['description', 'content']],
  [['website', 'webpage', 'webpage1', 'websiteurl', 'websitehomepage', 'websitework', 'url', 'companydomainname', 'website1value', 'homepage', 'domain', '网址', '官网', '网站'], ['website']],
  [['industry', 'sector', '行业', '所属行业'], ['industry']],
  [['level', 'rating', 'tier', '客户级别', '级别', '等级'], ['level']],
  [['source', 'leadsource', 'accountsource', 'originalsource', '来源', '客户来源', '线索来源'], ['source']],
  [['status', 'leadstatus', '状态', '线索状态'], ['status']],
  [['stage', 'stagename', 'dealstage', '阶段', '销售阶段', '商机阶段'], ['stage']],
  [['amount', 'dealamount', 'expectedamount', '金额', '商机金额', '预计金额'], ['amount']],
  [['currency', 'currencyisocode', '币种', '货币'], ['currency']],
  [['probability', 'winprobability', '赢率', '成交概率'], ['probability']],
  [['closedate', 'expectedclosedate', 'expectedclose', '预计成交日期', '结单日期'], ['expectedCloseDate']],
  [['birthday', 'birthdate', 'dateofbirth', '生日', '出生日期'], ['birthday']],
  [['gender', 'sex', '性别'], ['gender']],
  [['wechat', 'weixin', 'wechatid', '微信', '微信号'], ['wechat']],
  [['tags', 'tag', 'categories', 'labels', 'groupmembership', '标签'], ['tags']],
  [['creditcode', 'unifiedsocialcreditcode', 'taxid', 'taxidentifier', 'vatnumber', '统一社会信用代码', '信用代码', '税号'], ['creditCode']],
  [['owner', 'owneremail', 'contactowner', 'companyowner', 'salesrep', 'sales', 'assignedto', '负责人', '所有人', '销售'], ['ownerId:email', 'ownerId:name']],
  [['start', 'starttime', 'startdate', 'date', 'dtstart', 'occurredat', 'activitydate', '时间', '跟进时间', '开始时间'], ['occurredAt', 'dueAt']],
  [['end', 'endtime', 'enddate', 'dtend', 'endsat', '结束时间'], ['endsAt']],
  [['location', 'place', 'where', '地点'], ['location']],
  [['due', 'duedate', 'deadline', '截止时间', '截止日期'], ['dueAt']],
  [['nextcontact', 'nextcontactat', 'nextstep', '下次联系时间'], ['nextContactAt']],
  [['type', 'activitytype', '跟进方式', '类型'], ['type']],
  [['priority', '优先级'], ['priority']],
  [['company1', 'companyname1', 'leadcompany'], ['company']],
  [['street', 'address', 'billingstreet', 'mailingstreet', 'streetaddress', 'businessstreet', 'homestreet', 'address1street',
    '地址', '详细地址', '街道'], ['address.street']],
  [['city', 'billingcity', 'mailingcity', 'businesscity', 'address1city', '城市', '市'], ['address.city']],
  [['state', 'province', 'region', 'stateregion', 'billingstate', 'mailingstate', 'businessstate', 'address1region', '省', '省份'], ['address.province', 'region']],
  [['district', 'county', '区', '区县'], ['address.district']],
  [['postalcode', 'zip', 'zipcode', 'postcode', 'billingpostalcode', 'mailingpostalcode', 'businesspostalcode', 'address1postalcode', '邮编', '邮政编码'], ['address.postalCode']],
  [['country', 'countryregion', 'billingcountry', 'mailingcountry', 'businesscountryregion', 'address1country', '国家'], ['address.country']],
];

export const HEADER_SYNONYMS: Map<string, string[]> = new Map(TABLE.flatMap(([keys, targets]) => keys.map((k) => [k, targets] as [string, string[]])));

/** How preferred a header is among the synonyms of its target (0 = most): orders coalesced columns. */
export const HEADER_RANK: Map<string, number> = new Map(TABLE.flatMap(([keys]) => keys.map((k, i) => [k, i] as [string, number])));

/** Option values of other systems' pick lists → this one's (folded, without spaces). */
const OPTIONS: Record<string, Record<string, string>> = {
  stage: {
    prospecting: 'qualification', qualification: 'qualification', needsanalysis: 'needs', valueproposition: 'needs',
    'id.decisionmakers': 'needs', iddecisionmakers: 'needs', perceptionanalysis: 'needs', 'proposal/pricequote': 'proposal',
    proposalpricequote: 'proposal', 'negotiation/review': 'negotiation', negotiationreview: 'negotiation',
    closedwon: 'won', closedlost: 'lost', appointmentscheduled: 'qualification', qualifiedtobuy: 'needs',
    presentationscheduled: 'proposal', decisionmakerboughtin: 'negotiation', contractsent: 'negotiation',
  },
  source: {
    website: 'web', webform: 'web', web: 'web', advertisement: 'ads', advertising: 'ads', partner: 'referral',
    partnerreferral: 'referral', externalreferral: 'referral', employeereferral: 'referral', wordofmouth: 'referral',
    tradeshow: 'exhibition', seminar: 'exhibition', coldcall: 'cold_call', phoneinquiry: 'cold_call', other: 'other',
  },
  gender: { m: 'male', man: 'male', mr: 'male', 先生: 'male', f: 'female', woman: 'female', ms: 'female', mrs: 'female', 女士: 'female' },
  status: {
    open: 'new', opennotcontacted: 'new', workingcontacted: 'working', contacted: 'working', closedconverted: 'converted',
    qualified: 'converted', closednotconverted: 'lost', unqualified: 'lost',
  },
  level: { hot: 'A', warm: 'B', cold: 'C', 重点: 'A', 普通: 'B' },
  industry: { technology: 'it', software: 'it', communications: 'it', banking: 'finance', insurance: 'finance', consumer: 'retail' },
};
OPTIONS.leadSource = OPTIONS.source;

export function optionSynonym(field: string, key: string): string | undefined {
  return OPTIONS[field]?.[key] ?? OPTIONS[field]?.[key.replace(/[^\p{L}\p{N}]/gu, '')];
}
