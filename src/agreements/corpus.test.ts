import { corpusSuite } from '../engine/corpus.js';

corpusSuite('agreements corpus', 'agreements', 'agreements', ['parties', 'type', 'signed', 'period']);
