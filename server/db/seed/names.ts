// Word parts for synthetic Chinese names. Everything built here is fictitious; the parts are
// common enough that no combination is meant to point at a real company or person.
import { pick, randInt } from '../../domain/random';
import type { Rng } from './rng';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '朱',
  '胡',
  '郑',
  '姜',
  '余',
  '方',
  '叶',
  '汪',
  '祝',
  '毛',
  '程',
  '杜',
  '邵',
  '傅',
  '蒋',
  '童',
  '柴',
  '严',
  '龚',
  '占',
  '詹',
  '鲁',
  '温',
  '管',
  '郭',
  '何',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '建',
  '国',
  '志',
  '红',
  '斌',
  '宇',
  '浩',
  '凯',
  '俊',
  '峰',
  '晨',
  '琳',
  '婷',
  '鹏',
  '辉',
  '飞',
  '健',
  '波',
  '宁',
  '萍',
  '燕',
  '雪',
  '梅',
  '亮',
  '海',
  '林',
  '文',
  '立',
  '新',
  '春',
  '晓',
];

export function personName(rng: Rng): string {
  const given = rng() < 0.6 ? pick(rng, GIVEN) + pick(rng, GIVEN) : pick(rng, GIVEN);
  return pick(rng, SURNAMES) + given;
}

const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '187',
  '189',
  '199',
];

/** A mobile number in a real format; fictitious by construction, like everything in the demo. */
export function mobilePhone(rng: Rng): string {
  return pick(rng, MOBILE_PREFIXES) + String(randInt(rng, 0, 99_999_999)).padStart(8, '0');
}

/** Trade-name characters (字号); two of them make most names. */
const TRADE_CHARS = [
  '华',
  '宏',
  '鑫',
  '恒',
  '泰',
  '达',
  '远',
  '盛',
  '丰',
  '联',
  '金',
  '瑞',
  '兴',
  '诚',
  '顺',
  '天',
  '新',
  '润',
  '利',
  '康',
  '德',
  '信',
  '源',
  '广',
  '嘉',
  '博',
  '正',
  '昌',
  '隆',
  '荣',
  '永',
  '欣',
  '佳',
  '旺',
  '强',
  '亚',
  '中',
  '航',
  '通',
  '海',
  '明',
  '力',
  '科',
  '创',
  '凯',
  '宇',
  '晶',
  '巨',
  '衢',
  '江',
  '常',
  '柯',
  '龙',
  '开',
  '仙',
  '峰',
  '岭',
  '溪',
  '禾',
  '绿',
  '青',
  '蓝',
  '星',
  '辰',
  '立',
  '安',
  '祥',
  '和',
  '美',
  '东',
  '南',
];

/** Business words per industry prefix; the first match (longest code first) wins. */
const BUSINESS_WORDS: [string, string[]][] = [
  ['C2032', ['门业', '木门', '门窗']],
  ['C3312', ['门业', '钢木门业', '门窗']],
  ['C3451', ['轴承', '精密轴承']],
  ['C336', ['表面处理', '电镀']],
  ['C384', ['锂电', '新能源科技', '电池材料']],
  ['C26', ['化工', '新材料', '化学', '氟硅材料', '精细化工']],
  ['C27', ['药业', '制药', '生物医药']],
  ['C22', ['纸业', '特种纸', '包装材料']],
  ['C23', ['印务', '包装印刷']],
  ['C13', ['食品', '农产品', '胡柚', '饲料', '粮油']],
  ['C14', ['食品', '食品科技']],
  ['C15', ['茶业', '饮品', '酒业']],
  ['C17', ['纺织', '织造', '印染']],
  ['C20', ['木业', '竹木制品', '板业']],
  ['C21', ['家具', '家居']],
  ['C24', ['工艺品', '根雕工艺']],
  ['C29', ['塑业', '橡塑', '塑胶']],
  ['C30', ['建材', '钙业', '新型建材', '水泥制品']],
  ['C32', ['有色金属', '铜业', '铝业']],
  ['C33', ['金属制品', '五金', '钢结构']],
  ['C34', ['机械', '精工', '传动']],
  ['C35', ['机械设备', '装备']],
  ['C38', ['电气', '电器', '电机', '电子科技']],
  ['C39', ['电子', '半导体', '光电']],
  ['A03', ['生态农业', '养殖', '牧业']],
  ['B10', ['矿业', '石料']],
  ['D44', ['热电', '能源', '电力']],
  ['D46', ['水务', '污水处理']],
  ['E47', ['建设', '建筑工程']],
  ['E48', ['市政工程', '路桥建设']],
  ['H62', ['餐饮', '酒店管理']],
  ['N77', ['环保科技', '环境服务', '固废处置']],
];

const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'];
const SOLE_FORMS = ['厂', '加工厂', '经营部'];

export function businessWords(industryCode: string): string[] {
  for (const [prefix, words] of BUSINESS_WORDS) if (industryCode.startsWith(prefix)) return words;
  return ['实业', '科技'];
}

/** Name prefixes by county: most firms register under the county, larger ones under 衢州 or 浙江. */
const COUNTY_PREFIXES: Record<string, string[]> = {
  '330802': ['衢州市柯城区', '衢州'],
  '330803': ['衢州市衢江区', '衢州'],
  '330822': ['常山县', '常山'],
  '330824': ['开化县', '开化'],
  '330825': ['龙游县', '龙游'],
  '330881': ['江山市', '江山'],
};

export function enterpriseName(rng: Rng, countyCode: string, industryCode: string): string {
  const r = rng();
  const prefix = r < 0.12 ? '浙江' : r < 0.3 ? '衢州' : pick(rng, COUNTY_PREFIXES[countyCode] ?? ['衢州']);
  const trade = pick(rng, TRADE_CHARS) + pick(rng, TRADE_CHARS) + (rng() < 0.15 ? pick(rng, TRADE_CHARS) : '');
  const word = pick(rng, businessWords(industryCode));
  const small = industryCode.startsWith('A') || industryCode.startsWith('H');
  const form = small && rng() < 0.5 ? pick(rng, SOLE_FORMS) : pick(rng, COMPANY_FORMS);
  return `${prefix}${trade}${word}${form}`;
}

const ROADS = [
  '人民路',
  '解放路',
  '工业大道',
  '兴业路',
  '创业路',
  '环城路',
  '世纪大道',
  '通衢路',
  '东港路',
  '振兴路',
  '滨江路',
  '园区路',
  '经一路',
  '经二路',
  '纬一路',
  '纬三路',
  '科创路',
  '新材料路',
  '发展大道',
  '永安路',
];

const VILLAGE_FIRST = [
  '上',
  '下',
  '东',
  '西',
  '新',
  '前',
  '后',
  '大',
  '小',
  '石',
  '塘',
  '黄',
  '沙',
  '杨',
  '高',
  '金',
  '花',
  '湖',
  '青',
  '桥',
];
const VILLAGE_SECOND = [
  '溪',
  '塘',
  '坞',
  '源',
  '山',
  '岭',
  '畈',
  '坑',
  '垄',
  '桥',
  '埠',
  '湾',
  '田',
  '村',
  '口',
  '头',
  '家',
  '阳',
  '坂',
  '门',
];

export function villageName(rng: Rng, urban: boolean): string {
  return pick(rng, VILLAGE_FIRST) + pick(rng, VILLAGE_SECOND) + (urban ? '社区' : '村');
}

export function parkAddress(rng: Rng, countyName: string, townName: string, parkName: string): string {
  return `浙江省衢州市${countyName}${townName}${parkName}${pick(rng, ROADS)}${randInt(rng, 1, 388)}号`;
}

export function townAddress(rng: Rng, countyName: string, townName: string): string {
  if (townName.endsWith('街道'))
    return `浙江省衢州市${countyName}${townName}${pick(rng, ROADS)}${randInt(rng, 1, 688)}号`;
  return `浙江省衢州市${countyName}${townName}${villageName(rng, false)}${randInt(rng, 1, 199)}号`;
}

/** Ningbo/Xianju model: the insurer engages a third-party environmental steward (环保管家). */
export const INSURERS = ['人保财险', '平安产险', '太平洋产险', '国寿财险', '大地保险'];
export const INSURER_WEIGHTS = [0.36, 0.22, 0.22, 0.12, 0.08];
export const INSURER_CODES: Record<string, string> = {
  人保财险: 'PICC',
  平安产险: 'PAIC',
  太平洋产险: 'CPIC',
  国寿财险: 'CLPC',
  大地保险: 'CCIC',
};
export const STEWARDS = [
  '衢州市环科环境技术服务有限公司',
  '浙江绿衢环保管家服务有限公司',
  '衢州清源环境科技有限公司',
  '浙江钱江源生态环境咨询有限公司',
  '衢州蓝天碧水环保技术有限公司',
  '浙江衢环检测科技有限公司',
];

export const FINDING_TEXTS = [
  '雨水排放口标识牌缺失',
  '危险废物贮存场所防渗措施不到位',
  '危险废物标签标识不规范',
  '废气收集装置破损，无组织排放',
  '污水处理设施运行台账不完整',
  '突发环境事件应急预案未备案',
  '初期雨水收集池未设置切换阀门',
  '在线监测设备未按期比对校验',
  '一般工业固体废物露天堆放',
  '活性炭未按期更换，无更换记录',
  '车间地面破损存在渗漏隐患',
  '排污许可执行报告未按时提交',
  '雨污管网混接',
  '化学品仓库未设置围堰',
  '除尘设施运行不正常',
  '厂界噪声防治措施不到位',
];

export const CASE_SUMMARIES: Record<'water' | 'air' | 'solid' | 'noise', { general: string[]; major: string[] }> = {
  water: {
    general: ['超标排放水污染物', '未按规定设置排污口', '水污染防治设施未正常运行', '雨污混排造成废水外排'],
    major: ['通过暗管逃避监管排放水污染物', '私设暗管排放含重金属废水', '篡改在线监测数据排放水污染物'],
  },
  air: {
    general: [
      '超过大气污染物排放标准排放',
      '挥发性有机物未密闭收集处理',
      '未采取有效措施防治扬尘污染',
      '废气处理设施未正常运行',
    ],
    major: ['以逃避监管方式排放大气污染物', '篡改、伪造自动监测数据'],
  },
  solid: {
    general: ['危险废物贮存不规范', '未按规定申报危险废物', '一般工业固体废物未采取防扬散措施'],
    major: ['非法倾倒、处置危险废物', '将危险废物提供给无资质单位处置'],
  },
  noise: {
    general: ['工业噪声超标排放', '夜间生产噪声扰民'],
    major: ['噪声污染严重且拒不改正'],
  },
};

export const COMPLAINT_TEXTS: Record<'water' | 'air' | 'solid' | 'noise', string[]> = {
  water: ['反映企业污水直排河道', '反映附近水体发黑发臭', '反映雨水口有异色废水流出'],
  air: ['反映企业废气异味扰民', '反映厂区粉尘污染', '反映夜间偷排废气'],
  solid: ['反映企业随意倾倒固体废物', '反映厂区外堆放废料'],
  noise: ['反映企业夜间生产噪声扰民', '反映设备噪声过大'],
};
