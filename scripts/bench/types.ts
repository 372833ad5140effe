/** One benchmark figure: how it is named in bench-results.json, and how it is measured. */
export interface FigureResult {
  value: number;
  /** Readable lines printed under the figure (rates, percentiles, sizes). */
  details: string[];
}

export interface Figure {
  name: string;
  unit: string;
  /** As written in bench-results.json, e.g. "≥ 0.5". */
  target: string;
  /** Whether a value meets the target, for the printed verdict. */
  meets(value: number): boolean;
  run(log: (line: string) => void): Promise<FigureResult>;
}

export interface RecordedFigure {
  value: number;
  unit: string;
  target: string;
}
