import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './auth-context';
import { theme } from './theme';

/**
 * What every screen needs, sign-in included. Deliberately thin: antd's App (message/modal/notification) and
 * the query client live in the shell so they stay out of the first bundle.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  // Subscribing here re-renders ConfigProvider on a language switch so antd's own texts follow.
  const { i18n } = useTranslation();
  const antdLocale = i18n.language === 'zh-CN' ? zhCN : enUS;

  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <AuthProvider>{children}</AuthProvider>
    </ConfigProvider>
  );
}
