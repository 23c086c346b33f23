import { App, Button, Card, Empty, Flex, List, Skeleton, Tooltip, Typography, Upload } from 'antd';
import {
  DeleteOutlined, DownloadOutlined, FileExcelOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, FilePptOutlined,
  FileTextOutlined, FileWordOutlined, FileZipOutlined, UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { UserName } from '../fields/field-value';
import { formatDateTime, formatRelative } from '../fields/format';
import { attachmentUrl, formatSize, useAttachmentMutations, useAttachments, type Attachment } from './attachments-api';

const ICONS: Array<[RegExp, React.ReactNode]> = [
  [/pdf/, <FilePdfOutlined key="pdf" style={{ color: '#d4380d' }} />],
  [/^image\//, <FileImageOutlined key="img" style={{ color: '#08979c' }} />],
  [/sheet|excel|csv/, <FileExcelOutlined key="xls" style={{ color: '#389e0d' }} />],
  [/word/, <FileWordOutlined key="doc" style={{ color: '#1d39c4' }} />],
  [/presentation|powerpoint/, <FilePptOutlined key="ppt" style={{ color: '#d46b08' }} />],
  [/zip|compressed/, <FileZipOutlined key="zip" style={{ color: '#7cb305' }} />],
  [/^text\//, <FileTextOutlined key="txt" />],
];
const iconOf = (type: string) => ICONS.find(([re]) => re.test(type))?.[1] ?? <FileOutlined />;

function AttachmentRow({ item, onDelete }: { item: Attachment; onDelete: () => void }) {
  const { t, i18n } = useTranslation();
  // Finger-sized targets on a phone.
  const size = useIsMobile() ? 'middle' : 'small';
  const who = item.createdByName ?? <UserName id={item.createdBy} />;
  return (
    <List.Item style={{ paddingInline: 0, gap: 8 }} actions={[
      <Tooltip key="dl" title={t('attachments.download')}>
        <Button type="text" size={size} icon={<DownloadOutlined />} href={attachmentUrl(item.id)} download
          aria-label={t('attachments.downloadName', { name: item.fileName })} />
      </Tooltip>,
      <Tooltip key="rm" title={t('common.delete')}>
        <Button type="text" size={size} danger icon={<DeleteOutlined />} onClick={onDelete}
          aria-label={t('attachments.deleteName', { name: item.fileName })} />
      </Tooltip>,
    ]}>
      <Flex gap={10} align="center" style={{ minWidth: 0, flex: 1 }}>
        <span style={{ fontSize: 20, lineHeight: 1 }}>{iconOf(item.contentType)}</span>
        <Flex vertical style={{ minWidth: 0 }}>
          {/* The name itself downloads too: a bigger target than the icon on a phone. */}
          <Typography.Link href={attachmentUrl(item.id)} download ellipsis style={{ fontWeight: 500 }} title={item.fileName}>
            {item.fileName}
          </Typography.Link>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {formatSize(item.size, i18n.language)} · {who} ·{' '}
            <span title={formatDateTime(item.createdAt, i18n.language)}>{formatRelative(item.createdAt, i18n.language)}</span>
          </Typography.Text>
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** The record's files: list, upload, download and delete. Rights are the record's own; the server decides. */
export function AttachmentsCard({ object, id }: { object: string; id: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const files = useAttachments(object, id);
  const { upload, remove } = useAttachmentMutations(object, id);

  const send = (file: File) => upload.mutateAsync(file)
    .then((a) => { message.success(t('attachments.uploaded', { name: a.fileName })); })
    .catch((err: unknown) => { message.error(errorMessage(err)); });
  const confirmDelete = (item: Attachment) => modal.confirm({
    title: t('attachments.deleteConfirm', { name: item.fileName }), content: t('attachments.deleteHint'),
    okText: t('common.delete'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: () => remove.mutateAsync(item.id).then(() => { message.success(t('attachments.deleted')); })
      .catch((err: unknown) => { message.error(errorMessage(err)); }),
  });
  // Each file is sent on its own request; antd's own upload transport is bypassed so errors come back localised.
  const picker = (button: React.ReactNode) => (
    <Upload multiple showUploadList={false} disabled={upload.isPending} beforeUpload={(file) => { void send(file); return false; }}>
      {button}
    </Upload>
  );
  const count = files.data?.length ?? 0;
  const counter = count > 0 && (
    <Typography.Text type="secondary" style={{ marginInlineStart: isMobile ? 0 : 6, fontSize: 12 }}>
      {isMobile ? t('attachments.count', { count }) : count}
    </Typography.Text>
  );
  // On a phone the tab already names the card, so only the count shows (and no empty header at all).
  const heading = isMobile ? counter || undefined : <span>{t('attachments.title')}{counter}</span>;

  let body: React.ReactNode;
  if (files.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (files.error) body = <Typography.Text type="danger">{errorMessage(files.error)}</Typography.Text>;
  else if (count === 0) {
    body = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '12px 0' }} description={<>{t('attachments.empty')}<br />{t('attachments.emptyHint')}</>}>
        {picker(<Button icon={<UploadOutlined />} loading={upload.isPending}>{t('attachments.upload')}</Button>)}
      </Empty>
    );
  } else {
    body = <List size="small" dataSource={files.data} rowKey="id" renderItem={(item) => <AttachmentRow item={item} onDelete={() => confirmDelete(item)} />} />;
  }

  return (
    <Card size="small" data-testid="attachments-card"
      title={heading}
      extra={count > 0 && picker(
        <Button size="small" type="text" icon={<UploadOutlined />} loading={upload.isPending}>{t('attachments.upload')}</Button>,
      )}>
      {body}
    </Card>
  );
}
