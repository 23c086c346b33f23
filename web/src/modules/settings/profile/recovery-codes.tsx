import { App, Button, Flex, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { copyText } from '../shared/secret-reveal';

function download(codes: string[], heading: string) {
  const text = `${heading}\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'rapport-recovery-codes.txt';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The ten one-time recovery codes, shown once, with copy and download. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={12}>
      <div role="list" aria-label={t('settings.mfa.recoveryTitle')} style={{
        display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '8px 16px', padding: 16,
        background: '#f7f9fc', border: '1px solid #e8ecf3', borderRadius: 8,
      }}>
        {codes.map((c) => (
          <Typography.Text key={c} role="listitem" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 15 }}>
            {c}
          </Typography.Text>
        ))}
      </div>
      <Flex gap={8} wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copyText(codes.join('\n')).then((ok) => (ok
          ? message.success(t('settings.common.copied')) : message.warning(t('settings.common.copyFailed'))))}>
          {t('settings.mfa.copyCodes')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => download(codes, t('settings.mfa.fileHeading'))}>
          {t('settings.mfa.downloadCodes')}
        </Button>
      </Flex>
    </Flex>
  );
}
