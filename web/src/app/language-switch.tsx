import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LOCALES, setLocale, type Locale } from './i18n';

/**
 * One-click toggle for the sign-in page. With two languages a toggle beats a dropdown, and it keeps antd's
 * Dropdown/Menu machinery out of the first bundle.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next: Locale = LOCALES.find((l) => l !== i18n.language) ?? 'en-US';
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => void setLocale(next)} lang={next}
      aria-label={`${t('language.label')}: ${t(`language.${next}`)}`}>
      {t(`language.${next}`)}
    </Button>
  );
}
