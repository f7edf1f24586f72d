import { selectEsdbDouble } from './e2e-selection.js';

// Setup file of the jest project that runs some e2e suites on the double as an older server (Append only).
selectEsdbDouble('append-only');
