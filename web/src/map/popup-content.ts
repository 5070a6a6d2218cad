// The popup of a parcel clicked on the map: its project, state, system number, area and term
// end, and a link to its page (staff: the record; the public: the published approval).
import type { MapGeoJSONFeature } from 'maplibre-gl';
import { navigate } from '../app/router.tsx';
import { formatNumber } from '../i18n/i18n.tsx';
import { stateLabel } from '../register/labels.ts';

export function popupContent(
  feature: MapGeoJSONFeature,
  canOpen: boolean,
  lang: 'zh' | 'en',
): HTMLElement {
  const p = feature.properties as Record<string, string | number | undefined>;
  const box = document.createElement('div');
  box.className = 'popup';
  const title = document.createElement('strong');
  title.textContent = String(p.projectName ?? '');
  box.append(title);
  const lines = [
    stateLabel(String(p.state ?? ''), lang),
    p.systemNumber ? String(p.systemNumber) : '',
    p.areaMu !== undefined
      ? `${formatNumber(Number(p.areaMu))} ${lang === 'zh' ? '亩' : 'mu'}`
      : '',
    p.termEnd ? `${lang === 'zh' ? '终止日期' : 'term end'} ${String(p.termEnd)}` : '',
  ].filter(Boolean);
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    box.append(div);
  }
  // Staff open the parcel page; the public the published approval's own page.
  if (p.id) {
    const to = canOpen ? `/records/${String(p.id)}` : `/approvals/${String(p.id)}`;
    const link = document.createElement('a');
    link.href = to;
    if (canOpen) link.textContent = lang === 'zh' ? '查看详情 →' : 'Open →';
    else link.textContent = lang === 'zh' ? '查看公示信息 →' : 'Details →';
    link.className = 'popup-open';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(to);
    });
    box.append(link);
  }
  return box;
}
