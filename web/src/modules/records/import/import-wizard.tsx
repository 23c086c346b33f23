import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Flex, Modal, Progress, Radio, Row, Select, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { invalidateObject } from '../record-mutations';
import type { ObjectMeta } from '../records-api';
import {
  cancelImport, columnTargets, errorReportUrl, getImport, isRunning, previewImport, startImport, toMapping, undoImport, uploadImport,
  type DuplicatePolicy, type ImportView, type PreviewRow,
} from './import-api';

const ACTION_COLOR: Record<PreviewRow['action'], string> = { create: 'green', update: 'blue', skip: 'default', error: 'red' };
const ACCEPT = '.csv,.tsv,.txt,.xlsx,.vcf,.ics';

/** Upload a file, check what each column fills, see what the first rows would do, then follow the import. */
export function ImportWizard({ meta, open, onClose }: { meta: ObjectMeta; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [imp, setImp] = useState<ImportView | null>(null);
  const [targets, setTargets] = useState<Record<string, string | null>>({});
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [matchFields, setMatchFields] = useState<string[]>([]);
  const [preview, setPreview] = useState<PreviewRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const label = (name: string) => {
    const f = meta.fields.find((x) => x.apiName === name);
    return f ? localize(f.label, i18n.language, name) : name;
  };
  const writable = useMemo(() => meta.fields.filter((f) => !f.readonly && !f.system && f.status !== 'retired'), [meta]);
  const step = !imp ? 0 : imp.status === 'uploaded' ? 1 : 2;
  const body = () => ({ mapping: toMapping(targets, imp?.suggestedMapping), duplicatePolicy: policy, matchFields });

  // Counters come from the server while the import runs in the background; the person may close and leave.
  useEffect(() => {
    if (!imp || !isRunning(imp.status)) return;
    const timer = setTimeout(() => { getImport(imp.id).then(setImp, () => undefined); }, 1000);
    return () => clearTimeout(timer);
  }, [imp]);
  useEffect(() => {
    if (imp && (imp.status === 'done' || imp.status === 'undone')) void invalidateObject(qc, meta.apiName);
  }, [imp, qc, meta.apiName]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try { await fn(); } catch (err) { setProblem(errorMessage(err)); } finally { setBusy(false); }
  };
  const upload = (file: File) => act(async () => {
    const created = await uploadImport(meta.apiName, file);
    setImp(created);
    setTargets(columnTargets(created.suggestedMapping, created.columns));
    const emailish = writable.find((f) => f.type === 'email') ?? writable.find((f) => f.type === 'phone');
    setMatchFields(emailish ? [emailish.apiName] : ['name']);
  });
  const close = () => {
    setImp(null);
    setPreview(null);
    setProblem(null);
    onClose();
  };

  const mappingStep = imp && (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('import.mappingHint', { file: imp.fileName })}</Typography.Text>
      <Table size="small" rowKey="column" pagination={false} scroll={{ y: 300 }}
        dataSource={imp.columns.map((column, i) => ({ column, sample: imp.preview.map((r) => r.cells[i]).filter(Boolean).slice(0, 2).join(' · ') }))}
        columns={[
          { title: t('import.column'), dataIndex: 'column', width: '30%' },
          { title: t('import.sample'), dataIndex: 'sample', ellipsis: true, responsive: ['md'] },
          { title: t('import.field'), width: isMobile ? '60%' : 220, render: (_v, r: { column: string }) => (
            <Select value={targets[r.column] ?? undefined} allowClear showSearch optionFilterProp="label" placeholder={t('import.skipColumn')}
              aria-label={`${t('import.field')}: ${r.column}`} style={{ width: '100%' }}
              onChange={(v: string | undefined) => { setTargets({ ...targets, [r.column]: v ?? null }); setPreview(null); }}
              options={writable.map((f) => ({ value: f.apiName, label: localize(f.label, i18n.language, f.apiName) }))} />
          ) },
        ]} />
      <Flex gap={16} wrap="wrap" align="center">
        <span>{t('import.duplicates')}</span>
        <Radio.Group value={policy} onChange={(e) => { setPolicy(e.target.value as DuplicatePolicy); setPreview(null); }}
          options={(['skip', 'update', 'create'] as const).map((p) => ({ value: p, label: t(`import.policy.${p}`) }))} />
        {policy !== 'create' && (
          <Select mode="multiple" value={matchFields} onChange={(v: string[]) => { setMatchFields(v.slice(0, 5)); setPreview(null); }} style={{ minWidth: 220 }}
            aria-label={t('import.matchOn')} placeholder={t('import.matchOn')}
            options={writable.map((f) => ({ value: f.apiName, label: localize(f.label, i18n.language, f.apiName) }))} />
        )}
      </Flex>
      {preview && (
        <Table size="small" rowKey="row" pagination={false} scroll={{ y: 220 }} dataSource={preview} columns={[
          { title: t('import.row'), dataIndex: 'row', width: 64 },
          { title: t('import.action'), width: 110, render: (_v, r: PreviewRow) => <Tag color={ACTION_COLOR[r.action]} bordered={false}>{t(`import.actions.${r.action}`)}</Tag> },
          { title: t('import.issues'), render: (_v, r: PreviewRow) => r.issues.map((i) => `${i.field ? label(i.field) : i.column ?? ''}: ${i.message}`).join('; ') || '—' },
        ]} />
      )}
    </Flex>
  );

  const progressStep = imp && (
    <Flex vertical gap={16}>
      <Progress percent={isRunning(imp.status) ? 60 : 100} status={imp.status === 'failed' ? 'exception' : isRunning(imp.status) ? 'active' : 'success'}
        showInfo={false} />
      <Typography.Text strong>{t(`import.status.${imp.status}`)}</Typography.Text>
      <Row gutter={[12, 12]}>
        {(['processed', 'created', 'updated', 'skipped', 'failed'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}><Statistic title={t(`import.counts.${k}`)} value={imp[k]} /></Col>
        ))}
      </Row>
      {imp.failed > 0 && !isRunning(imp.status) && (
        <Alert type="warning" showIcon title={t('import.someFailed', { count: imp.failed })}
          action={<Button size="small" href={errorReportUrl(imp.id)} download>{t('import.errorReport')}</Button>} />
      )}
    </Flex>
  );

  const footer = step === 0 ? [<Button key="c" onClick={close}>{t('common.cancel')}</Button>]
    : step === 1 ? [
      <Button key="c" onClick={close}>{t('common.cancel')}</Button>,
      <Button key="p" loading={busy} onClick={() => void act(async () => setPreview(await previewImport(imp!.id, body())))}>{t('import.preview')}</Button>,
      <Button key="s" type="primary" loading={busy} disabled={!Object.values(targets).some(Boolean)}
        onClick={() => void act(async () => setImp(await startImport(imp!.id, body())))}>{t('import.start')}</Button>,
    ] : [
      ...(isRunning(imp!.status) && imp!.status !== 'undoing'
        ? [<Button key="x" onClick={() => void act(async () => setImp(await cancelImport(imp!.id)))}>{t('import.cancel')}</Button>] : []),
      ...(['done', 'failed', 'cancelled'].includes(imp!.status)
        ? [<Button key="u" danger loading={busy} onClick={() => void act(async () => setImp(await undoImport(imp!.id)))}>{t('import.undo')}</Button>] : []),
      <Button key="d" type="primary" onClick={close}>{t('import.close')}</Button>,
    ];

  return (
    <Modal open={open} onCancel={close} width={isMobile ? '100%' : 820} destroyOnHidden maskClosable={false} footer={footer}
      title={t('import.title', { object: localize(meta.pluralLabel ?? meta.label, i18n.language, meta.apiName) })}>
      <Flex vertical gap={16}>
        <Steps size="small" current={step} responsive={false}
          items={[{ title: t('import.stepFile') }, { title: t('import.stepMap') }, { title: t('import.stepRun') }]} />
        {problem && <Alert type="error" showIcon title={problem} />}
        {step === 0 && (
          <Upload.Dragger accept={ACCEPT} multiple={false} showUploadList={false} disabled={busy}
            beforeUpload={(file) => { void upload(file); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{busy ? t('common.loading') : t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.formats')}</p>
          </Upload.Dragger>
        )}
        {step === 1 && mappingStep}
        {step === 2 && progressStep}
      </Flex>
    </Modal>
  );
}
