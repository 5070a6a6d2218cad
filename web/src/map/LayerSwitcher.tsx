// The legend's layer switcher: the survey reference layers available to the user (division
// boundaries, on by default, for everyone; land class by 三大类 category and permanent basic
// farmland for government users), each with its swatches.
import { useI18n } from '../i18n/i18n.tsx';
import './map.css';
import {
  boundaryColour,
  farmlandColour,
  ownBoundaryColour,
  landClassColours,
  otherLandClassColour,
  referenceMinZoom,
  type ReferenceLayerId,
} from './reference-layers.ts';

export function LayerSwitcher(props: {
  available: readonly ReferenceLayerId[];
  /** The user's division (its boundary is drawn stronger); null for the public. */
  ownDivision: string | null;
  shown: ReadonlySet<ReferenceLayerId>;
  onToggle: (layer: ReferenceLayerId, on: boolean) => void;
  zoom: number;
}) {
  const { t } = useI18n();
  const has = (layer: ReferenceLayerId) => props.available.includes(layer);
  const box = (layer: ReferenceLayerId, label: string) => (
    <label className="layer-toggle">
      <input
        type="checkbox"
        data-testid={`layer-${layer}`}
        checked={props.shown.has(layer)}
        onChange={(e) => props.onToggle(layer, e.target.checked)}
      />{' '}
      {label}
    </label>
  );
  return (
    <div className="layer-switcher" data-testid="layer-switcher">
      <strong>{t('referenceLayers')}</strong>
      {box('division', t('divisionBoundaryLayer'))}
      {props.shown.has('division') ? (
        <div className="layer-swatches">
          {props.ownDivision ? (
            <div>
              <span className="swatch-line strong" style={{ borderColor: ownBoundaryColour }} />
              {t('ownDivisionBoundary')}
            </div>
          ) : null}
          <div>
            <span className="swatch-line" style={{ borderColor: boundaryColour }} />
            {t(props.ownDivision ? 'otherDivisionBoundary' : 'allDivisionBoundaries')}
          </div>
        </div>
      ) : null}
      {has('land_class') ? box('land_class', t('landClassLayer')) : null}
      {has('land_class') && props.shown.has('land_class') ? (
        <div className="layer-swatches">
          {Object.entries(landClassColours).map(([category, colour]) => (
            <div key={category}>
              <span className="swatch" style={{ background: colour }} />
              {t(`category_${category}` as 'category_agricultural')}
            </div>
          ))}
          <div>
            <span className="swatch" style={{ background: otherLandClassColour }} />
            {t('category_other')}
          </div>
        </div>
      ) : null}
      {has('farmland') ? box('farmland', t('farmlandLayer')) : null}
      {has('farmland') && props.shown.has('farmland') ? (
        <div className="layer-swatches">
          <span className="swatch" style={{ background: farmlandColour }} />
          {t('farmlandLayer')}
        </div>
      ) : null}
      {((has('land_class') && props.shown.has('land_class')) ||
        (has('farmland') && props.shown.has('farmland'))) &&
      props.zoom < referenceMinZoom ? (
        <p className="muted small" data-testid="layer-zoom-hint">
          {t('zoomInForLayers')}
        </p>
      ) : null}
    </div>
  );
}
