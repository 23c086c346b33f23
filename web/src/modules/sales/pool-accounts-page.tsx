import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, List, Modal, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth-context';
import { localize } from '../../ui/localized-text';
import { useDebounced } from '../../ui/use-debounced';
import { useIsMobile } from '../../ui/use-is-mobile';
import { FieldValue } from '../records/fields/field-value';
import { RelationPicker, UserPicker } from '../records/fields/pickers';
import { invalidateObject } from '../records/record-mutations';
import { useObjectMeta, type FieldMeta, type ListPage, type RecordRow } from '../records/records-api';
import { poolAction, salesKeys, usePools, type Pool } from './sales-api';

type Dialog = { kind: 'assign'; row: RecordRow } | { kind: 'release' } | null;

export default function PoolAccountsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const user = useCurrentUser();
  const pools = usePools();
  const pool: Pool | undefined = pools.data?.find((p) => p.id === id);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useQuery({
    queryKey: salesKeys.poolAccounts(id, q),
    queryFn: ({ signal }) => apiFetch<ListPage>(`/sales/pools/${encodeURIComponent(id)}/accounts`, { query: { q: q || undefined, limit: 100 }, signal }),
  });
  const isPoolAdmin = !!user.isAdmin || !!pool?.adminIds.includes(user.id);
  const isMobile = useIsMobile();
  const meta = useObjectMeta('accounts');
  // What a rep weighs before claiming: how important the customer is, its trade, when it was last worked.
  const shown = ['level', 'industry', 'lastContactAt', 'address']
    .map((n) => meta.data?.fields.find((f) => f.apiName === n)).filter((f): f is FieldMeta => !!f);
  const actions = (row: RecordRow) => [
    <Button key="c" type="primary" size="small" onClick={() => claim(row)}>{t('sales.pools.claim')}</Button>,
    ...(isPoolAdmin ? [<Button key="a" size="small" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'assign', row })}>{t('sales.pools.assign')}</Button>] : []),
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('sales.pools.noMatches') : t('sales.pools.empty')} />;

  const done = (msg: string) => {
    setProblem(null);
    message.success(msg);
    void qc.invalidateQueries({ queryKey: ['sales', 'pools', id] });
    void invalidateObject(qc, 'accounts');
  };
  // Caps and cooldowns come back as a localised problem detail; shown in place so it can be read, not flashed.
  const fail = (err: unknown) => setProblem(errorMessage(err));
  const claim = (row: RecordRow) => modal.confirm({
    title: t('sales.pools.claimConfirm', { name: row.name ?? '' }), okText: t('sales.pools.claim'), cancelText: t('common.cancel'),
    onOk: () => poolAction(row.id, 'claim').then(() => done(t('sales.pools.claimed', { name: row.name ?? '' }))).catch(fail),
  });

  return (
    <Flex vertical gap={16}>
      <Link to="/sales/pools"><ArrowLeftOutlined /> {t('sales.pools.title')}</Link>
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{pool?.name ?? t('sales.pools.title')}</Typography.Title>
          {pool && <Typography.Text type="secondary">
            {pool.claimDailyCap == null ? t('sales.pools.noCap') : t('sales.pools.cap', { count: pool.claimDailyCap })}
            {' · '}{t('sales.pools.cooldown', { count: pool.cooldownDays })}
          </Typography.Text>}
        </div>
        <Button icon={<LogoutOutlined />} onClick={() => setDialog({ kind: 'release' })}>{t('sales.pools.release')}</Button>
      </Flex>
      {problem && <Alert type="warning" showIcon closable title={t('sales.pools.actionFailed')} description={problem} onClose={() => setProblem(null)} role="alert" />}
      <Card size="small">
        <Input.Search allowClear placeholder={t('sales.pools.search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 8 }} />
        {list.isPending || meta.isPending ? <Skeleton active /> : list.error ? <Empty description={errorMessage(list.error)} /> : isMobile ? (
          <List dataSource={list.data.data} locale={{ emptyText: empty }} renderItem={(row) => (
            <List.Item>
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Link to={`/accounts/${row.id}`} style={{ fontWeight: 500 }}>{row.name || '—'}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {shown.slice(0, 2).map((f, i) => <span key={f.apiName}>{i > 0 && ' · '}<FieldValue field={f} record={row} /></span>)}
                </Typography.Text>
                <Space>{actions(row)}</Space>
              </Flex>
            </List.Item>
          )} />
        ) : (
          <Table<RecordRow> rowKey="id" size="middle" dataSource={list.data.data} pagination={false} locale={{ emptyText: empty }}
            columns={[
              { key: 'name', title: t('sales.pools.customer'), width: 280, render: (_v, row) => <Link to={`/accounts/${row.id}`} style={{ fontWeight: 500 }}>{row.name || '—'}</Link> },
              ...shown.map((f) => ({ key: f.apiName, title: localize(f.label, i18n.language, f.apiName), ellipsis: true, render: (_v: unknown, row: RecordRow) => <FieldValue field={f} record={row} /> })),
              { key: 'actions', title: '', width: isPoolAdmin ? 170 : 90, align: 'end' as const, render: (_v: unknown, row: RecordRow) => <Space>{actions(row)}</Space> },
            ]} />
        )}
      </Card>
      <AssignModal row={dialog?.kind === 'assign' ? dialog.row : null} onClose={() => setDialog(null)}
        onDone={(name) => { setDialog(null); done(t('sales.pools.assigned', { name })); }} onFail={(e) => { setDialog(null); fail(e); }} />
      <ReleaseModal open={dialog?.kind === 'release'} poolId={id} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); done(t('sales.pools.released')); }} onFail={(e) => { setDialog(null); fail(e); }} />
    </Flex>
  );
}

interface ActionModalProps { onClose: () => void; onFail: (err: unknown) => void }

function AssignModal({ row, onClose, onDone, onFail }: ActionModalProps & { row: RecordRow | null; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!row || !owner) return;
    setBusy(true);
    try { await poolAction(row.id, 'assign', { ownerId: owner }); onDone(String(row.name ?? '')); } catch (e) { onFail(e); } finally { setBusy(false); }
  };
  return (
    <Modal open={!!row} title={t('sales.pools.assignTitle', { name: row?.name ?? '' })} onCancel={onClose} destroyOnHidden
      okText={t('sales.pools.assign')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !owner, loading: busy }} onOk={() => void submit()}>
      <UserPicker value={owner} onChange={(v) => setOwner(typeof v === 'string' ? v : null)} ariaLabel={t('sales.pools.assignTo')} />
    </Modal>
  );
}

function ReleaseModal({ open, poolId, onClose, onDone, onFail }: ActionModalProps & { open: boolean; poolId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!account || !reason.trim()) return;
    setBusy(true);
    try { await poolAction(account, 'release', { reason: reason.trim(), poolId }); onDone(); } catch (e) { onFail(e); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={t('sales.pools.releaseTitle')} onCancel={onClose} destroyOnHidden okText={t('sales.pools.release')}
      cancelText={t('common.cancel')} okButtonProps={{ disabled: !account || !reason.trim(), loading: busy }} onOk={() => void submit()}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <RelationPicker target="accounts" value={account} onChange={(v) => setAccount(typeof v === 'string' ? v : null)} ariaLabel={t('sales.account')} />
        <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('sales.pools.reason')} aria-label={t('sales.pools.reason')} />
      </Space>
    </Modal>
  );
}
