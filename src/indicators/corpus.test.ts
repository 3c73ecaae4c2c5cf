import { corpusSuite } from '../engine/corpus.js';

// A corpus entry lists scored fields; `ranks` may be left out when there are none.
corpusSuite('indicators corpus', 'indicators', 'indicators', ['indicator', 'area', 'value', 'upper', 'unit', 'period', 'status', 'bound', 'ranks'], (e) => ({ ranks: [], ...e }));
