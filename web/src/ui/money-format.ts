/**
 * Shows a decimal string as money without going through a float for the digits that matter: the integer part
 * is grouped by hand and the cents are kept as typed, so 10546999999989.45 prints exactly.
 */
export function formatMoney(value: unknown, currency: string | null | undefined, language: string): string {
  const s = value === null || value === undefined || value === '' ? '0.00' : String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = ''] = m;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currencySymbol(currency || 'CNY', language);
  return `${sign}${symbol}${grouped}.${(frac + '00').slice(0, 2)}`;
}

function currencySymbol(currency: string, language: string): string {
  try {
    const part = new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0).find((p) => p.type === 'currency');
    return part?.value ?? `${currency} `;
  } catch {
    return `${currency} `;
  }
}

/** Short form for dashboards: 1.2M / 12.3万. */
export function formatCompact(value: unknown, language: string): string {
  const n = Number(value ?? 0);
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(Number.isFinite(n) ? n : 0);
}

export interface CurrencyTotal { currency: string; amount: string }

/**
 * Several currencies side by side ("¥447,000.00 + $87,500.00"): amounts in different currencies are never added
 * together. The largest count of rows goes first, which for a Chinese workspace is almost always CNY.
 */
export function formatMoneyTotals(totals: CurrencyTotal[], language: string): string {
  if (totals.length === 0) return formatMoney('0', 'CNY', language);
  return totals.map((t) => formatMoney(t.amount, t.currency, language)).join(' + ');
}
