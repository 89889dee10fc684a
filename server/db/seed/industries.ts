// A subset of GB/T 4754-2017 (国民经济行业分类) that covers what Quzhou's regulated enterprises
// do: sections (门类), divisions (大类), and the groups (中类) / classes (小类) the demo uses.

export type IndustryRow = { code: string; name: string; parentCode: string | null };

const ENTRIES: [string, string][] = [
  ['A', '农、林、牧、渔业'],
  ['A03', '畜牧业'],
  ['A031', '牲畜饲养'],
  ['A0313', '猪的饲养'],
  ['B', '采矿业'],
  ['B10', '非金属矿采选业'],
  ['B101', '土砂石开采'],
  ['C', '制造业'],
  ['C13', '农副食品加工业'],
  ['C132', '饲料加工'],
  ['C135', '屠宰及肉类加工'],
  ['C137', '蔬菜、菌类、水果和坚果加工'],
  ['C14', '食品制造业'],
  ['C141', '焙烤食品制造'],
  ['C15', '酒、饮料和精制茶制造业'],
  ['C152', '饮料制造'],
  ['C153', '精制茶加工'],
  ['C17', '纺织业'],
  ['C171', '棉纺织及印染精加工'],
  ['C175', '化纤织造及印染精加工'],
  ['C20', '木材加工和木、竹、藤、棕、草制品业'],
  ['C202', '人造板制造'],
  ['C203', '木质制品制造'],
  ['C2032', '木门窗制造'],
  ['C204', '竹、藤、棕、草等制品制造'],
  ['C21', '家具制造业'],
  ['C211', '木质家具制造'],
  ['C213', '金属家具制造'],
  ['C22', '造纸和纸制品业'],
  ['C221', '纸浆制造'],
  ['C222', '造纸'],
  ['C223', '纸制品制造'],
  ['C23', '印刷和记录媒介复制业'],
  ['C24', '文教、工美、体育和娱乐用品制造业'],
  ['C243', '工艺美术及礼仪用品制造'],
  ['C26', '化学原料和化学制品制造业'],
  ['C261', '基础化学原料制造'],
  ['C264', '涂料、油墨、颜料及类似产品制造'],
  ['C265', '合成材料制造'],
  ['C266', '专用化学产品制造'],
  ['C27', '医药制造业'],
  ['C271', '化学药品原料药制造'],
  ['C274', '中成药生产'],
  ['C29', '橡胶和塑料制品业'],
  ['C291', '橡胶制品业'],
  ['C292', '塑料制品业'],
  ['C30', '非金属矿物制品业'],
  ['C301', '水泥、石灰和石膏制造'],
  ['C302', '石膏、水泥制品及类似制品制造'],
  ['C303', '砖瓦、石材等建筑材料制造'],
  ['C32', '有色金属冶炼和压延加工业'],
  ['C321', '常用有色金属冶炼'],
  ['C325', '有色金属压延加工'],
  ['C33', '金属制品业'],
  ['C331', '结构性金属制品制造'],
  ['C3312', '金属门窗制造'],
  ['C336', '金属表面处理及热处理加工'],
  ['C34', '通用设备制造业'],
  ['C345', '轴承、齿轮和传动部件制造'],
  ['C3451', '滚动轴承制造'],
  ['C35', '专用设备制造业'],
  ['C38', '电气机械和器材制造业'],
  ['C381', '电机制造'],
  ['C382', '输配电及控制设备制造'],
  ['C384', '电池制造'],
  ['C39', '计算机、通信和其他电子设备制造业'],
  ['C397', '电子器件制造'],
  ['C398', '电子元件及电子专用材料制造'],
  ['D', '电力、热力、燃气及水生产和供应业'],
  ['D44', '电力、热力生产和供应业'],
  ['D441', '电力生产'],
  ['D443', '热力生产和供应'],
  ['D46', '水的生产和供应业'],
  ['D462', '污水处理及其再生利用'],
  ['E', '建筑业'],
  ['E47', '房屋建筑业'],
  ['E48', '土木工程建筑业'],
  ['H', '住宿和餐饮业'],
  ['H62', '餐饮业'],
  ['N', '水利、环境和公共设施管理业'],
  ['N77', '生态保护和环境治理业'],
  ['N772', '环境治理业'],
  ['N7723', '固体废物治理'],
  ['N7724', '危险废物治理'],
];

/** Section letter → 2-digit division → 3-digit group → 4-digit class. */
function parentOf(code: string): string | null {
  if (code.length === 1) return null;
  if (code.length === 3) return code[0];
  return code.slice(0, code.length - 1);
}

export const INDUSTRIES: IndustryRow[] = ENTRIES.map(([code, name]) => ({ code, name, parentCode: parentOf(code) }));

const CODES = new Set(INDUSTRIES.map((i) => i.code));
for (const i of INDUSTRIES) {
  if (i.parentCode && !CODES.has(i.parentCode)) throw new Error(`industry ${i.code}: parent ${i.parentCode} missing`);
}

/** The most specific codes under a code (itself when it has no children): what an enterprise gets. */
export function leafCodesUnder(code: string): string[] {
  const leaves = INDUSTRIES.filter(
    (i) => i.code.startsWith(code) && !INDUSTRIES.some((j) => j.parentCode === i.code),
  ).map((i) => i.code);
  return leaves.length > 0 ? leaves : [code];
}

/** Relative propensity to pollute, by division: drives cases, complaints and key-pollutant status. */
export function industryRisk(code: string): number {
  const table: [string, number][] = [
    ['C336', 2.4],
    ['C26', 2.2],
    ['C22', 2.0],
    ['C32', 1.8],
    ['A03', 1.8],
    ['C27', 1.6],
    ['C17', 1.6],
    ['B10', 1.6],
    ['C30', 1.5],
    ['N77', 1.4],
    ['D44', 1.3],
    ['C20', 1.2],
    ['C29', 1.1],
  ];
  for (const [prefix, risk] of table) if (code.startsWith(prefix)) return risk;
  return 0.8;
}

/** The medium a violation most likely concerns, by industry. */
export function mediumWeights(code: string): [number, number, number, number] {
  // water, air, solid, noise
  if (/^(C22|C17|C27|A03|D46|C13)/.test(code)) return [0.6, 0.15, 0.15, 0.1];
  if (/^(C26|C32|C336)/.test(code)) return [0.4, 0.3, 0.25, 0.05];
  if (/^(C30|B10|E4|C20|C21|C29|C23)/.test(code)) return [0.1, 0.55, 0.15, 0.2];
  if (/^H62/.test(code)) return [0.2, 0.45, 0.05, 0.3];
  return [0.25, 0.3, 0.25, 0.2];
}
