// Links of the OGC documents, and the self/next/prev links of a page of features
// (Part 1 /req/core/fc-links, /rec/core/fc-next-1). Hrefs are absolute.
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export const link = (href: string, rel: string, type?: string, title?: string): Link => ({
  href,
  rel,
  ...(type ? { type } : {}),
  ...(title ? { title } : {}),
});

const geoJson = 'application/geo+json';

export interface PageLinkInput {
  /** Absolute URL of the items resource, without a query. */
  itemsUrl: string;
  /** The request's other parameters, carried over to every page. */
  query: Record<string, string>;
  limit: number;
  offset: number;
  returned: number;
  matched: number;
}

/** `self`; `next` while features remain after this page; `prev` after the first page. */
export function pageLinks(p: PageLinkInput): Link[] {
  const at = (offset: number) => {
    const query = new URLSearchParams({ limit: String(p.limit) });
    if (offset > 0) query.set('offset', String(offset));
    for (const [name, value] of Object.entries(p.query)) query.set(name, value);
    return `${p.itemsUrl}?${query.toString()}`;
  };
  const links = [link(at(p.offset), 'self', geoJson, 'this page')];
  if (p.offset + p.returned < p.matched) {
    links.push(link(at(p.offset + p.returned), 'next', geoJson, 'next page'));
  }
  if (p.offset > 0) {
    links.push(link(at(Math.max(0, p.offset - p.limit)), 'prev', geoJson, 'previous page'));
  }
  return links;
}
