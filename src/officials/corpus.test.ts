import { corpusSuite } from '../engine/corpus.js';

corpusSuite('officials corpus', 'officials', 'officials', ['name', 'province', 'titles']);
