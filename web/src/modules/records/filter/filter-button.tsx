import { useMemo, useState } from 'react';
import { Badge, Button, Drawer, Flex, Popover } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../ui/use-is-mobile';
import type { FieldMeta, FilterNode } from '../records-api';
import { FilterGroupEditor } from './filter-builder';
import { countConditions, fromApiFilter, toApiFilter, type FilterGroup } from './filter-model';

interface FilterButtonProps {
  fields: FieldMeta[];
  value: FilterNode | null;
  onApply: (filter: FilterNode | null) => void;
}

/** Filters are edited as a draft and applied at once, so the list does not reload on every keystroke. */
export function FilterButton({ fields, value, onApply }: FilterButtonProps) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<FilterGroup>(() => fromApiFilter(value));
  const filterable = useMemo(() => fields.filter((f) => (f.ops?.length ?? 0) > 0), [fields]);
  const byName = useMemo(() => new Map(filterable.map((f) => [f.apiName, f])), [filterable]);
  const active = value ? countConditions(fromApiFilter(value)) : 0;

  const toggle = (next: boolean) => {
    // Only a real opening starts a fresh draft; a repeated "open" must not wipe rows being added.
    if (next && !open) setDraft(fromApiFilter(value));
    setOpen(next);
  };
  const apply = (group: FilterGroup | null) => {
    onApply(group ? toApiFilter(group, byName) : null);
    setOpen(false);
  };

  const editor = (
    <Flex vertical gap={16} style={{ width: isMobile ? '100%' : 640, maxWidth: '100%' }}>
      <FilterGroupEditor group={draft} root={draft} fields={filterable} depth={0} onRootChange={setDraft} />
      <Flex gap={8} justify="flex-end" className={isMobile ? 'rp-sticky-actions' : undefined}>
        <Button onClick={() => apply(null)} block={isMobile} size={isMobile ? 'large' : 'middle'}>{t('filter.clear')}</Button>
        <Button type="primary" onClick={() => apply(draft)} block={isMobile} size={isMobile ? 'large' : 'middle'}>
          {t('filter.apply')}
        </Button>
      </Flex>
    </Flex>
  );

  const button = (
    <Badge count={active} size="small" color="#2b5fd9" offset={[-4, 4]}>
      <Button icon={<FilterOutlined />} onClick={isMobile ? () => toggle(true) : undefined} aria-label={t('filter.title')}
        size={isMobile ? 'large' : 'middle'}
        type={active ? 'primary' : 'default'} ghost={!!active}>
        {isMobile ? null : t('filter.title')}
      </Button>
    </Badge>
  );

  if (isMobile) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={() => setOpen(false)} title={t('filter.title')} placement="bottom" size="90%"
          styles={{ body: { padding: '12px 16px 0' } }}>
          {editor}
        </Drawer>
      </>
    );
  }
  return (
    <Popover open={open} onOpenChange={toggle} trigger="click" placement="bottomLeft" content={editor}
      title={t('filter.title')} destroyOnHidden>
      {button}
    </Popover>
  );
}
