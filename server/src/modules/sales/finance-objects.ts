import { registerStandardObject, type StandardObject } from '../../metadata/standard-objects.js';
import { currencyField, descriptionField, L, opt, rel, statusOptions } from './finance-fields.js';
import { QUOTE_STATUSES } from './finance-status.js';
import './finance-objects-contracts.js';

type Fields = StandardObject['fields'];

const units = {
  free: true,
  options: [opt('个', '个', 'piece'), opt('台', '台', 'unit'), opt('套', '套', 'set'), opt('件', '件', 'item'), opt('箱', '箱', 'box'),
    opt('年', '年', 'year'), opt('月', '月', 'month'), opt('天', '天', 'day'), opt('小时', '小时', 'hour'), opt('次', '次', 'time'),
    opt('用户', '用户', 'user'), opt('项', '项', 'lot')],
};

const productFields: Fields = [
  { apiName: 'code', column: 'code', type: 'text', label: L('产品编码', 'Product code'), options: { maxLength: 64 } },
  { apiName: 'categoryId', column: 'category_id', type: 'relation', label: L('产品分类', 'Category'), options: rel('productCategories') },
  { apiName: 'unit', column: 'unit', type: 'select', label: L('单位', 'Unit'), options: units },
  { apiName: 'spec', column: 'spec', type: 'text', label: L('规格', 'Specification') },
  { apiName: 'price', column: 'price', type: 'currency', label: L('标准价格', 'List price'), options: { min: 0 } },
  currencyField,
  { apiName: 'cost', column: 'cost', type: 'currency', label: L('成本价', 'Cost'), sensitive: true, options: { min: 0 } },
  { apiName: 'isListed', column: 'is_listed', type: 'boolean', label: L('上架', 'Listed') },
  descriptionField,
];

const quoteFields: Fields = [
  { apiName: 'number', column: 'number', type: 'autoNumber', label: L('报价单编号', 'Quote number'), readonly: true },
  { apiName: 'revision', column: 'revision', type: 'number', label: L('版本', 'Revision'), readonly: true, options: { scale: 0 } },
  { apiName: 'previousQuoteId', column: 'previous_quote_id', type: 'relation', label: L('上一版本', 'Previous revision'), readonly: true, options: rel('quotes') },
  { apiName: 'status', column: 'status', type: 'select', label: L('状态', 'Status'), options: statusOptions(QUOTE_STATUSES) },
  { apiName: 'accountId', column: 'account_id', type: 'relation', label: L('客户', 'Account'), options: rel('accounts') },
  { apiName: 'contactId', column: 'contact_id', type: 'relation', label: L('联系人', 'Contact'), options: rel('contacts') },
  { apiName: 'opportunityId', column: 'opportunity_id', type: 'relation', label: L('商机', 'Opportunity'), options: rel('opportunities') },
  { apiName: 'priceBookId', column: 'price_book_id', type: 'relation', label: L('价格表', 'Price book'), options: rel('priceBooks') },
  currencyField,
  { apiName: 'quoteDate', column: 'quote_date', type: 'date', label: L('报价日期', 'Quote date') },
  { apiName: 'validUntil', column: 'valid_until', type: 'date', label: L('有效期至', 'Valid until') },
  { apiName: 'subtotal', column: 'subtotal', type: 'currency', label: L('小计', 'Subtotal'), readonly: true },
  { apiName: 'discountAmount', column: 'discount_amount', type: 'currency', label: L('折扣金额', 'Discount'), readonly: true },
  { apiName: 'taxAmount', column: 'tax_amount', type: 'currency', label: L('税额', 'Tax'), readonly: true },
  { apiName: 'total', column: 'total', type: 'currency', label: L('总计', 'Total'), readonly: true },
  { apiName: 'terms', column: 'terms', type: 'longText', label: L('条款', 'Terms') },
  descriptionField,
];

registerStandardObject({
  apiName: 'productCategories', table: 'product_categories', isCustom: false,
  label: L('产品分类', 'Product category'), pluralLabel: L('产品分类', 'Product categories'),
  fields: [
    { apiName: 'parentId', column: 'parent_id', type: 'relation', label: L('上级分类', 'Parent category'), options: rel('productCategories') },
    { apiName: 'position', column: 'position', type: 'number', label: L('排序', 'Position'), options: { scale: 0 } },
    descriptionField,
  ],
});
registerStandardObject({ apiName: 'products', table: 'products', isCustom: false, label: L('产品', 'Product'), pluralLabel: L('产品', 'Products'), fields: productFields });
registerStandardObject({
  apiName: 'priceBooks', table: 'price_books', isCustom: false, label: L('价格表', 'Price book'), pluralLabel: L('价格表', 'Price books'),
  fields: [currencyField, { apiName: 'isActive', column: 'is_active', type: 'boolean', label: L('启用', 'Active') }, descriptionField],
});
registerStandardObject({ apiName: 'quotes', table: 'quotes', isCustom: false, label: L('报价单', 'Quote'), pluralLabel: L('报价单', 'Quotes'), fields: quoteFields });
