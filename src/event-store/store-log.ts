/** Where an adapter's log lines go (the application passes its JSON logger). */
export type StoreLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** By default an adapter's lines go nowhere (tests that construct the adapter directly). */
export const SILENT: StoreLog = () => undefined;
