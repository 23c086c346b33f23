import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../ui/use-is-mobile';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  /** Where the back arrow leads; phones always get one (to the settings list) since they have no side menu. */
  back?: string;
}

export function SettingsHeader({ title, subtitle, extra, back }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const backTo = back ?? (isMobile ? '/settings' : undefined);
  return (
    <Flex justify="space-between" align={isMobile ? 'stretch' : 'flex-start'} gap={12} vertical={isMobile}
      style={{ marginBottom: 16 }}>
      <Flex gap={8} align="flex-start" style={{ minWidth: 0 }}>
        {backTo && (
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(backTo)}
            style={{ marginTop: 2, flex: 'none' }} />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, fontSize: isMobile ? 20 : 22 }}>{title}</Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
      </Flex>
      {extra && <Flex gap={8} wrap style={{ flex: 'none' }}>{extra}</Flex>}
    </Flex>
  );
}
