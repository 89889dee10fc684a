/**
 * Scene (d), over the map: the basin chain 开化 → 常山 → 柯城 (衢州市区) ← 江山, → 衢江 → 龙游
 * as a schematic. A blue band is the river (upstream to downstream); gold arrows are the money
 * (payer to payee), dashed while the year is still a projection; each county shows its net
 * settlement. With a county in focus, the edges that do not touch it recede.
 */
import { memo } from 'react';
import type { Compensation } from '../api/get-compensation';
import { type BasinEdge, countyNets, STATUS_TEXT } from './basin-model';
import { PAYMENT_COLOUR, SETTLEMENT_COLOURS } from './hotspot-palette';
import { fmtClass, fmtIsoDate, fmtMoney } from './screen-format';
import { SCREEN_LANG, st } from './screen-text';

type Props = { compensation: Compensation | undefined; edges: BasinEdge[]; focus: string | null };

const R = 74;
const Y = 330;
/** Schematic positions, roughly following the geography (west → east, 江山 to the south). */
const NODES: Record<string, { x: number; y: number; sub?: string }> = {
  '330824': { x: 125, y: Y },
  '330822': { x: 372, y: Y },
  '330802': { x: 620, y: Y, sub: st('screen.basin.cityProper') },
  '330803': { x: 868, y: Y },
  '330825': { x: 1115, y: Y },
  '330881': { x: 620, y: 690 },
};
const RIVER = '#2f7fd8';

export const BasinSchematic = memo(function BasinSchematic({ compensation, edges, focus }: Props) {
  const nets = countyNets(compensation);
  const net = new Map(nets.rows.map((s) => [s.countyCode, s]));
  const names = new Map<string, string>();
  for (const e of edges) {
    names.set(e.from, e.fromName);
    names.set(e.to, e.toName);
  }
  const drawable = edges.filter((e) => NODES[e.from] && NODES[e.to]);
  const dim = (codes: string[]) => (focus && !codes.includes(focus) ? 0.32 : 1);
  const projected = edges.some((e) => e.status === 'projected');

  return (
    <div className="s-basin" data-testid="basin-schematic">
      <div className="s-basin-head">
        <h2>{st('screen.basin.title', { year: compensation?.year ?? '' })}</h2>
        {compensation && projected && (
          <span className="s-tag s-tag--projected">
            {st('screen.basin.projectedNote', { date: fmtIsoDate(compensation.asOf) })}
          </span>
        )}
      </div>
      <svg
        className="s-basin-svg"
        viewBox="0 0 1240 900"
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={st('screen.basin.schematic')}
      >
        <defs>
          <marker
            id="s-pay-head"
            viewBox="0 0 10 10"
            refX="6"
            refY="5"
            markerWidth="3.2"
            markerHeight="3.2"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={PAYMENT_COLOUR} />
          </marker>
          <marker
            id="s-flow-head"
            viewBox="0 0 10 10"
            refX="5"
            refY="5"
            markerWidth="2.4"
            markerHeight="2.4"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#8cc4ff" />
          </marker>
        </defs>

        {/* The river: one band through the chain, plus the 江山港 branch. */}
        {drawable.map((e) => {
          const a = NODES[e.from];
          const b = NODES[e.to];
          return (
            <line
              key={`river-${e.id}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke={RIVER}
              strokeOpacity={0.45 * dim([e.from, e.to])}
              strokeWidth={34}
              strokeLinecap="round"
            />
          );
        })}

        {drawable.map((e) => (
          <EdgeDetail key={e.id} e={e} opacity={dim([e.from, e.to])} />
        ))}

        {Object.entries(NODES).map(([code, n]) => {
          const s = net.get(code);
          const value = s?.value ?? 0;
          const colour =
            value > 0 ? SETTLEMENT_COLOURS.receives : value < 0 ? SETTLEMENT_COLOURS.pays : SETTLEMENT_COLOURS.even;
          const focused = focus === code;
          return (
            <g key={code} opacity={dim([code])} data-county={code}>
              <circle cx={n.x} cy={n.y} r={R} fill="#0b1526" stroke={colour} strokeWidth={focused ? 9 : 5} />
              <circle cx={n.x} cy={n.y} r={R - 10} fill={colour} fillOpacity={0.16} />
              <text x={n.x} y={n.sub ? n.y - 16 : n.y - 6} className="s-node-name" textAnchor="middle">
                {s?.name ?? names.get(code) ?? code}
              </text>
              {n.sub && (
                <text x={n.x} y={n.y + 10} className="s-node-sub" textAnchor="middle">
                  {n.sub}
                </text>
              )}
              <text x={n.x} y={n.sub ? n.y + 42 : n.y + 32} className="s-node-net" textAnchor="middle" fill={colour}>
                {s ? `${nets.projected ? st('screen.basin.projectedPrefix') : ''}${fmtMoney(value, true)}` : '—'}
              </text>
            </g>
          );
        })}

        <g className="s-basin-legend" transform="translate(40 800)">
          <line
            x1={0}
            y1={0}
            x2={56}
            y2={0}
            stroke={RIVER}
            strokeOpacity={0.6}
            strokeWidth={20}
            strokeLinecap="round"
          />
          <text x={76} y={8}>
            {st('screen.basin.legendRiver')}
          </text>
          <line x1={330} y1={0} x2={392} y2={0} stroke={PAYMENT_COLOUR} strokeWidth={7} markerEnd="url(#s-pay-head)" />
          <text x={414} y={8}>
            {st('screen.basin.legendFlow')}
          </text>
          <line
            x1={610}
            y1={0}
            x2={672}
            y2={0}
            stroke={PAYMENT_COLOUR}
            strokeWidth={7}
            strokeDasharray="12 9"
            markerEnd="url(#s-pay-head)"
          />
          <text x={694} y={8}>
            {st('screen.basin.legendProjected')}
          </text>
          <circle
            cx={858}
            cy={0}
            r={14}
            fill={SETTLEMENT_COLOURS.receives}
            fillOpacity={0.35}
            stroke={SETTLEMENT_COLOURS.receives}
            strokeWidth={4}
          />
          <text x={884} y={8}>
            {st('screen.basin.legendIn')}
          </text>
          <circle
            cx={1004}
            cy={0}
            r={14}
            fill={SETTLEMENT_COLOURS.pays}
            fillOpacity={0.35}
            stroke={SETTLEMENT_COLOURS.pays}
            strokeWidth={4}
          />
          <text x={1030} y={8}>
            {st('screen.basin.legendOut')}
          </text>
        </g>
      </svg>
    </div>
  );
});

/** One agreement: the money arrow on the river band and its card (section, P, class, amount). */
function EdgeDetail({ e, opacity }: { e: BasinEdge; opacity: number }) {
  const a = NODES[e.from];
  const b = NODES[e.to];
  const vertical = a.x === b.x;
  const payer = e.payer ? NODES[e.payer.code] : null;
  const payee = e.payee ? NODES[e.payee.code] : null;
  const dashed = e.status === 'projected' ? '14 10' : undefined;
  // The arrow runs between the two circles, from the payer to the payee.
  const arrow =
    payer && payee
      ? vertical
        ? {
            x1: a.x,
            y1: payer.y + Math.sign(payee.y - payer.y) * (R + 14),
            x2: a.x,
            y2: payee.y - Math.sign(payee.y - payer.y) * (R + 22),
          }
        : {
            x1: payer.x + Math.sign(payee.x - payer.x) * (R + 14),
            y1: a.y,
            x2: payee.x - Math.sign(payee.x - payer.x) * (R + 22),
            y2: a.y,
          }
      : null;
  const cx = vertical ? a.x + 162 : (a.x + b.x) / 2;
  const top = vertical ? (a.y + b.y) / 2 - 40 : 70;
  return (
    <g opacity={opacity} data-agreement={e.id}>
      {arrow && (
        <line
          {...arrow}
          stroke={PAYMENT_COLOUR}
          strokeWidth={8}
          strokeDasharray={dashed}
          markerEnd="url(#s-pay-head)"
        />
      )}
      <g className="s-edge-card">
        <rect x={cx - 116} y={top} width={232} height={156} rx={12} />
        <text x={cx} y={top + 30} className="s-edge-section" textAnchor="middle">
          {shortName(e.section)}
        </text>
        <text x={cx} y={top + 66} className="s-edge-p" textAnchor="middle">
          {e.P === null ? 'P —' : `P ${e.P.toFixed(3)}`} · {fmtClass(e.waterClass)}
        </text>
        {e.payer && e.payee ? (
          <>
            <text x={cx} y={top + 100} className="s-edge-who" textAnchor="middle">
              {shortName(e.payer.name)} → {shortName(e.payee.name)}
            </text>
            <text x={cx} y={top + 138} className="s-edge-amount" textAnchor="middle">
              {fmtMoney(e.amount)}
              <tspan className="s-edge-status"> {STATUS_TEXT[e.status]}</tspan>
            </text>
          </>
        ) : (
          <text x={cx} y={top + 118} className="s-edge-who" textAnchor="middle">
            {st(e.status === 'not_in_force' ? 'screen.basin.notAssessed' : 'screen.basin.notSettled', {
              status: STATUS_TEXT[e.status],
            })}
          </text>
        )}
      </g>
      {!vertical && (
        <line x1={cx} y1={top + 156} x2={cx} y2={a.y - 22} stroke="#5b7090" strokeWidth={2} strokeDasharray="4 5" />
      )}
    </g>
  );
}

/** English names are long for a 232-unit card: "Kaihua County" → "Kaihua", "… Hand-over Section" → "…". */
function shortName(name: string) {
  return SCREEN_LANG === 'en' ? name.replace(/ (County|District|City|Hand-over Section)\b/g, '') : name;
}
