/**
 * The map as a PNG for reports: the MapLibre canvas and the deck.gl canvas (both keep their
 * drawing buffer) composited on an offscreen canvas under a title band, with a legend of what
 * is drawn, the "演示数据" mark when the data are generated, and a footer with date and source.
 */
import { SYMBOLS } from '../map/enterprise-symbols';
import {
  BASEMAP,
  FLOW_COLOUR,
  HOTSPOT_BINS,
  HOTSPOT_COLOURS,
  NO_DATA_COLOUR,
  WATER_CLASS_COLOURS,
  WATER_CLASS_LABELS,
  WATER_CLASSES,
} from '../map/palette';
import type { Layers } from '../state/view-state';
import { downloadBlob } from '../table/csv';
import { withPngText } from './png-text';

export type SnapshotText = {
  title: string;
  subtitle: string;
  footer: string;
  demo: string | null;
  legendTitle: string;
  codes: { colour: 'red' | 'yellow' | 'green'; label: string; meaning: string }[];
  sectionsLabel: string;
  noData: string;
  parks: string;
  rivers: string;
  counties: string;
  towns: string;
  grids: string;
  flowAssessed: string;
  flowProjected: string;
  hotspotsLabel: string;
  hotspotBins: Record<(typeof HOTSPOT_BINS)[number], string>;
};

/** The composed picture and what its legend lists, line by line (also written into the PNG). */
export type Snapshot = { canvas: HTMLCanvasElement; legend: string[] };

type Chip = { colour: string; label: string; darkText?: boolean };

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** Draws every canvas of the map container at its on-screen position, scaled to `scale`. */
function drawMapCanvases(ctx: CanvasRenderingContext2D, container: HTMLElement, top: number, scale: number) {
  const box = container.getBoundingClientRect();
  for (const c of Array.from(container.querySelectorAll('canvas'))) {
    const r = c.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || c.width === 0 || c.height === 0) continue;
    ctx.drawImage(
      c,
      0,
      0,
      c.width,
      c.height,
      (r.left - box.left) * scale,
      top + (r.top - box.top) * scale,
      r.width * scale,
      r.height * scale,
    );
  }
}

/**
 * Every layer that is on gets its legend: the codes, flows (settled solid, projected dashed),
 * parks, rivers and borders as rows, hotspot bins and water classes as rows of chips.
 */
export function composeMapImage(container: HTMLElement, layers: Layers, text: SnapshotText): Snapshot {
  const box = container.getBoundingClientRect();
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const u = scale; // one CSS pixel in output pixels
  const headerH = 64 * u;
  const footerH = 30 * u;
  const out = document.createElement('canvas');
  out.width = Math.round(box.width * scale);
  out.height = Math.round(box.height * scale + headerH + footerH);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');

  ctx.fillStyle = BASEMAP.background;
  ctx.fillRect(0, 0, out.width, out.height);
  drawMapCanvases(ctx, container, headerH, scale);

  // Title band.
  const grad = ctx.createLinearGradient(0, 0, 0, headerH);
  grad.addColorStop(0, '#0d1a2e');
  grad.addColorStop(1, '#0a1424');
  ctx.fillStyle = grad;
  ctx.fillRect(0, 0, out.width, headerH);
  ctx.fillStyle = '#38bdf8';
  ctx.fillRect(0, headerH - 2 * u, out.width, 2 * u);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#e8eef7';
  ctx.font = `700 ${24 * u}px ${FONT}`;
  ctx.fillText(text.title, 20 * u, 32 * u);
  ctx.fillStyle = '#a6b5ca';
  ctx.font = `${14 * u}px ${FONT}`;
  ctx.fillText(text.subtitle, 20 * u, 53 * u);
  if (text.demo) {
    ctx.font = `700 ${15 * u}px ${FONT}`;
    const w = ctx.measureText(text.demo).width + 24 * u;
    const x = out.width - w - 20 * u;
    ctx.fillStyle = '#fbbf24';
    roundRect(ctx, x, 18 * u, w, 28 * u, 14 * u);
    ctx.fill();
    ctx.fillStyle = '#1a1200';
    ctx.fillText(text.demo, x + 12 * u, 38 * u);
    // Also across the map, faint, so a cropped picture still says so.
    ctx.save();
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = '#ffffff';
    ctx.font = `800 ${72 * u}px ${FONT}`;
    ctx.translate(out.width / 2, headerH + (box.height * scale) / 2);
    ctx.rotate(-Math.PI / 9);
    ctx.textAlign = 'center';
    ctx.fillText(text.demo, 0, 0);
    ctx.restore();
  }

  // Legend, bottom-left over the map (a little larger than screen size: it must read in print).
  const lu = u * 1.25;
  type Entry = { draw: (x: number, y: number) => void; label: string; note?: string };
  const entries: Entry[] = [];
  if (layers.enterprises.on) {
    for (const c of text.codes) {
      const s = SYMBOLS[c.colour];
      entries.push({
        label: c.label,
        note: c.meaning,
        draw: (x, y) => {
          const size = 16 * lu;
          ctx.save();
          ctx.translate(x, y - size / 2);
          ctx.scale(size / 64, size / 64);
          const p = new Path2D(s.path);
          ctx.fillStyle = s.fill;
          ctx.fill(p);
          ctx.strokeStyle = s.stroke;
          ctx.lineWidth = s.strokeWidth;
          ctx.lineJoin = 'round';
          ctx.stroke(p);
          ctx.restore();
        },
      });
    }
  }
  const swatchLine =
    (colour: string, dashed = false) =>
    (x: number, y: number) => {
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 3 * lu;
      if (dashed) ctx.setLineDash([4 * lu, 3 * lu]);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 16 * lu, y);
      ctx.stroke();
      ctx.restore();
    };
  if (layers.parks.on)
    entries.push({
      label: text.parks,
      draw: (x, y) => {
        ctx.fillStyle = `${BASEMAP.parkFill}55`;
        ctx.strokeStyle = BASEMAP.parkLine;
        ctx.lineWidth = 1.5 * lu;
        ctx.fillRect(x, y - 6 * lu, 16 * lu, 12 * lu);
        ctx.strokeRect(x, y - 6 * lu, 16 * lu, 12 * lu);
      },
    });
  if (layers.flows.on) {
    entries.push({ label: text.flowAssessed, draw: swatchLine(FLOW_COLOUR) });
    entries.push({ label: text.flowProjected, draw: swatchLine(FLOW_COLOUR, true) });
  }
  if (layers.rivers.on) entries.push({ label: text.rivers, draw: swatchLine(BASEMAP.river) });
  if (layers.counties.on) entries.push({ label: text.counties, draw: swatchLine(BASEMAP.countyLine) });
  if (layers.towns.on) entries.push({ label: text.towns, draw: swatchLine(BASEMAP.townLine, true) });
  if (layers.grids.on) entries.push({ label: text.grids, draw: swatchLine(BASEMAP.grid, true) });

  const rowH = 22 * lu;
  const pad = 12 * lu;
  const chipW = 26 * lu;
  const chipRows: { label: string; chips: Chip[] }[] = [];
  if (layers.hotspots.on)
    chipRows.push({
      label: text.hotspotsLabel,
      chips: HOTSPOT_BINS.map((b) => ({
        colour: HOTSPOT_COLOURS[b],
        label: text.hotspotBins[b],
        darkText: !b.endsWith('99'),
      })),
    });
  if (layers.sections.on)
    chipRows.push({
      label: text.sectionsLabel,
      chips: [
        ...WATER_CLASSES.map((c) => ({ colour: WATER_CLASS_COLOURS[c], label: WATER_CLASS_LABELS[c], darkText: true })),
        { colour: NO_DATA_COLOUR, label: text.noData },
      ],
    });
  ctx.font = `700 ${11 * lu}px ${FONT}`;
  const chipWidth = (c: Chip) => Math.max(chipW, ctx.measureText(c.label).width + 8 * lu);
  const rowWidth = (r: (typeof chipRows)[number]) => r.chips.reduce((w, c) => w + chipWidth(c) + 3 * lu, 0);
  const legendW = Math.max(230 * lu, ...chipRows.map((r) => rowWidth(r) + 2 * pad));
  const legendH = pad * 2 + 22 * lu + entries.length * rowH + chipRows.length * 44 * lu;
  if (entries.length || chipRows.length) {
    const lx = 16 * lu;
    const ly = headerH + box.height * scale - legendH - 16 * lu;
    ctx.fillStyle = 'rgba(10, 18, 32, 0.92)';
    roundRect(ctx, lx, ly, legendW, legendH, 8 * lu);
    ctx.fill();
    ctx.strokeStyle = 'rgba(148, 163, 184, 0.35)';
    ctx.lineWidth = 1 * lu;
    ctx.stroke();
    ctx.fillStyle = '#e8eef7';
    ctx.font = `700 ${14 * lu}px ${FONT}`;
    ctx.fillText(text.legendTitle, lx + pad, ly + pad + 12 * lu);
    let y = ly + pad + 22 * lu + rowH / 2;
    for (const e of entries) {
      e.draw(lx + pad, y);
      ctx.fillStyle = '#e8eef7';
      ctx.font = `700 ${13 * lu}px ${FONT}`;
      ctx.textBaseline = 'middle';
      ctx.fillText(e.label, lx + pad + 26 * lu, y);
      if (e.note) {
        const w = ctx.measureText(e.label).width;
        ctx.fillStyle = '#a6b5ca';
        ctx.font = `${12 * lu}px ${FONT}`;
        ctx.fillText(e.note, lx + pad + 34 * lu + w, y);
      }
      ctx.textBaseline = 'alphabetic';
      y += rowH;
    }
    for (const row of chipRows) {
      ctx.fillStyle = '#a6b5ca';
      ctx.font = `${12 * lu}px ${FONT}`;
      ctx.fillText(row.label, lx + pad, y + 2 * lu);
      const cy = y + 10 * lu;
      let cx = lx + pad;
      for (const chip of row.chips) {
        ctx.font = `700 ${11 * lu}px ${FONT}`;
        const w = chipWidth(chip);
        ctx.fillStyle = chip.colour;
        roundRect(ctx, cx, cy, w, 18 * lu, 3 * lu);
        ctx.fill();
        ctx.fillStyle = chip.darkText ? '#08111f' : '#ffffff';
        ctx.textAlign = 'center';
        ctx.fillText(chip.label, cx + w / 2, cy + 13 * lu);
        ctx.textAlign = 'left';
        cx += w + 3 * lu;
      }
      y += 44 * lu;
    }
  }

  // Footer.
  const fy = headerH + box.height * scale;
  ctx.fillStyle = '#0a1424';
  ctx.fillRect(0, fy, out.width, footerH);
  ctx.fillStyle = '#a6b5ca';
  ctx.font = `${12 * u}px ${FONT}`;
  ctx.fillText(text.footer, 20 * u, fy + 20 * u);
  const legend = [
    ...entries.map((e) => (e.note ? `${e.label} ${e.note}` : e.label)),
    ...chipRows.map((r) => `${r.label}: ${r.chips.map((c) => c.label).join(' / ')}`),
  ];
  return { canvas: out, legend };
}

/** Saves the canvas as a PNG whose iTXt chunks carry `text` (title, legend). */
export function downloadCanvas(
  canvas: HTMLCanvasElement,
  fileName: string,
  text: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(async (encoded) => {
      if (!encoded) {
        reject(new Error('PNG encoding failed'));
        return;
      }
      const png = withPngText(new Uint8Array(await encoded.arrayBuffer()), text);
      const blob = new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
      downloadBlob(blob, fileName);
      resolve();
    }, 'image/png');
  });
}
