import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Result, Typography } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { RecordFormDialog } from '../form/record-form-dialog';
import { ImportWizard } from '../import/import-wizard';
import { isObjectName, useObjectMeta, useRecordList, type ObjectMeta } from '../records-api';
import { BulkActions } from './bulk-actions';
import { listableFields, resolveColumns } from './list-columns';
import { useListState, type ListPatch, type ListState } from './list-state';
import { ListToolbar } from './list-toolbar';
import { RecordCards } from './record-cards';
import { RecordTable } from './record-table';

export default function ObjectListRoute() {
  const { object } = useParams();
  const { t } = useTranslation();
  if (!isObjectName(object)) return <Result status="404" title="404" subTitle={t('records.notFound')} />;
  // Keyed so switching modules starts from a clean page instead of flashing the previous module's rows.
  return <ObjectListPage key={object} object={object} />;
}

function ObjectListPage({ object }: { object: string }) {
  const { t, i18n } = useTranslation();
  const meta = useObjectMeta(object);
  const [state, setState] = useListState();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const navigate = useNavigate();
  const isMobile = useIsMobile();

  if (meta.error instanceof ApiError && meta.error.status === 404) {
    return <Result status="404" title="404" subTitle={t('records.notFound')} />;
  }
  const label = meta.data ? localize(meta.data.label, i18n.language, object) : '';
  const title = meta.data ? localize(meta.data.pluralLabel ?? meta.data.label, i18n.language, object) : '\u00a0';

  return (
    <Flex vertical gap={14}>
      <Flex align="center" justify="space-between" gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
        <Flex gap={8}>
          {!isMobile && <Button icon={<ImportOutlined />} disabled={!meta.data} onClick={() => setImporting(true)}>{t('import.button')}</Button>}
          <Button type="primary" icon={<PlusOutlined />} disabled={!meta.data} onClick={() => setCreating(true)}>
            {t('records.newObject', { object: label })}
          </Button>
        </Flex>
      </Flex>
      {meta.error && <Alert type="error" showIcon title={t('records.loadFailed')} description={errorMessage(meta.error)}
        action={<Button size="small" onClick={() => void meta.refetch()}>{t('common.retry')}</Button>} />}
      {meta.data && <ListBody meta={meta.data} state={state} onChange={setState} onCreate={() => setCreating(true)} onImport={() => setImporting(true)} />}
      {meta.data && <ImportWizard meta={meta.data} open={importing} onClose={() => setImporting(false)} />}
      <RecordFormDialog object={object} open={creating} onClose={() => setCreating(false)}
        onSaved={(rec) => navigate(`/${object}/${rec.id}`)} />
    </Flex>
  );
}

interface ListBodyProps {
  meta: ObjectMeta;
  state: ListState;
  onChange: (patch: ListPatch) => void;
  onCreate: () => void;
  onImport: () => void;
}

function ListBody({ meta, state, onChange, onCreate, onImport }: ListBodyProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const object = meta.apiName;
  const [selected, setSelected] = useState<string[]>([]);
  const params = useMemo(() => ({ sort: state.sort, filter: state.filter, q: state.q }), [state.sort, state.filter, state.q]);
  const list = useRecordList(object, params);
  const listable = useMemo(() => listableFields(meta), [meta]);
  const columns = useMemo(() => resolveColumns(meta, state.columns), [meta, state.columns]);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const filtered = !!(state.filter || state.q);
  const empty = !list.isPending && !list.error && rows.length === 0;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const more = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  let body;
  if (list.error) {
    body = <Alert type="error" showIcon title={t('records.loadFailed')} description={errorMessage(list.error)}
      action={<Button size="small" onClick={() => void list.refetch()}>{t('common.retry')}</Button>} />;
  } else if (empty) {
    body = (
      <Card>
        <Empty style={{ padding: '36px 0' }} description={
          <Flex vertical gap={4} align="center">
            <Typography.Text strong>{filtered ? t('records.noMatches') : t('records.empty')}</Typography.Text>
            <Typography.Text type="secondary">{filtered ? t('records.noMatchesHint') : t('records.emptyHint')}</Typography.Text>
          </Flex>
        }>
          {filtered
            ? <Button onClick={() => onChange({ filter: null, q: '' })}>{t('records.clearFilters')}</Button>
            : (
              <Flex gap={8} justify="center">
                <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
                  {t('records.newObject', { object: localize(meta.label, i18n.language, object) })}
                </Button>
                {!isMobile && <Button icon={<ImportOutlined />} onClick={onImport}>{t('import.button')}</Button>}
              </Flex>
            )}
        </Empty>
      </Card>
    );
  } else if (isMobile) {
    body = <RecordCards object={object} fields={columns} rows={rows} loading={list.isPending} onEndReached={more} />;
  } else {
    body = (
      <Card styles={{ body: { padding: 0 } }}>
        <RecordTable object={object} fields={columns} rows={rows} loading={list.isPending} sort={state.sort ?? ''}
          onSort={(sort) => onChange({ sort })} selected={selected} onSelect={setSelected} onEndReached={more} />
      </Card>
    );
  }

  return (
    <>
      <ListToolbar object={object} state={state} onChange={onChange} allFields={meta.fields} listable={listable}
        columns={columns.map((f) => f.apiName)} />
      {selected.length > 0 && !isMobile && <BulkActions meta={meta} selected={selected} onDone={() => setSelected([])} />}
      {body}
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12} style={{ paddingBottom: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {hasNextPage ? t('records.loadedCount', { count: rows.length }) : t('records.allLoadedCount', { count: rows.length })}
          </Typography.Text>
          {hasNextPage && <Button size="small" onClick={more} loading={isFetchingNextPage}>{t('records.loadMore')}</Button>}
        </Flex>
      )}
    </>
  );
}
