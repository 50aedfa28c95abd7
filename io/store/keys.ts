/** Item keys of the single-table design (io/store/table-design.ts draws the whole picture). */
const pad = (n: number): string => String(n).padStart(10, '0');

export const keys = {
  state: (sourceId: string) => ({ PK: `SOURCE#${sourceId}`, SK: 'STATE' }),
  discovery: (sourceId: string) => ({ PK: `SOURCE#${sourceId}`, SK: 'DISCOVERY' }),
  snapshot: (sourceId: string, version: number) => ({ PK: `SOURCE#${sourceId}`, SK: `SNAP#${pad(version)}` }),
  change: (sourceId: string, toVersion: number, id: string) => ({ PK: `SOURCE#${sourceId}`, SK: `CHANGE#${pad(toVersion)}#${id}` }),
  health: (sourceId: string, at: string, id: string) => ({ PK: `SOURCE#${sourceId}`, SK: `HEALTH#${at}#${id}` }),
  subscriber: (id: string) => ({ PK: `SUB#${id}`, SK: 'PROFILE' }),
  delivery: (subscriberId: string, eventId: string) => ({ PK: `SUB#${subscriberId}`, SK: `DELIVERY#${eventId}` }),
  sendClaim: (subscriberId: string, key: string) => ({ PK: `SUB#${subscriberId}`, SK: `SEND#${key}` }),
  cycleChunk: (cycleId: string, host: string, chunk: number) => ({ PK: `CYCLE#${cycleId}`, SK: `CHUNK#${host}#${pad(chunk)}` }),
  cycleSummary: (cycleId: string) => ({ PK: `CYCLE#${cycleId}`, SK: 'SUMMARY' }),
  /** Under SUB#, with the subscriber items: `key` is a subscriber id or `client#<HMAC>` (ids are s-<hex>, never client#). */
  limitCounter: (key: string, windowStart: string) => ({ PK: `SUB#${key}`, SK: `LIMIT#${windowStart}` }),
} as const;

/** Fixed partitions of the byTime index, so that listing states or subscribers is a Query, not a Scan. */
export const LISTS = { states: 'LIST#STATES', subscribers: 'LIST#SUBSCRIBERS', cycles: 'LIST#CYCLES', discovered: 'LIST#DISCOVERED', pending: 'PENDING' } as const;
