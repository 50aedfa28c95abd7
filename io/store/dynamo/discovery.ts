/** Discovered sources on the table: SOURCE#<id> / DISCOVERY, listed on byTime LIST#DISCOVERED. */
import type { Source } from '#parsers/sources.ts';
import type { DiscoveryStore } from '#core/ports/store.ts';
import { keys, LISTS } from '../keys.ts';
import { listed, type Item, type Table } from './table.ts';

const discoveryItem = (source: Source): Item => ({ ...keys.discovery(source.id), type: 'discovery', gsi1pk: LISTS.discovered, gsi1sk: source.id, source });

export function dynamoDiscovery(table: Table): DiscoveryStore {
  return {
    putDiscoveredSource: async (source) => table.putIf(discoveryItem(source), 'attribute_not_exists(PK)'),
    updateDiscoveredSource: async (source) => table.put(discoveryItem(source)),
    listDiscoveredSources: async () => (await listed(table, LISTS.discovered)).map((item) => item.source as Source),
  };
}
