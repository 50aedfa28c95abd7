/** Site adapters (parsers/data/site-templates.json): where the content sits on a known template. */
import templatesData from '../data/site-templates.json' with { type: 'json' };

export interface SiteTemplate { name: string; hosts: string[]; content: string; chrome: string[] }
export const TEMPLATES: SiteTemplate[] = templatesData.templates;

/** The template for a page: the one the registry names, else the one for its host; "none" means the generic rules. */
export function templateFor(url: string, adapter?: string): SiteTemplate | undefined {
  if (adapter === 'none') return undefined;
  if (adapter) return TEMPLATES.find((t) => t.name === adapter);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return TEMPLATES.find((t) => t.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}
