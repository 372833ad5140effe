/**
 * The benchmarks: `npm run bench` runs every figure, `npm run bench -- --only <figure>` one
 * (or several, comma-separated). Figures are printed and written to bench-results.json.
 */
import { parseArgs } from 'node:util';
import { cardSheetPdfMs } from './bench/card-sheet';
import { catalogSearchP95Ms } from './bench/catalog-search';
import { checkoutCycleRatio } from './bench/checkout-cycle';
import { coldStartMs } from './bench/cold-start';
import { demoLoadMs } from './bench/demo-load';
import { marcImportRecordsPerS } from './bench/marc-import';
import { patronSearchP95Ms } from './bench/patron-search';
import { receiptToPrinterP95Ms } from './bench/receipt';
import { resultsFile, writeResults } from './bench/results';
import { scanToStatusP95Ms } from './bench/scan-to-status';
import { serialScanToStatusP95Ms } from './bench/serial-scan';
import { hubIngestEventsPerS, syncPush100kS } from './bench/sync-push';
import { syncPull200kS } from './bench/sync-pull';
import type { Figure, RecordedFigure } from './bench/types';

const figures: Figure[] = [
  checkoutCycleRatio,
  demoLoadMs,
  coldStartMs,
  scanToStatusP95Ms,
  cardSheetPdfMs,
  patronSearchP95Ms,
  receiptToPrinterP95Ms,
  serialScanToStatusP95Ms,
  catalogSearchP95Ms,
  marcImportRecordsPerS,
  syncPush100kS,
  hubIngestEventsPerS,
  syncPull200kS,
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } }, strict: true });
  const only = values.only
    ?.flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const unknown = (only ?? []).filter((name) => !figures.some((f) => f.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown figure(s): ${unknown.join(', ')}. Known: ${figures.map((f) => f.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = only ? figures.filter((f) => only.includes(f.name)) : figures;

  const recorded: Record<string, RecordedFigure> = {};
  const failed: string[] = [];
  for (const figure of selected) {
    console.log(`\n▶ ${figure.name} (target ${figure.target} ${figure.unit})`);
    const started = performance.now();
    try {
      const result = await figure.run((line) => console.log(`  ${line}`));
      for (const line of result.details) console.log(`  ${line}`);
      const verdict = figure.meets(result.value) ? 'meets the target' : 'MISSES the target';
      console.log(`  = ${result.value} ${figure.unit} (target ${figure.target}): ${verdict}`);
      recorded[figure.name] = { value: result.value, unit: figure.unit, target: figure.target };
    } catch (error) {
      failed.push(figure.name);
      console.error(`  ✕ could not measure: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  writeResults(recorded, only !== undefined);
  console.log(`\n${Object.keys(recorded).length} figure(s) written to ${resultsFile}`);
  if (failed.length > 0) {
    console.error(`Not measured: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
