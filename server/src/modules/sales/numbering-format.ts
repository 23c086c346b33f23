/** Pure parts of auto-numbering: the counter's period key and the printed number. */
export const NUMBERED_OBJECTS = ['contracts', 'quotes', 'invoices'] as const;
export type NumberedObject = (typeof NUMBERED_OBJECTS)[number];
export const RESETS = ['daily', 'monthly', 'yearly', 'never'] as const;
export const DATE_FORMATS = ['YYYYMMDD', 'YYYYMM', 'YYYY', 'none'] as const;

export interface NumberingRule {
  prefix: string;
  dateFormat: (typeof DATE_FORMATS)[number];
  separator: string;
  seqDigits: number;
  reset: (typeof RESETS)[number];
}

export const DEFAULT_RULES: Record<NumberedObject, NumberingRule> = {
  contracts: { prefix: 'HT', dateFormat: 'YYYYMMDD', separator: '-', seqDigits: 4, reset: 'daily' },
  quotes: { prefix: 'BJ', dateFormat: 'YYYYMMDD', separator: '-', seqDigits: 4, reset: 'daily' },
  invoices: { prefix: 'FP', dateFormat: 'YYYYMMDD', separator: '-', seqDigits: 4, reset: 'daily' },
};

/** The calendar day of an instant in a time zone, as YYYYMMDD. */
export function localDay(at: Date, timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}`;
}

/** Counter key: numbers restart at 1 whenever it changes. */
export function periodKey(rule: NumberingRule, day: string): string {
  switch (rule.reset) {
    case 'daily': return day;
    case 'monthly': return day.slice(0, 6);
    case 'yearly': return day.slice(0, 4);
    default: return '';
  }
}

export function formatNumber(rule: NumberingRule, day: string, seq: number): string {
  const date = rule.dateFormat === 'none' ? '' : day.slice(0, rule.dateFormat.length);
  const digits = String(seq).padStart(rule.seqDigits, '0');
  return [rule.prefix, date, digits].filter((s) => s !== '').join(rule.separator);
}
