/**
 * Place names in English: official names from a small table (counties, the city, rivers, the
 * words that make up park, section and agreement names), and Hanyu Pinyin (pinyin-pro) for
 * the proper part of everything else, written as one word per name (航埠 → Hangbu), with an
 * apostrophe before a syllable that starts with a, o or e (Xi'an). Enterprise names are not
 * place names: they keep their registered Chinese.
 */
import { pinyin } from 'pinyin-pro';

/** Whole names and name parts with an established English form. Longest match wins. */
const OFFICIAL: Record<string, string> = {
  衢州市: 'Quzhou',
  柯城区: 'Kecheng District',
  衢江区: 'Qujiang District',
  常山县: 'Changshan County',
  开化县: 'Kaihua County',
  龙游县: 'Longyou County',
  江山市: 'Jiangshan City',
  // The district's zone, not the river's (衢江 alone is the river).
  衢江经济开发区: 'Qujiang Economic Development Zone',
  浙江省: 'Zhejiang',
  // Rivers and lakes of the demo region.
  衢江: 'Qu River',
  常山港: 'Changshan River',
  江山港: 'Jiangshan River',
  乌溪江: 'Wuxi River',
  马金溪: 'Majin Stream',
  // Kinds of park (GB/T names of development zones).
  高新技术产业开发区: 'High-tech Industrial Development Zone',
  经济技术开发区: 'Economic and Technological Development Zone',
  经济开发区: 'Economic Development Zone',
  小微企业园: 'Small and Micro Enterprise Park',
  新材料产业园: 'New Materials Industrial Park',
  工业园区: 'Industrial Park',
  产业园: 'Industrial Park',
  开发区: 'Development Zone',
  // Water-quality sections and agreements.
  交接断面: 'Hand-over Section',
  出境断面: 'Outflow Section',
  断面: 'Section',
  水库: 'Reservoir',
  监测点: 'Monitoring Point',
  号: '',
  流域横向生态保护补偿协议: 'Basin Horizontal Eco-compensation Agreement',
  流域: 'Basin',
  模拟: 'simulated',
  // Town-level units (GB/T 2260): 街道 Subdistrict, 镇 Town, 乡 Township.
  街道: 'Subdistrict',
  镇: 'Town',
  乡: 'Township',
};

/** A county's name used as the first part of a longer name (柯城区航埠… → Kecheng Hangbu …). */
const COUNTY_PREFIX: Record<string, string> = {
  衢州市: 'Quzhou',
  衢州: 'Quzhou',
  柯城区: 'Kecheng',
  柯城: 'Kecheng',
  衢江区: 'Qujiang',
  常山县: 'Changshan',
  常山: 'Changshan',
  开化县: 'Kaihua',
  开化: 'Kaihua',
  龙游县: 'Longyou',
  龙游: 'Longyou',
  江山市: 'Jiangshan',
  江山: 'Jiangshan',
};

/** Town-level suffixes only count at the end of a name (镇 inside 湖镇工业园区 is part of 湖镇). */
const END_ONLY = new Set(['街道', '镇', '乡']);

const KEYS = Object.keys(OFFICIAL).sort((a, b) => b.length - a.length);
const PREFIXES = Object.keys(COUNTY_PREFIX).sort((a, b) => b.length - a.length);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** One proper name in pinyin: 航埠 → Hangbu, 西安 → Xi'an. */
function romanise(run: string): string {
  const syllables = pinyin(run, { toneType: 'none', type: 'array' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function translate(name: string): string {
  const whole = OFFICIAL[name];
  if (whole !== undefined && whole !== '') return whole;
  const parts: string[] = [];
  // 乌溪江1号监测点 → Wuxi River Monitoring Point 1.
  let rest = name.replace(/(\d+)号(监测点)/, '$2 $1');
  let run = '';
  const flush = () => {
    if (run) parts.push(romanise(run));
    run = '';
  };
  // A county at the start of a longer name is a qualifier: its short form.
  for (const p of PREFIXES) {
    if (rest.startsWith(p) && rest.length > p.length) {
      parts.push(COUNTY_PREFIX[p]);
      rest = rest.slice(p.length);
      break;
    }
  }
  while (rest.length > 0) {
    const key = KEYS.find((k) => rest.startsWith(k) && (!END_ONLY.has(k) || rest.length === k.length));
    if (key) {
      flush();
      if (OFFICIAL[key]) parts.push(OFFICIAL[key]);
      rest = rest.slice(key.length);
      continue;
    }
    const ch = rest[0];
    if (CJK.test(ch)) run += ch;
    else {
      flush();
      // Full-width punctuation to ASCII; dashes between names get spaces.
      const ascii = ch === '（' ? '(' : ch === '）' ? ')' : ch === '—' || ch === '－' ? '–' : ch === '、' ? ',' : ch;
      parts.push(ascii);
    }
    rest = rest.slice(1);
  }
  flush();
  return parts
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .replace(/ ,/g, ',')
    .replace(/(\d) (?=\d)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const memo = new Map<string, string>();

/** A place, park, river, section or agreement name in English; other text passes unchanged. */
export function placeEn(name: string): string {
  if (!CJK.test(name)) return name;
  let en = memo.get(name);
  if (en === undefined) {
    en = translate(name);
    memo.set(name, en);
  }
  return en;
}
