/** The channel commands' option readers, light enough for the command line to load before any command runs. */
import { CHANNEL_KINDS, type ChannelKind } from '#core/domain/channels.ts';

/** The kind as --kind takes it, refused in one line naming the kinds (commander's own refusal prints the help too). */
export function parseKind(text: string): ChannelKind {
  if (!(CHANNEL_KINDS as readonly string[]).includes(text)) throw new Error(`--kind "${text}" is not a channel kind: write ${CHANNEL_KINDS.join(', ')}`);
  return text as ChannelKind;
}

/** "JST,AMED", or the option repeated, as one list. */
export const listValue = (text: string, previous: string[] = []): string[] => [...previous, ...text.split(',').map((v) => v.trim()).filter(Boolean)];
