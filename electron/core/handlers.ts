import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract';
import type { Ctx } from './context';
import * as catalog from './services/catalog';
import * as circulation from './services/circulation';
import * as patrons from './services/patrons';
import * as policies from './services/policies';
import * as system from './services/system';

type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: Ctx) => ChannelOutput<C>;
export type Handlers = { [C in Channel]: Handler<C> };

/** One handler per contract channel; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  'system.info': system.info,
  'system.status': system.status,
  'system.setup': system.setup,
  'settings.get': system.getSettings,
  'settings.update': system.updateSettings,
  'patrons.register': patrons.register,
  'patrons.search': patrons.search,
  'patrons.get': patrons.get,
  'patrons.setBlock': patrons.setBlock,
  'catalog.addTitle': catalog.addTitle,
  'catalog.search': catalog.search,
  'catalog.item': catalog.item,
  'circulation.checkout': circulation.checkout,
  'circulation.return': circulation.checkin,
  'circulation.renew': circulation.renew,
  'circulation.loans': circulation.loans,
  'policies.list': policies.list,
  'policies.upsert': policies.upsert,
  'calendar.get': policies.getCalendar,
  'calendar.update': policies.updateCalendar,
};

/** Channels that only read: run without taking the write lock. */
export const readOnlyChannels: ReadonlySet<Channel> = new Set<Channel>([
  'system.info',
  'system.status',
  'settings.get',
  'patrons.search',
  'catalog.search',
  'catalog.item',
  'circulation.loans',
  'policies.list',
  'calendar.get',
]);
