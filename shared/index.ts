export * from './barcode';
export * from './contract';
export * from './domain';
export * from './events';
export * from './patron-record';
export * from './result';
export * from './text';
