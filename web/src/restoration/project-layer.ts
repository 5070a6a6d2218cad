// Restoration projects on the shell's map: the page's projects as the thematic layer, each
// filled with the colour of its state, a click opening the project; cleared when the page
// goes. With `focus`, the map zooms to them.
import { useEffect, useMemo } from 'react';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { projectStates, stateColours, stateLabel } from './labels.ts';
import type { Project } from './types.ts';

export function useProjectLayer(
  projects: readonly Pick<Project, 'id' | 'name' | 'state' | 'geometry'>[] | null,
  options: { selectedId?: string; focus?: boolean } = {},
): void {
  const { t, lang } = useI18n();
  const { setThematic, setOverlay, focusOn } = useMapControls();
  const data = useMemo<GeoJSON.FeatureCollection | null>(
    () =>
      projects
        ? {
            type: 'FeatureCollection',
            features: projects.map((p) => ({
              type: 'Feature',
              // The API gives a GeoJSON MultiPolygon (typed loosely as a record there).
              geometry: p.geometry as unknown as GeoJSON.Geometry,
              properties: {
                id: p.id,
                name: p.name,
                state: p.state,
                colour: stateColours[p.state] ?? '#00897b',
              },
            })),
          }
        : null,
    [projects],
  );
  const selectedId = options.selectedId ?? null;
  useEffect(() => {
    setOverlay(null);
    if (!data) return;
    setThematic({
      data,
      title: t('restMapLegend'),
      legend: projectStates.map((s) => ({
        label: stateLabel(s, lang),
        colour: stateColours[s] ?? '#00897b',
      })),
      selectedId,
      onClick: (properties) => navigate(`/restoration/projects/${String(properties.id)}`),
    });
  }, [data, selectedId, lang, t, setThematic, setOverlay]);
  useEffect(() => () => setThematic(null), [setThematic]);
  const focus = options.focus ?? false;
  useEffect(() => {
    if (focus && data && data.features.length > 0) focusOn(data);
  }, [focus, data, focusOn]);
}
