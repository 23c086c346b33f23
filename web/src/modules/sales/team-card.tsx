import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, List, Modal, Segmented, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../app/api';
import { UserName } from '../records/fields/field-value';
import { formatDate } from '../records/fields/format';
import { UserPicker } from '../records/fields/pickers';

interface Member { userId: string; access: 'read' | 'edit'; expiresAt: string | null }
interface Team { ownerId: string | null; members: Member[] }

/** Objects whose records carry a sales team (colleagues sharing the record). */
export const TEAM_OBJECTS = new Set(['accounts', 'opportunities']);

/**
 * The colleagues who share a customer or a deal with its owner, each with read or edit access and an optional
 * end date; the owner and their managers add and remove them.
 */
export function TeamCard({ object, id }: { object: string; id: string }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const key = ['team', object, id];
  const team = useQuery({ queryKey: key, queryFn: ({ signal }) => apiFetch<Team>(`/${object}/${encodeURIComponent(id)}/team`, { signal }) });
  const [adding, setAdding] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const remove = (m: Member) => modal.confirm({
    title: t('sales.team.removeConfirm'), okText: t('common.delete'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: () => apiFetch(`/${object}/${encodeURIComponent(id)}/team/${m.userId}`, { method: 'DELETE' })
      .then(() => { message.success(t('sales.team.removed')); void refresh(); })
      .catch((err: unknown) => { message.error(errorMessage(err)); }),
  });
  if (team.isError) return null;
  const members = team.data?.members ?? [];
  return (
    <Card size="small" title={<span>{t('sales.team.title')} <Typography.Text type="secondary">· {members.length}</Typography.Text></span>}
      extra={<Button size="small" type="text" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>{t('sales.team.add')}</Button>}>
      {members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.team.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <List size="small" dataSource={members} renderItem={(m) => (
          <List.Item style={{ paddingInline: 0 }} actions={[
            <Button key="x" type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(m)} />,
          ]}>
            <Flex gap={8} align="center" wrap="wrap">
              <UserName id={m.userId} />
              <Tag bordered={false} color={m.access === 'edit' ? 'blue' : 'default'}>{t(`sales.team.access.${m.access}`)}</Tag>
              {m.expiresAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.team.until', { date: formatDate(m.expiresAt, i18n.language) })}</Typography.Text>}
            </Flex>
          </List.Item>
        )} />
      )}
      <AddMemberModal open={adding} object={object} id={id} onClose={() => setAdding(false)} onAdded={() => { setAdding(false); void refresh(); }} />
    </Card>
  );
}

function AddMemberModal({ open, object, id, onClose, onAdded }: { open: boolean; object: string; id: string; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [userId, setUserId] = useState<string | null>(null);
  const [access, setAccess] = useState<'read' | 'edit'>('read');
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!userId) return;
    setBusy(true);
    try {
      await apiFetch(`/${object}/${encodeURIComponent(id)}/team`, {
        method: 'POST', body: { userId, access, ...(until ? { expiresAt: until.endOf('day').toISOString() } : {}) },
      });
      message.success(t('sales.team.added'));
      onAdded();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('sales.team.add')} onCancel={onClose} destroyOnHidden okText={t('sales.team.add')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !userId, loading: busy }} onOk={() => void submit()}>
      <Flex vertical gap={12} style={{ paddingBottom: 8 }}>
        <UserPicker value={userId} onChange={(v) => setUserId(typeof v === 'string' ? v : null)} ariaLabel={t('sales.team.member')} />
        <Segmented value={access} onChange={(v) => setAccess(v as 'read' | 'edit')}
          options={(['read', 'edit'] as const).map((a) => ({ value: a, label: t(`sales.team.access.${a}`) }))} />
        <DatePicker value={until} onChange={(d) => setUntil(d)} placeholder={t('sales.team.untilPlaceholder')} style={{ width: '100%' }} aria-label={t('sales.team.untilPlaceholder')} />
      </Flex>
    </Modal>
  );
}
