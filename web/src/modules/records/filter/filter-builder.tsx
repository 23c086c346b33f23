import { Button, Flex, Segmented, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import type { FieldMeta } from '../records-api';
import {
  defaultOp, emptyGroup, MAX_GROUP_DEPTH, newCondition, opsFor, replaceItem, valueShape,
  type FilterCondition, type FilterGroup,
} from './filter-model';
import { FilterValueInput } from './filter-value-input';

const DATE_TYPES = new Set(['date', 'datetime']);

/** Operator wording: dates read "before/after", everything else "less/greater than". */
export function opLabel(t: (key: never) => string, field: FieldMeta | undefined, op: string): string {
  const tt = t as unknown as (key: string) => string;
  if (field && DATE_TYPES.has(field.type) && ['lt', 'lte', 'gt', 'gte', 'eq', 'between'].includes(op)) return tt(`filter.opDate.${op}`);
  return tt(`filter.op.${op}`);
}

interface RowProps {
  cond: FilterCondition;
  fields: FieldMeta[];
  onChange: (next: FilterCondition | null) => void;
}

function ConditionRow({ cond, fields, onChange }: RowProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const field = fields.find((f) => f.apiName === cond.field);
  const label = field ? localize(field.label, i18n.language, field.apiName) : cond.field;
  const ops = field ? opsFor(field) : [];
  const shape = valueShape(field, cond.op);

  const fieldSelect = (
    <Select aria-label={t('filter.field')} value={cond.field} showSearch optionFilterProp="label"
      style={{ width: isMobile ? '100%' : 170, flex: 'none' }} popupMatchSelectWidth={false}
      options={fields.map((f) => ({ value: f.apiName, label: localize(f.label, i18n.language, f.apiName) }))}
      onChange={(name: string) => {
        const next = fields.find((f) => f.apiName === name);
        if (next) onChange({ ...cond, field: name, op: defaultOp(next), value: undefined });
      }} />
  );
  const opSelect = (
    <Select aria-label={t('filter.operator')} value={cond.op} style={{ width: isMobile ? '100%' : 150, flex: 'none' }}
      popupMatchSelectWidth={false} options={ops.map((op) => ({ value: op, label: opLabel(t, field, op) }))}
      onChange={(op: string) => onChange({ ...cond, op, value: valueShape(field, op) === shape ? cond.value : undefined })} />
  );
  const valueInput = field && (
    <div style={{ flex: 1, minWidth: isMobile ? '100%' : 180 }}>
      <FilterValueInput field={field} op={cond.op} value={cond.value} ariaLabel={`${label} ${t('filter.value')}`}
        onChange={(value) => onChange({ ...cond, value })} />
    </div>
  );
  const remove = (
    <Button type="text" icon={<CloseOutlined />} aria-label={t('filter.removeCondition')} onClick={() => onChange(null)} />
  );

  if (isMobile) {
    return (
      <Flex vertical gap={8} style={{ padding: 12, background: '#f7f9fc', borderRadius: 8 }}>
        <Flex gap={8} align="center">{fieldSelect}{remove}</Flex>
        {opSelect}
        {valueInput}
      </Flex>
    );
  }
  return <Flex gap={8} align="flex-start" wrap="wrap">{fieldSelect}{opSelect}{valueInput}{remove}</Flex>;
}

interface GroupProps {
  group: FilterGroup;
  root: FilterGroup;
  fields: FieldMeta[];
  depth: number;
  onRootChange: (root: FilterGroup) => void;
}

/** A group of conditions joined by all/any, possibly holding sub-groups. */
export function FilterGroupEditor({ group, root, fields, depth, onRootChange }: GroupProps) {
  const { t } = useTranslation();
  const set = (next: FilterGroup) => onRootChange(group.key === root.key ? next : replaceItem(root, group.key, next));
  const first = fields.find((f) => f.apiName === 'name') ?? fields[0];
  const nested = depth > 0;

  return (
    <Flex vertical gap={10} style={nested ? { borderInlineStart: '3px solid #d6e2fb', paddingInlineStart: 12 } : undefined}>
      <Flex align="center" gap={8} wrap="wrap">
        <Typography.Text type="secondary">{t('filter.match')}</Typography.Text>
        <Segmented size="small" value={group.logic} onChange={(logic) => set({ ...group, logic: logic as 'and' | 'or' })}
          options={[{ value: 'and', label: t('filter.all') }, { value: 'or', label: t('filter.any') }]} />
        {nested && (
          <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => onRootChange(replaceItem(root, group.key, null))}>
            {t('filter.removeGroup')}
          </Button>
        )}
      </Flex>
      {group.items.length === 0 && <Typography.Text type="secondary">{t('filter.noConditions')}</Typography.Text>}
      {group.items.map((item) => (item.kind === 'cond' ? (
        <ConditionRow key={item.key} cond={item} fields={fields}
          onChange={(next) => onRootChange(replaceItem(root, item.key, next))} />
      ) : (
        <FilterGroupEditor key={item.key} group={item} root={root} fields={fields} depth={depth + 1} onRootChange={onRootChange} />
      )))}
      <Flex gap={8} wrap="wrap">
        <Button size="small" icon={<PlusOutlined />} disabled={!first}
          onClick={() => first && set({ ...group, items: [...group.items, newCondition(first)] })}>
          {t('filter.addCondition')}
        </Button>
        {depth + 1 < MAX_GROUP_DEPTH && first && (
          <Button size="small" type="dashed" icon={<PlusOutlined />}
            onClick={() => set({ ...group, items: [...group.items, { ...emptyGroup(group.logic === 'and' ? 'or' : 'and'), items: [newCondition(first)] }] })}>
            {t('filter.addGroup')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
