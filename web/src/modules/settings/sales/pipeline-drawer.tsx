import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { DepartmentSelect } from '../shared/department-select';
import { applyFormErrors } from '../shared/form-errors';
import { useObjectDetail } from '../shared/settings-api';

export interface Stage { key: string; label?: Record<string, string>; probability: number; kind: 'open' | 'won' | 'lost' }
export interface Pipeline { id: string; name: string; departmentIds: string[]; isDefault: boolean; active: boolean; position: number; stages: Stage[] }
type Values = Omit<Pipeline, 'id' | 'position'>;

export const PIPELINES_KEY = ['settings', 'pipelines'] as const;
const KINDS = ['open', 'won', 'lost'] as const;

export function PipelineDrawer({ pipeline, onClose }: { pipeline: Pipeline | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const opportunities = useObjectDetail('opportunities');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const stageField = opportunities.data?.fields.find((f) => f.apiName === 'stage');
  const stageOptions = (stageField?.options.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, i18n.language, o.value) }));

  useEffect(() => {
    form.setFieldsValue(pipeline ?? {
      name: '', departmentIds: [], isDefault: false, active: true,
      stages: [
        { key: 'qualification', probability: 10, kind: 'open' }, { key: 'proposal', probability: 60, kind: 'open' },
        { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' },
      ],
    });
  }, [form, pipeline]);

  async function submit(v: Values) {
    setBusy(true);
    setBanner(null);
    const body = { ...v, stages: v.stages.map(({ key, probability, kind }) => ({ key, probability, kind })) };
    try {
      if (pipeline) await apiFetch(`/sales/pipelines/${pipeline.id}`, { method: 'PATCH', body });
      else await apiFetch('/sales/pipelines', { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: PIPELINES_KEY });
      message.success(t('settings.common.saved'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 620} destroyOnHidden
      title={pipeline ? t('settings.pipelines.editTitle') : t('settings.pipelines.new')}
      footer={<Flex justify="flex-end" gap={8}><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button></Flex>}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="name" label={t('settings.common.name')} rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('settings.pipelines.departments')} extra={t('settings.pipelines.departmentsHint')}>
          <DepartmentSelect multiple placeholder={t('settings.pipelines.allDepartments')} />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item name="isDefault" label={t('settings.pipelines.isDefault')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="active" label={t('settings.common.active')} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
        <Divider titlePlacement="start" plain>{t('settings.pipelines.stages')}</Divider>
        <Form.List name="stages">
          {(rows, { add, remove, move }, { errors }) => (
            <Flex vertical gap={8}>
              {rows.map((row, i) => (
                <Flex key={row.key} gap={8} align="flex-start" wrap={isMobile}>
                  <Form.Item name={[row.name, 'key']} style={{ flex: '1 1 180px', margin: 0 }} rules={[{ required: true, message: t('settings.common.required') }]}>
                    <Select options={stageOptions} loading={opportunities.isPending} aria-label={`${t('settings.pipelines.stage')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'probability']} style={{ width: 110, margin: 0 }}>
                    <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={t('settings.pipelines.probability')} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'kind']} style={{ width: 120, margin: 0 }}>
                    <Select options={KINDS.map((k) => ({ value: k, label: t(`settings.pipelines.kinds.${k}`) }))} aria-label={t('settings.pipelines.kind')} />
                  </Form.Item>
                  <Flex style={{ height: 34 }} align="center">
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('settings.fields.moveUp')} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, i + 1)} aria-label={t('settings.fields.moveDown')} />
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
                  </Flex>
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <div><Button icon={<PlusOutlined />} onClick={() => add({ probability: 50, kind: 'open' })}>{t('settings.pipelines.addStage')}</Button></div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('settings.pipelines.stageHint')} <Link to="/settings/objects/opportunities">{t('settings.pipelines.stageHintLink')}</Link>
              </Typography.Text>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
