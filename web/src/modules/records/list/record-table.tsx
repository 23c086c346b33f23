import { useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import { Table, type TableColumnsType, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { FieldValue } from '../fields/field-value';
import type { FieldMeta, RecordRow } from '../records-api';
import { EditableCell } from './editable-cell';
import { columnWidth, isSortable } from './list-columns';

interface RecordTableProps {
  object: string;
  fields: FieldMeta[];
  rows: RecordRow[];
  loading: boolean;
  sort: string;
  onSort: (sort: string) => void;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** Asked for when the person scrolls near the end of what is loaded. */
  onEndReached: () => void;
}

const SELECTION_WIDTH = 48;
const BOTTOM_ROOM = 96;

/** Room left in the window below the table's top edge, so the grid scrolls inside itself. */
function useAvailableHeight(ref: React.RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 200;
      setHeight(Math.max(320, window.innerHeight - top - BOTTOM_ROOM));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
  return height;
}

function sortOrderOf(sort: string, name: string): 'ascend' | 'descend' | null {
  const first = sort.split(',')[0] ?? '';
  if (first === name) return 'ascend';
  if (first === `-${name}`) return 'descend';
  return null;
}

/**
 * Any object's records as a virtualised grid: only the rows on screen are rendered, so ten thousand loaded
 * rows scroll like ten. Headers sort on the server; cells edit in place.
 */
export function RecordTable(props: RecordTableProps) {
  const { object, fields, rows, loading, sort, onSort, selected, onSelect, onEndReached } = props;
  const { i18n } = useTranslation();
  const wrap = useRef<HTMLDivElement>(null);
  const height = useAvailableHeight(wrap);

  const columns = useMemo<TableColumnsType<RecordRow>>(() => fields.map((field, index) => ({
    key: field.apiName,
    dataIndex: field.apiName,
    title: localize(field.label, i18n.language, field.apiName),
    width: columnWidth(field),
    ellipsis: true,
    fixed: index === 0 ? 'start' : undefined,
    sorter: isSortable(field),
    sortOrder: sortOrderOf(sort, field.apiName),
    sortDirections: ['ascend', 'descend'],
    render: (_: unknown, record: RecordRow) => (index === 0 ? (
      <Link to={`/${object}/${record.id}`} style={{ fontWeight: 500 }}>
        <FieldValue field={field} record={record} />
      </Link>
    ) : <EditableCell object={object} field={field} record={record} />),
  })), [fields, i18n.language, sort, object]);
  const width = SELECTION_WIDTH + fields.reduce((n, f) => n + columnWidth(f), 0);

  const onChange: TableProps<RecordRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s?.order || !s.columnKey) onSort('');
    else onSort(`${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}`);
  };

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 600) onEndReached();
  };

  return (
    <div ref={wrap}>
      <Table<RecordRow>
        virtual
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading && rows.length === 0}
        pagination={false}
        scroll={{ x: width, y: height }}
        onChange={onChange}
        onScroll={onScroll}
        showSorterTooltip={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => onSelect(keys.map(String)),
          columnWidth: SELECTION_WIDTH,
          fixed: true,
        }}
      />
    </div>
  );
}
