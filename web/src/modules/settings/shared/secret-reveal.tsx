import { Alert, Button, Flex, Input, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A secret shown exactly once (API token, webhook signing secret), with a copy button and a plain warning. */
export function SecretReveal({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  async function copy() {
    if (await copyText(value)) message.success(t('settings.common.copied'));
    else message.warning(t('settings.common.copyFailed'));
  }
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('settings.common.secretOnce')} description={t('settings.common.secretOnceHint')} />
      <div>
        <Typography.Text strong>{label}</Typography.Text>
        <Flex gap={8} style={{ marginTop: 6 }}>
          <Input readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>{t('settings.common.copy')}</Button>
        </Flex>
      </div>
    </Flex>
  );
}
