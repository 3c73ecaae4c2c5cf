/** The shared value-layer words of data/values.yaml and data/cues.yaml, loaded once. */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';

const wordList = z.array(z.string().min(1)).min(1);

export const valuesSchema = z.object({
  number_words: z.record(z.string(), z.number().int().positive()),
  scales: z.record(z.string(), z.number().positive()),
  units: z.object({
    percent: wordList,
    VND: wordList,
    USD: wordList,
    visits: wordList,
    projects: wordList,
    ha: wordList,
    count: wordList,
  }),
  quarters: z.record(z.string(), z.number().int().min(1).max(4)),
  words: z.object({
    year: wordList,
    month: wordList,
    day: wordList,
    quarter: wordList,
    first: wordList,
    half_year: wordList,
    span: wordList,
    until: wordList,
    from: wordList,
    to: wordList,
    same_period: wordList,
    compare: wordList,
    day_parts: wordList,
    at_time: wordList,
  }),
});

export const cuesSchema = z.object({
  status: z.object({ estimate: wordList, target: wordList, actual: wordList }),
  bound: z.object({ approx: wordList, over: wordList, under: wordList }),
  rank: wordList,
  rank_top: wordList,
  national: wordList,
});

export type Unit = keyof z.infer<typeof valuesSchema>['units'];

export const values = (): z.infer<typeof valuesSchema> => loadData('values.yaml', valuesSchema);
export const cues = (): z.infer<typeof cuesSchema> => loadData('cues.yaml', cuesSchema);
