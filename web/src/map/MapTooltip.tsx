import type { Hover } from './hover';
import { ClusterTip } from './tooltip/ClusterTip';
import { EnterpriseTip } from './tooltip/EnterpriseTip';
import { FlowTip } from './tooltip/FlowTip';
import { HotspotTip } from './tooltip/HotspotTip';
import { ParkTip } from './tooltip/ParkTip';
import { SectionTip } from './tooltip/SectionTip';

export function MapTooltip({ hover }: { hover: Hover }) {
  return (
    <div className="map-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} role="tooltip">
      {hover.kind === 'enterprise' && <EnterpriseTip id={hover.id} colour={hover.colour} />}
      {hover.kind === 'cluster' && <ClusterTip green={hover.green} yellow={hover.yellow} red={hover.red} />}
      {hover.kind === 'section' && <SectionTip id={hover.id} />}
      {hover.kind === 'park' && <ParkTip id={hover.id} />}
      {hover.kind === 'flow' && <FlowTip flow={hover.flow} />}
      {hover.kind === 'hotspot' && <HotspotTip bin={hover.bin} count={hover.count} z={hover.z} />}
    </div>
  );
}
