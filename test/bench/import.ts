// Row 6: imports through the real pipeline (parse → validate → set-based write in one
// transaction) vs what a competent developer writes without it — the same CSV split and written
// with batched multi-row INSERTs in one transaction, and with COPY — into the same empty table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type SQL, sql } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { type Db, openDb, rowsOf } from '../../server/db/client';
import { makeUscc } from '../../server/domain/uscc';
import { classifySample } from '../../server/domain/water-quality';
import { runImport } from '../../server/services/import';
import { KECHENG, kechengPoints, loadReference } from '../support/import-fixtures';
import { assertSame, type BenchRow, fmtMs, log, timeIt } from './common';

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

/** `n` valid enterprise rows in 柯城区 (distinct USCCs) as a CSV with the template's Chinese headers. */
export function enterpriseCsv(n: number, seed: number) {
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

type Side = { name: string; ms: number; count: number; checksum: string };

const BATCH = 1_000;
/** The ordinary approach: the CSV split on commas, multi-row INSERTs of 1,000 rows, one transaction. */
async function batchedInsert(db: Db, table: string, columns: string, rows: SQL[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH)
      await tx.execute(
        sql`insert into ${sql.raw(table)} (${sql.raw(columns)}) values ${sql.join(rows.slice(i, i + BATCH), sql`, `)}`,
      );
  });
}

/** PostgreSQL's bulk path (PGlite is PostgreSQL: COPY reads the CSV from a blob). */
async function copyCsv(db: Db, table: string, columns: string, csv: string): Promise<void> {
  const client = (db as unknown as { $client: { query: (q: string, p: unknown[], o: object) => Promise<unknown> } })
    .$client;
  await client.query(`copy ${table} (${columns}) from '/dev/blob' with (format csv)`, [], {
    blob: new Blob([csv]),
  });
}

async function measure(db: Db, name: string, table: string, checksum: SQL, run: () => Promise<unknown>): Promise<Side> {
  await db.execute(sql`truncate ${sql.raw(table)} cascade`);
  const t = await timeIt(run);
  const [c] = rowsOf<{ n: number; sum: string }>(
    await db.execute(sql`select count(*)::int as n, (${checksum})::text as sum from ${sql.raw(table)}`),
  );
  log(`  ${name}: ${fmtMs(t.ms)} (${c.n} rows)`);
  return { name, ms: t.ms, count: Number(c.n), checksum: c.sum };
}

function importRow(kind: string, n: number, sides: Side[], notes: string): BenchRow {
  const [ours, batched, copy] = sides;
  // Same rows in the table on every side, or no ratio.
  for (const s of sides.slice(1))
    assertSame(`${kind} import ${s.name}`, [ours.count, ours.checksum], [s.count, s.checksum]);
  const rate = (s: Side) => n / (s.ms / 1000);
  return {
    name: `import ${kind} (CSV → DB)`,
    scale: `${n.toLocaleString('en')} rows`,
    ours: `${rate(ours).toFixed(0)} rows/s`,
    baseline: `${rate(batched).toFixed(0)} rows/s batched INSERT; ${rate(copy).toFixed(0)} rows/s COPY`,
    ratio: rate(ours) / rate(batched),
    goal: '≥ batched INSERT in one transaction',
    met: rate(ours) >= rate(batched),
    note: `${notes}; asserted: the same row count and checksum on all three sides; ours ÷ COPY ${(rate(ours) / rate(copy)).toFixed(2)}× (single runs: each side writes ${n.toLocaleString('en')} rows)`,
    data: Object.fromEntries(sides.map((s) => [s.name, s])),
  };
}

export async function importRows(counts: { enterprises: number; readings: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(`${tmpdir()}/eco-bench-import-`);
  const h = await openDb({ dataDir: dir });
  try {
    await h.migrate();
    await loadReference(h.db);
    const rows: BenchRow[] = [];
    const db = h.db;

    // Enterprises: the same CSV on every side.
    const ent = enterpriseCsv(counts.enterprises, 1);
    log(`import: ${counts.enterprises} enterprises (${(ent.bytes.length / 1e6).toFixed(1)} MB CSV)…`);
    const entSum = sql`sum(hashtext(uscc || name || lon::text || lat::text))`;
    const entCols = 'uscc, name, address, lon, lat, source_crs, h3, county_code, industry_code, status, updated_at';
    const splitEnt = () =>
      new TextDecoder()
        .decode(ent.bytes)
        .split('\n')
        .slice(1)
        .map((line) => {
          const [uscc, name, address, lon, lat, industry, county] = line.split(',');
          return { uscc, name, address, lon: Number(lon), lat: Number(lat), industry, county };
        });
    const oursE = await measure(db, 'ours', 'enterprises', entSum, async () => {
      const r = await runImport(db, { kind: 'enterprises', fileName: 'bench.csv', data: ent.bytes });
      if (r.accepted !== counts.enterprises)
        throw new Error(`enterprise import accepted ${r.accepted}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    });
    const batchedE = await measure(db, 'batched INSERT', 'enterprises', entSum, () =>
      batchedInsert(
        db,
        'enterprises',
        entCols,
        splitEnt().map(
          (e) =>
            sql`(${e.uscc}, ${e.name}, ${e.address}, ${e.lon}, ${e.lat}, 'wgs84', ${latLngToCell(e.lat, e.lon, 9)}, ${e.county}, ${e.industry}, 'operating', now())`,
        ),
      ),
    );
    const copyE = await measure(db, 'COPY', 'enterprises', entSum, () =>
      copyCsv(
        db,
        'enterprises',
        entCols,
        splitEnt()
          .map(
            (e) =>
              `${e.uscc},${e.name},${e.address},${e.lon},${e.lat},wgs84,${latLngToCell(e.lat, e.lon, 9)},${e.county},${e.industry},operating,${new Date().toISOString()}`,
          )
          .join('\n'),
      ),
    );
    rows.push(
      importRow(
        'enterprises',
        counts.enterprises,
        [oursE, batchedE, copyE],
        'ours: the whole pipeline (parse, validate, point-in-polygon, write, codes); baselines: split the same CSV, H3 cell, write only (no validation, no codes)',
      ),
    );

    // Readings: the same CSV on every side, with the same per-sample water class.
    const start = Date.UTC(2015, 0, 1);
    const rd = readingCsv(counts.readings, start);
    log(`import: ${counts.readings} readings (${(rd.length / 1e6).toFixed(1)} MB CSV)…`);
    const sections = new Map(
      rowsOf<{ code: string; id: number; waterBody: 'river' | 'lake' }>(
        await db.execute(sql`select code, id, water_body as "waterBody" from sections`),
      ).map((r) => [r.code, r]),
    );
    const rdSum = sql`sum(hashtext(section_id::text || extract(epoch from time)::text || coalesce(class, '') || codmn::text))`;
    const rdCols = 'section_id, time, ph, "do", codmn, nh3n, tp, valid, class';
    const splitReadings = () =>
      new TextDecoder()
        .decode(rd)
        .split('\n')
        .slice(1)
        .map((line) => {
          const [code, time, ph, dox, codmn, nh3n, tp] = line.split(',');
          const section = sections.get(code);
          if (!section) throw new Error(`unknown section ${code}`);
          const sample = { ph: Number(ph), do: Number(dox), codmn: Number(codmn), nh3n: Number(nh3n), tp: Number(tp) };
          const cls = classifySample(sample, section.waterBody)?.class ?? null;
          return { sectionId: section.id, time: `${time.replace(' ', 'T')}:00+08:00`, ...sample, cls };
        });
    const oursR = await measure(db, 'ours', 'readings', rdSum, async () => {
      const r = await runImport(db, { kind: 'readings', fileName: 'bench.csv', data: rd });
      if (r.accepted !== counts.readings)
        throw new Error(`reading import accepted ${r.accepted}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    });
    const batchedR = await measure(db, 'batched INSERT', 'readings', rdSum, () =>
      batchedInsert(
        db,
        'readings',
        rdCols,
        splitReadings().map(
          (r) => sql`(${r.sectionId}, ${r.time}, ${r.ph}, ${r.do}, ${r.codmn}, ${r.nh3n}, ${r.tp}, true, ${r.cls})`,
        ),
      ),
    );
    const copyR = await measure(db, 'COPY', 'readings', rdSum, () =>
      copyCsv(
        db,
        'readings',
        rdCols,
        splitReadings()
          .map((r) => `${r.sectionId},${r.time},${r.ph},${r.do},${r.codmn},${r.nh3n},${r.tp},true,${r.cls ?? ''}`)
          .join('\n'),
      ),
    );
    rows.push(
      importRow(
        'readings',
        counts.readings,
        [oursR, batchedR, copyR],
        'ours: the whole pipeline (parse, validate, per-sample water class, write); baselines: split the same CSV, the same water class, write only',
      ),
    );
    return rows;
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
