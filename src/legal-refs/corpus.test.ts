import { corpusSuite } from '../engine/corpus.js';

corpusSuite('legal references corpus', 'legal-refs', 'legalRefs', ['docType', 'number', 'issuer', 'date', 'subject']);
