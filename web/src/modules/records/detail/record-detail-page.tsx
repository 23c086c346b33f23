import { useState } from 'react';
import { App, Button, Card, Col, Drawer, Flex, Result, Row, Skeleton, Tabs } from 'antd';
import { ArrowLeftOutlined, CommentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { SalesRecordActions } from '../../sales/record-actions';
import { OpportunityProductsCard } from '../../sales/opportunity-products-card';
import { TEAM_OBJECTS, TeamCard } from '../../sales/team-card';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { RecordFormDialog } from '../form/record-form-dialog';
import { deleteRecord, invalidateObject, patchRecord, restoreRecord, storeRecord } from '../record-mutations';
import { isObjectName, recordKeys, useDeletedRecord, useObjectMeta, useRecord, type ObjectMeta, type RecordRow } from '../records-api';
import { DetailHeader } from './detail-header';
import { FieldSections } from './field-sections';
import { FollowUpComposer, useFollowUpLink } from './follow-up-composer';
import { AttachmentsCard } from './attachments-card';
import { RelatedLists } from './related-lists';
import { RecordTimeline } from './timeline';
import { TransferModal } from './transfer-modal';

export default function RecordDetailRoute() {
  const { object, id } = useParams();
  const { t } = useTranslation();
  if (!isObjectName(object) || !id) return <Result status="404" title="404" subTitle={t('records.notFound')} />;
  return <RecordDetailPage key={`${object}/${id}`} object={object} id={id} />;
}

function RecordDetailPage({ object, id }: { object: string; id: string }) {
  const { t, i18n } = useTranslation();
  const meta = useObjectMeta(object);
  const live = useRecord(object, id);
  const missing = live.error instanceof ApiError && live.error.status === 404;
  const binned = useDeletedRecord(object, id, missing);
  const record = live.data ?? binned.data ?? undefined;
  const listLabel = meta.data ? localize(meta.data.pluralLabel ?? meta.data.label, i18n.language, object) : t('common.back');
  const back = <Link to={`/${object}`}><ArrowLeftOutlined /> {listLabel}</Link>;

  if (meta.isPending || live.isPending || (missing && binned.isPending)) {
    return <Flex vertical gap={16}>{back}<Card><Skeleton active paragraph={{ rows: 3 }} /></Card><Card><Skeleton active paragraph={{ rows: 6 }} /></Card></Flex>;
  }
  if (!meta.data || !record) {
    const error = meta.error ?? (missing ? null : live.error);
    return (
      <Result status={error ? 'error' : '404'} title={error ? t('records.loadFailed') : t('detail.notFound')}
        subTitle={error ? errorMessage(error) : t('detail.notFoundHint')}
        extra={<Button type="primary" onClick={() => window.history.back()}>{t('common.back')}</Button>} />
    );
  }
  return <DetailBody object={object} id={id} meta={meta.data} record={record} deleted={!live.data} back={back} onReload={() => void live.refetch()} />;
}

interface BodyProps {
  object: string;
  id: string;
  meta: ObjectMeta;
  record: RecordRow;
  deleted: boolean;
  back: React.ReactNode;
  onReload: () => void;
}

function DetailBody({ object, id, meta, record, deleted, back, onReload }: BodyProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const [mobileTab, setMobileTab] = useState('timeline');
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'transfer' | 'followUp' | null>(null);
  const { link } = useFollowUpLink(object);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: recordKeys.one(object, id) });
    void qc.invalidateQueries({ queryKey: recordKeys.timeline(object, id) });
    void invalidateObject(qc, object);
  };
  const remove = () => modal.confirm({
    title: t('detail.deleteConfirm', { name: record.name ?? '' }), content: t('detail.deleteHint'),
    okText: t('common.delete'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: () => deleteRecord(object, id).then(() => { message.success(t('detail.deleted')); refresh(); })
      .catch((err: unknown) => { message.error(errorMessage(err)); }),
  });
  const restore = () => restoreRecord(object, id)
    .then((rec) => { storeRecord(qc, object, rec); message.success(t('detail.restored')); refresh(); })
    .catch((err: unknown) => message.error(errorMessage(err)));
  const transfer = async (ownerId: string) => {
    const rec = await patchRecord(object, id, { ownerId }, record.version);
    storeRecord(qc, object, rec);
    message.success(t('detail.transferred'));
    refresh();
  };

  const followUp = link && !deleted && (isMobile ? (
    <Button type="primary" size="large" block icon={<CommentOutlined />} onClick={() => setDialog('followUp')}>
      {t('followUp.add')}
    </Button>
  ) : (
    <Card size="small" title={t('followUp.add')}><FollowUpComposer object={object} id={id} /></Card>
  ));
  // On a phone the tab already names it; a second heading inside would only push the content down.
  const timeline = <Card size="small" title={isMobile ? undefined : t('timeline.title')}><RecordTimeline object={object} id={id} meta={meta} /></Card>;
  const fields = <FieldSections meta={meta} record={record} />;
  const related = !deleted && <RelatedLists object={object} id={id} record={record} />;
  const team = !deleted && TEAM_OBJECTS.has(object) && <TeamCard object={object} id={id} />;
  const products = !deleted && object === 'opportunities' && <OpportunityProductsCard opportunity={record} />;
  // A record in the recycle bin hides its files (the server answers 404 for them), so none are offered.
  const attachments = !deleted && <AttachmentsCard object={object} id={id} />;

  return (
    <Flex vertical gap={16}>
      {back}
      <DetailHeader meta={meta} record={record} deleted={deleted} onEdit={() => setDialog('edit')}
        onTransfer={() => setDialog('transfer')} onDelete={remove} onRestore={() => void restore()}
        extra={!deleted && <SalesRecordActions object={object} record={record} size={isMobile ? 'large' : 'middle'} block={isMobile} />} />
      {isMobile ? (
        <Flex vertical gap={12}>
          {followUp}
          {/* One thing at a time on a phone: what happened, the record's fields, or what hangs off it. */}
          <Tabs activeKey={mobileTab} onChange={setMobileTab} centered items={[
            { key: 'timeline', label: t('timeline.title'), children: timeline },
            { key: 'details', label: t('detail.details'), children: <Flex vertical gap={12}>{products}{fields}{team}</Flex> },
            ...(related ? [{ key: 'related', label: t('detail.related'), children: related }] : []),
            ...(attachments ? [{ key: 'attachments', label: t('attachments.title'), children: attachments }] : []),
          ]} />
        </Flex>
      ) : (
        <Row gutter={16}>
          <Col span={14}><Flex vertical gap={16}>{products}{fields}{related}{attachments}</Flex></Col>
          <Col span={10}><Flex vertical gap={16}>{followUp}{team}{timeline}</Flex></Col>
        </Row>
      )}
      <RecordFormDialog object={object} open={dialog === 'edit'} record={record} onClose={() => setDialog(null)}
        onReload={onReload} onSaved={() => message.success(t('detail.saved'))} />
      <TransferModal open={dialog === 'transfer'} currentOwner={record.ownerId} onClose={() => setDialog(null)} onTransfer={transfer} />
      {isMobile && (
        <Drawer open={dialog === 'followUp'} onClose={() => setDialog(null)} placement="bottom" size="auto"
          title={t('followUp.add')} destroyOnHidden styles={{ body: { padding: '12px 16px 20px' } }}>
          <FollowUpComposer object={object} id={id} autoFocus onSaved={() => setDialog(null)} />
        </Drawer>
      )}
    </Flex>
  );
}
