import { useI18n } from '../i18n/use-i18n';
import { LAYER_IDS } from '../state/view-state';
import { GridLevelSelect } from './GridLevelSelect';
import { LayerRow } from './LayerRow';

/** Layers and their legends in one list: what is switched on is exactly what the legend shows. */
export function LayerPanel() {
  const { t } = useI18n();
  return (
    <section className="card layer-panel" aria-labelledby="layers-title" data-testid="legend">
      <h2 id="layers-title" className="card-title">
        {t('layers.title')}
      </h2>
      <ul className="layer-list">
        {LAYER_IDS.map((id) => (
          <LayerRow key={id} layer={id}>
            {id === 'grids' && <GridLevelSelect />}
          </LayerRow>
        ))}
      </ul>
    </section>
  );
}
