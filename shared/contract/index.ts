import type { z } from 'zod';
import type { Result } from '../result';
import { cardsChannels } from './cards';
import { catalogChannels } from './catalog';
import { catalogIoChannels } from './catalog-io';
import { categoriesChannels } from './categories';
import { circulationChannels } from './circulation';
import { devicesChannels } from './devices';
import { patronsChannels } from './patrons';
import { printingChannels } from './printing';
import { syncChannels } from './sync';
import { systemChannels } from './system';
import { servicesChannels } from './services';
import { kioskChannels } from './kiosk';
import { a11yChannels } from './a11y';

/**
 * The one contract between the renderer and the desk, in both shells.
 * Every channel is named `domain.action` and takes one object.
 */
export const contract = {
  ...systemChannels,
  ...patronsChannels,
  ...categoriesChannels,
  ...cardsChannels,
  ...catalogChannels,
  ...catalogIoChannels,
  ...circulationChannels,
  ...printingChannels,
  ...devicesChannels,
  ...servicesChannels,
  ...kioskChannels,
  ...a11yChannels,
  ...syncChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

type Domain<C extends string> = C extends `${infer D}.${string}` ? D : never;
type ChannelFn<C extends Channel> = (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** `api.circulation.checkout({ patron, item })`: the contract as the renderer sees it. */
export type DeskApi = {
  [D in Domain<Channel>]: {
    [C in Extract<Channel, `${D}.${string}`> as C extends `${D}.${infer A}` ? A : never]: ChannelFn<C>;
  };
};
