import { Rng, Weighted } from './random.js';

// Surnames with rough frequencies in mainland China (per cent) and their pinyin, for e-mail addresses.
const SURNAMES: Array<[string, string, number]> = [
  ['王', 'wang', 7.1], ['李', 'li', 7.0], ['张', 'zhang', 6.6], ['刘', 'liu', 5.4], ['陈', 'chen', 4.5],
  ['杨', 'yang', 3.1], ['黄', 'huang', 2.2], ['赵', 'zhao', 2.0], ['吴', 'wu', 1.9], ['周', 'zhou', 1.9],
  ['徐', 'xu', 1.3], ['孙', 'sun', 1.2], ['马', 'ma', 1.1], ['朱', 'zhu', 1.1], ['胡', 'hu', 1.0],
  ['郭', 'guo', 0.9], ['何', 'he', 0.9], ['高', 'gao', 0.8], ['林', 'lin', 0.8], ['罗', 'luo', 0.7],
  ['郑', 'zheng', 0.7], ['梁', 'liang', 0.7], ['谢', 'xie', 0.6], ['宋', 'song', 0.5], ['唐', 'tang', 0.5],
  ['许', 'xu', 0.5], ['韩', 'han', 0.5], ['冯', 'feng', 0.4], ['邓', 'deng', 0.4], ['曹', 'cao', 0.4],
  ['彭', 'peng', 0.4], ['曾', 'zeng', 0.4], ['肖', 'xiao', 0.4], ['田', 'tian', 0.3], ['董', 'dong', 0.3],
  ['袁', 'yuan', 0.3], ['潘', 'pan', 0.3], ['于', 'yu', 0.3], ['蒋', 'jiang', 0.3], ['蔡', 'cai', 0.3],
  ['欧阳', 'ouyang', 0.05], ['司马', 'sima', 0.02],
];
// Characters of given names, the commonest first (伟 first: 张伟 is China's commonest full name).
const GIVEN: Array<[string, string, number]> = [
  ['伟', 'wei', 9], ['芳', 'fang', 6], ['娜', 'na', 6], ['敏', 'min', 5], ['静', 'jing', 5], ['丽', 'li', 5],
  ['强', 'qiang', 5], ['磊', 'lei', 5], ['军', 'jun', 4], ['洋', 'yang', 4], ['勇', 'yong', 4], ['艳', 'yan', 4],
  ['杰', 'jie', 4], ['娟', 'juan', 3], ['涛', 'tao', 3], ['明', 'ming', 3], ['超', 'chao', 3], ['秀', 'xiu', 3],
  ['霞', 'xia', 3], ['平', 'ping', 3], ['刚', 'gang', 3], ['桂', 'gui', 2], ['英', 'ying', 2], ['华', 'hua', 3],
  ['建', 'jian', 3], ['国', 'guo', 2], ['文', 'wen', 3], ['辉', 'hui', 2], ['鹏', 'peng', 2], ['飞', 'fei', 2],
  ['玲', 'ling', 2], ['婷', 'ting', 2], ['雪', 'xue', 2], ['琳', 'lin', 2], ['晨', 'chen', 2], ['浩', 'hao', 2],
  ['宇', 'yu', 2], ['欣', 'xin', 2], ['子', 'zi', 2], ['梓', 'zi', 1], ['涵', 'han', 2], ['怡', 'yi', 2],
  ['志', 'zhi', 2], ['海', 'hai', 2], ['红', 'hong', 2], ['小', 'xiao', 2], ['佳', 'jia', 2], ['博', 'bo', 1],
  ['思', 'si', 1], ['睿', 'rui', 1], ['嘉', 'jia', 1], ['俊', 'jun', 1], ['凯', 'kai', 1], ['鑫', 'xin', 1],
];
const FIRST = ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles',
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Emily',
  'Johanna', 'Jonathan', 'Olivia', 'Emma', 'Liam', 'Noah', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Chloé', 'José', 'Zoë'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Müller',
  'Schmidt', 'Dubois', 'Rossi', 'Tanaka', 'Kim', 'Nguyen', 'Johansson', "O'Brien", 'Carter', 'Walker', 'Young'];
const CITIES: Array<[string, string]> = [['北京', 'beijing'], ['上海', 'shanghai'], ['广州', 'guangzhou'], ['深圳', 'shenzhen'],
  ['杭州', 'hangzhou'], ['南京', 'nanjing'], ['成都', 'chengdu'], ['武汉', 'wuhan'], ['苏州', 'suzhou'], ['西安', 'xian'],
  ['天津', 'tianjin'], ['重庆', 'chongqing'], ['宁波', 'ningbo'], ['青岛', 'qingdao'], ['厦门', 'xiamen'], ['长沙', 'changsha']];
const BRANDS: Array<[string, string]> = [['华信', 'huaxin'], ['星辰', 'xingchen'], ['云帆', 'yunfan'], ['瑞达', 'ruida'],
  ['恒通', 'hengtong'], ['博远', 'boyuan'], ['金桥', 'jinqiao'], ['天翼', 'tianyi'], ['鼎盛', 'dingsheng'], ['汇丰', 'huifeng'],
  ['东方', 'dongfang'], ['新创', 'xinchuang'], ['明德', 'mingde'], ['优品', 'youpin'], ['智联', 'zhilian'], ['卓越', 'zhuoyue'],
  ['宏图', 'hongtu'], ['安信', 'anxin'], ['中科', 'zhongke'], ['万达', 'wanda'], ['联创', 'lianchuang'], ['海纳', 'haina']];
const TRADES: Array<[string, string]> = [['科技', 'it'], ['软件', 'it'], ['机械', 'manufacturing'], ['制造', 'manufacturing'],
  ['投资', 'finance'], ['商贸', 'retail'], ['贸易', 'retail'], ['教育', 'education'], ['医疗器械', 'healthcare'], ['信息', 'it'],
  ['电子', 'manufacturing'], ['物流', 'other'], ['文化传媒', 'other'], ['生物', 'healthcare']];
const CJK_SUFFIX = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const EN_WORDS = ['Acme', 'Global', 'Pacific', 'Summit', 'Northwind', 'Blue River', 'Silverline', 'Orion', 'Vertex',
  'Harbor', 'Evergreen', 'Redwood', 'Atlas', 'Nimbus', 'Quantum', 'Bright Path', 'Ironclad', 'Meridian', 'Johnson'];
const EN_TRADES = ['Technologies', 'Trading', 'Logistics', 'Systems', 'Capital', 'Health', 'Learning', 'Manufacturing'];
const EN_SUFFIX = ['Ltd', 'Inc.', 'LLC', 'GmbH', 'Co., Ltd.', 'Pte. Ltd.'];
export const TITLES = ['总经理', '销售总监', '采购经理', '技术总监', '财务经理', '项目经理', '市场总监', '行政主管', '工程师',
  'CEO', 'CTO', 'Purchasing Manager', 'Sales Director', 'Engineer'];
const FOLLOW_UP = ['电话沟通需求', '上门拜访', '微信跟进报价', '发送产品资料', '方案演示', '商务谈判', '合同条款确认', '回访客户满意度',
  '催收回款', '技术交流会', 'Call about renewal', 'Demo follow-up', 'Sent proposal', 'Pricing discussion', 'Quarterly review'];
const CONTENT = ['客户对价格比较敏感，需要再申请折扣。', '已约下周二再次拜访，带上技术同事。', '对方采购流程需要三家比价。',
  '客户希望先试用一个月。', '决策人是技术总监，需要准备技术方案。', 'Customer asked for a revised quote with volume pricing.',
  'Decision expected after the board meeting next month.', '沟通顺利，预计本季度签约。'];

const surnames = new Weighted(SURNAMES, SURNAMES.map((s) => s[2]));
const given = new Weighted(GIVEN, GIVEN.map((g) => g[2]));

export interface Person { name: string; latin: string; english: boolean; gender: 'male' | 'female' }

/** 80% Chinese names (2 or 3 characters, frequency-weighted), 20% English ones. */
export function person(rng: Rng): Person {
  if (rng.chance(0.2)) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    return { name: `${first} ${last}`, latin: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, ''), english: true, gender: rng.chance(0.5) ? 'male' : 'female' };
  }
  const [sn, sp] = surnames.pick(rng);
  const g1 = given.pick(rng);
  const two = rng.chance(0.3);
  const g2 = two ? null : given.pick(rng);
  return {
    name: sn + g1[0] + (g2 ? g2[0] : ''), latin: sp + g1[1] + (g2 ? g2[1] : ''), english: false,
    gender: rng.chance(0.5) ? 'male' : 'female',
  };
}

export interface Company { name: string; domain: string; industry: string }

export function company(rng: Rng): Company {
  if (rng.chance(0.15)) {
    const w = rng.pick(EN_WORDS);
    const name = `${w} ${rng.pick(EN_TRADES)} ${rng.pick(EN_SUFFIX)}`;
    return { name, domain: `${w.toLowerCase().replace(/[^a-z]/g, '')}${rng.int(1, 999)}.com`, industry: rng.pick(['it', 'finance', 'retail', 'other']) };
  }
  const [city, cityPy] = rng.pick(CITIES);
  const [brand, brandPy] = rng.pick(BRANDS);
  const [trade, industry] = rng.pick(TRADES);
  const name = `${city}${brand}${trade}${rng.pick(CJK_SUFFIX)}`;
  return { name, domain: `${brandPy}${cityPy}${rng.int(1, 99)}.com.cn`, industry };
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`;
}

export function landline(rng: Rng): string {
  return `0${rng.pick(['10', '21', '20', '755', '571', '25'])}-${rng.digits(8)}`;
}

export const followUpName = (rng: Rng) => rng.pick(FOLLOW_UP);
export const followUpContent = (rng: Rng) => rng.pick(CONTENT);
export const cityNames = CITIES.map((c) => c[0]);
