import { describe, expect, it } from 'vitest';
import { industryEn } from '../../web/src/i18n/industries-en';
import { placeEn } from '../../web/src/i18n/place-names';
import { nudgeClear, textEms } from '../../web/src/map/declutter';

describe('English place names', () => {
  it('uses the official names of the city and its counties', () => {
    expect(['衢州市', '柯城区', '衢江区', '常山县', '开化县', '龙游县', '江山市'].map(placeEn)).toEqual([
      'Quzhou',
      'Kecheng District',
      'Qujiang District',
      'Changshan County',
      'Kaihua County',
      'Longyou County',
      'Jiangshan City',
    ]);
  });

  it('writes towns in pinyin as one word with their level: 街道 Subdistrict, 镇 Town, 乡 Township', () => {
    expect(placeEn('新新街道')).toBe('Xinxin Subdistrict');
    expect(placeEn('湖镇镇')).toBe('Huzhen Town');
    expect(placeEn('沟溪乡')).toBe('Gouxi Township');
    // An apostrophe where a syllable starting with a vowel would run into the one before.
    expect(placeEn('西安')).toBe("Xi'an");
  });

  it('translates parks, rivers, sections and agreements part by part', () => {
    expect(placeEn('柯城区航埠小微企业园')).toBe('Kecheng Hangbu Small and Micro Enterprise Park');
    expect(placeEn('衢州高新技术产业开发区')).toBe('Quzhou High-tech Industrial Development Zone');
    expect(placeEn('衢江经济开发区')).toBe('Qujiang Economic Development Zone');
    // 镇 inside a name is part of the name, not the level.
    expect(placeEn('龙游县湖镇工业园区')).toBe('Longyou Huzhen Industrial Park');
    expect(placeEn('衢江双港口断面')).toBe('Qu River Shuanggangkou Section');
    expect(placeEn('开化—常山交接断面')).toBe('Kaihua – Changshan Hand-over Section');
    expect(placeEn('乌溪江1号监测点（模拟）')).toBe('Wuxi River Monitoring Point 1 (simulated)');
    expect(placeEn('峡口水库')).toBe('Xiakou Reservoir');
    expect(placeEn('衢江流域横向生态保护补偿协议（开化县—常山县）')).toBe(
      'Qu River Basin Horizontal Eco-compensation Agreement (Kaihua County – Changshan County)',
    );
  });

  it('leaves text without Chinese alone, and never returns Chinese', () => {
    expect(placeEn('Park 7')).toBe('Park 7');
    expect(placeEn('')).toBe('');
    for (const n of ['柯城区石梁小微企业园', '常山县辉埠新材料产业园', '马金溪齐溪断面', '湖南镇水库'])
      expect(placeEn(n)).not.toMatch(/[\u3400-\u9fff]/);
  });
});

describe('English industry names (GB/T 4754-2017)', () => {
  it('gives the code, spaced after the section letter, and the English name', () => {
    expect(industryEn('C26')).toBe('C 26 Manufacture of chemical raw materials and chemical products');
    expect(industryEn('C')).toBe('C Manufacturing');
    expect(industryEn('N7724')).toBe('N 7724 Hazardous waste management');
  });
  it('falls back to the nearest listed ancestor for a code without an entry', () => {
    expect(industryEn('C2619')).toBe('C 2619 Manufacture of basic chemical raw materials');
    expect(industryEn('Z99')).toBe('Z 99');
  });
});

describe('labels that must stay clear of county names', () => {
  const KECHENG: [number, number] = [118.87, 28.94];
  it('slides a flow label that sits on a county name up or down until it is clear', () => {
    const county = { position: KECHENG, chars: textEms('柯城区'), priority: 0, fontPx: 22 };
    const label = { position: KECHENG, chars: textEms('P 1.094 · 660 万元'), priority: 0, fontPx: 13 };
    const [offset] = nudgeClear([label], [county], 8.8);
    // The county name is 22 px tall; the label (13 px + padding) must move at least half of both.
    expect(Math.abs(offset[1])).toBeGreaterThanOrEqual((22 + 13) / 2);
    expect(offset[0]).toBe(0);
  });
  it('leaves a label that is already clear where it is, and keeps two labels off each other', () => {
    const far = { position: [119.5, 29.5] as [number, number], chars: 10, priority: 0, fontPx: 13 };
    expect(nudgeClear([far], [{ position: KECHENG, chars: 3, priority: 0, fontPx: 22 }], 8.8)).toEqual([[0, 0]]);
    const [a, b] = nudgeClear([far, far], [], 8.8);
    expect(a).toEqual([0, 0]);
    expect(b[1]).not.toBe(0);
  });
  it('counts a Latin character as about half a CJK one', () => {
    expect(textEms('柯城区')).toBe(3);
    expect(textEms('Kecheng')).toBeCloseTo(4.2, 6);
  });
});
