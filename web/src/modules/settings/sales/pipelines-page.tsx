import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { SettingsHeader } from '../shared/settings-header';
import { useDepartmentList } from '../shared/settings-api';
import { PIPELINES_KEY, PipelineDrawer, type Pipeline } from './pipeline-drawer';

const KIND_COLOR = { open: 'blue', won: 'success', lost: 'default' } as const;

export default function PipelinesPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const departments = useDepartmentList();
  const [editing, setEditing] = useState<Pipeline | null | undefined>(undefined);
  const pipelines = useQuery({ queryKey: PIPELINES_KEY, queryFn: ({ signal }) => apiFetch<{ data: Pipeline[] }>('/sales/pipelines', { signal }).then((r) => r.data) });

  function remove(p: Pipeline) {
    modal.confirm({
      title: t('settings.common.confirmDelete', { name: p.name }), content: t('settings.pipelines.deleteHint'), okText: t('common.delete'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await apiFetch(`/sales/pipelines/${p.id}`, { method: 'DELETE' });
          await qc.invalidateQueries({ queryKey: PIPELINES_KEY });
          message.success(t('settings.common.deleted'));
        } catch (err) {
          modal.error({ title: t('settings.pipelines.deleteFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  const deptNames = (ids: string[]) => (ids.length === 0 ? t('settings.pipelines.allDepartments')
    : ids.map((id) => departments.data?.find((d) => d.id === id)?.name ?? '…').join(', '));

  return (
    <>
      <SettingsHeader title={t('settings.nav.pipelines')} subtitle={t('settings.pipelines.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.pipelines.new')}</Button>} />
      {pipelines.isError && <Alert type="error" showIcon title={errorMessage(pipelines.error)} />}
      {pipelines.isPending ? <Card><Skeleton active /></Card> : (pipelines.data ?? []).length === 0 ? (
        <Card><Empty description={t('settings.pipelines.empty')}><Button type="primary" onClick={() => setEditing(null)}>{t('settings.pipelines.new')}</Button></Empty></Card>
      ) : (
        <Flex vertical gap={12}>
          {(pipelines.data ?? []).map((p) => (
            <Card key={p.id} size="small" title={<Space>{p.name}{p.isDefault && <Tag color="blue">{t('settings.pipelines.default')}</Tag>}{!p.active && <Tag>{t('settings.common.inactive')}</Tag>}</Space>}
              extra={<Space size={0}><Button type="link" size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button>{!p.isDefault && <Button type="link" size="small" danger onClick={() => remove(p)}>{t('common.delete')}</Button>}</Space>}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.pipelines.departments')}: {deptNames(p.departmentIds)}</Typography.Text>
              <Flex wrap gap={6} align="center" style={{ marginTop: 8 }}>
                {p.stages.map((s, i) => (
                  <Flex key={s.key} align="center" gap={6}>
                    {i > 0 && <RightOutlined style={{ fontSize: 10, color: '#c3cad6' }} />}
                    <Tag color={KIND_COLOR[s.kind]} style={{ margin: 0 }}>{localize(s.label, i18n.language, s.key)} · {s.probability}%</Tag>
                  </Flex>
                ))}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {editing !== undefined && <PipelineDrawer pipeline={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
