import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Progress, Radio, Typography } from 'antd';
import {
  AuditOutlined, CalendarOutlined, DownloadOutlined, ShareAltOutlined, EditOutlined, ImportOutlined, InboxOutlined, LockOutlined, LogoutOutlined, SwapRightOutlined, UnlockOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, apiFetch, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth-context';
import { RelationPicker } from '../records/fields/pickers';
import { invalidateObject } from '../records/record-mutations';
import { recordKeys, type RecordRow } from '../records/records-api';
import { formatMoney } from '../../ui/money-format';
import { poolAction, quotePdfUrl, type Completion } from './sales-api';

interface ActionsProps {
  object: string;
  record: RecordRow;
  size?: 'large' | 'middle';
  block?: boolean;
}

/**
 * The domain actions a record page offers beside edit / transfer / delete: a quote's line editor and PDF, a
 * contract's payments and invoices, a lead's conversion, a customer's claim from or release to the pool.
 */
export function SalesRecordActions({ object, record, size, block }: ActionsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<'convert' | 'release' | null>(null);
  const common = { size, block } as const;
  const id = record.id;

  if (object === 'quotes') {
    return (
      <>
        <Button {...common} icon={<EditOutlined />} onClick={() => navigate(`/sales/quotes/${id}`)}>{t('sales.actions.editLines')}</Button>
        <Button {...common} icon={<DownloadOutlined />} href={quotePdfUrl(id, true)} download>{t('sales.quote.download')}</Button>
      </>
    );
  }
  if (object === 'contracts') {
    return <Button {...common} icon={<AuditOutlined />} onClick={() => navigate(`/sales/contracts/${id}`)}>{t('sales.actions.finances')}</Button>;
  }
  if (object === 'targets') return <TargetCompletion id={id} />;
  if (object === 'activities' && record.type === 'meeting') {
    // A meeting goes to the attendees' calendars as an invitation.
    return <Button {...common} icon={<CalendarOutlined />} href={`/api/v1/activities/${encodeURIComponent(id)}/ics`} download>{t('sales.actions.ics')}</Button>;
  }
  if (object === 'leads' && record.status !== 'converted' && !record.convertedAccountId) {
    return (
      <>
        <AssignByRulesButton record={record} {...common} />
        <Button {...common} icon={<SwapRightOutlined />} onClick={() => setDialog('convert')}>{t('sales.convert.action')}</Button>
        <ConvertModal open={dialog === 'convert'} lead={record} onClose={() => setDialog(null)} />
      </>
    );
  }
  if (object === 'accounts') {
    const inPool = !record.ownerId && !!record.poolId;
    const mine = record.ownerId === user.id || !!user.isAdmin;
    if (inPool) return <ClaimButton record={record} {...common} />;
    if (record.ownerId && mine) {
      return (
        <>
          <LockButton record={record} {...common} />
          <Button {...common} icon={<LogoutOutlined />} onClick={() => setDialog('release')}>{t('sales.actions.release')}</Button>
          <ReleaseModal open={dialog === 'release'} record={record} onClose={() => setDialog(null)} />
        </>
      );
    }
  }
  return null;
}

function useRefresh(object: string, id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: recordKeys.one(object, id) });
    void qc.invalidateQueries({ queryKey: recordKeys.timeline(object, id) });
    void qc.invalidateQueries({ queryKey: ['sales', 'pools'] });
    void invalidateObject(qc, object);
  };
}

function ClaimButton({ record, size, block }: { record: RecordRow; size?: 'large' | 'middle'; block?: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh('accounts', record.id);
  // Caps and cooldowns come back as a sentence that says why and until when; it stays open until read.
  const claim = () => modal.confirm({
    title: t('sales.pools.claimConfirm', { name: record.name ?? '' }), okText: t('sales.pools.claim'), cancelText: t('common.cancel'),
    icon: <ImportOutlined />,
    onOk: () => poolAction(record.id, 'claim')
      .then(() => { message.success(t('sales.pools.claimed', { name: record.name ?? '' })); refresh(); })
      .catch((err: unknown) => { modal.warning({ title: t('sales.pools.claimFailed'), content: errorMessage(err), okText: t('common.ok') }); }),
  });
  return <Button type="primary" size={size} block={block} icon={<InboxOutlined />} onClick={claim}>{t('sales.pools.claim')}</Button>;
}

/** How far a target has come: actual against target for its period, from the contracts or payments recorded. */
function TargetCompletion({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const c = useQuery({
    queryKey: ['sales', 'target-completion', id],
    queryFn: ({ signal }) => apiFetch<Completion>(`/targets/${encodeURIComponent(id)}/completion`, { signal }),
  });
  if (!c.data) return null;
  const rate = c.data.rate == null ? null : Number(c.data.rate);
  return (
    <Flex vertical style={{ minWidth: 220 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.targets.completion')}</Typography.Text>
      <Progress percent={Math.min(100, rate ?? 0)} format={() => (rate == null ? '—' : `${rate.toFixed(1)}%`)} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatMoney(c.data.actual, c.data.currency, i18n.language)} / {formatMoney(c.data.target, c.data.currency, i18n.language)}
      </Typography.Text>
    </Flex>
  );
}

/** Hands the lead to whoever its assignment rule picks next (round robin within the rule's team). */
function AssignByRulesButton({ record, size, block }: { record: RecordRow; size?: 'large' | 'middle'; block?: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh('leads', record.id);
  const assign = () => modal.confirm({
    title: t('sales.actions.assignLeadConfirm'), content: t('sales.actions.assignLeadHint'), okText: t('sales.actions.assignLead'), cancelText: t('common.cancel'),
    onOk: () => apiFetch<RecordRow>(`/leads/${encodeURIComponent(record.id)}/assign`, { method: 'POST', body: {} })
      .then(() => { message.success(t('sales.actions.leadAssigned')); refresh(); })
      .catch((err: unknown) => { modal.warning({ title: t('sales.actions.assignLeadFailed'), content: errorMessage(err), okText: t('common.ok') }); }),
  });
  return <Button size={size} block={block} icon={<ShareAltOutlined />} onClick={assign}>{t('sales.actions.assignLead')}</Button>;
}

/** A customer being worked on can be locked against reclaim (within the owner's cap), and unlocked again. */
function LockButton({ record, size, block }: { record: RecordRow; size?: 'large' | 'middle'; block?: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh('accounts', record.id);
  const [busy, setBusy] = useState(false);
  const locked = !!record.locked;
  const toggle = async () => {
    setBusy(true);
    try {
      await apiFetch(`/accounts/${encodeURIComponent(record.id)}/${locked ? 'unlock' : 'lock'}`, { method: 'POST' });
      message.success(t(locked ? 'sales.actions.unlocked' : 'sales.actions.locked'));
      refresh();
    } catch (err) {
      modal.warning({ title: t('sales.actions.lockFailed'), content: errorMessage(err), okText: t('common.ok') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} block={block} loading={busy} icon={locked ? <UnlockOutlined /> : <LockOutlined />} onClick={() => void toggle()}>
      {t(locked ? 'sales.actions.unlock' : 'sales.actions.lock')}
    </Button>
  );
}

function ReleaseModal({ open, record, onClose }: { open: boolean; record: RecordRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh('accounts', record.id);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await poolAction(record.id, 'release', { reason: reason.trim() });
      message.success(t('sales.pools.released'));
      onClose();
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('sales.actions.releaseTitle', { name: record.name ?? '' })} onCancel={onClose} destroyOnHidden
      okText={t('sales.actions.release')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !reason.trim(), loading: busy, danger: true }}
      onOk={() => void submit()}>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('sales.actions.releaseHint')} />
        {error && <Alert type="error" showIcon title={error} />}
        <Form layout="vertical">
          <Form.Item label={t('sales.pools.reason')} required>
            <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)}
              aria-label={t('sales.pools.reason')} autoFocus />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

interface ConvertResult { accountId: string; contactId: string; opportunityId: string | null }

function ConvertModal({ open, lead, onClose }: { open: boolean; lead: RecordRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefresh('leads', lead.id);
  const company = String(lead.company ?? lead.name ?? '');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [withDeal, setWithDeal] = useState(true);
  const [dealName, setDealName] = useState(t('sales.convert.defaultDeal', { company }));
  const [amount, setAmount] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; duplicate: boolean } | null>(null);

  const submit = async (ignoreDuplicates = false) => {
    setBusy(true);
    setProblem(null);
    try {
      const body: Record<string, unknown> = {
        ...(mode === 'existing' && accountId ? { accountId } : {}),
        opportunity: withDeal ? { name: dealName.trim() || company, ...(amount ? { amount } : {}) } : null,
        ...(ignoreDuplicates ? { ignoreDuplicates: true } : {}),
      };
      const res = await apiFetch<ConvertResult>(`/leads/${encodeURIComponent(lead.id)}/convert`, { method: 'POST', body });
      message.success(t('sales.convert.done'));
      refresh();
      onClose();
      navigate(`/accounts/${res.accountId}`);
    } catch (err) {
      setProblem({ text: errorMessage(err), duplicate: err instanceof ApiError && err.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('sales.convert.title', { name: lead.name ?? '' })} onCancel={onClose} destroyOnHidden
      okText={t('sales.convert.action')} cancelText={t('common.cancel')} confirmLoading={busy}
      okButtonProps={{ disabled: mode === 'existing' && !accountId }} onOk={() => void submit()}>
      <Flex vertical gap={12} style={{ paddingBottom: 12 }}>
        <Alert type="info" showIcon title={t('sales.convert.hint')} />
        {problem && (
          <Alert type="warning" showIcon title={problem.text}
            action={problem.duplicate && <Button size="small" onClick={() => void submit(true)}>{t('sales.convert.anyway')}</Button>} />
        )}
        <Form layout="vertical">
          <Form.Item label={t('sales.account')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'new' | 'existing')}
              options={[{ value: 'new', label: t('sales.convert.newAccount', { company }) }, { value: 'existing', label: t('sales.convert.existingAccount') }]} />
          </Form.Item>
          {mode === 'existing' && (
            <Form.Item label={t('sales.convert.pickAccount')} required>
              <RelationPicker target="accounts" value={accountId} onChange={(v) => setAccountId(typeof v === 'string' ? v : null)} ariaLabel={t('sales.convert.pickAccount')} />
            </Form.Item>
          )}
          <Checkbox checked={withDeal} onChange={(e) => setWithDeal(e.target.checked)}>{t('sales.convert.withDeal')}</Checkbox>
          {withDeal && (
            <Flex gap={12} style={{ marginTop: 12 }} wrap="wrap">
              <Form.Item label={t('sales.convert.dealName')} style={{ flex: '2 1 220px', marginBottom: 0 }}>
                <Input value={dealName} maxLength={200} onChange={(e) => setDealName(e.target.value)} aria-label={t('sales.convert.dealName')} />
              </Form.Item>
              <Form.Item label={t('sales.convert.amount')} style={{ flex: '1 1 140px', marginBottom: 0 }}>
                <InputNumber stringMode min="0" value={amount} onChange={(v) => setAmount(v ? String(v) : null)} style={{ width: '100%' }}
                  aria-label={t('sales.convert.amount')} />
              </Form.Item>
            </Flex>
          )}
        </Form>
      </Flex>
    </Modal>
  );
}
