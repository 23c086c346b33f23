import { describe, expect, it } from 'vitest';
import { readableTimes } from './readable-times';

describe('timestamps inside server messages', () => {
  it('are shown in the reader’s language and time zone', () => {
    const zh = readableTimes('您刚释放或被收回该客户，2026-11-30T03:00:00.000Z 之前不能重新领取。', 'zh-CN', 'Asia/Shanghai');
    expect(zh).toBe('您刚释放或被收回该客户，2026/11/30 11:00 之前不能重新领取。');
    const en = readableTimes('cannot claim it again before 2026-11-30T03:00:00Z.', 'en-US', 'America/New_York');
    expect(en).toBe('cannot claim it again before 11/29/2026, 22:00.');
  });
  it('leaves other text, dates without a time and invalid values alone', () => {
    expect(readableTimes('due 2026-11-30, ref 2026-13-45T99:99Z', 'en-US', 'UTC')).toBe('due 2026-11-30, ref 2026-13-45T99:99Z');
  });
});
