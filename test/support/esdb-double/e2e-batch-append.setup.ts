import { selectEsdbDouble } from './e2e-selection.js';

// Setup file of the jest project that runs the e2e suites on the double as a server ≥ 21.10.
selectEsdbDouble('batch-append');
