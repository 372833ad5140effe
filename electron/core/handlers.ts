import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract';
import type { Ctx } from './context';
import * as catalogIo from './catalog/import/service';
import type { JobCtx } from './job';
import * as cards from './services/cards';
import * as catalog from './services/catalog';
import * as circulation from './services/circulation';
import * as categories from './services/categories';
import * as patrons from './services/patrons';
import * as policies from './services/policies';
import * as privacy from './services/privacy';
import * as printing from './devices/printers/service';
import * as scanners from './devices/scanners/service';
import * as sync from './services/sync';
import * as system from './services/system';
import * as needs from './services/needs';
import * as proxies from './services/proxies';
import * as deliveries from './services/deliveries';
import * as kiosk from './services/kiosk';
import * as speech from './services/speech';
import * as display from './services/display';

type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: Ctx) => ChannelOutput<C>;

/**
 * Channels that produce a document (PDF) answer asynchronously: `gather` reads
 * what the document needs inside the channel's transaction, then `render` runs
 * outside it, so no transaction ever awaits.
 */
export const documentChannels = [
  'cards.pdf',
  'patrons.exportPdf',
  'catalog.labelsPdf',
  'catalog.registerPdf',
  'deliveries.pdf',
  // Not documents, but the same shape: they talk to the sync hub after their transaction.
  'sync.enrol',
  'sync.now',
  'sync.exceptions',
  'sync.resolve',
] as const satisfies readonly Channel[];
export type DocumentChannel = (typeof documentChannels)[number];

export interface DocumentHandler<C extends Channel, G = unknown> {
  gather: (input: ParsedInput<C>, ctx: Ctx) => G;
  render: (gathered: G) => Promise<ChannelOutput<C>>;
}

/** Erase the gathered type once gather and render have been checked against each other. */
export function documentHandler<C extends Channel, G>(handler: DocumentHandler<C, G>): DocumentHandler<C> {
  return handler as unknown as DocumentHandler<C>;
}

/**
 * Channels that run as jobs (job.ts): an async handler that makes its own
 * transactions, in batches, so that a long import leaves the desk responsive.
 */
export const jobChannels = [
  'catalogio.preview',
  'catalogio.import',
  'catalogio.export',
] as const satisfies readonly Channel[];
export type JobChannel = (typeof jobChannels)[number];
export type JobHandler<C extends Channel> = (input: ParsedInput<C>, job: JobCtx) => Promise<ChannelOutput<C>>;

export type Handlers = {
  [C in Channel]: C extends DocumentChannel ? DocumentHandler<C> : C extends JobChannel ? JobHandler<C> : Handler<C>;
};

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
  'patrons.update': patrons.update,
  'patrons.findDuplicates': patrons.findDuplicates,
  'patrons.registeredSince': patrons.registeredSince,
  'patrons.renewCard': patrons.renewCard,
  'patrons.setSensitive': privacy.setSensitive,
  'patrons.exportData': privacy.exportData,
  'patrons.erase': privacy.erase,
  'categories.list': categories.list,
  'categories.upsert': categories.upsert,
  'patrons.exportPdf': cards.exportPdf,
  'cards.pdf': cards.cardsPdf,
  'catalog.addTitle': catalog.addTitle,
  'catalog.search': catalog.search,
  'catalog.item': catalog.item,
  'catalog.getTitle': catalog.getTitle,
  'catalog.saveTitle': catalog.saveTitleChannel,
  'catalog.addCopies': catalog.addCopies,
  'catalog.updateCopy': catalog.updateCopy,
  'catalog.quickAdd': catalog.quickAdd,
  'catalog.incomplete': catalog.incomplete,
  'catalog.nextAccession': catalog.nextAccession,
  'catalog.getAccessionSettings': catalog.getAccessionSettings,
  'catalog.configureAccession': catalog.configureAccession,
  'catalog.labelsPdf': catalog.labelsPdf,
  'catalog.registerPdf': catalog.registerPdf,
  'catalogio.preview': catalogIo.preview,
  'catalogio.import': catalogIo.importFile,
  'catalogio.export': catalogIo.exportCatalogue,
  'circulation.checkout': circulation.checkout,
  'circulation.return': circulation.checkin,
  'circulation.renew': circulation.renew,
  'circulation.loans': circulation.loans,
  'policies.list': policies.list,
  'policies.upsert': policies.upsert,
  'calendar.get': policies.getCalendar,
  'calendar.update': policies.updateCalendar,
  'printing.getConfig': printing.getConfig,
  'printing.configure': printing.configure,
  'printing.queue': printing.queue,
  'printing.reprintLast': printing.reprintLast,
  'printing.printReceipt': printing.printReceipt,
  'printing.testPage': printing.testPage,
  'devices.list': scanners.list,
  'devices.configure': scanners.configure,
  'needs.set': needs.set,
  'needs.policies': needs.policies,
  'needs.setPolicy': needs.setPolicy,
  'proxies.list': proxies.list,
  'proxies.add': proxies.add,
  'proxies.remove': proxies.remove,
  'proxies.actingFor': proxies.actingFor,
  'deliveries.request': deliveries.request,
  'deliveries.list': deliveries.list,
  'deliveries.advance': deliveries.advance,
  'deliveries.pdf': deliveries.roundPdf,
  'kiosk.config': kiosk.config,
  'kiosk.configure': kiosk.configure,
  'kiosk.identify': kiosk.identify,
  'kiosk.loans': kiosk.loans,
  'kiosk.renew': kiosk.renew,
  'kiosk.search': kiosk.search,
  'kiosk.leave': kiosk.leave,
  'speech.status': speech.status,
  'speech.say': speech.say,
  'display.show': display.show,
  'display.current': display.current,
  'sync.status': sync.status,
  'sync.enrol': sync.enrol,
  'sync.now': sync.now,
  'sync.exceptions': sync.exceptions,
  'sync.resolve': sync.resolve,
};

/** Channels that only read: run without taking the write lock. */
export const readOnlyChannels: ReadonlySet<Channel> = new Set<Channel>([
  'system.info',
  'system.status',
  'settings.get',
  'patrons.search',
  'patrons.findDuplicates',
  'patrons.registeredSince',
  'categories.list',
  'catalog.search',
  'catalog.item',
  'catalog.getTitle',
  'catalog.incomplete',
  'catalog.nextAccession',
  'catalog.getAccessionSettings',
  'circulation.loans',
  'policies.list',
  'calendar.get',
  'printing.getConfig',
  'devices.list',
  'printing.queue',
  'needs.policies',
  'proxies.list',
  'proxies.actingFor',
  'deliveries.list',
  'kiosk.config',
  'kiosk.loans',
  'kiosk.search',
  'kiosk.leave',
  'speech.status',
  'speech.say',
  'display.show',
  'display.current',
  'sync.status',
  'sync.exceptions',
]);
