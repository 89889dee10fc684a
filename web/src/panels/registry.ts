/**
 * Which component renders the right-hand panel for each kind of selected object. Add a panel
 * by adding one entry here (e.g. `park: ParkPanel` from panels/ParkPanel.tsx); a kind without
 * an entry gets the generic FallbackPanel.
 */
import type { ComponentType } from 'react';
import type { SelectionType } from '../state/view-state';
import { BasinPanel } from './basin/BasinPanel';
import { EnterprisePanel } from './enterprise/EnterprisePanel';
import { ParkPanel } from './park/ParkPanel';
import { SectionPanel } from './section/SectionPanel';

export type DetailPanelProps = { id: number | null };

export const DETAIL_PANELS: Partial<Record<SelectionType, ComponentType<DetailPanelProps>>> = {
  enterprise: EnterprisePanel,
  section: SectionPanel,
  basin: BasinPanel,
  park: ParkPanel,
};
