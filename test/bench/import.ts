// Row 6: imports through the real pipeline (parse → validate → set-based write in one
// transaction) vs inserting the same rows one INSERT statement at a time (measured on a sample).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { openDb, rowsOf } from '../../server/db/client';
import { makeUscc } from '../../server/domain/uscc';
import { runImport } from '../../server/services/import';
import { KECHENG, kechengPoints, loadReference } from '../support/import-fixtures';
import { type BenchRow, fmtMs, log, timeIt } from './common';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function enterpriseCsv(n: number, seed: number) {
  const r = rng(seed);
  const pts = kechengPoints(40);
  const seen = new Set<string>();
  const lines = ['统一社会信用代码,企业名称,地址,经度,纬度,行业代码,区县'];
  const rows: { uscc: string; name: string; address: string; lon: number; lat: number }[] = [];
  for (let i = 0; i < n; i++) {
    let uscc = makeUscc(r, KECHENG);
    while (seen.has(uscc)) uscc = makeUscc(r, KECHENG);
    seen.add(uscc);
    const [lon, lat] = pts[i % pts.length];
    const name = `衢州市基准测试企业${seed}-${i}有限公司`;
    const address = `浙江省衢州市柯城区测试路${i}号`;
    lines.push(`${uscc},${name},${address},${lon},${lat},C33,${KECHENG}`);
    rows.push({ uscc, name, address, lon, lat });
  }
  return { bytes: new TextEncoder().encode(lines.join('\n')), rows };
}

function readingCsv(n: number, startMs: number) {
  const lines = ['断面编码,监测时间,pH,溶解氧(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L)'];
  const pad = (x: number) => String(x).padStart(2, '0');
  for (let i = 0; i < n; i++) {
    const code = i % 2 ? 'QZ-L01' : 'QZ-R01';
    const d = new Date(startMs + Math.floor(i / 2) * 600_000 + 8 * 3_600_000);
    const t = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    lines.push(
      `${code},${t},7.${i % 9},${(7 + (i % 13) / 10).toFixed(1)},${(2 + (i % 7) / 10).toFixed(1)},0.${(i % 5) + 1},0.0${(i % 8) + 1}`,
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}

export async function importRows(counts: { enterprises: number; readings: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(`${tmpdir()}/eco-bench-import-`);
  const h = await openDb({ dataDir: dir });
  try {
    await h.migrate();
    await loadReference(h.db);
    const rows: BenchRow[] = [];

    // Enterprises.
    const ent = enterpriseCsv(counts.enterprises, 1);
    log(`import: ${counts.enterprises} enterprises (${(ent.bytes.length / 1e6).toFixed(1)} MB CSV)…`);
    const oursE = await timeIt(() => runImport(h.db, { kind: 'enterprises', fileName: 'bench.csv', data: ent.bytes }));
    if (oursE.value.accepted !== counts.enterprises)
      throw new Error(
        `enterprise import accepted ${oursE.value.accepted}: ${JSON.stringify(oursE.value.errors.slice(0, 3))}`,
      );
    const sampleE = enterpriseCsv(2_000, 2).rows;
    const baseE = await timeIt(async () => {
      for (const e of sampleE) {
        await h.db.execute(sql`
          insert into enterprises (uscc, name, address, lon, lat, source_crs, h3, county_code, industry_code, status, updated_at)
          values (${e.uscc}, ${e.name}, ${e.address}, ${e.lon}, ${e.lat}, 'wgs84', ${latLngToCell(e.lat, e.lon, 9)},
                  ${KECHENG}, 'C33', 'operating', now())`);
      }
    });
    const oursERate = counts.enterprises / (oursE.ms / 1000);
    const baseERate = sampleE.length / (baseE.ms / 1000);
    log(`  ours ${oursERate.toFixed(0)} rows/s (${fmtMs(oursE.ms)}), row-by-row ${baseERate.toFixed(0)} rows/s`);
    rows.push({
      name: 'import enterprises (CSV → DB)',
      scale: `${counts.enterprises.toLocaleString('en')} rows`,
      ours: `${oursERate.toFixed(0)} rows/s`,
      baseline: `${baseERate.toFixed(0)} rows/s`,
      ratio: oursERate / baseERate,
      goal: 'faster than row-by-row',
      met: oursERate > baseERate,
      note: `ours: whole pipeline (parse, validate, point-in-polygon, write, codes) in ${fmtMs(oursE.ms)}; baseline: one INSERT per row, insert only, 2,000-row sample`,
      data: { oursMs: oursE.ms, baselineSampleMs: baseE.ms, sample: sampleE.length },
    });

    // Readings.
    const start = Date.UTC(2015, 0, 1);
    const rd = readingCsv(counts.readings, start);
    log(`import: ${counts.readings} readings (${(rd.length / 1e6).toFixed(1)} MB CSV)…`);
    const oursR = await timeIt(() => runImport(h.db, { kind: 'readings', fileName: 'bench.csv', data: rd }));
    if (oursR.value.accepted !== counts.readings)
      throw new Error(
        `reading import accepted ${oursR.value.accepted}: ${JSON.stringify(oursR.value.errors.slice(0, 3))}`,
      );
    const sectionId = rowsOf<{ id: number }>(await h.db.execute(sql`select id from sections where code = 'QZ-R01'`))[0]
      .id;
    const baseStart = Date.UTC(2040, 0, 1);
    const sampleR = 2_000;
    const baseR = await timeIt(async () => {
      for (let i = 0; i < sampleR; i++) {
        await h.db.execute(sql`
          insert into readings (section_id, time, ph, "do", codmn, nh3n, tp, valid, class)
          values (${sectionId}, ${new Date(baseStart + i * 600_000).toISOString()}, 7.4, 7.5, 2.1, 0.3, 0.05, true, 'II')`);
      }
    });
    const oursRRate = counts.readings / (oursR.ms / 1000);
    const baseRRate = sampleR / (baseR.ms / 1000);
    log(`  ours ${oursRRate.toFixed(0)} rows/s (${fmtMs(oursR.ms)}), row-by-row ${baseRRate.toFixed(0)} rows/s`);
    rows.push({
      name: 'import readings (CSV → DB)',
      scale: `${counts.readings.toLocaleString('en')} rows`,
      ours: `${oursRRate.toFixed(0)} rows/s`,
      baseline: `${baseRRate.toFixed(0)} rows/s`,
      ratio: oursRRate / baseRRate,
      goal: 'faster than row-by-row',
      met: oursRRate > baseRRate,
      note: `ours: whole pipeline incl. per-sample water class in ${fmtMs(oursR.ms)}; baseline: one INSERT per row, insert only, 2,000-row sample`,
      data: { oursMs: oursR.ms, baselineSampleMs: baseR.ms, sample: sampleR },
    });
    return rows;
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
