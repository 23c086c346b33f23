import { useEffect, useState } from 'react';
import { Button, Dropdown, Flex, Input } from 'antd';
import { DownOutlined, DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/use-debounced';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { FilterButton } from '../filter/filter-button';
import { exportUrl } from '../record-mutations';
import type { FieldMeta } from '../records-api';
import { ViewPicker } from '../views/view-picker';
import { ColumnChooser } from './column-chooser';
import type { ListPatch, ListState } from './list-state';

interface ListToolbarProps {
  object: string;
  state: ListState;
  onChange: (patch: ListPatch) => void;
  allFields: FieldMeta[];
  listable: FieldMeta[];
  columns: string[];
}

/** Views, quick search, filters, columns and export, in that order of how often people reach for them. */
export function ListToolbar({ object, state, onChange, allFields, listable, columns }: ListToolbarProps) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [q, setQ] = useState(state.q ?? '');
  const settled = useDebounced(q, 300);

  // A view switch or back navigation changes q from outside; the box follows.
  useEffect(() => setQ(state.q ?? ''), [state.q]);
  useEffect(() => {
    if (settled !== (state.q ?? '')) onChange({ q: settled });
    // Only a settled edit of the box should write back, not a change arriving from outside.
  }, [settled]);

  const search = (
    <Input allowClear value={q} onChange={(e) => setQ(e.target.value)} prefix={<SearchOutlined style={{ color: '#9ca3af' }} />}
      placeholder={t('records.searchPlaceholder')} aria-label={t('records.search')} maxLength={200}
      style={{ width: isMobile ? undefined : 260, flex: isMobile ? 1 : undefined }} size={isMobile ? 'large' : 'middle'} />
  );
  const filter = <FilterButton fields={allFields} value={state.filter ?? null} onApply={(filter) => onChange({ filter })} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8}>
        <Flex gap={8}><ViewPicker object={object} state={state} onChange={onChange} /></Flex>
        <Flex gap={8} align="center">{search}{filter}</Flex>
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="center" wrap="wrap">
      <ViewPicker object={object} state={state} onChange={onChange} />
      {search}
      {filter}
      <span style={{ flex: 1 }} />
      <ColumnChooser fields={listable} value={columns} onChange={(cols) => onChange({ columns: cols })} />
      <Dropdown trigger={['click']} menu={{
        items: [
          { type: 'group', label: t('records.exportHint'), children: [
            { key: 'csv', label: <a href={exportUrl(object, state, 'csv', columns)} download>{t('records.exportCsv')}</a> },
            { key: 'xlsx', label: <a href={exportUrl(object, state, 'xlsx', columns)} download>{t('records.exportXlsx')}</a> },
            // Address books take people, not companies or deals.
            ...(object === 'contacts' || object === 'leads'
              ? [{ key: 'vcf', label: <a href={exportUrl(object, state, 'vcf')} download>{t('records.exportVcf')}</a> }] : []),
          ] },
        ],
      }}>
        <Button icon={<DownloadOutlined />}>{t('records.export')} <DownOutlined style={{ fontSize: 10 }} /></Button>
      </Dropdown>
    </Flex>
  );
}
